// Issue 13, full disks: a real tmpfs of a few KB (mounted when the tests run as root; otherwise
// the writer's test-only fault hook AFSTEM_TEST_WRITE_FAULT=ENOSPC stands in). One message in
// words per command, the documented exit code, nothing half-written, no lock or temporary file.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, openSync, writeSync, closeSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "../helpers/cli.js";
import { Runner } from "../helpers/line-runner.js";
import { MINI } from "../helpers/pty.js";
import { runInProcessAsync } from "./cases.js";

const tmp = tempDir("afstem-full-");
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) spawnSync("umount", [m]);
  tmp.cleanup();
});
const env = { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache") };
const EXAMPLES = path.join(ROOT, "examples");
let n = 0;

/** A tmpfs of `kb` KB, or undefined when mounting is not allowed here. */
function tmpfs(kb: number): string | undefined {
  const dir = path.join(tmp.dir, `tmpfs-${n++}`);
  mkdirSync(dir);
  if (spawnSync("mount", ["-t", "tmpfs", "-o", `size=${kb}k`, "tmpfs", dir]).status !== 0) return undefined;
  mounts.push(dir);
  return dir;
}

/** Fill a file system to the last byte. */
function fill(dir: string): void {
  const fd = openSync(path.join(dir, "vulsel.bin"), "w");
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    /* ENOSPC: full */
  } finally {
    closeSync(fd);
  }
}

/** A folder where writing fails with ENOSPC: a full tmpfs, else the fault hook. */
function fullDisk(kb = 64, sub?: string): { dir: string; env: Record<string, string> } {
  const dir = tmpfs(kb);
  if (dir) {
    if (sub) mkdirSync(path.join(dir, sub));
    fill(dir);
    return { dir, env };
  }
  const d = path.join(tmp.dir, `hook-${n++}`);
  mkdirSync(d);
  return { dir: d, env: { ...env, AFSTEM_TEST_WRITE_FAULT: "ENOSPC" } };
}

const ours = (dir: string) => readdirSync(dir).filter((f) => f !== "vulsel.bin");
const noTrace = (s: string) => expect(s).not.toMatch(/\n\s+at |interne fout|internal error/);

describe("a full disk", () => {
  it("report: stops at the first ENOSPC with one message in words, exit 2, no temporary files", async () => {
    const disk = fullDisk(64, "verslagen");
    const out = path.join(disk.dir, "verslagen");
    mkdirSync(out, { recursive: true });
    const r = await runInProcessAsync(["report", EXAMPLES, "--out", out], { cwd: tmp.dir, env: disk.env });
    noTrace(r.stderr);
    expect(r.code).toBe(2);
    const msgs = r.stderr.split("\n").filter((l) => l.includes("de schijf is vol"));
    expect(msgs).toEqual([`afstem: kan niet verder schrijven in ${path.relative(tmp.dir, out)}: de schijf is vol (ENOSPC)`]);
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);

  it("report: a disk that fills up halfway: the reports written are whole, one message, no litter", async (ctx) => {
    const dir = tmpfs(40);
    if (!dir) return ctx.skip();
    const r = await runInProcessAsync(["report", EXAMPLES, "--out", dir], { cwd: tmp.dir, env });
    noTrace(r.stderr);
    expect(r.code).toBe(2);
    expect(r.stderr.match(/de schijf is vol/g)).toHaveLength(1);
    const docs = readdirSync(dir);
    expect(docs.every((f) => f.endsWith(".docx"))).toBe(true);
    expect(docs.length).toBeLessThan(6);
    // Every document there is complete: a zip that ends with its central directory.
    for (const f of docs) expect(spawnSync("unzip", ["-tq", path.join(dir, f)]).status ?? 0).toBe(0);
  }, 60_000);

  it("rollup: one message in words, exit 2, nothing in --out, no staging folder left", async () => {
    const disk = fullDisk(64);
    const out = path.join(disk.dir, "rollup");
    const r = await runInProcessAsync(["rollup", EXAMPLES, "--out", out], { cwd: tmp.dir, env: disk.env });
    noTrace(r.stderr);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^afstem: .*de schijf is vol \(ENOSPC\)/);
    expect(r.stderr.trim().split("\n")).toHaveLength(2); // the message and what to do
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    expect(ours(disk.dir).filter((f) => f !== "rollup")).toEqual([]);
  }, 60_000);

  it("rollup, where every write fails (the fault hook, whatever the machine): the same message, no staging folder, no half cache index", async () => {
    const d = path.join(tmp.dir, `hook-${n++}`);
    mkdirSync(d);
    const cache = path.join(d, "cache");
    // The real process: what it leaves behind is what a user finds.
    const r = runCli(["rollup", EXAMPLES, "--out", path.join(d, "rollup")], {
      cwd: tmp.dir,
      env: { ...env, AFSTEM_CACHE_DIR: cache, AFSTEM_TEST_WRITE_FAULT: "ENOSPC" },
    });
    noTrace(r.stderr);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^afstem: .*de schijf is vol \(ENOSPC\)/);
    expect(readdirSync(d).filter((f) => f !== "cache")).toEqual([]);
    const litter = (dir: string): string[] =>
      existsSync(dir)
        ? readdirSync(dir, { recursive: true })
            .map(String)
            .filter((f) => f.includes("afstem-tmp"))
        : [];
    expect(litter(cache)).toEqual([]);
  }, 60_000);

  it("run --answers: one message, exit 2, nothing written", async () => {
    const disk = fullDisk(64);
    const r = await runInProcessAsync(
      ["run", "kernteam", "--answers", path.join(EXAMPLES, "2026-09-15-obs-de-regenboog-kernteam.yaml"), "--out", disk.dir],
      { cwd: tmp.dir, env: disk.env },
    );
    noTrace(r.stderr);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("de schijf is vol (ENOSPC)");
    expect(ours(disk.dir)).toEqual([]);
  }, 60_000);
});

const START = ["De Regenboog", "2026-09-15", "ib,cjg", "Marieke", "Anouk", ""];
const NAME = "2026-09-15-de-regenboog-mini.yaml";

describe("an interactive run on a full disk", () => {
  it("nothing could be saved: the session is shown as text, exit 1 (not 130), no 0-byte lock left", async () => {
    const disk = fullDisk(64);
    const r = new Runner(["run", MINI, "--out", disk.dir], disk.env);
    // The first answer (the school) is the first save: it fails at once.
    r.send(START[0]!);
    await r.until("? Waar zal afstem het gesprek opslaan?");
    expect(r.out).toContain("de schijf is vol (ENOSPC)");
    r.send("");
    await r.until("Kopieer de tekst hierboven naar een .yaml-bestand.");
    expect(await r.end()).toBe(1);
    noTrace(r.err);
    expect(r.out).toContain("Niet opgeslagen op schijf");
    expect(ours(disk.dir)).toEqual([]);
  }, 60_000);

  it("the disk fills up during the conversation; saved elsewhere: the old copy is removed, one conversation has one file", async (ctx) => {
    const dir = tmpfs(64);
    if (!dir) return ctx.skip();
    const elsewhere = path.join(tmp.dir, `elders-${n++}`);
    const r = new Runner(["run", MINI, "--out", dir], env);
    r.send(...START);
    await r.until("[saved 6]");
    expect(readdirSync(dir).sort()).toEqual([NAME, `${NAME}.lock`]);
    fill(dir);
    r.send("ja");
    await r.until("? Waar zal afstem het gesprek opslaan?");
    r.send(elsewhere);
    await r.until("Vanaf nu slaat afstem elk antwoord daar op.");
    r.send(":stop");
    expect(await r.end()).toBe(0);
    noTrace(r.err);
    expect(readdirSync(elsewhere)).toEqual([NAME]);
    expect(ours(dir)).toEqual([]); // the old copy and its lock are gone
  }, 60_000);
});
