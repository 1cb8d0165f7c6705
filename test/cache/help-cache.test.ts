// Cached help screens and the `formats` fast path must print exactly what commander prints.
import { describe, expect, it } from "vitest";
import path from "node:path";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { runCli, tempDir } from "../helpers/cli.js";

describe("start-up fast paths", () => {
  it("a cached help screen equals commander's, per language and command", () => {
    const t = tempDir("afstem-helpcache-");
    try {
      const env = { AFSTEM_CACHE_DIR: t.dir };
      for (const args of [["--help"], ["-h"], ["lint", "--help"], ["--lang", "en", "rollup", "--help"], ["formats", "show", "--help"]]) {
        const plain = runCli(args, { env: { AFSTEM_CACHE: "0" } });
        const first = runCli(args, { env });
        const second = runCli(args, { env });
        expect(plain.code).toBe(0);
        expect(plain.stdout.length).toBeGreaterThan(100);
        expect(first).toEqual(plain);
        expect(second).toEqual(plain);
      }
      expect(readdirSync(path.join(t.dir, "help")).length).toBe(5);
      // Whatever commander does with an unknown command, the cache repeats it exactly.
      const bad = runCli(["nope", "--help"], { env: { AFSTEM_CACHE: "0" } });
      expect(runCli(["nope", "--help"], { env })).toEqual(bad);
      expect(runCli(["nope", "--help"], { env })).toEqual(bad);
    } finally {
      t.cleanup();
    }
  });

  it("formats without commander prints what it printed with commander", () => {
    const slow = runCli(["--lang", "nl", "formats"]); // --lang takes the commander path
    const fast = runCli(["formats"]);
    expect(fast).toEqual(slow);
    expect(runCli(["formats", "--json"]).stdout).toBe(runCli(["--lang", "nl", "formats", "--json"]).stdout);
    expect(runCli(["formats", "--jsn"]).code).toBe(2);
  });

  it("a cached formats listing follows added and edited format files at once", () => {
    const t = tempDir("afstem-formatscache-");
    try {
      const extra = path.join(t.dir, "extra");
      mkdirSync(extra);
      const env = { AFSTEM_CACHE_DIR: path.join(t.dir, "cache"), AFSTEM_FORMATS_PATH: extra };
      const before = runCli(["formats"], { env });
      expect(runCli(["formats"], { env })).toEqual(before);
      expect(before.stdout).not.toContain("mijn-gesprek");
      const file = path.join(extra, "mijn-gesprek.yaml");
      const spec = (title: string) => `id: mijn-gesprek\nversion: 1\ntitle: ${title}\nduration: 10\nsections:\n  - id: a\n    title: A\n    minutes: 10\n    questions:\n      - {id: q, type: text, prompt: Vraag}\n`;
      writeFileSync(file, spec("Eerste titel"));
      expect(runCli(["formats"], { env }).stdout).toContain("Eerste titel");
      writeFileSync(file, spec("Tweede titel")); // same size, within the same second
      const edited = runCli(["formats"], { env });
      expect(edited.stdout).toContain("Tweede titel");
      expect(edited).toEqual(runCli(["formats"], { env: { ...env, AFSTEM_CACHE: "0" } }));
    } finally {
      t.cleanup();
    }
  });
});
