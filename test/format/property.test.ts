// Property tests (issue 7): any generated format object, written as YAML, either loads or
// yields located findings — never an unhandled exception. The same for session files checked
// against the built-in formats. In-process, through the same functions lint/validate use.
import { writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { lintFormatFile } from "../../src/format/lint.js";
import { FormatRegistry } from "../../src/format/registry.js";
import { parseYaml } from "../../src/yaml/parse.js";
import { parseSessionText } from "../../src/session/io.js";
import { validateSession } from "../../src/session/validate.js";
import { AnswerChecker } from "../../src/session/answer-check.js";
import { BUILTIN_FORMATS_DIR } from "../../src/util/paths.js";
import { UserError } from "../../src/cli/errors.js";
import type { Finding } from "../../src/findings/finding.js";

/** Runs per property; AFSTEM_PROPERTY_RUNS raises it for a long soak. */
const RUNS = Number(process.env.AFSTEM_PROPERTY_RUNS ?? 300);

const tmp = tempDir("afstem-prop-");
let registry: FormatRegistry;
let checker: AnswerChecker;
// Files share a worker process (vitest.config.ts, isolate: false): put the environment back.
const cacheSetting = process.env.AFSTEM_CACHE;
beforeAll(async () => {
  process.env.AFSTEM_CACHE = "0";
  registry = await FormatRegistry.load([BUILTIN_FORMATS_DIR]);
  checker = await AnswerChecker.create();
});
afterAll(() => {
  tmp.cleanup();
  if (cacheSetting === undefined) delete process.env.AFSTEM_CACHE;
  else process.env.AFSTEM_CACHE = cacheSetting;
});

function wellFormed(findings: Finding[], lines: number) {
  for (const f of findings) {
    expect(typeof f.rule).toBe("string");
    expect(f.message.length).toBeGreaterThan(0);
    expect(["error", "warning"]).toContain(f.severity);
    expect(Number.isInteger(f.line) && f.line >= 1 && f.line <= lines + 1).toBe(true);
    expect(Number.isInteger(f.col) && f.col >= 1).toBe(true);
  }
}

// Mostly plausible values, sometimes anything at all: that is where the bugs are.
const junk = fc.jsonValue({ maxDepth: 2 });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: a }, { weight: 1, arbitrary: junk });
const id = fc.oneof(fc.constantFrom("q1", "q2", "q3", "school", "datum", "s1", "kernteam", "x-y", "Q_4"), fc.string({ maxLength: 6 }));
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.record({ nl: fc.string({ maxLength: 8 }), en: fc.string({ maxLength: 8 }) }, { requiredKeys: [] }),
);
const types = fc.constantFrom("text", "longtext", "choice", "multichoice", "scale", "yesno", "number", "date", "list", "repeat", "slider");
const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -3, max: 12 }), fc.boolean());
const condition: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  cond: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ q: id, is: scalar }),
    fc.record({ q: id, in: fc.array(scalar, { maxLength: 3 }) }),
    fc.record({ q: id, answered: fc.boolean() }),
    fc.record({ all: fc.array(tie("cond"), { maxLength: 2 }) }),
    fc.record({ any: fc.array(tie("cond"), { maxLength: 2 }) }),
    fc.record({ not: tie("cond") }),
  ),
})).cond;
const validate = fc.record(
  {
    minLength: maybe(fc.integer({ min: -1, max: 30 })),
    maxLength: maybe(fc.integer({ min: -1, max: 30 })),
    pattern: fc.oneof(
      fc.constantFrom("^[0-9]{4}$", "(a+)+$", "[", "^(a|a)*$", "\\d{2}[A-Z]{2}", "(?<x>a)\\k<x>"),
      fc.string({ maxLength: 8 }),
    ),
    minimum: maybe(fc.double({ noNaN: true, min: -10, max: 10 })),
    maximum: maybe(fc.integer({ min: -10, max: 10 })),
    minItems: maybe(fc.integer({ min: 0, max: 4 })),
    maxItems: maybe(fc.integer({ min: 0, max: 4 })),
  },
  { requiredKeys: [] },
);
const option = fc.record(
  { code: maybe(fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: 0, max: 3 }))), label: maybe(text) },
  { requiredKeys: [] },
);
const questionShape = (fields: fc.Arbitrary<unknown>) =>
  fc.record(
    {
      id: maybe(id),
      type: maybe(types),
      prompt: maybe(text),
      help: text,
      required: maybe(fc.boolean()),
      when: maybe(condition),
      validate: maybe(validate),
      message: text,
      tags: maybe(fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 })),
      privacy: maybe(fc.constantFrom("open", "intern", "persoonlijk", "geheim")),
      was: fc.array(id, { maxLength: 2 }),
      options: maybe(fc.array(option, { maxLength: 4 })),
      min: maybe(fc.integer({ min: -2, max: 12 })),
      max: maybe(fc.integer({ min: -2, max: 30 })),
      labels: maybe(fc.record({ min: text, max: text }, { requiredKeys: [] })),
      fields,
      promt: fc.string({ maxLength: 4 }),
    },
    { requiredKeys: ["id", "type"] },
  );
// Fields sometimes hold a nested repeat (refused by lint, must not crash).
const field = questionShape(fc.constant(undefined).map(() => [{ id: "f", type: "repeat", prompt: "p" }]));
const question = questionShape(maybe(fc.array(field, { maxLength: 3 })));
const section = fc.record(
  {
    id: maybe(id),
    title: maybe(text),
    intro: text,
    minutes: maybe(fc.integer({ min: -5, max: 60 })),
    questions: maybe(fc.array(question, { maxLength: 4 })),
  },
  { requiredKeys: ["id"] },
);
const format = fc.record(
  {
    id: maybe(fc.constantFrom("prop", "kernteam", "kernteam-buch", "Bad Id")),
    version: maybe(fc.integer({ min: 0, max: 3 })),
    title: maybe(text),
    description: text,
    language: maybe(fc.constantFrom("nl", "en", "de")),
    extends: maybe(fc.constantFrom("kernteam", "prop", "bestaat-niet", "kernteam-buch")),
    remove: maybe(fc.array(id, { maxLength: 3 })),
    duration: maybe(fc.integer({ min: -1, max: 120 })),
    meta: maybe(fc.array(question, { maxLength: 3 })),
    participants: maybe(
      fc.array(fc.record({ id: maybe(id), label: maybe(text), organisation: text, required: maybe(fc.boolean()) }, { requiredKeys: [] }), {
        maxLength: 3,
      }),
    ),
    sections: maybe(fc.array(section, { maxLength: 3 })),
  },
  { requiredKeys: [] },
);

describe("property: formats", () => {
  it(
    `any generated format either loads or yields located findings (${RUNS} runs)`,
    async () => {
      let n = 0;
      const seen = { clean: 0, errors: 0, located: 0 };
      await fc.assert(
        fc.asyncProperty(format, fc.boolean(), async (obj, flow) => {
          const yamlText = stringify(obj, flow ? { collectionStyle: "flow" } : {});
          const file = path.join(tmp.dir, `f${n++}.yaml`);
          writeFileSync(file, yamlText);
          const r = await lintFormatFile(file, registry);
          wellFormed(r.findings, yamlText.split("\n").length);
          // No errors means a usable format came out.
          if (!r.findings.some((f) => f.severity === "error")) {
            expect(r.format).toBeDefined();
            seen.clean++;
          } else seen.errors++;
          if (r.findings.some((f) => f.line > 1)) seen.located++;
        }),
        { numRuns: RUNS },
      );
      // The generator must reach both outcomes, or the property says little.
      expect(seen.errors).toBeGreaterThan(0);
      expect(seen.located).toBeGreaterThan(0);
    },
    RUNS * 100 + 30_000,
  );

  it(`any text at all: parseYaml returns findings or data, never throws (${RUNS * 3} runs)`, () => {
    const yamlish = fc.stringMatching(/^[\sa-z:\-[\]{}"'&*!#|>,?%@`0-9.\t]{0,60}$/);
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ maxLength: 60 })), (t) => {
        const p = parseYaml(t, "x.yaml");
        wellFormed(p.findings, t.split("\n").length);
        if (p.findings.length === 0) expect(p.data !== null && typeof p.data === "object").toBe(true);
        // Locating any path never throws either.
        expect(p.locate(["a", 0, "b"]).line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: RUNS * 3 },
    );
  });
});

const kernIds = [
  "tevredenheid_samenwerking",
  "wat_gaat_goed",
  "sterke_punten",
  "vast_overleg",
  "overleg_frequentie",
  "aantal_consultaties",
  "knelpunten_overzicht",
  "volgend_gesprek",
  "gemaakte_afspraken",
  "wachttijden_ervaren",
  "wachttijd_weken",
  "onbekend",
];
const answerValue = fc.oneof(
  scalar,
  fc.constantFrom("ja", "nee", "yes", "on", "2026-02-30", "2027-09-20", "maandelijks", "korte-lijnen", ""),
  fc.array(fc.oneof(scalar, fc.constantFrom("korte-lijnen", "ouders")), { maxLength: 3 }),
  fc.array(fc.dictionary(fc.constantFrom("omschrijving", "partner", "prioriteit", "x"), fc.oneof(scalar, junk), { maxKeys: 3 }), {
    maxLength: 2,
  }),
  junk,
);
const session = fc.record(
  {
    afstem: maybe(fc.constant(1)),
    format: maybe(
      fc.record(
        {
          id: maybe(fc.constantFrom("kernteam", "kernteam-buch", "routekaart", "beleidsgroep", "onbekend")),
          version: maybe(fc.integer({ min: 0, max: 3 })),
        },
        { requiredKeys: [] },
      ),
    ),
    status: maybe(fc.constantFrom("draft", "final")),
    finalized: maybe(
      fc.oneof(fc.constant(null), fc.record({ at: fc.constant("2026-09-29T10:00:00+02:00"), by: fc.array(fc.string({ maxLength: 4 })) })),
    ),
    meta: maybe(
      fc.dictionary(
        fc.constantFrom("school", "datum", "brin", "gemeente", "regio", "schooltype", "x"),
        fc.oneof(scalar, fc.constantFrom("2026-09-29", "12AB", "velsen")),
        { maxKeys: 4 },
      ),
    ),
    participants: maybe(
      fc.array(
        fc.record(
          { name: maybe(fc.string({ maxLength: 6 })), role: maybe(fc.constantFrom("cjg", "ib", "jgt", "x")), present: maybe(fc.boolean()) },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    ),
    answers: maybe(fc.dictionary(fc.constantFrom(...kernIds), answerValue, { maxKeys: 6 })),
    aside: maybe(fc.dictionary(fc.constantFrom(...kernIds), answerValue, { maxKeys: 2 })),
    notes: maybe(fc.dictionary(fc.constantFrom(...kernIds), fc.string({ maxLength: 6 }), { maxKeys: 2 })),
    skipped: maybe(fc.array(fc.constantFrom(...kernIds), { maxLength: 2 })),
    parked: maybe(
      fc.array(fc.record({ text: fc.string({ maxLength: 5 }), question: fc.constantFrom(...kernIds) }, { requiredKeys: [] }), {
        maxLength: 2,
      }),
    ),
    actions: maybe(
      fc.array(
        fc.record(
          {
            what: maybe(fc.string({ maxLength: 5 })),
            due: maybe(fc.constantFrom("2026-10-01", "2026-13-01", "morgen")),
            question: fc.constantFrom(...kernIds),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
    ),
    timing: maybe(fc.dictionary(fc.constantFrom("goed", "beter"), fc.integer({ min: -5, max: 900 }), { maxKeys: 2 })),
    history: maybe(
      fc.array(fc.record({ event: fc.constantFrom("start", "finalize", "ontplof"), at: fc.constant("2026-09-29T10:00:00+02:00") }), {
        maxLength: 2,
      }),
    ),
  },
  { requiredKeys: [] },
);

describe("property: sessions", () => {
  it(
    `any generated session validates to findings, never an exception (${RUNS} runs, partial and full)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(session, fc.boolean(), async (obj, partial) => {
          const yamlText = stringify(obj);
          let read;
          try {
            read = await parseSessionText(yamlText, "gesprek.yaml");
          } catch (err) {
            // Only an unreadable file may throw, and then as a UserError.
            expect(err).toBeInstanceOf(UserError);
            return;
          }
          const r = await validateSession(read, registry, { partial }, checker);
          wellFormed(r.findings, yamlText.split("\n").length);
        }),
        { numRuns: RUNS },
      );
    },
    RUNS * 50 + 30_000,
  );
});
