// Issue 13, interrupts: real SIGINT / SIGTERM / SIGKILL to real afstem processes in the middle
// of a batch. Every batch command ends with exit 130 and a line saying what was finished,
// leaves no temporary file, and a later run cleans up what a killed (SIGKILL) run left.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, tempDir } from "../helpers/cli.js";
import { TEMP_SUFFIX, tempPathFor } from "../../src/util/writer.js";
import { runInProcessAsync } from "./cases.js";

const tmp = tempDir("afstem-int-");
afterAll(() => tmp.cleanup());
const env = { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache") };
const CORPUS = path.join(tmp.dir, "corpus");

beforeAll(() => {
  const r = spawnSync(process.execPath, [path.join(ROOT, "dist/bench/corpus.js"), "--n", "600", "--out", CORPUS], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
}, 120_000);

const litter = (dir: string): string[] =>
  existsSync(dir)
    ? (readdirSync(dir, { recursive: true }) as string[]).filter(
        (f) => f.endsWith(TEMP_SUFFIX) || f.endsWith(".tmp") || f.endsWith(".spool"),
      )
    : [];

/** Start afstem; `when` is polled until true, then `signal` is sent. */
function interrupted(
  args: string[],
  cwd: string,
  when: () => boolean,
  signal: NodeJS.Signals,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; early: boolean; pid: number }> {
  return new Promise((resolve) => {
    const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ...env, ...extraEnv };
    delete e.AFSTEM_LANG;
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: e });
    let stdout = "";
    let stderr = "";
    let sent = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const poll = setInterval(() => {
      if (!sent && when()) {
        sent = true;
        child.kill(signal);
      }
    }, 20);
    const guard = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("close", (code, sig) => {
      clearInterval(poll);
      clearTimeout(guard);
      resolve({ code, signal: sig, stdout, stderr, early: !sent, pid: child.pid ?? 0 });
    });
  });
}

const staged = (parent: string) => () => existsSync(parent) && readdirSync(parent).some((f) => f.endsWith(TEMP_SUFFIX));
const docs = (out: string) => (existsSync(out) ? readdirSync(out).filter((f) => f.endsWith(".docx")) : []);

describe.each(["SIGINT", "SIGTERM"] as const)("%s", (signal) => {
  it(`rollup: exit 130, says what was done, no temporary files, nothing in --out`, async () => {
    const parent = path.join(tmp.dir, `rollup-${signal}`);
    const out = path.join(parent, "uit");
    // The set is staged in a hidden folder inside --out (made by the run, removed again).
    const r = await interrupted(["rollup", CORPUS, "--out", out], tmp.dir, staged(out), signal);
    expect(r.early).toBe(false);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/Onderbroken: \d+ gesprek\(ken\) gelezen; er is niets geschreven in /);
    expect(readdirSync(parent)).toEqual([]);
  }, 120_000);

  it(`report --jobs 2: exit 130, 'N verslagen geschreven' matches the documents there, no temporary files`, async () => {
    const out = path.join(tmp.dir, `report-${signal}`);
    const r = await interrupted(["report", CORPUS, "--out", out, "--jobs", "2"], tmp.dir, () => docs(out).length >= 3, signal);
    expect(r.early).toBe(false);
    expect(r.code).toBe(130);
    const n = Number(/Onderbroken: (\d+) verslagen geschreven/.exec(r.stderr)?.[1]);
    expect(n).toBeGreaterThanOrEqual(3);
    expect(docs(out).length).toBeGreaterThanOrEqual(n);
    expect(docs(out).length).toBeLessThanOrEqual(n + 2); // a worker may finish one more before it stops
    expect(litter(out)).toEqual([]);
    expect(readdirSync(out).filter((f) => !f.endsWith(".docx"))).toEqual([]);
  }, 120_000);

  it(`validate: exit 130 with how far it got`, async () => {
    // The signal goes once afstem has loaded its formats (its own cache folder appears), not after
    // a fixed time: on a busy machine Node may still be starting after 500 ms, and a Ctrl+C then
    // meets Node's default handler, not afstem's.
    const cache = path.join(tmp.dir, `validate-cache-${signal}`);
    const r = await interrupted(["validate", CORPUS], tmp.dir, () => existsSync(cache) && readdirSync(cache).length > 0, signal, {
      AFSTEM_CACHE_DIR: cache,
    });
    // Finished before the signal arrived (a fast machine): nothing to test here.
    if (r.early || r.stderr.includes("bestanden gecontroleerd:")) return;
    expect(r.code).toBe(130);
    // Before the formats are loaded, or in the middle: a clean line either way.
    expect(r.stderr).toMatch(/Onderbroken: \d+ van 600 bestanden gecontroleerd|Onderbroken voordat er iets gedaan was/);
  }, 120_000);
});

describe("litter of a killed run (SIGKILL)", () => {
  it("rollup: the staging folder a killed run left is removed by the next run", async () => {
    const parent = path.join(tmp.dir, "rollup-kill");
    const out = path.join(parent, "uit");
    const r = await interrupted(["rollup", CORPUS, "--out", out], tmp.dir, staged(out), "SIGKILL");
    expect(r.signal).toBe("SIGKILL");
    expect(readdirSync(out).some((f) => f.endsWith(TEMP_SUFFIX))).toBe(true);
    const again = await runInProcessAsync(["rollup", path.join(ROOT, "examples"), "--out", out], { cwd: tmp.dir, env });
    expect(again.code).toBe(0);
    expect(readdirSync(parent)).toEqual(["uit"]);
    expect(readdirSync(out).filter((f) => f.startsWith("."))).toEqual([]);
    expect(litter(out)).toEqual([]);
  }, 120_000);

  it("report: temporary documents a killed run left are removed by the next run", async () => {
    const out = path.join(tmp.dir, "report-kill");
    const r = await interrupted(["report", CORPUS, "--out", out, "--jobs", "2"], tmp.dir, () => litter(out).length > 0, "SIGKILL");
    expect(r.signal).toBe("SIGKILL");
    // A document's temporary file lives for milliseconds: when it was renamed in the instant
    // before the kill, plant what a killed run leaves — a temporary file of that dead process.
    if (litter(out).length === 0) {
      mkdirSync(out, { recursive: true });
      writeFileSync(tempPathFor(path.join(out, "half.docx")).replace(`.${process.pid}@`, `.${r.pid}@`), "half a document");
    }
    expect(litter(out).length).toBeGreaterThan(0);
    const again = await runInProcessAsync(["report", path.join(ROOT, "examples"), "--out", out, "--force"], { cwd: tmp.dir, env });
    expect(again.code).toBe(0);
    expect(litter(out)).toEqual([]);
  }, 120_000);
});
