// A bad id gets the rule of its own field: the format's id and `extends` are slugs
// (^[a-z][a-z0-9-]*$); question, section, role, remove and was ids are ids (^[A-Za-z][A-Za-z0-9_-]*$).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "../helpers/cli.js";

const cache = tempDir("afstem-lint-ids-");
const work = tempDir();
afterAll(() => {
  cache.cleanup();
  work.cleanup();
});
const env = { AFSTEM_CACHE_DIR: cache.dir };

async function badValues(file: string, lang = "nl") {
  const r = await runInProcess(["--lang", lang, "lint", file, "--json"], { env });
  const found = (JSON.parse(r.stdout) as { findings: { line: number; col: number; message: string; rule: string }[] }).findings;
  return found.filter((f) => f.rule === "bad-value").map((f) => [`${f.line}:${f.col}`, f.message]);
}

const SLUG = "begin met een kleine letter, daarna alleen kleine letters, cijfers of - (bijv. kernteam-buch)";
const ID = "begin met een letter, daarna letters, cijfers, _ of -";

describe("the hint for a bad id follows the field", () => {
  it("the tester's format: id toets_x is a format id, so _ is not allowed there", async () => {
    const rows = await badValues(path.join("test", "fixtures", "format-gaps", "bad", "e-id.yaml"));
    expect(rows[0]).toEqual(["1:5", `id: "toets_x" is geen geldig format-id: ${SLUG}`]);
    const en = await badValues(path.join("test", "fixtures", "format-gaps", "bad", "e-id.yaml"), "en");
    expect(en[0]).toEqual([
      "1:5",
      'id: "toets_x" is not a valid format id: start with a lower-case letter, then only lower-case letters, digits or - (e.g. kernteam-buch)',
    ]);
  });

  it("format id and extends get the slug rule; question, section, role, remove and was ids the id rule", async () => {
    const file = path.join(work.dir, "ids.yaml");
    writeFileSync(
      file,
      `id: Mijn-Format
version: 1
extends: Kernteam
remove: [1x]
participants:
  - {id: _ib, label: IB}
sections:
  - id: 2s
    title: S
    minutes: 10
    questions:
      - {id: q 1, type: text, prompt: Q, was: [-oud], when: {q: "9", answered: true}}
`,
    );
    expect(await badValues(file)).toEqual([
      ["1:5", `id: "Mijn-Format" is geen geldig format-id: ${SLUG}`],
      ["3:10", `extends: "Kernteam" is geen geldig format-id: ${SLUG}`],
      ["4:10", `remove, item 1: "1x" is geen geldig id: ${ID}`],
      ["6:10", `id: "_ib" is geen geldig id: ${ID}`],
      ["8:9", `id: "2s" is geen geldig id: ${ID}`],
      ["12:14", `id: "q 1" is geen geldig id: ${ID}`],
      ["12:48", `was, item 1: "-oud" is geen geldig id: ${ID}`],
      ["12:65", `q: "9" is geen geldig id: ${ID}`],
    ]);
  });
});
