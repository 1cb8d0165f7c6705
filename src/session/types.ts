// The session file: one YAML file per conversation. This is its in-memory shape,
// identical to the file's keys so that reading and writing are a plain (de)serialisation.
import type { AnswerScalar, AnswerValue } from "../format/types.js";

export const SESSION_FILE_VERSION = 1;

export type SessionStatus = "draft" | "final";

export interface SessionParticipant {
  /** Always `persoonlijk`: never leaves the school's own report. */
  name: string;
  /** A participant role id of the format. */
  role: string;
  organisation?: string;
  present: boolean;
}

export interface ParkedTopic {
  text: string;
  /** The question that was current when the topic was parked. */
  question?: string;
  /** ISO date-time. */
  time: string;
}

export interface ActionItem {
  what: string;
  who?: string;
  organisation?: string;
  /** YYYY-MM-DD */
  due?: string;
  /** The question it was recorded at. */
  question?: string;
}

/** How an agreement or action of last year's conversation turned out. */
export type FollowupStatus = "gedaan" | "loopt" | "vervallen";
export const FOLLOWUP_STATUSES: readonly FollowupStatus[] = ["gedaan", "loopt", "vervallen"];

export interface FollowupItem {
  /** The agreement or action as it was recorded last year. */
  action: string;
  status: FollowupStatus;
  note?: string;
}

export type HistoryEventKind = "start" | "resume" | "finalize" | "reopen" | "import";

export interface HistoryEvent {
  event: HistoryEventKind;
  /** ISO date-time. */
  at: string;
  /** Who did it (role ids for finalize, free text otherwise). */
  by?: string[];
  note?: string;
}

export interface Finalized {
  /** ISO date-time. */
  at: string;
  /** Role ids of the parties that confirmed the record. */
  by: string[];
}

export interface Session {
  afstem: typeof SESSION_FILE_VERSION;
  format: { id: string; version: number };
  status: SessionStatus;
  /** ISO date-times. */
  started: string;
  updated: string;
  finalized?: Finalized | null;
  /** Meta answers by meta field id (school, brin, gemeente, regio, schooltype, datum, ...). */
  meta: Record<string, AnswerScalar>;
  participants: SessionParticipant[];
  /** Answers by question id; repeat groups as lists of objects. */
  answers: Record<string, AnswerValue>;
  /** Answers of questions whose `when` no longer holds: kept aside, never thrown away. */
  aside?: Record<string, AnswerValue>;
  /** Facilitator notes per question id. */
  notes: Record<string, string>;
  skipped: string[];
  parked: ParkedTopic[];
  actions: ActionItem[];
  /** Last year's agreements and actions, each with how it turned out (`run --previous`). */
  followup?: FollowupItem[];
  /** Seconds spent per section id (and `meta`, `participants`). */
  timing: Record<string, number>;
  /**
   * Where the conversation was when it was last saved: the question id on screen, or
   * `participants` (at the review: where it was before). `--resume` continues in its section.
   * Optional: older files without it resume in the section of the last answer.
   */
  position?: string;
  history: HistoryEvent[];
}
