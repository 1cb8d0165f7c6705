// (format, session) → the per-school report model. Pure: no files, no docx, no clock.
import type { Format, Lang, Question } from "../format/types.js";
import type { Session } from "../session/types.js";
import type { ReportItem, ReportModel, ReportSection } from "./model.js";
import { L, fill, tr } from "../i18n/lang.js";
import { isAnswered } from "../session/condition.js";
import { isFieldVisible, isVisible } from "../session/visibility.js";
import { answerBlock, inlineText } from "./answer-text.js";
import { joinAnd, longDate, reportWords, shortDate } from "./words.js";

function roleLabel(format: Format, role: string, lang: Lang): string {
  const r = format.participants.find((p) => p.id === role);
  return r ? tr(r.label, lang) : role;
}

/** Short labels for the built-in meta fields; other formats' fields show their prompt. */
const FACT_LABELS: Record<string, Record<Lang, string>> = {
  school: { nl: "School", en: "School" },
  brin: { nl: "BRIN", en: "BRIN" },
  gemeente: { nl: "Gemeente", en: "Municipality" },
  regio: { nl: "Regio", en: "Region" },
  schooltype: { nl: "Schooltype", en: "School type" },
  datum: { nl: "Datum", en: "Date" },
};

function titleFacts(format: Format, session: Session, lang: Lang): [string, string][] {
  const facts: [string, string][] = [];
  for (const q of format.meta) {
    const v = session.meta[q.id];
    if (!isVisible(q, session) || !isAnswered(v)) continue;
    facts.push([FACT_LABELS[q.id]?.[lang] ?? tr(q.prompt, lang), inlineText(q, v, lang)]);
  }
  const status =
    session.status === "final"
      ? L({ nl: "Vastgesteld", en: "Confirmed" }, lang)
      : L({ nl: "Concept (nog niet vastgesteld)", en: "Draft (not yet confirmed)" }, lang);
  facts.push([L({ nl: "Status", en: "Status" }, lang), status]);
  return facts;
}

function sectionsOf(format: Format, session: Session, lang: Lang): { sections: ReportSection[]; numbers: Map<string, ReportItem> } {
  const numbers = new Map<string, ReportItem>();
  const sections: ReportSection[] = [];
  const skipped = new Set(session.skipped);
  const fieldVisible = (f: Question, item: Record<string, unknown>) => isFieldVisible(f, item as never, session);
  for (const section of format.sections) {
    const items: ReportItem[] = [];
    const number = `${sections.length + 1}`;
    for (const q of section.questions) {
      // A question whose condition does not hold was never asked: it is left out.
      if (!isVisible(q, session)) continue;
      const value = session.answers[q.id];
      const answer = isAnswered(value)
        ? answerBlock(q, value!, lang, fieldVisible, (r) => roleLabel(format, r, lang))
        : { kind: "none" as const, text: skipped.has(q.id) ? L({ nl: "niet besproken", en: "not discussed" }, lang) : L({ nl: "geen antwoord", en: "no answer" }, lang) };
      const item: ReportItem = { id: q.id, number: `${number}.${items.length + 1}`, prompt: tr(q.prompt, lang), privacy: q.privacy, answer };
      const note = session.notes[q.id];
      if (note && note.trim()) item.note = note;
      items.push(item);
      numbers.set(q.id, item);
    }
    if (items.length) sections.push({ id: section.id, title: `${number}. ${tr(section.title, lang)}`, items });
  }
  return { sections, numbers };
}

function shortPrompt(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function buildReport(format: Format, session: Session, lang: Lang): ReportModel {
  const { sections, numbers } = sectionsOf(format, session, lang);
  const questionRef = (id: string | undefined): string => {
    if (!id) return "";
    const item = numbers.get(id);
    if (item) return `${item.number} ${shortPrompt(item.prompt)}`;
    const meta = format.meta.find((q) => q.id === id);
    return meta ? tr(meta.prompt, lang) : id;
  };
  const model: ReportModel = {
    title: tr(format.title, lang),
    facts: titleFacts(format, session, lang),
    draft: session.status !== "final",
    participants: session.participants.map((p) => ({
      name: p.name,
      role: roleLabel(format, p.role, lang),
      organisation: p.organisation ?? tr(format.participants.find((r) => r.id === p.role)?.organisation, lang),
      present: p.present ? L({ nl: "ja", en: "yes" }, lang) : L({ nl: "nee", en: "no" }, lang),
    })),
    sections,
    parked: session.parked.map((p) => ({ text: p.text, question: questionRef(p.question) })),
    actions: session.actions.map((a) => ({
      what: a.what,
      who: a.who ?? "",
      organisation: a.organisation ?? "",
      due: a.due ? shortDate(a.due, lang) : "",
      question: questionRef(a.question),
    })),
    footer: `${format.id} v${format.version}`,
    words: reportWords(lang),
  };
  if (session.status === "final") {
    const fin = session.finalized;
    const when = fin?.at ? longDate(fin.at, lang) : longDate(session.updated, lang);
    const by = joinAnd((fin?.by ?? []).map((r) => roleLabel(format, r, lang)), lang);
    model.finalLine = by
      ? fill(L({ nl: "Vastgesteld op {when} door {by}.", en: "Confirmed on {when} by {by}." }, lang), { when, by })
      : fill(L({ nl: "Vastgesteld op {when}.", en: "Confirmed on {when}." }, lang), { when });
  }
  return model;
}
