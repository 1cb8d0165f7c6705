// Cached help screens and the `formats` fast path must print exactly what commander prints.
import { describe, expect, it } from "vitest";
import path from "node:path";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { runCli, runInProcess, tempDir } from "../helpers/cli.js";

describe("start-up fast paths", () => {
  it("a cached help screen equals commander's, per language and command", async () => {
    const t = tempDir("afstem-helpcache-");
    try {
      const env = { AFSTEM_CACHE_DIR: t.dir };
      for (const args of [["--help"], ["-h"], ["lint", "--help"], ["--lang", "en", "rollup", "--help"], ["formats", "show", "--help"]]) {
        const plain = await runInProcess(args, { env: { AFSTEM_CACHE: "0" } });
        const first = await runInProcess(args, { env });
        const second = await runInProcess(args, { env });
        expect(plain.code).toBe(0);
        expect(plain.stdout.length).toBeGreaterThan(100);
        expect(first).toEqual(plain);
        expect(second).toEqual(plain);
      }
      expect(readdirSync(path.join(t.dir, "help")).length).toBe(5);
      // Whatever commander does with an unknown command, the cache repeats it exactly.
      const bad = await runInProcess(["nope", "--help"], { env: { AFSTEM_CACHE: "0" } });
      expect(await runInProcess(["nope", "--help"], { env })).toEqual(bad);
      expect(await runInProcess(["nope", "--help"], { env })).toEqual(bad);
    } finally {
      t.cleanup();
    }
  });

  it("the real CLI prints a cached help screen and formats listing without loading the dispatcher, commander or the catalogues", () => {
    const t = tempDir("afstem-fastpath-");
    try {
      // `formats` never needs commander, cached or not.
      for (const [args, heavy] of [
        [["--help"], ["cli/invoke.js", "i18n/messages", "node_modules/commander"]],
        [["formats"], ["cli/invoke.js", "i18n/messages", "commands/formats.js"]],
      ] as [string[], string[]][]) {
        const env = { AFSTEM_CACHE_DIR: t.dir, NODE_DEBUG: "module,esm" };
        const first = runCli(args, { env });
        const second = runCli(args, { env });
        expect(second.code).toBe(0);
        expect(second.stdout).toBe(first.stdout);
        // NODE_DEBUG lists every module loaded; the first run loads them all, the cached one not.
        for (const module of heavy) {
          expect(first.stderr).toContain(module);
          expect(second.stderr).not.toContain(module);
        }
      }
    } finally {
      t.cleanup();
    }
  });

  it("formats without commander prints what it printed with commander", async () => {
    const slow = await runInProcess(["--lang", "nl", "formats"]); // --lang takes the commander path
    const fast = await runInProcess(["formats"]);
    expect(fast).toEqual(slow);
    expect((await runInProcess(["formats", "--json"])).stdout).toBe((await runInProcess(["--lang", "nl", "formats", "--json"])).stdout);
    expect((await runInProcess(["formats", "--jsn"])).code).toBe(2);
  });

  it("a cached formats listing follows added and edited format files at once", async () => {
    const t = tempDir("afstem-formatscache-");
    try {
      const extra = path.join(t.dir, "extra");
      mkdirSync(extra);
      const env = { AFSTEM_CACHE_DIR: path.join(t.dir, "cache"), AFSTEM_FORMATS_PATH: extra };
      const before = await runInProcess(["formats"], { env });
      expect(await runInProcess(["formats"], { env })).toEqual(before);
      expect(before.stdout).not.toContain("mijn-gesprek");
      const file = path.join(extra, "mijn-gesprek.yaml");
      const spec = (title: string) =>
        `id: mijn-gesprek\nversion: 1\ntitle: ${title}\nduration: 10\nsections:\n  - id: a\n    title: A\n    minutes: 10\n    questions:\n      - {id: q, type: text, prompt: Vraag}\n`;
      writeFileSync(file, spec("Eerste titel"));
      expect((await runInProcess(["formats"], { env })).stdout).toContain("Eerste titel");
      writeFileSync(file, spec("Tweede titel")); // same size, within the same second
      const edited = await runInProcess(["formats"], { env });
      expect(edited.stdout).toContain("Tweede titel");
      expect(edited).toEqual(await runInProcess(["formats"], { env: { ...env, AFSTEM_CACHE: "0" } }));
    } finally {
      t.cleanup();
    }
  });
});
