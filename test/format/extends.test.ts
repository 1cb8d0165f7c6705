import { afterAll, describe, expect, it } from "vitest";
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { runInProcess, tempDir } from "../helpers/cli.js";

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const parent = `id: ouder
version: 3
title: Ouder
duration: 30
meta:
  - {id: school, type: text, prompt: School, privacy: open}
participants:
  - {id: a, label: Partner A, required: true}
  - {id: b, label: Partner B}
sections:
  - id: een
    title: Een
    minutes: 10
    questions:
      - {id: q1, type: text, prompt: Vraag 1}
      - {id: q2, type: yesno, prompt: Vraag 2}
  - id: twee
    title: Twee
    minutes: 10
    questions:
      - {id: q3, type: text, prompt: Vraag 3}
      - {id: q4, type: text, prompt: Vraag 4}
  - id: drie
    title: Drie
    minutes: 10
    questions:
      - {id: q5, type: text, prompt: Vraag 5}
`;

const child = `id: kind
version: 1
extends: ouder
title: Kind
remove: [b, q4]
participants:
  - {id: c, label: Partner C}
  - {id: a, label: Partner A (nieuw), required: false}
sections:
  - id: een
    minutes: 5
  - id: drie
    title: Drie (vervangen)
    minutes: 10
    questions:
      - {id: q6, type: text, prompt: Vraag 6}
  - id: vier
    title: Vier
    minutes: 5
    questions:
      - {id: q1, type: longtext, prompt: Vraag 1 herschreven}
`;

mkdirSync(path.join(dir, "f"));
writeFileSync(path.join(dir, "f", "ouder.yaml"), parent);
writeFileSync(path.join(dir, "f", "kind.yaml"), child);

const r = await runInProcess(["formats", "show", path.join(dir, "f", "kind.yaml"), "--json"]);

describe("extends", () => {
  const f = JSON.parse(r.stdout) as {
    id: string;
    duration: number;
    meta: { id: string }[];
    participants: { id: string; label: string; required: boolean }[];
    sections: { id: string; title: string; minutes: number; questions: { id: string; type: string }[] }[];
  };

  it("loads without error", async () => {
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("inherits what the child leaves out", async () => {
    expect(f.duration).toBe(30);
    expect(f.meta.map((m) => m.id)).toEqual(["school"]);
  });

  it("merges participants by id, removes listed ids", async () => {
    expect(f.participants).toEqual([
      { id: "a", label: "Partner A (nieuw)", required: false },
      { id: "c", label: "Partner C", required: false },
    ]);
  });

  it("a section with the same id replaces the parent's in place; without questions it keeps them", async () => {
    expect(f.sections.map((s) => s.id)).toEqual(["een", "twee", "drie", "vier"]);
    const een = f.sections[0]!;
    expect(een.title).toBe("Een");
    expect(een.minutes).toBe(5);
    expect(f.sections[2]!.title).toBe("Drie (vervangen)");
    expect(f.sections[2]!.questions.map((q) => q.id)).toEqual(["q6"]);
  });

  it("a question redefined elsewhere replaces the parent's copy; remove drops questions", async () => {
    expect(een().questions.map((q) => q.id)).toEqual(["q2"]);
    expect(f.sections[1]!.questions.map((q) => q.id)).toEqual(["q3"]);
    expect(f.sections[3]!.questions).toEqual([expect.objectContaining({ id: "q1", type: "longtext" })]);
    function een() {
      return f.sections[0]!;
    }
  });

  it("an extends cycle is an error located at the extends key", async () => {
    writeFileSync(path.join(dir, "f", "rond-a.yaml"), "id: rond-a\nversion: 1\nextends: rond-b\ntitle: A\nduration: 10\nsections: []\n");
    writeFileSync(path.join(dir, "f", "rond-b.yaml"), "id: rond-b\nversion: 1\nextends: rond-a\ntitle: B\nduration: 10\nsections: []\n");
    const lint = await runInProcess(["lint", path.join(dir, "f", "rond-a.yaml"), "--json"]);
    expect(lint.code).toBe(1);
    const findings = (JSON.parse(lint.stdout) as { findings: { file: string; rule: string; line: number; col: number }[] }).findings;
    const cycle = findings.filter((f) => f.rule === "extends-cycle");
    expect(cycle).toEqual([expect.objectContaining({ rule: "extends-cycle", line: 3, col: 10 })]);
    expect(cycle[0]!.file).toMatch(/rond-a\.yaml$/);
  });
});
