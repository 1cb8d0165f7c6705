// `per_party` scale answers: `{joint: N, parties: {ROLE: N}}`, or a plain number (joint only).
// One place that knows the shape, so conditions, the report and the rollup read it alike.
import type { AnswerValue, PartyScores } from "../format/types.js";
import type { SessionParticipant } from "./types.js";

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

/**
 * Was a participant of this role present? Only a present party gives its own score (README:
 * `per_party`); `validate` warns about any other score (`party-absent`) and the report, the
 * rollup and the summary leave it out — all by this one test.
 */
export function isPresentRole(participants: readonly SessionParticipant[] | undefined, role: string): boolean {
  for (const p of participants ?? []) if (p && p.role === role && p.present === true) return true;
  return false;
}

/**
 * A per_party answer with only the scores of present parties: the value itself when every score
 * is from a present party (nothing copied), else a copy without the others.
 */
export function presentScores(v: AnswerValue, participants: readonly SessionParticipant[] | undefined): AnswerValue {
  if (!isPartyScores(v) || v.parties === null || typeof v.parties !== "object") return v;
  let allPresent = true;
  for (const role in v.parties) if (!isPresentRole(participants, role)) allPresent = false;
  if (allPresent) return v;
  const parties: Record<string, number> = {};
  for (const [role, n] of Object.entries(v.parties)) if (isPresentRole(participants, role)) parties[role] = n;
  return { ...v, parties };
}
