// unique-id: "a question, section, role or repeat field id used twice" is an error, also where
// merging by id would otherwise let the second silently replace the first.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "../helpers/cli.js";

const cache = tempDir("afstem-lint-unique-");
const work = tempDir();
afterAll(() => {
  cache.cleanup();
  work.cleanup();
});
const env = { AFSTEM_CACHE_DIR: cache.dir };

interface JsonFinding {
  line: number;
  col: number;
  severity: string;
  message: string;
  rule: string;
}

async function lint(file: string) {
  const r = await runInProcess(["lint", file, "--json"], { env });
  return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings };
}

const write = (name: string, text: string) => {
  const f = path.join(work.dir, name);
  writeFileSync(f, text);
  return f;
};

describe("unique-id for participant roles", () => {
  const file = path.join("test", "fixtures", "format-gaps", "bad", "d-role.yaml");

  it("a role given twice is an error at the second, naming the first; a role may share a meta id", async () => {
    const { code, findings } = await lint(file);
    expect(code).toBe(1);
    expect(findings.map((f) => [`${f.line}:${f.col}`, f.severity, f.rule, f.message])).toEqual([
      [
        "10:10",
        "error",
        "unique-id",
        "deelnemersrol 'ib' komt twee keer voor (regel 9); geef elke rol een eigen id, of laat één van de twee weg",
      ],
    ]);
  });

  it("the format does not load, so formats show never shows only the second role", async () => {
    const r = await runInProcess(["formats", "show", "d-role", "--formats-dir", path.dirname(file)], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("heeft 1 fout");
  });

  it("says it in English", async () => {
    const r = await runInProcess(["--lang", "en", "lint", file], { env });
    expect(r.stdout).toContain("participant role 'ib' appears twice (line 9); give each role its own id");
  });
});

describe("unique-id where a child merges by id", () => {
  write(
    "ouder.yaml",
    `id: ouder
version: 1
title: Ouder
duration: 10
meta:
  - {id: school, type: text, prompt: School}
participants:
  - {id: a, label: A}
sections:
  - {id: s1, title: S1, minutes: 10, questions: [{id: q1, type: text, prompt: Q1}]}
`,
  );

  it("a role, meta field or section the child gives twice is reported at its second copy", async () => {
    const kind = write(
      "kind.yaml",
      `id: kind
version: 1
extends: ouder
meta:
  - {id: school, type: text, prompt: School (nieuw)}
  - {id: school, type: text, prompt: School (nog eens)}
participants:
  - {id: a, label: A nieuw}
  - {id: a, label: A nog eens}
sections:
  - {id: s1, title: S1 nieuw, minutes: 5}
  - {id: s1, title: S1 nog eens, minutes: 5, questions: [{id: q2, type: text, prompt: Q2}]}
`,
    );
    const { code, findings } = await lint(kind);
    expect(code).toBe(1);
    expect(findings.filter((f) => f.rule === "unique-id").map((f) => [`${f.line}:${f.col}`, f.message.split(" (")[0]])).toEqual([
      ["6:10", "id 'school' wordt al gebruikt"],
      ["9:10", "deelnemersrol 'a' komt twee keer voor"],
      ["12:10", "sectie-id 's1' komt twee keer voor"],
    ]);
  });

  it("one replacement per id is still a clean merge", async () => {
    const kind = write(
      "kind2.yaml",
      `id: kind2
version: 1
extends: ouder
meta:
  - {id: school, type: text, prompt: School (nieuw)}
participants:
  - {id: a, label: A nieuw}
  - {id: b, label: B}
sections:
  - {id: s1, title: S1 nieuw, minutes: 10}
`,
    );
    expect(await lint(kind)).toEqual({ code: 0, findings: [] });
  });
});
