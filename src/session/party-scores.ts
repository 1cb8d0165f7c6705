// `per_party` scale answers: `{joint: N, parties: {ROLE: N}}`, or a plain number (joint only).
// One place that knows the shape, so conditions, the report and the rollup read it alike.
import type { PartyScores } from "../format/types.js";

export function isPartyScores(v: unknown): v is PartyScores {
  return v !== null && typeof v === "object" && !Array.isArray(v) && "joint" in v;
}

/** The joint score of a per_party answer; any other value as it is. */
export function jointOf<T>(v: T | PartyScores): T | number {
  return isPartyScores(v) ? v.joint : v;
}

/** Each party's score in the order given; empty for a plain number. */
export function partiesOf(v: unknown): [string, number][] {
  if (!isPartyScores(v) || v.parties === null || typeof v.parties !== "object") return [];
  return Object.entries(v.parties).filter((e): e is [string, number] => typeof e[1] === "number");
}
