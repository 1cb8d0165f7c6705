// Lint of nothing is an error (issue 12): "0 bestanden gecontroleerd" with exit 0 would read as
// "all clean" to a script. An empty folder, or a folder named like a file: exit 2, one message.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "../helpers/cli.js";

const tmp = tempDir("afstem-lint-nothing-");
afterAll(() => tmp.cleanup());
const env = { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache") };
mkdirSync(path.join(tmp.dir, "leeg"));
mkdirSync(path.join(tmp.dir, "x.yaml"));
mkdirSync(path.join(tmp.dir, "tekst"));
writeFileSync(path.join(tmp.dir, "tekst", "lees-mij.txt"), "geen format\n");

const HINT_NL =
  "  afstem lint controleert .yaml- en .yml-bestanden; een map wordt doorzocht (behalve schema/ en mappen die met een punt beginnen). Geef een formatbestand of een map met formats.\n";

describe("afstem lint of nothing", () => {
  it.each([["leeg"], ["x.yaml"], ["tekst"]])("%s: exit 2, one message, nothing on stdout", async (dir) => {
    const r = await runInProcess(["lint", dir], { cwd: tmp.dir, env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`afstem: geen formatbestanden gevonden in ${dir}\n${HINT_NL}`);
  });

  it("--json and --lang en: the same, in English, no JSON report", async () => {
    const r = await runInProcess(["--lang", "en", "lint", "leeg", "x.yaml", "--json"], { cwd: tmp.dir, env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("afstem: no format files found in leeg, x.yaml\n");
  });
});
