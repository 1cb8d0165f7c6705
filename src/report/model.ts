// The report MODELS: plain data, already in the reader's language, with no docx in sight.
// Built by pure functions from (format, session) and rendered by src/report/docx/; being
// plain data they can also be handed to a worker thread as they are.
import type { Privacy } from "../format/types.js";

/** How one answer is shown. */
export type AnswerBlock =
  | { kind: "text"; text: string }
  | { kind: "bullets"; items: string[] }
  | { kind: "table"; head: string[]; rows: string[][]; /** relative column widths */ weights: number[]; /** a line under the table (a scale's end labels) */ caption?: string }
  /** No answer: "niet besproken", "geen antwoord" — shown subdued. */
  | { kind: "none"; text: string };

export interface ReportItem {
  id: string;
  /** "3.2": section number and position, also used by the action table. */
  number: string;
  prompt: string;
  privacy: Privacy;
  answer: AnswerBlock;
  note?: string;
}

export interface ReportSection {
  id: string;
  title: string;
  items: ReportItem[];
}

export interface ReportParticipant {
  name: string;
  role: string;
  organisation: string;
  present: string;
}

export interface ReportAction {
  what: string;
  who: string;
  organisation: string;
  due: string;
  question: string;
}

/** Fixed words of the document (headings, column heads) in the report's language. */
export interface ReportWords {
  participants: string;
  participantHead: [string, string, string, string];
  parked: string;
  parkedNone: string;
  atQuestion: string;
  actions: string;
  actionHead: [string, string, string, string, string];
  actionsNone: string;
  /** "Afspraken en acties": the short first block for the director. */
  keyPoints: string;
  keyAgreements: string;
  keyActions: string;
  followup: string;
  followupHead: [string, string, string];
  note: string;
  draftBanner: string;
  draftHeader: string;
  personal: string;
  page: string;
  of: string;
}

export interface ReportModel {
  title: string;
  /** Label/value rows of the title block (school, brin, gemeente, datum, status, ...). */
  facts: [string, string][];
  draft: boolean;
  /** "Vastgesteld op 15 september 2026 door ..." for a final session. */
  finalLine?: string;
  participants: ReportParticipant[];
  sections: ReportSection[];
  parked: { text: string; question: string }[];
  actions: ReportAction[];
  /** This year's agreements (the list answers of the agreements section), for the first block. */
  agreements: string[];
  /** Last year's agreements and how they turned out. */
  followup: { action: string; status: string; note: string }[];
  /** "kernteam v2" */
  footer: string;
  words: ReportWords;
}

/** A count that may be suppressed because its group is too small to show. */
export type Count = number | "< 5";

export interface DistributionRow {
  label: string;
  count: Count;
  /** Percentage of n, already formatted ("42 %"); empty when suppressed. */
  percent: string;
}

export type QuestionSummary =
  | { kind: "distribution"; prompt: string; n: number; rows: DistributionRow[]; mean?: string }
  | { kind: "mean"; prompt: string; n: number; mean: string }
  /** Fewer than the minimum group: no detail. */
  | { kind: "small"; prompt: string };

export interface ThemeSummary {
  tag: string;
  sessions: Count;
  /** Quotes from `open` free-text answers only. */
  knelpunten: string[];
  goodPractices: string[];
  /** Knelpunten recorded in non-open fields: counted, never quoted. */
  closedKnelpunten: number;
}

export interface SummaryModel {
  title: string;
  facts: [string, string][];
  counts: { heading: string; labelHead: string; rows: [string, Count][] }[];
  /** Per format, per section: the figures of the choice, scale, yes/no and number questions. */
  formats: { title: string; sessions: number; sections: { title: string; questions: QuestionSummary[] }[] }[];
  themes: ThemeSummary[];
  /** Action items grouped by organisation; never the person. */
  actions: { organisation: string; items: { what: string; due: string; school: string }[] }[];
  footer: string;
  words: SummaryWords;
}

export interface SummaryWords {
  overview: string;
  countHead: string;
  figures: string;
  small: string;
  meanOf: string;
  distributionHead: [string, string, string];
  themes: string;
  themeSessions: string;
  knelpunten: string;
  goodPractices: string;
  noQuotes: string;
  closedKnelpunten: string;
  actions: string;
  actionHead: [string, string, string];
  actionsNone: string;
  page: string;
  of: string;
  privacyNote: string;
}
