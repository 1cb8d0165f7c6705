// The conversation as plain data: where we are (cursor), the session being filled, and the
// clock. The reducer (reduce.ts) is the only thing that changes it; the UI only proposes inputs.
import type { ActionItem, FollowupItem, Session, SessionParticipant } from "../session/types.js";
import type { AnswerValue, Format } from "../format/types.js";

/** One place in the conversation. Meta fields are questions of the pseudo-section `meta`. */
export type Step = { kind: "question"; id: string } | { kind: "participants" } | { kind: "review" };

export interface RunnerState {
  format: Format;
  session: Session;
  cursor: Step;
  /** Where `continue` (from the review) or an edit made from the review returns to. */
  returnTo?: Step;
  /** After a jump (:sectie): moving on goes to the next open question, not through answered ones. */
  jumped?: boolean;
  /** True while an answer is being edited from the review: answering returns to the review. */
  editing?: boolean;
  /** Milliseconds per timing key, precise; session.timing holds them rounded to seconds. */
  clock: { at: number; ms: Record<string, number> };
  /**
   * Opened with --reopen and nothing changed yet: the session stays final (and unsaved) until
   * the first change, which turns it into a draft with a `reopen` history event.
   */
  reopening?: boolean;
  /** Why the last `finalize` was refused (empty when it was not). */
  problems: string[];
}

/** What the UI can ask the state machine to do; `now` (ms since epoch) keeps it pure. */
export type Input = (
  | { type: "answer"; value: AnswerValue | undefined; stay?: boolean }
  | { type: "skip" }
  | { type: "back" }
  | { type: "jump"; section: string }
  | { type: "goto"; id: string }
  | { type: "review" }
  | { type: "continue" }
  | { type: "participants"; list: SessionParticipant[] /** save without moving on */; stay?: boolean }
  | { type: "note"; text: string }
  | { type: "park"; text: string }
  | { type: "action"; item: Omit<ActionItem, "question"> }
  | { type: "followup"; item: FollowupItem }
  /** Replace action `index` (keeping the question it was recorded at), or delete it with `item: null`. */
  | { type: "editAction"; index: number; item: Omit<ActionItem, "question"> | null }
  /** Change the text of parked topic `index`, or delete it with `text: null`. */
  | { type: "editParked"; index: number; text: string | null }
  | { type: "finalize"; by: string[] }
  | { type: "reopen" }
  | { type: "tick" }
) & { now: number };

/** An input as the UI produces it, before the loop stamps the time; plus the loop's own `stop`. */
export type Proposal = DistributiveOmit<Input, "now"> | { type: "stop" };
type DistributiveOmit<T, K extends keyof any> = T extends unknown ? Omit<T, K> : never;
