// Evaluating `when` conditions: pure, over the answers given so far.
import type { AnswerValue, Condition } from "../format/types.js";
import { jointOf } from "./party-scores.js";

export type AnswerLookup = (id: string) => AnswerValue | undefined;

/** An answer counts as given when it is not empty: "", [], and undefined are "not answered". */
export function isAnswered(value: AnswerValue | undefined | null): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function same(a: unknown, b: unknown): boolean {
  // Codes are strings but a YAML author may write `is: 1` for code "1" or scale 1.
  return a === b || (a !== undefined && a !== null && String(a) === String(b) && typeof a !== "boolean" && typeof b !== "boolean");
}

export function evaluate(cond: Condition, get: AnswerLookup): boolean {
  if ("all" in cond) return cond.all.every((c) => evaluate(c, get));
  if ("any" in cond) return cond.any.some((c) => evaluate(c, get));
  if ("not" in cond) return !evaluate(cond.not, get);
  // A per_party scale is compared by its joint score.
  const value = jointOf(get(cond.q));
  if ("answered" in cond) return isAnswered(value) === cond.answered;
  if (!isAnswered(value)) return false;
  const values = Array.isArray(value) ? value : [value];
  if ("is" in cond) return values.some((v) => same(v, cond.is));
  return values.some((v) => cond.in.some((w) => same(v, w)));
}
