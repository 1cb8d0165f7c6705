// A format's `validate.pattern` is written by coordinators and evaluated on answers typed by
// anyone. JavaScript's backtracking engine takes exponential time on patterns such as
// `(a+)+$` and cannot be interrupted, so every pattern runs in re2js: RE2 semantics, matching
// in time linear in the input, whatever the pattern. RE2 has no backreferences or lookaround;
// lint reports such a pattern (and one that is no regular expression at all) as an error, and
// a format with lint errors never loads, so compilePattern never sees one in practice.
import { RE2JS } from "re2js";

export type PatternProblem = { kind: "invalid" | "unsupported"; reason: string } | undefined;

const compiled = new Map<string, RE2JS>();

/** The compiled pattern (cached per text); throws for a pattern RE2 cannot run. */
export function compilePattern(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern);
    compiled.set(pattern, re);
  }
  return re;
}

/** Does `text` contain a match (like RegExp#test; anchor with ^…$ for the whole text)? */
export function patternMatches(pattern: string, text: string): boolean {
  return compilePattern(pattern).test(text);
}

/**
 * Why a pattern cannot be used, or undefined when it can. "unsupported": a valid JavaScript
 * regular expression that RE2 cannot run in linear time (backreference, lookaround).
 */
export function patternProblem(pattern: string): PatternProblem {
  try {
    compilePattern(pattern);
    return undefined;
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).replace(/^error parsing regexp:\s*/, "");
    let jsValid = true;
    try {
      new RegExp(pattern, "u");
    } catch {
      jsValid = false;
    }
    return { kind: jsValid ? "unsupported" : "invalid", reason };
  }
}

/** ajv's `code.regExp` option: the JSON Schema `pattern` keyword through RE2 as well. */
export const re2Engine = Object.assign((pattern: string) => compilePattern(pattern), { code: "re2js" });
