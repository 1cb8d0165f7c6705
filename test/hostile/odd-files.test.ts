// Issue 13, only regular files are read: a FIFO among the sessions, a device, a socket, and an
// --out that cannot be created. Each is one located message; nothing hangs or grows.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers/cli.js";
import { runCliAsync, runInProcessAsync } from "./cases.js";
import { readRegularFileSync } from "../../src/yaml/read-text.js";

const tmp = tempDir("afstem-odd-");
const env = { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache") };
const IN = path.join(tmp.dir, "gesprekken");
let server: net.Server | undefined;

beforeAll(async () => {
  mkdirSync(IN);
  cpSync(path.join(ROOT, "examples/2026-09-15-obs-de-regenboog-kernteam.yaml"), path.join(IN, "a.yaml"));
  expect(spawnSync("mkfifo", [path.join(IN, "p.yaml")]).status).toBe(0);
  server = net.createServer();
  await new Promise<void>((r) => server!.listen(path.join(IN, "s.yaml"), r));
});
afterAll(() => {
  server?.close();
  tmp.cleanup();
});

const FIFO =
  "gesprekken/p.yaml:1:1  error  dit is geen gewoon bestand maar een FIFO (named pipe); afstem leest alleen gewone bestanden  (unreadable)";
const SOCKET =
  "gesprekken/s.yaml:1:1  error  dit is geen gewoon bestand maar een socket; afstem leest alleen gewone bestanden  (unreadable)";

describe("odd files in an input folder", () => {
  it("validate: a FIFO and a socket named .yaml are refused by name, no hang", async () => {
    const r = await runCliAsync(["validate", "gesprekken"], { cwd: tmp.dir, env, timeout: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(`${FIFO}\n${SOCKET}\n`);
    expect(r.ms).toBeLessThan(25_000);
  }, 40_000);

  it("rollup (both engines): the FIFO is skipped with one line, the good session is rolled up", async () => {
    for (const engine of ["simple", "workers"]) {
      const r = await runCliAsync(["rollup", "gesprekken", "--out", `uit-${engine}`], {
        cwd: tmp.dir,
        env: { ...env, AFSTEM_ROLLUP_ENGINE: engine },
        timeout: 30_000,
      });
      expect(r.code, engine).toBe(1);
      expect(r.stderr, engine).toContain(FIFO);
      expect(r.stderr, engine).toContain(SOCKET);
      expect(r.stdout, engine).toContain("1 vastgestelde gesprek(ken) meegenomen");
    }
  }, 60_000);

  it("report: the FIFO is skipped, the good session written", async () => {
    const r = await runCliAsync(["report", "gesprekken", "--out", "verslagen"], { cwd: tmp.dir, env, timeout: 30_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(FIFO);
    expect(readdirSync(path.join(tmp.dir, "verslagen"))).toEqual(["2026-09-15-obs-de-regenboog-kernteam.docx"]);
  }, 40_000);

  it("validate /dev/zero: refused as a device at once, memory stays small", async () => {
    const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, path.join(ROOT, "bin/afstem.js"), "validate", "/dev/zero"], {
      encoding: "utf8",
      env: { ...process.env, ...env, NO_COLOR: "1" },
      timeout: 30_000,
    });
    if (r.error) return; // no GNU time here
    expect(r.status).toBe(2);
    expect(r.stdout).toBe(
      "/dev/zero:1:1  error  dit is geen gewoon bestand maar een apparaat; afstem leest alleen gewone bestanden  (unreadable)\n",
    );
    const kb = Number(r.stderr.trim().split("\n").at(-1));
    expect(kb).toBeLessThan(200_000);
  }, 40_000);

  it("the size limit holds while reading, not only by the size the file claims", () => {
    const f = path.join(tmp.dir, "groot.yaml");
    writeFileSync(f, "a: b\n".repeat(100));
    expect(() => readRegularFileSync(f, 100)).toThrow(/te groot|too large/);
    // /proc files say size 0 and are read within the limit all the same.
    expect(() => readRegularFileSync("/proc/self/status", 10)).toThrow(/te groot|too large/);
  });
});

describe("an --out that cannot be created fails at once", () => {
  it.each([
    ["report", ["report", "examples", "--out", "/proc/foo"], "afstem: kan de map /proc/foo niet maken: "],
    ["rollup", ["rollup", "examples", "--out", "/proc/foo"], "afstem: /proc/foo: kan de uitvoermap niet maken: "],
    [
      "run --answers",
      ["run", "kernteam", "--answers", "examples/2026-09-15-obs-de-regenboog-kernteam.yaml", "--out", "/proc/foo"],
      "afstem: kan niet schrijven in /proc/foo: ",
    ],
  ])(
    "%s --out /proc/foo: one message, exit 2, within seconds",
    async (_name, args, start) => {
      const r = await runInProcessAsync(args, { cwd: ROOT, env, timeout: 30_000 });
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(start)).toBe(true);
      expect(r.stderr).not.toMatch(/\n\s+at |interne fout/);
      expect(r.ms).toBeLessThan(25_000);
    },
    40_000,
  );

  it("an empty --out is a usage error, not \"mkdir ''\"", async () => {
    for (const cmd of ["report", "rollup"]) {
      const r = await runInProcessAsync([cmd, "examples", "--out", ""], { cwd: ROOT, env });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("afstem: --out is leeg; geef een map op\n");
    }
  }, 40_000);
});
