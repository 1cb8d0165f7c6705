// The report MODELS: plain data, already in the reader's language, with no docx in sight.
// Built by pure functions from (format, session) and rendered by src/report/docx/; being
// plain data they can also be handed to a worker thread as they are.
import type { Privacy } from "../format/types.js";
import type { ChartSpec } from "./charts/spec.js";

/** How one answer is shown. */
export type AnswerBlock =
  | { kind: "text"; text: string }
  | { kind: "bullets"; items: string[] }
  | {
      kind: "table";
      head: string[];
      rows: string[][] /** relative column widths */;
      weights: number[] /** a line under the table (a scale's end labels) */;
      caption?: string;
    }
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

/** A count that may be suppressed: "< k" for a small group, HIDDEN for one hidden to protect it. */
export type Count = number | string;
/** A count left out so that a small group next to it cannot be recomputed from the total. */
export const HIDDEN = "×";

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
  | { kind: "small"; prompt: string; mark: string }
  /** Nobody answered it. */
  | { kind: "none"; prompt: string };

/** A table of the summary: rows of text, header row repeated on every page. */
export interface SummaryTable {
  head: string[];
  rows: string[][];
  /** relative column widths */
  weights?: number[];
  /** columns aligned right (figures) */
  right?: number[];
}

/** The summary is a flow of blocks: the builder decides, the renderer only draws. */
export type SummaryBlock =
  | { kind: "heading"; text: string; level: 1 | 2 | 3 }
  | { kind: "para"; text: string; muted?: boolean; bold?: boolean; italics?: boolean }
  | { kind: "bullets"; items: string[] }
  | { kind: "table"; table: SummaryTable }
  /** A chart spec (plain data, see src/report/charts/spec.ts), drawn by the renderer. */
  | { kind: "chart"; chart: ChartSpec }
  | { kind: "pageBreak" };

export interface SummaryModel {
  title: string;
  /** "voor GGD" in a --split document */
  subtitle?: string;
  facts: [string, string][];
  /** Key points, figures per chapter, quotes, actions: at most ~12 pages. */
  main: SummaryBlock[];
  /** Full lists: all distributions, quotes, good practices, actions. */
  appendix: SummaryBlock[];
  /** Conversations per gemeente and per school type over all formats, protected (appendix). */
  counts: { heading: string; labelHead: string; rows: [string, Count][] }[];
  /** What was held back and why, counts only (closing paragraph). */
  heldBack: string[];
  footer: string;
  words: SummaryWords;
}

export interface SummaryWords {
  overview: string;
  countHead: string;
  figures: string;
  small: string;
  /** A question nobody answered. */
  noAnswers: string;
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
  appendix: string;
  page: string;
  of: string;
  privacyNote: string;
  hiddenNote: string;
  heldBack: string;
  heldBackIntro: string;
  heldBackNone: string;
}
