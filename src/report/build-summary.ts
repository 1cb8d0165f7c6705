// Many sessions → the regional summary model for the regiegroep. It reads sessions only as the
// privacy gate released them (src/privacy/gate.ts): no names, no persoonlijk answers, free text
// only from open fields the school released, names scrubbed. Small groups are suppressed here
// with the gate's rules (src/privacy/suppress.ts), so no suppressed count can be recomputed.
import type { AnswerValue, Format, Lang, Question, RepeatItem } from "../format/types.js";
import type { RegionSession } from "../privacy/gate.js";
import type { BatchHeldBack } from "../privacy/held.js";
import { heldBackLines } from "../privacy/held.js";
import { protectLine, smallMark } from "../privacy/suppress.js";
import type { Count, SummaryModel, ThemeSummary } from "./model.js";
import { HIDDEN } from "./model.js";
import { L, fill, tr } from "../i18n/lang.js";
import { isAnswered } from "../session/condition.js";
import { optionLabel } from "./answer-text.js";
import { FIGURE_TYPES, summariseQuestion } from "./summary-figures.js";
import { longDate, shortDate, summaryWords } from "./words.js";

export interface SummaryInput {
  format: Format;
  /** The session as the privacy gate released it for the region. */
  session: RegionSession;
}

export interface SummaryOptions {
  drafts: number;
  includeDrafts: boolean;
  /** Smallest group shown in detail (--min-group). */
  minGroup: number;
  /** What the gate and the selection held back, for the closing paragraph. */
  held?: BatchHeldBack;
  /** --from/--to, shown in the title block. */
  period?: { from?: string; to?: string };
}

const KNELPUNT = "knelpunt";
const GOOD_PRACTICE = "good-practice";
const FREE_TEXT = new Set(["text", "longtext", "list"]);

/** The newest version of each format id present: its questions and labels lead. */
function leadingFormats(inputs: SummaryInput[]): Format[] {
  const best = new Map<string, Format>();
  for (const { format } of inputs) {
    const cur = best.get(format.id);
    if (!cur || format.version > cur.version) best.set(format.id, format);
  }
  return [...best.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function answerOf(input: SummaryInput, q: Question): AnswerValue | undefined {
  // The gate released only visible answers. Sessions of an older format version may hold the
  // answer under a former id (`was`).
  const id = [q.id, ...q.was].find((k) => k in input.session.answers) ?? q.id;
  const v = input.session.answers[id];
  return isAnswered(v) ? v : undefined;
}

function metaCounts(inputs: SummaryInput[], id: string, heading: string, labelHead: string, lang: Lang, k: number, held: { small: number; totalHidden: boolean }): SummaryModel["counts"][number] | undefined {
  const tally = new Map<string, number>();
  let any = false;
  for (const { format, session } of inputs) {
    const q = format.meta.find((m) => m.id === id);
    const v = session.meta[id];
    if (v !== undefined) any = true;
    const label = v === undefined || v === "" ? L({ nl: "(niet ingevuld)", en: "(not given)" }, lang) : q ? optionLabel(q, v, lang) : String(v);
    tally.set(label, (tally.get(label) ?? 0) + 1);
  }
  if (!any) return undefined;
  const sorted = [...tally].sort((a, b) => a[0].localeCompare(b[0], lang));
  // The total is published (here and in the title block): protect small groups against it.
  const p = protectLine(sorted.map(([, n]) => n), k, { minPrimary: 1 });
  held.small += p.hidden.filter(Boolean).length;
  const rows: [string, Count][] = sorted.map(([label, n], i) => [label, p.small[i] ? smallMark(k) : p.hidden[i] ? HIDDEN : n]);
  if (inputs.length < k) return { heading, labelHead, rows: rows.map(([label]) => [label, smallMark(k)] as [string, Count]) };
  // No cell left to hide (1 + 5 = 6): hide them all, so none can be told from the total.
  if (p.totalHidden) return { heading, labelHead, rows: [...rows.map(([label]) => [label, HIDDEN] as [string, Count]), [L({ nl: "Totaal", en: "Total" }, lang), inputs.length]] };
  rows.push([L({ nl: "Totaal", en: "Total" }, lang), inputs.length]);
  return { heading, labelHead, rows };
}

/** Released free text of a question as quotes; repeat items as "field — field". */
function quotes(q: Question, value: AnswerValue): string[] {
  if (q.privacy !== "open") return [];
  if (FREE_TEXT.has(q.type)) return (Array.isArray(value) ? value : [value]).map(String).filter((s) => s.trim());
  if (q.type !== "repeat" || !Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value as RepeatItem[]) {
    // The gate left only the free text the school released (share_when) in the item.
    const parts = (q.fields ?? [])
      .filter((f) => f.privacy === "open" && FREE_TEXT.has(f.type))
      .map((f) => item[f.id])
      .filter((v) => isAnswered(v as AnswerValue))
      .map((v) => (Array.isArray(v) ? v.join("; ") : String(v)));
    if (parts.length) out.push(parts.join(" — "));
  }
  return out;
}

function answerCount(q: Question, value: AnswerValue): number {
  return q.type === "repeat" && Array.isArray(value) ? value.length : 1;
}

function themes(inputs: SummaryInput[], formats: Format[], lang: Lang, k: number, held: { small: number; totalHidden: boolean }): ThemeSummary[] {
  const general = L({ nl: "algemeen", en: "general" }, lang);
  const order: string[] = [];
  for (const f of formats) for (const s of f.sections) for (const q of s.questions) for (const t of q.tags) if (!order.includes(t) && t !== KNELPUNT && t !== GOOD_PRACTICE) order.push(t);
  order.push(general);
  const byTag = new Map(order.map((t) => [t, { sessions: new Set<number>(), knelpunten: new Set<string>(), good: new Set<string>(), closed: 0 }]));
  inputs.forEach((input, idx) => {
    for (const s of input.format.sections) {
      for (const q of s.questions) {
        if (q.privacy === "persoonlijk") continue;
        const value = answerOf(input, q);
        if (value === undefined) continue;
        const own = q.tags.filter((t) => t !== KNELPUNT && t !== GOOD_PRACTICE);
        const tags = own.length ? own : q.tags.length ? [general] : [];
        for (const t of tags) {
          const theme = byTag.get(t);
          if (!theme) continue;
          theme.sessions.add(idx);
          const isK = q.tags.includes(KNELPUNT);
          const isG = q.tags.includes(GOOD_PRACTICE);
          if (!isK && !isG) continue;
          const quoted = quotes(q, value);
          for (const text of quoted) (isK ? theme.knelpunten : theme.good).add(text.trim());
          const freeText = FREE_TEXT.has(q.type) || q.type === "repeat";
          if (isK && freeText && q.privacy !== "open") theme.closed += answerCount(q, value);
        }
      }
    }
  });
  const out: ThemeSummary[] = [];
  for (const tag of order) {
    const t = byTag.get(tag)!;
    if (!t.knelpunten.size && !t.good.size && !t.closed) continue;
    const small = t.sessions.size < k;
    if (small) held.small++;
    out.push({
      tag,
      sessions: small ? smallMark(k) : t.sessions.size,
      knelpunten: small ? [] : [...t.knelpunten],
      goodPractices: small ? [] : [...t.good],
      closedKnelpunten: small ? 0 : t.closed,
    });
  }
  return out;
}

function actions(inputs: SummaryInput[], lang: Lang): SummaryModel["actions"] {
  const none = L({ nl: "(geen organisatie)", en: "(no organisation)" }, lang);
  const groups = new Map<string, { what: string; due: string; school: string; sort: string }[]>();
  for (const { session } of inputs) {
    const school = String(session.meta.school ?? session.meta.regio ?? "");
    for (const a of session.actions) {
      const org = a.organisation?.trim() || none;
      // The gate never releases `who`; an action at a persoonlijk question keeps no text.
      const list = groups.get(org) ?? [];
      const what = a.what ?? L({ nl: "(actie bij een persoonlijke vraag; tekst blijft op school)", en: "(action at a personal question; its text stays at the school)" }, lang);
      list.push({ what, due: a.due ? shortDate(a.due, lang) : "", school, sort: a.due ?? "9999" });
      groups.set(org, list);
    }
  }
  return [...groups]
    .sort((a, b) => (a[0] === none ? 1 : b[0] === none ? -1 : a[0].localeCompare(b[0], lang)))
    .map(([organisation, items]) => ({ organisation, items: items.sort((a, b) => a.sort.localeCompare(b.sort)).map(({ what, due, school }) => ({ what, due, school })) }));
}

export function buildSummary(inputs: SummaryInput[], lang: Lang, opts: SummaryOptions): SummaryModel {
  const k = opts.minGroup;
  const small = { small: 0, totalHidden: false };
  const formats = leadingFormats(inputs);
  const dates = inputs.map((i) => String(i.session.meta.datum ?? "")).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  const facts: [string, string][] = [[L({ nl: "Gesprekken", en: "Conversations" }, lang), String(inputs.length)]];
  const from = opts.period?.from ?? dates[0];
  const to = opts.period?.to ?? dates.at(-1);
  if (from || to) {
    const asked = opts.period?.from || opts.period?.to ? L({ nl: " (gekozen periode)", en: " (period chosen)" }, lang) : "";
    facts.push([L({ nl: "Periode", en: "Period" }, lang), `${from ? longDate(from, lang) : "…"} – ${to ? longDate(to, lang) : "…"}${asked}`]);
  }
  facts.push([L({ nl: "Formats", en: "Formats" }, lang), formats.map((f) => `${tr(f.title, lang)} (${f.id})`).join("; ")]);
  facts.push([
    L({ nl: "Concepten", en: "Drafts" }, lang),
    opts.includeDrafts
      ? L({ nl: "meegenomen (--include-drafts)", en: "included (--include-drafts)" }, lang)
      : fill(L({ nl: "niet meegenomen ({n})", en: "not included ({n})" }, lang), { n: opts.drafts }),
  ]);
  const words = summaryWords(lang, k);
  const counts = [
    metaCounts(inputs, "gemeente", L({ nl: "Per gemeente", en: "By municipality" }, lang), L({ nl: "Gemeente", en: "Municipality" }, lang), lang, k, small),
    metaCounts(inputs, "schooltype", L({ nl: "Per schooltype", en: "By school type" }, lang), L({ nl: "Schooltype", en: "School type" }, lang), lang, k, small),
  ].filter((c) => c !== undefined);
  // Fewer than k conversations in all: even the total is a small group.
  if (inputs.length < k) facts[0] = [facts[0]![0], smallMark(k)];
  const perFormat = formats.map((format) => {
    const group = inputs.filter((i) => i.format.id === format.id);
    const sections = format.sections
      .map((s) => ({
        title: tr(s.title, lang),
        questions: s.questions
          .filter((q) => FIGURE_TYPES.has(q.type) && q.privacy !== "persoonlijk")
          .map((q) => summariseQuestion(q, group.map((i) => answerOf(i, q)).filter((v) => v !== undefined), lang, k)),
      }))
      .filter((s) => s.questions.length);
    return { title: `${tr(format.title, lang)} (${format.id} v${format.version})`, sessions: group.length, sections };
  });
  return {
    title: L({ nl: "Regionaal overzicht afstemmingsgesprekken", en: "Regional overview of alignment conversations" }, lang),
    facts,
    counts,
    formats: perFormat,
    themes: themes(inputs, formats, lang, k, small),
    actions: actions(inputs, lang),
    heldBack: heldBackLines({ ...(opts.held ?? { namesScrubbed: 0, persoonlijk: 0, notShared: 0, intern: 0, notes: 0, drafts: 0, duplicates: 0, conflicts: 0, outsidePeriod: 0, smallGroups: 0 }), smallGroups: (opts.held?.smallGroups ?? 0) + small.small + perFormat.reduce((n, f) => n + f.sections.reduce((m, sec) => m + sec.questions.filter((q) => q.kind === "small").length, 0), 0) }, k, lang),
    footer: inputs.length < k ? L({ nl: "regionaal overzicht", en: "regional overview" }, lang) : fill(L({ nl: "regionaal overzicht · {n} gesprekken", en: "regional overview · {n} conversations" }, lang), { n: inputs.length }),
    words,
  };
}
