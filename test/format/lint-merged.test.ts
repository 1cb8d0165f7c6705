// Lint checks the resolved (merged) format too: what a child's `remove` or redefinition breaks
// in the questions it inherits is an error in the child, located at the line that causes it.
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "../helpers/cli.js";

const DIR = path.join("test", "fixtures", "format-gaps", "ext-remove");
const cache = tempDir("afstem-lint-merged-");
afterAll(() => cache.cleanup());
const env = { AFSTEM_CACHE_DIR: cache.dir };

interface JsonFinding {
  file: string;
  line: number;
  col: number;
  severity: string;
  message: string;
  rule: string;
}

async function lint(args: string[]) {
  const r = await runInProcess(["lint", ...args, "--json"], { env });
  return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings };
}

describe("extends + remove: inherited conditions naming a removed question", () => {
  it("is an error at the remove entry for each question that still refers to it", async () => {
    const { code, findings } = await lint([path.join(DIR, "kind2.yaml")]);
    expect(code).toBe(1);
    const errors = findings.filter((f) => f.severity === "error");
    expect(errors.map((f) => [f.file, `${f.line}:${f.col}`, f.rule])).toEqual([
      [path.join(DIR, "kind2.yaml"), "4:10", "when-target"],
      [path.join(DIR, "kind2.yaml"), "4:10", "when-target"],
      [path.join(DIR, "kind2.yaml"), "4:10", "when-target"],
    ]);
    expect(errors[0]!.message).toBe(
      "remove 'overleg' laat vraag 'overleg' vallen, maar de when van 'frequentie' (toets.yaml:50) verwijst er nog naar; zet ook 'frequentie' in remove, of geef 'frequentie' in dit format opnieuw zonder die voorwaarde",
    );
    expect(errors[1]!.message).toContain("de when van 'leerling' (toets.yaml:81)");
    expect(errors[2]!.message).toContain("de share_when van 'boodschap' (toets.yaml:103)");
  });

  it("says it in English with --lang en", async () => {
    const r = await runInProcess(["--lang", "en", "lint", path.join(DIR, "kind2.yaml")], { env });
    expect(r.stdout).toContain(
      "kind2.yaml:4:10  error  remove 'overleg' drops question 'overleg', but the share_when of 'boodschap' (toets.yaml:103) still refers to it; add 'boodschap' to remove as well",
    );
  });

  it("the parent alone stays clean, and the child no longer loads", async () => {
    expect((await lint([path.join(DIR, "toets.yaml")])).findings).toEqual([]);
    const r = await runInProcess(["formats", "show", "kind2", "--formats-dir", DIR], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("heeft 3 fouten");
  });

  it("removing the questions that refer to it as well makes the child clean", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const { copyFileSync, writeFileSync } = await import("node:fs");
      copyFileSync(path.join(DIR, "toets.yaml"), path.join(dir, "toets.yaml"));
      writeFileSync(
        path.join(dir, "kind.yaml"),
        "id: kind\nversion: 1\nextends: toets\nremove: [overleg, frequentie, leerling, boodschap]\n",
      );
      const { code, findings } = await lint([path.join(dir, "kind.yaml")]);
      expect(findings).toEqual([]);
      expect(code).toBe(0);
    } finally {
      cleanup();
    }
  });

  it("a section in remove takes its questions along: the entry that drops them is named", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const { copyFileSync, writeFileSync } = await import("node:fs");
      copyFileSync(path.join(DIR, "toets.yaml"), path.join(dir, "toets.yaml"));
      writeFileSync(path.join(dir, "kind.yaml"), "id: kind\nversion: 1\nextends: toets\nremove: [samenwerking]\n");
      // (The timeboxes now add up to 20 of 30 minutes: a warning, beside the point here.)
      const findings = (await lint([path.join(dir, "kind.yaml")])).findings.filter((f) => f.severity === "error");
      // boodschap's share_when names overleg and aantal, both in the removed section.
      expect(findings.map((f) => [`${f.line}:${f.col}`, f.rule])).toEqual([
        ["4:10", "when-target"],
        ["4:10", "when-target"],
      ]);
      expect(findings[0]!.message).toContain("remove 'samenwerking' laat met die sectie ook vraag 'overleg' vallen");
      expect(findings[1]!.message).toContain("vraag 'aantal'");
    } finally {
      cleanup();
    }
  });
});

describe("extends: a redefinition that breaks an inherited condition", () => {
  it("is reported in the child at its extends, naming where in the merged format", async () => {
    const { code, findings } = await lint([path.join(DIR, "kind3.yaml")]);
    expect(code).toBe(1);
    expect(findings.map((f) => [`${f.line}:${f.col}`, f.rule])).toEqual([
      ["3:10", "when-order"],
      ["3:10", "when-order"],
      ["3:10", "when-order"],
    ]);
    expect(findings[0]!.message).toBe(
      "na samenvoegen met 'toets', in toets.yaml:50: voorwaarde van 'frequentie' verwijst naar 'overleg', die niet eerder gevraagd wordt; pas dit format zo aan dat de overgenomen vraag weer klopt",
    );
  });
});
