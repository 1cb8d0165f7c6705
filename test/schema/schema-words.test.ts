// Schema findings are sentences from the catalogue: which key, what is allowed, what to do.
// ajv's own text ("must be >= 1", "must NOT have fewer than 1 items") never reaches the user.
import path from "node:path";
import AjvModule from "ajv";
import { afterAll, describe, expect, it } from "vitest";
import { schemaFindings } from "../../src/schema/check.js";
import { parseYaml } from "../../src/yaml/parse.js";
import { inScope } from "../../src/util/scope.js";
import type { Lang } from "../../src/format/types.js";
import { runInProcess, tempDir } from "../helpers/cli.js";

const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof import("ajv").default;
const cache = tempDir("afstem-schema-words-");
afterAll(() => cache.cleanup());
const env = { AFSTEM_CACHE_DIR: cache.dir };

// One key per keyword ajv can report on a value (the limits, and a few no afstem schema uses yet).
const schema = {
  type: "object",
  properties: {
    lo: { type: "number", minimum: 1 },
    above: { type: "number", exclusiveMinimum: 0 },
    hi: { type: "number", maximum: 10 },
    below: { type: "number", exclusiveMaximum: 10 },
    few: { type: "array", minItems: 2 },
    many: { type: "array", maxItems: 1 },
    short: { type: "string", minLength: 3 },
    long: { type: "string", maxLength: 2 },
    empty: { type: "object", minProperties: 1 },
    step: { type: "number", multipleOf: 5 },
    uniq: { type: "array", uniqueItems: true },
    notthis: { not: { const: 1 } },
    kind: { type: "integer" },
    mark: { enum: ["open", "intern"] },
    list: { type: "array", items: { type: "string" } },
  },
};
const yaml = `lo: 0
above: 0
hi: 11
below: 10
few: [a]
many: [a, b]
short: ab
long: abc
empty: {}
step: 7
uniq: [a, a]
notthis: 1
kind: 1.5
mark: geheim
list: [a, 2]
`;
const KEYS = [
  "lo",
  "above",
  "hi",
  "below",
  "few",
  "many",
  "short",
  "long",
  "empty",
  "step",
  "uniq",
  "notthis",
  "kind",
  "mark",
  "list, item 2",
];

const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true }).compile(schema);
function findings(lang: Lang) {
  return inScope({ lang, cwd: process.cwd(), env: {} }, () => schemaFindings(validate, parseYaml(yaml, "x.yaml")));
}
/** What ajv itself says about this document ("must be >= 1", …): none of it may be shown. */
function ajvTexts(): string[] {
  validate(parseYaml(yaml, "x.yaml").data);
  return (validate.errors ?? []).map((e) => e.message ?? "").filter(Boolean);
}

describe("schema findings in words", () => {
  it.each(["nl", "en"] as const)("%s: every keyword names its key and never shows ajv's text", (lang) => {
    const got = findings(lang);
    expect(got.map((f) => f.message.split(": ")[0])).toEqual(KEYS);
    const raw = ajvTexts();
    expect(raw.length).toBeGreaterThanOrEqual(KEYS.length);
    for (const f of got) {
      for (const t of raw) expect(f.message).not.toContain(t);
      expect(f.message.length).toBeGreaterThan(f.message.split(": ")[0]!.length + 10);
    }
  });

  it("says what is allowed and what to do", () => {
    const nl = findings("nl").map((f) => f.message);
    expect(nl[0]).toBe("lo: 0 is te klein: het kleinste toegestane getal is 1; geef 1 of meer");
    expect(nl[1]).toBe("above: 0 is te klein: het getal moet groter zijn dan 0; geef een getal boven 0");
    expect(nl[4]).toBe("few: de lijst heeft 1 items, er zijn er minstens 2 nodig; vul de lijst aan of laat de sleutel weg");
    const en = findings("en").map((f) => f.message);
    expect(en[2]).toBe("hi: 11 is too large: the largest number allowed is 10; give 10 or less");
    expect(en[6]).toBe('short: "ab" is too short (2 characters), at least 3 are needed; add to the text or leave the key out');
  });
});

describe("afstem lint: the tester's formats", () => {
  const dir = path.join("test", "fixtures", "format-gaps", "bad");
  it.each([
    ["nl", "c-meta.yaml", "2:10", "version: 0 is te klein: het kleinste toegestane getal is 1; geef 1 of meer"],
    ["nl", "c-meta.yaml", "4:11", "duration: -5 is te klein: het getal moet groter zijn dan 0; geef een getal boven 0"],
    ["nl", "e-ajv.yaml", "13:61", "maxItems: -1 is te klein: het kleinste toegestane getal is 0; geef 0 of meer"],
    ["en", "e-ajv.yaml", "13:61", "maxItems: -1 is too small: the smallest number allowed is 0; give 0 or more"],
    ["en", "c-meta.yaml", "2:10", "version: 0 is too small: the smallest number allowed is 1; give 1 or more"],
  ])("%s %s %s", async (lang, file, at, message) => {
    const r = await runInProcess(["--lang", lang, "lint", path.join(dir, file), "--json"], { env });
    const found = (JSON.parse(r.stdout) as { findings: { line: number; col: number; message: string; rule: string }[] }).findings;
    expect(found.filter((f) => `${f.line}:${f.col}` === at && f.rule === "bad-value").map((f) => f.message)).toEqual([message]);
    expect(found.map((f) => f.message).join("\n")).not.toMatch(/must be|>=|> 0/);
  });
});
