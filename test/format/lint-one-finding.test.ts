// One finding per problem, at a place inside the file: a condition naming a unicode id is only
// "no valid id" (not also a wrong shape or an unknown question), a choice's `options: []` only
// options-missing, an option with `code: null` only that code's finding, an empty code an error,
// and a YAML error at the end of a file on its last line, never past it.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "../helpers/cli.js";

const tmp = tempDir("afstem-one-finding-");
afterAll(() => tmp.cleanup());
const env = { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache") };

const format = (questions: string[]) =>
  [
    "id: c",
    "version: 1",
    "title: C",
    "duration: 10",
    "sections:",
    "  - id: s",
    "    title: S",
    "    minutes: 10",
    "    questions:",
    "      - {id: a, type: yesno, prompt: A}",
    ...questions.map((q) => `      - ${q}`),
    "",
  ].join("\n");

type Json = { findings: { line: number; col: number; rule: string; message: string }[] };

/** Each file in a folder of its own: two files of format c version 1 would clash. */
async function lint(name: string, text: string, lang = "nl") {
  const dir = path.join(tmp.dir, `${name}-${lang}`);
  mkdirSync(dir);
  writeFileSync(path.join(dir, name), text);
  const r = await runInProcess(["--lang", lang, "lint", name, "--json"], { cwd: dir, env });
  return (JSON.parse(r.stdout) as Json).findings.map((f) => `${f.line}:${f.col} ${f.rule} ${f.message}`);
}

describe("one finding per problem", () => {
  it("a condition naming a unicode id: only that the id is not valid, also nested in all", async () => {
    const found = await lint(
      "when.yaml",
      format([
        "{id: b, type: text, prompt: B, when: {q: vraag_é, is: true}}",
        "{id: b2, type: text, prompt: B, when: {all: [{q: a, is: true}, {q: vraag_é, is: true}]}}",
      ]),
    );
    expect(found).toEqual([
      '11:50 bad-value q: "vraag_é" is geen geldig id: begin met een letter, daarna letters, cijfers, _ of -',
      '12:76 bad-value q: "vraag_é" is geen geldig id: begin met een letter, daarna letters, cijfers, _ of -',
    ]);
  });

  it("options: [] is options-missing only; {code: null} only the code's type; an empty code is an error", async () => {
    const found = await lint(
      "options.yaml",
      format([
        "{id: c1, type: choice, prompt: C, options: []}",
        "{id: c2, type: choice, prompt: C, options: [{code: null, label: x}]}",
        "{id: c3, type: multichoice, prompt: C, options: [{code: '', label: leeg}, {code: b, label: B}]}",
      ]),
    );
    expect(found).toEqual([
      "11:24 options-missing vraag 'c1' van type choice heeft geen options",
      "12:60 wrong-type code: verwacht tekst of een geheel getal, gevonden: null",
      "13:65 bad-value optie van 'c3' heeft een lege code; in de wide CSV is die niet te onderscheiden van 'niet beantwoord': geef een code, zoals 'ja' of '1'",
    ]);
    const spaces = await lint(
      "spaces.yaml",
      format(["{id: c4, type: choice, prompt: C, options: [{code: '  ', label: leeg}, {code: b, label: B}]}"]),
    );
    expect(spaces).toEqual([
      "11:60 bad-value optie van 'c4' heeft een lege code; in de wide CSV is die niet te onderscheiden van 'niet beantwoord': geef een code, zoals 'ja' of '1'",
    ]);
    const en = await lint("options.yaml", format(["{id: c3, type: choice, prompt: C, options: [{code: '', label: leeg}]}"]), "en");
    expect(en).toEqual([
      "11:60 bad-value an option of 'c3' has an empty code; in the wide CSV it cannot be told from 'not answered': give a code, such as 'yes' or '1'",
    ]);
  });

  it("a YAML error reported where the file ends is on the last line, not past it", async () => {
    const found = await lint("lijstje.yaml", "id: lijstje\n- a\n");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^2:1 yaml-syntax /);
  });
});
