// The fixed words of both documents, and dates and numbers written the way readers expect.
import type { Lang } from "../format/types.js";
import type { ReportWords, SummaryWords } from "./model.js";
import { fill } from "../i18n/lang.js";
import { msg, type MessageKey } from "../i18n/messages.js";

export function reportWords(lang: Lang): ReportWords {
  const t = (key: MessageKey) => msg(key, lang);
  return {
    participants: t("common.participants"),
    participantHead: [t("report.words.name"), t("report.words.role"), t("report.buildSummary.organisation"), t("report.words.present")],
    parked: t("report.words.parked-topics"),
    parkedNone: t("report.words.no-topics-were-parked"),
    atQuestion: t("report.words.question"),
    actions: t("report.buildSummary.actions"),
    actionHead: [
      t("report.buildSummary.what"),
      t("report.words.who"),
      t("report.buildSummary.organisation"),
      t("report.buildSummary.due"),
      t("report.words.question-2"),
    ],
    actionsNone: t("report.words.no-actions-were-agreed"),
    keyPoints: t("report.words.agreements-actions"),
    keyAgreements: t("report.words.agreements"),
    keyActions: t("report.buildSummary.actions"),
    followup: t("common.last-year-s-agreements"),
    followupHead: [t("report.words.agreement"), t("report.words.status"), t("report.words.note")],
    note: t("report.words.note"),
    draftBanner: t("report.words.draft-record-has-not-been"),
    draftHeader: t("report.words.draft"),
    personal: t("report.words.personal-school-only"),
    page: t("report.words.page"),
    of: t("runner.followup.text"),
  };
}

export function summaryWords(lang: Lang, k = 5): SummaryWords {
  const t = (key: MessageKey) => msg(key, lang);
  return {
    overview: t("runner.review.overview"),
    countHead: t("report.buildSummary.conversations"),
    figures: t("report.words.answers-figures"),
    small: fill(t("report.words.fewer-than-k-conversations"), { k }),
    noAnswers: t("report.words.nobody-answered"),
    meanOf: t("report.words.mean-mean-n-n"),
    distributionHead: [t("report.words.answer"), t("report.buildSummary.count"), t("report.words.percentage")],
    themes: t("report.words.themes-bottlenecks-good-practices"),
    themeSessions: t("report.words.mentioned-n-conversations"),
    knelpunten: t("report.buildSummary.bottlenecks"),
    goodPractices: t("report.buildSummary.good-practices"),
    noQuotes: t("report.words.no-public-comments"),
    closedKnelpunten: t("report.words.addition-n-bottlenecks-confidential-fiel"),
    actions: t("report.words.actions-organisation"),
    appendix: t("report.words.appendix-full-lists"),
    actionHead: [t("report.buildSummary.what"), t("report.buildSummary.due"), t("common.school")],
    actionsNone: t("report.words.no-actions-were-agreed"),
    page: t("report.words.page"),
    of: t("runner.followup.text"),
    privacyNote: fill(t("report.words.privacy-note"), { k }),
    hiddenNote: t("report.words.left-out-so-small-group"),
    heldBack: t("report.words.what-was-not-shared"),
    heldBackIntro: t("report.words.following-was-not-included-overview"),
    heldBackNone: t("report.words.nothing-was-held-back"),
  };
}

const locale = (lang: Lang) => (lang === "nl" ? "nl-NL" : "en-GB");

// Intl formatters are costly to create and a batch formats thousands of values.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}
const dateFormat = (lang: Lang) =>
  cached(`d${lang}`, () => new Intl.DateTimeFormat(locale(lang), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }));

/** "2026-09-15" (or an ISO date-time: its own calendar day) → "15 september 2026". */
export function longDate(value: string, lang: Lang): string {
  const day = value.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return value;
  const d = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return value;
  return dateFormat(lang).format(d);
}

/** "2026-11-01" → "01-11-2026" (nl) / "01/11/2026" (en): compact, for table cells. */
export function shortDate(value: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  return lang === "nl" ? `${m[3]}-${m[2]}-${m[1]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

export function formatNumber(n: number, lang: Lang, decimals?: number): string {
  const opts: Intl.NumberFormatOptions =
    decimals === undefined ? { maximumFractionDigits: 2 } : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
  return cached(`n${lang}${decimals ?? ""}`, () => new Intl.NumberFormat(locale(lang), opts)).format(n);
}

/** "a, b en c" */
export function joinAnd(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${msg("report.words.text", lang)} ${items[items.length - 1]}`;
}

/**
 * `text` in at most `max` characters, cut after a whole word and ended with "…" (a question's
 * text beside its number). Only a first word longer than half of `max` is cut inside.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  // The cut falls on a space: the last word is whole; otherwise back to the space before it.
  const end = /\s/.test(text[max - 1]!) ? room.length : room.search(/\s\S*$/);
  const head = end > max / 2 ? room.slice(0, end) : room;
  return `${head.replace(/[\s,;:–—-]+$/, "")}…`;
}
