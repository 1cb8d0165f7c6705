// `formats show --json`: optional keys that are empty are left out (README), also `tags`,
// `validate` and `labels` when a question gives them without content.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "../helpers/cli.js";

const cache = tempDir("afstem-show-json-");
const work = tempDir();
afterAll(() => {
  cache.cleanup();
  work.cleanup();
});
const env = { AFSTEM_CACHE_DIR: cache.dir };

type Q = Record<string, unknown>;

describe("formats show --json leaves empty optional keys out", () => {
  it("a question without tags (or with tags: [], validate: {}, labels: {}) has none of those keys", async () => {
    const file = path.join(work.dir, "leeg.yaml");
    writeFileSync(
      file,
      `id: leeg
version: 1
title: Leeg
duration: 10
meta:
  - {id: school, type: text, prompt: School}
sections:
  - id: s
    title: S
    minutes: 10
    questions:
      - {id: a, type: text, prompt: A, tags: [], validate: {}, message: M}
      - {id: b, type: scale, prompt: B, min: 1, max: 5, labels: {}}
      - {id: c, type: text, prompt: C, tags: [thema]}
`,
    );
    const r = await runInProcess(["formats", "show", "--json", file], { env });
    expect(r.code).toBe(0);
    const f = JSON.parse(r.stdout) as { meta: Q[]; sections: { questions: Q[] }[] };
    const [a, b, c] = f.sections[0]!.questions as [Q, Q, Q];
    expect(f.meta[0]).toEqual({ id: "school", type: "text", prompt: "School", required: false, privacy: "intern" });
    expect(Object.keys(a)).not.toContain("tags");
    expect(Object.keys(a)).not.toContain("validate");
    expect(Object.keys(b)).not.toContain("labels");
    expect(Object.keys(b)).not.toContain("tags");
    expect(c.tags).toEqual(["thema"]);
  });

  it("no question of a built-in format prints an empty list or mapping", async () => {
    const r = await runInProcess(["formats", "show", "--json", "kernteam"], { env });
    expect(r.stdout).not.toMatch(/: (\[\]|\{\})/);
  });
});

describe("formats show outline reads as words", () => {
  it("conditions in words, not JSON; no empty Meta or Deelnemers heading", async () => {
    const file = path.join(work.dir, "kaal.yaml");
    writeFileSync(
      file,
      `id: kaal
version: 1
title: Kaal
duration: 10
sections:
  - id: s
    title: S
    minutes: 10
    questions:
      - {id: vast_overleg, type: yesno, prompt: Overleg?}
      - {id: score, type: scale, prompt: Score, min: 1, max: 5}
      - {id: a, type: text, prompt: A, when: {q: vast_overleg, is: true}}
      - {id: b, type: text, prompt: B, when: {q: score, in: [1, 2]}}
      - {id: c, type: text, prompt: C, when: {not: {q: vast_overleg, is: true}}}
      - {id: d, type: text, prompt: D, when: {all: [{q: a, answered: true}, {any: [{q: score, is: 5}, {q: b, answered: false}]}]}}
`,
    );
    const r = await runInProcess(["formats", "show", file], { env });
    expect(r.code).toBe(0);
    const tail = (id: string) =>
      r.stdout
        .split("\n")
        .find((l) => l.includes(` ${id}  [`))!
        .replace(/^.*\] {2}\S+ {2}/, "");
    expect(tail("a")).toBe("als vast_overleg is ja");
    expect(tail("b")).toBe("als score is 1 of 2");
    expect(tail("c")).toBe("als niet (vast_overleg is ja)");
    expect(tail("d")).toBe("als a is beantwoord en (score is 5 of b is niet beantwoord)");
    expect(r.stdout).not.toMatch(/[{}"]/);
    expect(r.stdout).not.toMatch(/^(Meta|Deelnemers):$/m);
    expect(r.stdout).toMatch(/^Secties:$/m);
    const en = await runInProcess(["--lang", "en", "formats", "show", file], { env });
    expect(en.stdout).toContain("when a is answered and (score is 5 or b is not answered)");
    expect(en.stdout).toContain("when vast_overleg is yes");
    const full = await runInProcess(["formats", "show", "kernteam"], { env });
    expect(full.stdout).toMatch(/^Meta:$/m);
    expect(full.stdout).toMatch(/^Deelnemers:$/m);
  });
});
