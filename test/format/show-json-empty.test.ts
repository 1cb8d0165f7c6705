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
