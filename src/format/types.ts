// The resolved format model: what every command reads. Plain data, no behaviour,
// so it can be serialised (`formats show --json`), cached and passed to workers.

export type Lang = "nl" | "en";
export const LANGS: readonly Lang[] = ["nl", "en"];

/** A text in one or more languages; at least one key is present. */
export type LocalText = Partial<Record<Lang, string>>;

export type QuestionType = "text" | "longtext" | "choice" | "multichoice" | "scale" | "yesno" | "number" | "date" | "list" | "repeat";

export const QUESTION_TYPES: readonly QuestionType[] = [
  "text",
  "longtext",
  "choice",
  "multichoice",
  "scale",
  "yesno",
  "number",
  "date",
  "list",
  "repeat",
];

/** Free-text types: their answers are words people typed, so privacy rules bite hardest. */
export const FREE_TEXT_TYPES: readonly QuestionType[] = ["text", "longtext", "list"];

/**
 * open: may be aggregated and quoted; intern: aggregated only (never quoted);
 * persoonlijk: never leaves the school's own report.
 */
export type Privacy = "open" | "intern" | "persoonlijk";
export const PRIVACY_MARKS: readonly Privacy[] = ["open", "intern", "persoonlijk"];

export interface Option {
  code: string;
  label: LocalText;
}

/** Structured conditions; never code. `q` names a question asked earlier. */
export type Condition =
  | { q: string; is: AnswerScalar }
  | { q: string; in: AnswerScalar[] }
  | { q: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** The JSON Schema keywords a format may put on an answer. */
export interface ValidateRules {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

export interface Question {
  id: string;
  type: QuestionType;
  prompt: LocalText;
  help?: LocalText;
  required: boolean;
  when?: Condition;
  /**
   * Consent: the answer (for a repeat, each item, judged on its own fields) may leave the
   * school only when this holds; otherwise it is treated as `intern`.
   */
  shareWhen?: Condition;
  validate?: ValidateRules;
  /** What the facilitator sees when an answer fails `validate`. */
  message?: LocalText;
  tags: string[];
  privacy: Privacy;
  /** Older ids of this question (renames across format versions). */
  was: string[];
  /** choice, multichoice */
  options?: Option[];
  /** scale (required there), number (optional bounds) */
  min?: number;
  max?: number;
  /** scale: each present party gives its own score before the joint one (`per_party: true`). */
  perParty?: boolean;
  /** scale: labels for the ends */
  labels?: { min?: LocalText; max?: LocalText };
  /** repeat: the group asked again and again */
  fields?: Question[];
}

export interface Section {
  id: string;
  title: LocalText;
  intro?: LocalText;
  /** Timebox in minutes. */
  minutes: number;
  questions: Question[];
}

export interface ParticipantRole {
  id: string;
  label: LocalText;
  organisation?: LocalText;
  required: boolean;
}

export interface Format {
  id: string;
  version: number;
  title: LocalText;
  description?: LocalText;
  language: Lang;
  extends?: string;
  /** Planned length in minutes. */
  duration: number;
  meta: Question[];
  participants: ParticipantRole[];
  sections: Section[];
  /** Where it was loaded from (absolute path); absent for in-memory formats. */
  source?: string;
}

/** A value as stored in a session file. */
export type AnswerScalar = string | number | boolean;
export type AnswerValue = AnswerScalar | AnswerScalar[] | RepeatItem[] | PartyScores;
/** A `per_party` scale answer: the joint score and each party's own, by role id. */
export interface PartyScores {
  joint: number;
  parties: Record<string, number>;
}
export type RepeatItem = Record<string, AnswerScalar | AnswerScalar[]>;
