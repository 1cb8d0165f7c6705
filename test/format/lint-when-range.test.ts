// when-value: a condition comparing a scale or number with a value outside its range compares
// with a value the question can never have (README: an error), like an unknown option code.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "../helpers/cli.js";

const cache = tempDir("afstem-lint-range-");
const work = tempDir();
afterAll(() => {
  cache.cleanup();
  work.cleanup();
});
const env = { AFSTEM_CACHE_DIR: cache.dir };

async function whenValues(file: string, lang = "nl") {
  const r = await runInProcess(["--lang", lang, "lint", file, "--json"], { env });
  const found = (JSON.parse(r.stdout) as { findings: { line: number; col: number; severity: string; message: string; rule: string }[] })
    .findings;
  return found.filter((f) => f.rule === "when-value").map((f) => [`${f.line}:${f.col}`, f.severity, f.message]);
}

describe("when-value: outside the range of a scale or number", () => {
  it("the tester's format: is 9 on a 1..5 scale (line 19) and is 11 on a number with max 10 (line 24)", async () => {
    const rows = await whenValues(path.join("test", "fixtures", "format-gaps", "bad", "c-when-more.yaml"));
    expect(rows).toContainEqual([
      "19:59",
      "error",
      "voorwaarde van 'b1' vergelijkt 'sc' met 9, maar dat kan nooit het antwoord zijn (verwacht: een geheel getal van 1 tot en met 5)",
    ]);
    expect(rows).toContainEqual([
      "24:59",
      "error",
      "voorwaarde van 'b6' vergelijkt 'nu' met 11, maar dat kan nooit het antwoord zijn (verwacht: een getal van 0 tot en met 10)",
    ]);
  });

  it("every bound counts, values inside them are fine, and in: points at the item", async () => {
    const file = path.join(work.dir, "range.yaml");
    writeFileSync(
      file,
      `id: range
version: 1
title: R
duration: 10
sections:
  - id: s
    title: S
    minutes: 10
    questions:
      - {id: sc, type: scale, prompt: S, min: 1, max: 5}
      - {id: lo, type: number, prompt: L, min: 0}
      - {id: hi, type: number, prompt: H, max: 10}
      - {id: vv, type: number, prompt: V, min: 0, max: 100, validate: {maximum: 50}}
      - {id: free, type: number, prompt: F}
      - {id: ok, type: text, prompt: O, when: {all: [{q: sc, in: [1, 5]}, {q: lo, is: 0}, {q: hi, is: 10}, {q: vv, is: 50}, {q: free, is: -3}]}}
      - {id: a, type: text, prompt: A, when: {q: sc, in: [3, 0, 2.5]}}
      - {id: b, type: text, prompt: B, when: {q: lo, is: -1}}
      - {id: c, type: text, prompt: C, when: {q: hi, is: 10.5}}
      - {id: d, type: text, prompt: D, when: {q: vv, is: 60}}
`,
    );
    const rows = await whenValues(file);
    expect(rows.map(([at, sev, m]) => [at, sev, String(m).replace(/.*\(verwacht: (.*)\)$/, "$1")])).toEqual([
      ["16:62", "error", "een geheel getal van 1 tot en met 5"],
      ["16:65", "error", "een geheel getal van 1 tot en met 5"],
      ["17:58", "error", "een getal van 0 of meer"],
      ["18:58", "error", "een getal van 10 of minder"],
      ["19:58", "error", "een getal van 0 tot en met 50"],
    ]);
    const en = await whenValues(file, "en");
    expect(en[0]![2]).toContain("(expected: an integer from 1 to 5)");
  });
});
