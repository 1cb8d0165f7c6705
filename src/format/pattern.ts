// A format's `validate.pattern` is written by coordinators and evaluated on answers typed by
// anyone. JavaScript's backtracking engine takes exponential time on patterns such as
// `(a+)+$` and cannot be interrupted, so every pattern runs in re2js: RE2 semantics, matching
// in time linear in the input, whatever the pattern. RE2 has no backreferences or lookaround;
// lint reports such a pattern (and one that is no regular expression at all) as an error, and
// a format with lint errors never loads, so compilePattern never sees one in practice.
import { RE2JS, RE2JSSyntaxException } from "re2js";
import { fill } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";

/** Why a pattern cannot be used: the kind (lint's rule) and the whole message, in the user's language. */
export type PatternProblem = { kind: "invalid" | "unsupported"; message: string } | undefined;

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
 * regular expression that RE2 cannot run in linear time (backreference, lookaround) or writes
 * otherwise (`\u00e9` is `\x{e9}` in RE2).
 */
export function patternProblem(pattern: string): PatternProblem {
  try {
    compilePattern(pattern);
    return undefined;
  } catch (err) {
    let jsValid = true;
    try {
      new RegExp(pattern, "u");
    } catch {
      jsValid = false;
    }
    const syntax = err instanceof RE2JSSyntaxException ? { code: err.error, at: err.input ?? "" } : undefined;
    if (!jsValid)
      return { kind: "invalid", message: fill(msg("format.lint.invalid-regular-expression-p-why"), { p: pattern, why: reason(err) }) };
    const unicode = /\\u(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{4}))/.exec(pattern);
    if (unicode && syntax?.at.startsWith("\\u")) {
      const x = `\\x{${Number.parseInt(unicode[1] ?? unicode[2]!, 16).toString(16)}}`;
      return { kind: "unsupported", message: fill(msg("format.pattern.unicode-escape"), { p: pattern, u: unicode[0], x }) };
    }
    const backref = syntax && /^\\([1-9]|k)/.test(syntax.at);
    const look = /\(\?<?[=!]/.exec(pattern);
    const why = backref
      ? fill(msg("format.pattern.backreference"), { x: syntax.at })
      : look
        ? fill(msg("format.pattern.lookaround"), { x: look[0] })
        : undefined;
    return why
      ? { kind: "unsupported", message: fill(msg("format.lint.patterns-follow-re2-which-has"), { p: pattern, why }) }
      : { kind: "unsupported", message: fill(msg("format.pattern.not-in-re2"), { p: pattern, why: reason(err) }) };
  }
}

/** RE2's complaint in the user's language; its own English only for the rare rest. */
function reason(err: unknown): string {
  if (!(err instanceof RE2JSSyntaxException)) return err instanceof Error ? err.message : String(err);
  const x = err.input ?? "";
  // Keyed by re2js's error texts (its Parser's ERR_* constants, which it does not export).
  const words: Record<string, string> = {
    "missing closing ]": msg("format.pattern.missing-bracket"),
    "missing closing )": msg("format.pattern.missing-paren"),
    "unexpected )": msg("format.pattern.unexpected-paren"),
    "invalid escape sequence": msg("format.pattern.invalid-escape"),
    "trailing backslash at end of expression": msg("format.pattern.trailing-backslash"),
    "invalid character class range": msg("format.pattern.invalid-char-range"),
    "invalid repeat count": msg("format.pattern.invalid-repeat-size"),
    "invalid nested repetition operator": msg("format.pattern.invalid-repeat-op"),
    "missing argument to repetition operator": msg("format.pattern.missing-repeat-argument"),
    "invalid or unsupported Perl syntax": msg("format.pattern.invalid-perl-op"),
    "invalid named capture": msg("format.pattern.invalid-named-capture"),
    "duplicate capture group name": msg("format.pattern.duplicate-named-capture"),
  };
  const template = words[err.error];
  return template ? fill(template, { x }) : err.message.replace(/^error parsing regexp:\s*/, "");
}

/** ajv's `code.regExp` option: the JSON Schema `pattern` keyword through RE2 as well. */
export const re2Engine = Object.assign((pattern: string) => compilePattern(pattern), { code: "re2js" });
