// (format, session) → the per-school report model. Pure: no files, no docx, no clock.
import type { Format, Lang, Question } from "../format/types.js";
import type { Session } from "../session/types.js";
import type { ReportItem, ReportModel, ReportSection } from "./model.js";
import { fill, tr } from "../i18n/lang.js";
import { isAnswered } from "../session/condition.js";
import { isFieldVisible, isVisible } from "../session/visibility.js";
import { presentScores } from "../session/party-scores.js";
import { answerBlock, inlineText } from "./answer-text.js";
import { joinAnd, longDate, reportWords, shortDate, shorten } from "./words.js";
import { askingOrder } from "../format/walk.js";
import { agreementsSection } from "../format/agreements.js";
import { msg, type MessageKey } from "../i18n/messages.js";
import { actionOwner, ownerOrganisation, recordedOrganisation } from "../session/owner.js";

function roleLabel(format: Format, role: string, lang: Lang): string {
  const r = format.participants.find((p) => p.id === role);
  return r ? tr(r.label, lang) : role;
}

/** Short labels for the built-in meta fields; other formats' fields show their prompt. */
const FACT_LABELS: Record<string, MessageKey> = {
  school: "common.school",
  brin: "report.buildReport.brin",
  gemeente: "report.buildSummary.municipality",
  regio: "report.buildSummary.region",
  schooltype: "report.buildSummary.school-type",
  datum: "report.buildReport.date",
};

function titleFacts(format: Format, session: Session, lang: Lang): [string, string][] {
  const facts: [string, string][] = [];
  for (const q of format.meta) {
    const v = session.meta[q.id];
    if (!isVisible(q, session, format) || !isAnswered(v)) continue;
    facts.push([FACT_LABELS[q.id] ? msg(FACT_LABELS[q.id]!, lang) : tr(q.prompt, lang), inlineText(q, v, lang)]);
  }
  const status =
    session.status === "final" ? msg("report.buildReport.confirmed", lang) : msg("report.buildReport.draft-not-yet-confirmed", lang);
  const time = timeFact(session, lang);
  if (time) facts.push([msg("report.buildReport.time-duration", lang), time]);
  facts.push([msg("report.buildReport.status", lang), status]);
  return facts;
}

function sectionsOf(format: Format, session: Session, lang: Lang): { sections: ReportSection[]; numbers: Map<string, ReportItem> } {
  const numbers = new Map<string, ReportItem>();
  const sections: ReportSection[] = [];
  const skipped = new Set(session.skipped);
  const fieldVisible = (f: Question, item: Record<string, unknown>) => isFieldVisible(f, item as never, session, format);
  for (const section of format.sections) {
    const items: ReportItem[] = [];
    const number = `${sections.length + 1}`;
    for (const q of section.questions) {
      // A question whose condition does not hold was never asked: it is left out.
      if (!isVisible(q, session, format)) continue;
      // A per_party scale: only present parties' own scores (validate warns about others).
      const value = q.perParty ? presentScores(session.answers[q.id]!, session.participants) : session.answers[q.id];
      const answer = isAnswered(value)
        ? answerBlock(q, value!, lang, fieldVisible, (r) => roleLabel(format, r, lang))
        : {
            kind: "none" as const,
            text: skipped.has(q.id) ? msg("report.buildReport.not-discussed", lang) : msg("report.buildReport.no-answer", lang),
          };
      const item: ReportItem = {
        id: q.id,
        number: `${number}.${items.length + 1}`,
        prompt: tr(q.prompt, lang),
        privacy: q.privacy,
        answer,
      };
      const note = session.notes[q.id];
      if (note && note.trim()) item.note = note;
      items.push(item);
      numbers.set(q.id, item);
    }
    if (items.length) sections.push({ id: section.id, title: `${number}. ${tr(section.title, lang)}`, items });
  }
  return { sections, numbers };
}

/**
 * One formatter per language: toLocaleTimeString builds a new Intl formatter on every call,
 * which cost more than the rest of the model (0.6 ms a report).
 */
const clockFormats = new Map<Lang, Intl.DateTimeFormat>();
function clockFormat(lang: Lang): Intl.DateTimeFormat {
  let f = clockFormats.get(lang);
  if (!f)
    clockFormats.set(
      lang,
      (f = new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", {
        hour: "2-digit",
        minute: "2-digit",
        timeZone: "Europe/Amsterdam",
      })),
    );
  return f;
}

/** YYYY-MM-DD of a moment in the Netherlands (sv-SE writes dates that way). */
let amsterdamDay: Intl.DateTimeFormat | undefined;
const dayOf = (d: Date): string =>
  (amsterdamDay ??= new Intl.DateTimeFormat("sv-SE", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone: "Europe/Amsterdam",
  })).format(d);

/** "09:05 – 10:40 (95 minuten)": when the meeting was held and how long the conversation took. */
function timeFact(session: Session, lang: Lang): string | undefined {
  const seconds = Object.values(session.timing ?? {}).reduce((a, b) => a + (typeof b === "number" ? b : 0), 0);
  const start = new Date(session.started);
  if (Number.isNaN(start.getTime())) return undefined;
  const clock = (d: Date) => clockFormat(lang).format(d);
  const minutes = Math.round(seconds / 60);
  const duration = fill(msg("report.buildReport.m-minutes", lang), { m: minutes });
  // `started` on another day than the meeting is when the file was made (run --answers of notes
  // taken on paper), not when the meeting began: then only the duration, if known.
  const datum = session.meta?.datum;
  if (typeof datum === "string" && /^\d{4}-\d{2}-\d{2}$/.test(datum) && dayOf(start) !== datum) {
    return minutes ? duration : undefined;
  }
  // Held in parts (resumed): an end time from start + minutes would be made up ("13:15 – 14:50"
  // for a conversation of 22 and 24 September). The start, the days or the number of parts, and
  // the minutes spoken in all.
  const resumes = (session.history ?? []).filter((e) => e?.event === "resume").map((e) => new Date(String(e.at)));
  if (resumes.length && resumes.every((d) => !Number.isNaN(d.getTime()))) {
    const days = [...new Set([start, ...resumes].map(dayOf))];
    const together = minutes ? duration : "";
    return days.length > 1
      ? fill(msg(minutes ? "report.buildReport.from-s-on-days-d" : "report.buildReport.from-s-on-days", lang), {
          s: clock(start),
          days: joinAnd(
            days.map((d) => longDate(d, lang)),
            lang,
          ),
          d: together,
        })
      : fill(msg(minutes ? "report.buildReport.from-s-in-n-parts-d" : "report.buildReport.from-s-in-n-parts", lang), {
          s: clock(start),
          n: resumes.length + 1,
          d: together,
        });
  }
  if (!minutes) return clock(start);
  // The end from the rounded minutes, so that 09:00 – 09:17 says 17 minutes (990 s gave 09:16).
  const end = new Date(start.getTime() + minutes * 60_000);
  return `${clock(start)} – ${clock(end)} (${duration})`;
}

/** A question's text beside its number: short enough for a table cell, cut after a whole word. */
const shortPrompt = (text: string) => shorten(text, 60);

export function buildReport(format: Format, session: Session, lang: Lang): ReportModel {
  const { sections, numbers } = sectionsOf(format, session, lang);
  // Labels, never codes: a question by its number and prompt, participants and meta by name.
  const questionRef = (id: string | undefined): string => {
    if (!id) return "";
    const item = numbers.get(id);
    if (item) return `${item.number} ${shortPrompt(item.prompt)}`;
    if (id === "participants") return msg("common.participants", lang);
    if (id === "meta") return msg("common.details", lang);
    const q = askingOrder(format).find((a) => a.question.id === id)?.question;
    return q ? shortPrompt(tr(q.prompt, lang)) : "";
  };
  const agreementsOf = agreementsSection(format);
  const agreements = (agreementsOf?.questions ?? []).flatMap((q) =>
    q.type === "list" && isVisible(q, session, format) && Array.isArray(session.answers[q.id])
      ? (session.answers[q.id] as unknown[]).map(String)
      : [],
  );
  const status = (s: string) =>
    s === "gedaan" ? msg("common.done", lang) : s === "loopt" ? msg("common.still-running", lang) : msg("common.dropped", lang);
  const model: ReportModel = {
    title: tr(format.title, lang),
    facts: titleFacts(format, session, lang),
    draft: session.status !== "final",
    participants: session.participants.map((p) => ({
      name: p.name,
      role: roleLabel(format, p.role, lang),
      organisation: p.organisation ?? tr(format.participants.find((r) => r.id === p.role)?.organisation, lang),
      present: p.present ? msg("common.yes", lang) : msg("common.no", lang),
    })),
    sections,
    parked: session.parked.map((p) => ({ text: p.text, question: questionRef(p.question) })),
    actions: session.actions.map((a) => ({
      what: a.what,
      who: a.who ?? "",
      organisation: recordedOrganisation(a) ?? ownerOrganisation(actionOwner(a, session), format, lang) ?? "",
      due: a.due ? shortDate(a.due, lang) : "",
      question: questionRef(a.question),
    })),
    agreements,
    followup: (session.followup ?? []).map((f) => ({ action: f.action, status: status(f.status), note: f.note ?? "" })),
    footer: `${format.id} v${format.version}`,
    words: reportWords(lang),
  };
  if (session.status === "final") {
    const fin = session.finalized;
    const when = fin?.at ? longDate(fin.at, lang) : longDate(session.updated, lang);
    // The people who confirmed, by name and role (a role without a named person: the role).
    const by = joinAnd(
      (fin?.by ?? []).map((r) => {
        const names = session.participants.filter((p) => p.role === r && p.present && p.name.trim()).map((p) => p.name.trim());
        return names.length ? `${names.join(", ")} (${roleLabel(format, r, lang)})` : roleLabel(format, r, lang);
      }),
      lang,
    );
    model.finalLine = by
      ? fill(msg("report.buildReport.confirmed-when", lang), { when, by })
      : fill(msg("report.buildReport.confirmed-when-2", lang), { when });
  }
  return model;
}
