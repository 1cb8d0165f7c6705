// The fixed words of both documents, and dates and numbers written the way readers expect.
import type { Lang } from "../format/types.js";
import type { ReportWords, SummaryWords } from "./model.js";
import { L } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";

export function reportWords(lang: Lang): ReportWords {
  const t = (nl: string, en: string) => L({ nl, en }, lang);
  return {
    participants: t("Deelnemers", "Participants"),
    participantHead: [t("Naam", "Name"), t("Rol", "Role"), t("Organisatie", "Organisation"), t("Aanwezig", "Present")],
    parked: t("Geparkeerde onderwerpen", "Parked topics"),
    parkedNone: t("Er zijn geen onderwerpen geparkeerd.", "No topics were parked."),
    atQuestion: t("bij vraag", "at question"),
    actions: t("Acties", "Actions"),
    actionHead: [t("Wat", "What"), t("Wie", "Who"), t("Organisatie", "Organisation"), t("Deadline", "Due"), t("Bij vraag", "Question")],
    actionsNone: t("Er zijn geen acties afgesproken.", "No actions were agreed."),
    keyPoints: t("Afspraken en acties", "Agreements and actions"),
    keyAgreements: t("Afspraken", "Agreements"),
    keyActions: t("Acties", "Actions"),
    followup: t("Afspraken van vorig jaar", "Last year's agreements"),
    followupHead: [t("Afspraak", "Agreement"), t("Stand", "Status"), t("Notitie", "Note")],
    note: t("Notitie", "Note"),
    draftBanner: t("CONCEPT — dit verslag is nog niet vastgesteld", "DRAFT — this record has not been confirmed"),
    draftHeader: t("CONCEPT", "DRAFT"),
    personal: t("persoonlijk — alleen voor de school", "personal — for the school only"),
    page: t("pagina", "page"),
    of: t("van", "of"),
  };
}

export function summaryWords(lang: Lang, k = 5): SummaryWords {
  const t = (nl: string, en: string) => L({ nl, en }, lang);
  return {
    overview: t("Overzicht", "Overview"),
    countHead: t("Gesprekken", "Conversations"),
    figures: t("Antwoorden in cijfers", "Answers in figures"),
    small: t(`minder dan ${k} gesprekken: niet uitgesplitst`, `fewer than ${k} conversations: not broken down`),
    meanOf: t("gemiddeld {mean} (n = {n})", "mean {mean} (n = {n})"),
    distributionHead: [t("Antwoord", "Answer"), t("Aantal", "Count"), t("Percentage", "Percentage")],
    themes: t("Thema's: knelpunten en good practices", "Themes: bottlenecks and good practices"),
    themeSessions: t("Genoemd in {n} gesprekken.", "Mentioned in {n} conversations."),
    knelpunten: t("Knelpunten", "Bottlenecks"),
    goodPractices: t("Good practices", "Good practices"),
    noQuotes: t("Geen openbare toelichting.", "No public comments."),
    closedKnelpunten: t("Daarnaast {n} knelpunten in vertrouwelijke velden (geteld, niet geciteerd).", "In addition {n} bottlenecks in confidential fields (counted, not quoted)."),
    actions: t("Acties per organisatie", "Actions by organisation"),
    appendix: t("Bijlage: volledige lijsten", "Appendix: full lists"),
    actionHead: [t("Wat", "What"), t("Deadline", "Due"), t("School", "School")],
    actionsNone: t("Er zijn geen acties afgesproken.", "No actions were agreed."),
    page: t("pagina", "page"),
    of: t("van", "of"),
    privacyNote: t(
      `Dit overzicht bevat geen namen van personen en geen persoonlijke antwoorden. Groepen van minder dan ${k} gesprekken worden niet uitgesplitst; tekst wordt alleen geciteerd uit velden die als openbaar zijn gemarkeerd en die de school heeft vrijgegeven, met namen vervangen door [naam].`,
      `This overview contains no names of people and no personal answers. Groups of fewer than ${k} conversations are not broken down; text is only quoted from fields marked as open that the school released, with names replaced by [name].`,
    ),
    hiddenNote: t(
      "× = weggelaten, zodat een kleine groep ernaast niet uit het totaal is terug te rekenen.",
      "× = left out, so that a small group beside it cannot be recomputed from the total.",
    ),
    heldBack: t("Wat niet is gedeeld", "What was not shared"),
    heldBackIntro: t("Uit de gesprekken is het volgende niet in dit overzicht opgenomen (alleen aantallen):", "The following was not included in this overview (counts only):"),
    heldBackNone: t("Er is niets achtergehouden.", "Nothing was held back."),
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
const dateFormat = (lang: Lang) => cached(`d${lang}`, () => new Intl.DateTimeFormat(locale(lang), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }));

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
  const opts: Intl.NumberFormatOptions = decimals === undefined ? { maximumFractionDigits: 2 } : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
  return cached(`n${lang}${decimals ?? ""}`, () => new Intl.NumberFormat(locale(lang), opts)).format(n);
}

/** "a, b en c" */
export function joinAnd(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${msg("report.words.text", lang)} ${items[items.length - 1]}`;
}
