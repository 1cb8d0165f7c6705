// Patterns cannot hang (issue 12): every `validate.pattern` runs in RE2 (re2js), whose matching
// time is linear in the input. The classic exponential patterns, against 10,000-character
// near-misses, through the same AnswerChecker that run, validate, report and rollup use.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { patternMatches, patternProblem } from "../../src/format/pattern.js";
import { AnswerChecker } from "../../src/session/answer-check.js";
import type { Question } from "../../src/format/types.js";
import { ENDINGS, EVIL } from "../../src/bench/redos-cases.js";

const LENGTH = 10_000;

let checker: AnswerChecker;
beforeAll(async () => {
  checker = await AnswerChecker.create();
});

const question = (pattern: string): Question =>
  ({ id: "q", type: "text", prompt: "?", required: false, was: [], tags: [], validate: { pattern } }) as unknown as Question;

describe("patterns run in linear time", () => {
  it("the classic exponential patterns against 10,000-character near-misses: every check well under a second", () => {
    let max = 0;
    let checks = 0;
    for (const [pattern, ch] of EVIL) {
      expect(patternProblem(pattern), pattern).toBeUndefined();
      const q = question(pattern);
      checker.check(q, "warm-up");
      for (const end of ENDINGS) {
        const text = ch.repeat(LENGTH - end.length) + end;
        const t0 = performance.now();
        patternMatches(pattern, text);
        checker.check(q, text);
        const ms = performance.now() - t0;
        max = Math.max(max, ms);
        checks++;
        // Generous on a shared 2-core machine; the real figure is printed below.
        expect(ms, `${pattern} on ${JSON.stringify(end)}`).toBeLessThan(1000);
      }
    }
    console.log(`ReDoS: ${checks} checks of ${LENGTH} characters, slowest ${max.toFixed(1)} ms`);
  });

  it("property: random near-misses of random length up to 10,000 stay fast", () => {
    let max = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...EVIL),
        fc.integer({ min: 1, max: LENGTH }),
        fc.string({ minLength: 1, maxLength: 3 }),
        ([pattern, ch], n, end) => {
          const text = ch.repeat(n) + end;
          const t0 = performance.now();
          checker.check(question(pattern), text);
          const ms = performance.now() - t0;
          max = Math.max(max, ms);
          expect(ms).toBeLessThan(1000);
        },
      ),
      { numRuns: 200 },
    );
    console.log(`ReDoS property: 200 runs, slowest ${max.toFixed(1)} ms`);
  });

  it("matches like a JavaScript regex for ordinary patterns", () => {
    expect(patternMatches("^[0-9]{2}[A-Z]{2}([0-9]{2})?$", "12AB")).toBe(true);
    expect(patternMatches("^[0-9]{2}[A-Z]{2}([0-9]{2})?$", "12AB3")).toBe(false);
    expect(patternMatches("^20[0-9]{2}-20[0-9]{2}$", "2025-2026")).toBe(true);
    expect(patternMatches("b", "abc")).toBe(true);
    expect(checker.check(question("^[0-9]{4}$"), "12345")).toHaveLength(1);
    expect(checker.check(question("^[0-9]{4}$"), "1234")).toHaveLength(0);
  });

  it("what RE2 cannot run is named: backreferences and lookaround are unsupported, broken syntax invalid", () => {
    expect(patternProblem("^(\\w+) \\1$")?.kind).toBe("unsupported");
    expect(patternProblem("^(?=a)a$")?.kind).toBe("unsupported");
    expect(patternProblem("^(?<!a)b$")?.kind).toBe("unsupported");
    expect(patternProblem("(?<x>a)\\k<x>")?.kind).toBe("unsupported");
    expect(patternProblem("^[0-9]{2}[A-Z{2}$")?.kind).toBe("invalid");
    expect(patternProblem("(")?.kind).toBe("invalid");
  });
});

describe("what is wrong with a pattern is said in the user's words", () => {
  it("\\u00e9 is RE2's \\x{e9}: the message says exactly that (not 'no backreferences or lookaround')", () => {
    const p = patternProblem("^caf\\u00e9$");
    expect(p?.kind).toBe("unsupported");
    expect(p?.message).toBe("in een patroon schrijft u een Unicode-teken als \\x{e9}, niet als \\u00e9 (RE2-syntaxis): ^caf\\u00e9$");
    expect(patternProblem("\\u{1F600}")?.message).toContain("als \\x{1f600}, niet als \\u{1F600}");
  });

  it("a backreference or lookaround is named as such", () => {
    expect(patternProblem("^(\\w+) \\1$")?.message).toMatch(/geen terugverwijzingen en lookaround .*\(\\1 is een terugverwijzing\)$/);
    expect(patternProblem("^(?<!a)b$")?.message).toMatch(/\(\(\?<! is lookaround\)$/);
  });

  it("the common RE2 errors in Dutch, without the library's English", () => {
    const said = (p: string) => patternProblem(p)?.message ?? "";
    expect(said("[0-9")).toBe("ongeldige reguliere expressie: [0-9 (een [ zonder sluitende ])");
    expect(said("(")).toBe("ongeldige reguliere expressie: ( (een ( zonder sluitende ))");
    expect(said("a**")).toBe("ongeldige reguliere expressie: a** (een herhaling van een herhaling: **)");
    expect(said("(?i")).toBe("ongeldige reguliere expressie: (?i (onbekende groep (?i)");
    for (const p of ["[0-9", "(", ")", "a**", "a{2,1}", "\\", "[z-a]", "*a", "\\e", "(?i", "(?=a)", "\\cA"])
      expect(said(p), p).not.toMatch(/missing|invalid|unsupported|Perl|unexpected|trailing|argument|escape sequence/);
  });
});
