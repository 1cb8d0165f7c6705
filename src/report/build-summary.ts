// Many sessions → the regional summary model for the regiegroep: key points first, then one
// chapter per format family (formats related by `extends` combined), each question broken
// down by a meta field (--by, default gemeente) with charts, coded repeat groups as cross
// tables, quotes per question, and actions per declared organisation; full lists go to the
// appendix (bounded: the first K per organisation, question or party, and how many more).
// Sessions are read only through src/report/summary/released.ts (the privacy seam) and folded
// into bounded tallies as they arrive (src/report/summary/fold.ts); the model is built from
// those tallies, and small groups are suppressed here, over the final counts, through
// src/report/summary/suppress.ts.
import type { Format, Lang } from "../format/types.js";
import type { Count, SummaryBlock, SummaryModel, SummaryTable } from "./model.js";
import type { MergedQuestion } from "../rollup/plan.js";
import { fill, tr } from "../i18n/lang.js";
import { summariseQuestion } from "./summary-figures.js";
import { formatNumber, longDate, shortDate, shorten, summaryWords } from "./words.js";
import type { SummarySource } from "./summary/released.js";
import { Suppression, auditLine, auditedGroups, hiddenMark, marker } from "./summary/suppress.js";
import { heldBackLines, type BatchHeldBack } from "../privacy/held.js";
import { protectLine } from "../privacy/suppress.js";
import { HIDDEN } from "./model.js";
import { declaredOrganisations } from "./summary/organisations.js";
import { chartSpec } from "./charts/spec.js";
import {
  ACTIONS_LISTED,
  GOOD_PRACTICE,
  PRACTICES_LISTED,
  SummaryFold,
  dueOrder,
  knelpuntOf,
  type ActionCounts,
  type ActionRow,
  type ChapterFold,
  type Tally,
} from "./summary/fold.js";
import { msg } from "../i18n/messages.js";

/** Kept for callers: a loaded session with its format. */
export type SummaryInput = SummarySource;

export interface SummaryOptions {
  drafts: number;
  includeDrafts: boolean;
  /** Meta field to break figures down by (default gemeente). */
  by?: string;
  /** Smallest group shown (default 5). */
  minGroup?: number;
  /** ISO date that decides "overdue" (default: today). */
  today?: string;
  /**
   * Every installed version of the formats (the registry's), so that renamed questions merge
   * onto the newest ids whichever versions are present; default: the formats of this round and
   * of the previous one together.
   */
  installed?: readonly Format[];
  /** Sessions of the previous round (--previous); or, streaming, their fold (previousFold). */
  previous?: SummarySource[];
  previousFold?: SummaryFold;
  /** --split organisatie: this declared organisation's document. */
  organisation?: string;
  /** What the gate and the selection held back, for the closing paragraph. */
  held?: BatchHeldBack;
  /** --from/--to, shown in the title block. */
  period?: { from?: string; to?: string };
}

const FIGURES = new Set(["scale", "yesno", "number", "choice", "multichoice"]);
const REGIEGROEP = "regiegroep";
const MAIN_QUOTES = 5;
/** Where the whole list of actions is, when the appendix lists only the first K. */
const FULL_ACTIONS = "afstem rollup --layout actions";

/**
 * A meta field's name in running text: its question's text in the user's language ("Gemeente" →
 * "gemeente", "Type of school" → "type of school"); the id when no format asks it. The reader
 * of an English summary saw "by gemeente" beside "Municipality" in the key points.
 */
function fieldName(formats: readonly Format[], id: string, lang: Lang): string {
  for (const f of formats) {
    const q = f.meta.find((m) => m.id === id);
    if (!q) continue;
    const text = tr(q.prompt, lang).replace(/[\s?:*]+$/u, "");
    // "BRIN" and "GGD-regio" keep their capitals; "Gemeente" is lower-cased in a sentence.
    return /^\p{Lu}\p{Ll}/u.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text || id;
  }
  return id;
}

const capitalised = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** A format family's tallies, with its title. */
interface Chapter extends ChapterFold {
  title: string;
}

interface Ctx {
  lang: Lang;
  /** The --by field as the reader knows it: its meta question's text ("gemeente", "municipality"). */
  by: string;
  k: number;
  today: string;
  groupLabel: (value: string) => string;
  groupLabelFor: (id: string, value: string) => string;
  prev?: Map<string, ChapterFold>;
  hiddenGroups: number;
  /** The one suppression decision per chapter and per (question, breakdown) that every output reads. */
  sup: Suppression;
}

const fmt = (x: number, lang: Lang, d = 1) => formatNumber(x, lang, d);
const pct = (c: number, n: number, lang: Lang) => `${formatNumber(n ? (100 * c) / n : 0, lang, 0)} %`;

function chapters(fold: SummaryFold, lang: Lang): Chapter[] {
  const out: Chapter[] = [];
  for (const c of fold.chapters.values()) {
    if (!c.n) continue;
    const root = c.formats.filter((f) => f.id === c.family).sort((a, b) => b.version - a.version)[0] ?? c.formats[0]!;
    out.push({ ...c, title: tr(root.title, lang) });
  }
  // The biggest family of school conversations first; the others in order of size. A family asks
  // for a school type when its conversations are held at schools (the key points' table is per
  // gemeente × school type): with fewer kernteam conversations than routekaart self-scans the
  // self-scans became the key points and the title's count.
  const atSchools = (c: Chapter) => c.formats.some((f) => f.meta.some((m) => m.id === "schooltype"));
  return out.sort((a, b) => Number(atSchools(b)) - Number(atSchools(a)) || b.n - a.n || a.family.localeCompare(b.family));
}

/** "kernteam v1: 92, kernteam v2: 25": a line beside the chapter's total, protected like one. */
function versionMix(c: ChapterFold, k: number): string {
  const versions = [...c.versions].sort((a, b) => a[0].localeCompare(b[0]));
  const { hidden, masked } = auditedGroups(new Map(versions), k);
  return versions.map(([v, n]) => `${v}: ${c.n < k || hidden.has(v) ? (masked && c.n >= k ? HIDDEN : hiddenMark(n, k)) : n}`).join(", ");
}

/** A count of conversations as published: "< k" below k. */
const count = (n: number, k: number): string => (n < k ? marker(k) : String(n));

/** Groups of a chapter in label order, the empty value last. */
function groupsOf(c: ChapterFold, ctx: Ctx): string[] {
  return [...c.groups.keys()].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : ctx.groupLabel(a).localeCompare(ctx.groupLabel(b), ctx.lang)));
}

/** A question's tally over a chapter, or over one group of it. */
function tallyOf(c: ChapterFold, id: string, group?: string): Tally | undefined {
  const t = c.figures.get(id);
  return group === undefined ? t?.all : t?.byGroup.get(group);
}

/** One figure of a question over some sessions: mean, % yes, or % per option code. */
function figure(q: MergedQuestion, t: Tally | undefined): { n: number; mean?: number; yes?: number; options?: Map<string, number> } {
  const n = t?.n ?? 0;
  if (q.question.type === "scale" || q.question.type === "number") return { n, ...(n ? { mean: t!.sum / n } : {}) };
  if (q.question.type === "yesno") return { n, yes: t?.yes ?? 0 };
  return { n, options: new Map(t?.options) };
}

function cellText(q: MergedQuestion, f: ReturnType<typeof figure>, lang: Lang, code?: string): string {
  if (code !== undefined) return pct(f.options?.get(code) ?? 0, f.n, lang);
  if (f.mean !== undefined) return fmt(f.mean, lang, q.question.type === "number" ? 0 : 1);
  if (f.yes !== undefined) return pct(f.yes, f.n, lang);
  return "";
}

/**
 * "3,4 → 3,8" when the previous round has a shown figure for the same cell — also when the
 * rounded figure is unchanged ("3,5 → 3,5"), so that a cell without an arrow always means "no
 * comparable figure last round", never "unchanged".
 */
function withPrevious(now: string, before: string | undefined): string {
  return before && !before.startsWith("<") && before !== HIDDEN ? `${before} → ${now}` : now;
}

/**
 * A breakdown table: the region and each group, with suppression per row of figures. Rows are
 * either one line per figure (scale, yes/no, number: "Gemiddeld") or one per option.
 */
function breakdown(c: Chapter, q: MergedQuestion, ctx: Ctx): SummaryTable | undefined {
  const { lang, k } = ctx;
  const groups = groupsOf(c, ctx);
  const per = new Map(groups.map((g) => [g, figure(q, tallyOf(c, q.id, g))]));
  const region = figure(q, tallyOf(c, q.id));
  if (region.n < k) return undefined;
  const d = ctx.sup.question(c, q);
  const hidden = d.hidden;
  ctx.hiddenGroups += hidden.size;
  const prevC = ctx.prev?.get(c.family);
  const prevFig = (g: string | null) => {
    if (!prevC) return undefined;
    const f = figure(q, g === null ? tallyOf(prevC, q.id) : tallyOf(prevC, q.id, g));
    if (f.n < k) return undefined;
    if (g !== null && ctx.sup.question(prevC, q).hidden.has(g)) return undefined;
    return f;
  };
  const shownGroups = groups.filter((g) => (per.get(g)?.n ?? 0) > 0);
  const head = [
    msg("report.buildSummary.text", lang),
    `${msg("report.buildSummary.region", lang)} (n = ${region.n})`,
    ...shownGroups.map((g) => `${ctx.groupLabel(g)} (n = ${d.nText(g)})`),
  ];
  const line = (label: string, code?: string): string[] => {
    const pr = prevFig(null);
    return [
      label,
      withPrevious(cellText(q, region, lang, code), pr ? cellText(q, pr, lang, code) : undefined),
      ...shownGroups.map((g) => {
        if (hidden.has(g)) return d.mark(g);
        const p = prevFig(g);
        return withPrevious(cellText(q, per.get(g)!, lang, code), p ? cellText(q, p, lang, code) : undefined);
      }),
    ];
  };
  const type = q.question.type;
  let rows: string[][];
  if (type === "scale" || type === "number") rows = [line(msg("report.buildSummary.mean", lang))];
  else if (type === "yesno") rows = [line(msg("report.buildSummary.yes", lang))];
  else {
    const codes = [...q.options.map((o) => o.code)];
    for (const code of region.options?.keys() ?? []) if (!codes.includes(code)) codes.push(code);
    rows = codes.filter((code) => (region.options?.get(code) ?? 0) > 0).map((code) => line(label(q.options, code, lang), code));
  }
  const first = Math.max(0.22, 1 - 0.11 * (head.length - 1));
  const rest = (1 - first) / (head.length - 1);
  return { head, rows, weights: [first, ...head.slice(1).map(() => rest)], right: head.slice(1).map((_, i) => i + 1) };
}

/**
 * One table per section: a row per group (the region first), a column per scale, yes/no or
 * number question (mean or % yes). Suppression per column, complementary within the column.
 */
function sectionMatrix(c: Chapter, qs: MergedQuestion[], ctx: Ctx): SummaryTable | undefined {
  const { lang, k } = ctx;
  const groups = groupsOf(c, ctx);
  const prevAll = ctx.prev?.get(c.family);
  const cols = qs.map((q) => {
    const region = figure(q, tallyOf(c, q.id));
    const per = new Map(groups.map((g) => [g, figure(q, tallyOf(c, q.id, g))]));
    const d = ctx.sup.question(c, q);
    const hidden = d.hidden;
    ctx.hiddenGroups += hidden.size;
    let prevRegion: string | undefined;
    const prevPer = new Map<string, string>();
    if (prevAll) {
      const pr = figure(q, tallyOf(prevAll, q.id));
      if (pr.n >= k) prevRegion = cellText(q, pr, lang);
      const pg = new Map(groupsOf(prevAll, ctx).map((g) => [g, figure(q, tallyOf(prevAll, q.id, g))]));
      const ph = ctx.sup.question(prevAll, q).hidden;
      for (const [g, f] of pg) if (!ph.has(g) && f.n >= k) prevPer.set(g, cellText(q, f, lang));
    }
    return { q, region, per, hidden, d, prevRegion, prevPer };
  });
  if (cols.every((x) => x.region.n < k)) return undefined;
  const unit = (q: MergedQuestion) =>
    q.question.type === "yesno" ? msg("report.buildSummary.yes", lang) : msg("report.buildSummary.mean-2", lang);
  const head = [capitalised(ctx.by), ...cols.map((x) => `${shorten(tr(x.q.question.prompt, lang), 70)} (${unit(x.q)})`)];
  const rows: string[][] = [
    [
      `${msg("report.buildSummary.region", lang)} (n = ${c.n})`,
      // Nobody answered: "–" (0), as in every group's cell; "< k" would say someone did.
      ...cols.map((x) => (x.region.n === 0 ? "–" : x.region.n < k ? marker(k) : withPrevious(cellText(x.q, x.region, lang), x.prevRegion))),
    ],
    ...groups.map((g) => {
      return [
        `${ctx.groupLabel(g)} (n = ${ctx.sup.groups(c).nText(g)})`,
        ...cols.map((x) => {
          const f = x.per.get(g)!;
          if (f.n === 0) return "–";
          if (x.hidden.has(g)) return x.d.mark(g);
          return withPrevious(cellText(x.q, f, lang), x.prevPer.get(g));
        }),
      ];
    }),
  ];
  const first = 0.28;
  return { head, rows, weights: [first, ...cols.map(() => (1 - first) / cols.length)], right: cols.map((_, i) => i + 1) };
}

/** Region only (a format without the --by field): a row per question. */
function regionTable(c: Chapter, qs: MergedQuestion[], ctx: Ctx): SummaryTable | undefined {
  const { lang, k } = ctx;
  const prevAll = ctx.prev?.get(c.family);
  const rows = qs.map((q) => {
    const f = figure(q, tallyOf(c, q.id));
    const p = prevAll ? figure(q, tallyOf(prevAll, q.id)) : undefined;
    const unit = q.question.type === "yesno" ? msg("report.buildSummary.yes", lang) : msg("report.buildSummary.mean-2", lang);
    return [
      tr(q.question.prompt, lang),
      unit,
      f.n === 0 ? "–" : f.n < k ? marker(k) : String(f.n),
      f.n === 0 ? "–" : f.n < k ? marker(k) : withPrevious(cellText(q, f, lang), p && p.n >= k ? cellText(q, p, lang) : undefined),
    ];
  });
  return {
    head: [msg("report.buildSummary.question", lang), "", "n", msg("report.buildSummary.region", lang)],
    rows,
    weights: [0.6, 0.14, 0.1, 0.16],
    right: [2, 3],
  };
}

/**
 * A per_party scale: each party's own mean beside the joint one, and how far the parties were
 * apart (highest minus lowest party score per conversation). Roles, never names; a role scored
 * in fewer than k conversations is "< k".
 */
function partySpread(c: Chapter, q: MergedQuestion, ctx: Ctx): SummaryBlock | undefined {
  if (!q.question.perParty) return undefined;
  const spread = c.parties.get(q.id);
  if (!spread?.roles.size) return undefined;
  const label = (role: string) => {
    for (const f of c.formats) {
      const p = f.participants.find((x) => x.id === role);
      if (p) return tr(p.organisation ?? p.label, ctx.lang) || role;
    }
    return role;
  };
  const avg = (x: { n: number; sum: number }) => formatNumber(x.sum / x.n, ctx.lang, 1);
  // With --previous: last round's mean beside each party's and the gap ("2,8 → 3,0").
  const before = ctx.prev?.get(c.family)?.parties.get(q.id);
  const was = (x: { n: number; sum: number } | undefined) => (x && x.n >= ctx.k ? avg(x) : undefined);
  const roles = [...spread.roles].map(
    ([role, x]) => `${label(role)} ${x.n >= ctx.k ? `${withPrevious(avg(x), was(before?.roles.get(role)))} (n = ${x.n})` : marker(ctx.k)}`,
  );
  const gaps = spread.gaps;
  const gap =
    gaps.n >= ctx.k
      ? fill(msg("report.buildSummary.mean-gap-between-highest-lowest", ctx.lang), {
          g: withPrevious(avg(gaps), was(before?.gaps)),
          n: gaps.n,
        })
      : "";
  return {
    kind: "para",
    muted: true,
    text: `${fill(msg("report.buildSummary.each-party-s-own-score", ctx.lang), { list: roles.join(" · ") })}${gap}`,
  };
}

/** Several scale questions with the same range in one diverging chart: a bar per question. */
function scalesTogether(c: Chapter, qs: MergedQuestion[], ctx: Ctx): SummaryBlock | undefined {
  const q0 = qs[0]!;
  const same = qs.filter((q) => (q.question.min ?? 1) === (q0.question.min ?? 1) && (q.question.max ?? 5) === (q0.question.max ?? 5));
  const groups = same.map((q) => {
    const counts = countsOf(tallyOf(c, q.id));
    const n = Object.values(counts).reduce((a, b) => a + b, 0);
    return { label: wrapped(shorten(tr(q.question.prompt, ctx.lang), 140), 30), counts, suppressed: n < ctx.k };
  });
  // The scale's end labels in the legend when every question here has the same ones.
  const ends = (side: "min" | "max") => {
    const texts = new Set(same.map((q) => (q.question.labels?.[side] ? tr(q.question.labels[side], ctx.lang) : "")));
    const [only] = texts;
    return texts.size === 1 && only ? only : undefined;
  };
  const minLabel = ends("min");
  const maxLabel = ends("max");
  const chart = chartSpec(
    {
      kind: "scale",
      title: fill(msg("report.buildSummary.scale-questions-t", ctx.lang), { t: c.title }),
      minGroup: ctx.k,
      min: q0.question.min ?? 1,
      max: q0.question.max ?? 5,
      ...(minLabel ? { minLabel } : {}),
      ...(maxLabel ? { maxLabel } : {}),
      groups,
      bars: "questions",
    },
    ctx.lang,
  );
  return chart ? { kind: "chart", chart } : undefined;
}

/** Text over lines of at most `width` characters, broken between words. */
function wrapped(text: string, width: number): string {
  const out: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = out.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  return out.join("\n");
}

/** Sessions per numeric answer, for a scale chart. */
function countsOf(t: Tally | undefined): Record<number, number> {
  const out: Record<number, number> = {};
  for (const [v, n] of t?.nums ?? []) out[v] = n;
  return out;
}

function label(options: MergedQuestion["options"], code: string, lang: Lang): string {
  const o = options.find((x) => x.code === code);
  return o ? tr(o.label, lang) : code;
}

function scaleFigureChart(c: Chapter, q: MergedQuestion, ctx: Ctx): SummaryBlock | undefined {
  const min = q.question.min ?? 1;
  const max = q.question.max ?? 5;
  const groups = groupsOf(c, ctx);
  const sizes = new Map(groups.map((g) => [g, tallyOf(c, q.id, g)?.n ?? 0]));
  // A question answered fewer than k times gets no chart at all: no bar, no alt text.
  if ((tallyOf(c, q.id)?.n ?? 0) < ctx.k) return undefined;
  const d = ctx.sup.question(c, q);
  const hidden = d.hidden;
  const chart = chartSpec(
    {
      kind: "scale",
      title: tr(q.question.prompt, ctx.lang),
      minGroup: ctx.k,
      min,
      max,
      ...(q.question.labels?.min ? { minLabel: tr(q.question.labels.min, ctx.lang) } : {}),
      ...(q.question.labels?.max ? { maxLabel: tr(q.question.labels.max, ctx.lang) } : {}),
      groups: [
        { label: msg("report.buildSummary.region", ctx.lang), counts: countsOf(tallyOf(c, q.id)) },
        ...groups
          .filter((g) => (sizes.get(g) ?? 0) > 0)
          .map((g) => ({
            label: ctx.groupLabel(g),
            counts: countsOf(tallyOf(c, q.id, g)),
            suppressed: hidden.has(g) && (d.mark(g) === HIDDEN ? (HIDDEN as "×") : true),
          })),
      ],
    },
    ctx.lang,
  );
  return chart ? { kind: "chart", chart } : undefined;
}

function choiceFigureChart(c: Chapter, q: MergedQuestion, ctx: Ctx): SummaryBlock | undefined {
  const f = figure(q, tallyOf(c, q.id));
  if (f.n < ctx.k) return undefined;
  const chart = chartSpec(
    {
      kind: "choice",
      title: tr(q.question.prompt, ctx.lang),
      minGroup: ctx.k,
      n: f.n,
      options: [...(f.options ?? [])].map(([code, count]) => ({ label: label(q.options, code, ctx.lang), count })),
    },
    ctx.lang,
  );
  return chart ? { kind: "chart", chart } : undefined;
}

/** Coded repeat groups (two choice fields or more): field × field counts over all items. */
function crossTables(
  c: Chapter,
  ctx: Ctx,
  onlyPartner?: (code: string, labelText: string) => boolean,
): { main: SummaryBlock[]; appendix: SummaryBlock[] } {
  const main: SummaryBlock[] = [];
  const appendix: SummaryBlock[] = [];
  for (const q of c.questions) {
    if (q.question.type !== "repeat" || q.privacy === "persoonlijk") continue;
    const coded = q.fields.filter((f) => f.question.type === "choice" && f.privacy !== "persoonlijk");
    if (coded.length < 2) continue;
    const [a, b] = coded as [MergedQuestion["fields"][number], MergedQuestion["fields"][number]];
    const folded = c.cross.get(q.id);
    const table = (all: ReadonlyMap<string, number> | undefined): SummaryTable | undefined => {
      const cells = new Map<string, number>();
      let items = 0;
      for (const [key, n] of all ?? []) {
        const x = key.slice(0, key.indexOf("\u0000"));
        if (onlyPartner && !onlyPartner(x, label(a.options, x, ctx.lang))) continue;
        items += n;
        cells.set(key, n);
      }
      if (!items) return undefined;
      const rowsCodes = a.options.map((o) => o.code).filter((x) => b.options.some((o) => cells.has(`${x}\u0000${o.code}`)));
      const rows = rowsCodes.map((x) => {
        const counts = b.options.map((o) => cells.get(`${x}\u0000${o.code}`) ?? 0);
        return [label(a.options, x, ctx.lang), ...counts.map(String), String(counts.reduce((s, n) => s + n, 0))];
      });
      const totals = b.options.map((o) => rowsCodes.reduce((s, x) => s + (cells.get(`${x}\u0000${o.code}`) ?? 0), 0));
      rows.push([msg("report.buildSummary.total", ctx.lang), ...totals.map(String), String(items)]);
      const head = [
        tr(a.question.prompt, ctx.lang),
        ...b.options.map((o) => tr(o.label, ctx.lang)),
        msg("report.buildSummary.total", ctx.lang),
      ];
      return { head, rows, weights: [0.4, ...head.slice(1).map(() => 0.6 / (head.length - 1))], right: head.slice(1).map((_, i) => i + 1) };
    };
    // Counts of items, not sessions: a group is shown only when it has enough sessions.
    if (c.n < ctx.k) continue;
    const region = table(folded?.all);
    if (!region) continue;
    main.push({
      kind: "heading",
      level: 3,
      text: fill(msg("report.buildSummary.q-b", ctx.lang), {
        q: tr(q.question.prompt, ctx.lang),
        a: tr(a.question.prompt, ctx.lang),
        b: tr(b.question.prompt, ctx.lang),
      }),
    });
    main.push({ kind: "table", table: region });
    main.push({ kind: "para", muted: true, text: msg("report.buildSummary.numbers-items-over-all-sessions", ctx.lang) });
    const groups = groupsOf(c, ctx);
    const hidden = ctx.sup.groups(c).hidden;
    appendix.push({
      kind: "heading",
      level: 2,
      text: fill(msg("report.buildSummary.q", ctx.lang), { q: tr(q.question.prompt, ctx.lang), by: ctx.by }),
    });
    for (const g of groups) {
      if (hidden.has(g)) continue;
      const t = table(folded?.byGroup.get(g));
      if (!t) continue;
      appendix.push({ kind: "heading", level: 3, text: ctx.groupLabel(g) });
      appendix.push({ kind: "table", table: t });
    }
    // Small groups and the groups hidden beside them ("×") are told apart: "6 groups with fewer
    // than 5" was said of two small groups and four of 5, 8, 9 and 11.
    const sizes = ctx.sup.groups(c).n;
    const small = [...hidden].filter((g) => (sizes.get(g) ?? 0) < ctx.k).length;
    if (hidden.size)
      appendix.push({
        kind: "para",
        muted: true,
        text:
          small === hidden.size
            ? fill(msg("report.buildSummary.n-group-s-fewer-than", ctx.lang), { n: small, k: ctx.k })
            : fill(msg("report.buildSummary.n-small-m-protecting", ctx.lang), { n: small, m: hidden.size - small, k: ctx.k }),
      });
  }
  return { main, appendix };
}

interface Quote {
  text: string;
  attribution?: string;
}

/** Released free text per question, regiegroep-tagged questions first: the first K distinct, and how many in all. */
function quotesOf(c: ChapterFold, ctx: Ctx): { q: MergedQuestion; prompt: string; quotes: Quote[]; total: number; regiegroep: boolean }[] {
  const out: ReturnType<typeof quotesOf> = [];
  for (const q of c.questions) {
    const e = c.quotes.get(q.id);
    if (!e?.listed.length) continue;
    // A school type names no school only when enough sessions share it.
    const quotes = e.listed.map(
      ({ text, schooltype }): Quote => ({
        text,
        ...(schooltype && (c.schooltypes.get(schooltype) ?? 0) >= ctx.k ? { attribution: schooltype } : {}),
      }),
    );
    out.push({
      q,
      prompt: tr(q.question.prompt, ctx.lang),
      quotes,
      total: quotes.length + e.more,
      regiegroep: q.question.tags.includes(REGIEGROEP),
    });
  }
  return out.sort((a, b) => Number(b.regiegroep) - Number(a.regiegroep));
}

const quoteLine = (x: Quote) => (x.attribution ? `“${x.text}” (${x.attribution})` : `“${x.text}”`);

/** Good practices (repeat tagged good-practice): title + one line, by involved party; the first K per party listed. */
function goodPractices(c: Chapter, ctx: Ctx): { main: SummaryBlock[]; appendix: SummaryBlock[] } {
  const main: SummaryBlock[] = [];
  const appendix: SummaryBlock[] = [];
  for (const q of c.questions) {
    if (q.question.type !== "repeat" || !q.question.tags.includes(GOOD_PRACTICE) || q.privacy === "persoonlijk") continue;
    const parties = q.fields.find((f) => f.question.type === "multichoice");
    const e = c.practices.get(q.id);
    if (!e?.total || c.n < ctx.k) continue;
    const byParty = e.byParty;
    const other = msg("report.buildSummary.not-given", ctx.lang);
    const partyName = (code: string) => (code === "" ? other : parties ? label(parties.options, code, ctx.lang) : code);
    const order = [...byParty.keys()].sort(
      (a, b) => byParty.get(b)!.n - byParty.get(a)!.n || partyName(a).localeCompare(partyName(b), ctx.lang),
    );
    main.push({ kind: "heading", level: 2, text: msg("report.buildSummary.good-practices", ctx.lang) });
    const all = order.every((code) => !byParty.get(code)!.more);
    main.push({
      kind: "para",
      text: fill(
        all
          ? msg("report.buildSummary.n-good-practices-may-shared", ctx.lang)
          : msg("report.buildSummary.n-good-practices-may-shared-2", ctx.lang),
        { n: e.total, k: PRACTICES_LISTED },
      ),
    });
    main.push({
      kind: "table",
      table: {
        head: [
          msg("report.buildSummary.involved", ctx.lang),
          msg("report.buildSummary.count", ctx.lang),
          msg("report.buildSummary.example", ctx.lang),
        ],
        rows: order.map((code) => [
          partyName(code),
          String(byParty.get(code)!.n),
          byParty
            .get(code)!
            .listed.slice(0, 2)
            .map((l) => l.split(" — ")[0])
            .join("; "),
        ]),
        weights: [0.25, 0.1, 0.65],
        right: [1],
      },
    });
    appendix.push({ kind: "heading", level: 2, text: fill(msg("report.buildSummary.good-practices-f", ctx.lang), { f: c.title }) });
    for (const code of order) {
      const p = byParty.get(code)!;
      appendix.push({ kind: "heading", level: 3, text: partyName(code) });
      appendix.push({ kind: "bullets", items: p.listed });
      if (p.more) appendix.push({ kind: "para", muted: true, text: moreLine(p.more, ctx.lang) });
    }
  }
  return { main, appendix };
}

/** "… en 12 meer." under a bounded list. */
function moreLine(n: number, lang: Lang, where?: string): string {
  return where
    ? fill(msg("report.buildSummary.n-more-full-list-w", lang), { n, w: where })
    : fill(msg("report.buildSummary.n-more", lang), { n });
}

/** The fold a summary starts from: --by and "today" (which decides "overdue") are fixed before the first session. */
export function summaryFold(formats: readonly Format[], lang: Lang, opts: Pick<SummaryOptions, "by" | "today" | "installed">): SummaryFold {
  return new SummaryFold(formats, lang, {
    by: opts.by ?? "gemeente",
    today: opts.today ?? new Date().toISOString().slice(0, 10),
    ...(opts.installed ? { installed: opts.installed } : {}),
  });
}

/** All sessions at once (tests, small batches): fold them, then build the model. */
export function buildSummary(inputs: SummarySource[], lang: Lang, opts: SummaryOptions): SummaryModel {
  // Both rounds on one set of plans: a question renamed between them has one id in both.
  const installed = opts.installed ?? [...inputs, ...(opts.previous ?? [])].map((i) => i.format);
  opts = { ...opts, installed };
  const fold = summaryFold(
    inputs.map((i) => i.format),
    lang,
    opts,
  );
  for (const i of inputs) fold.add(i);
  let previousFold = opts.previousFold;
  if (!previousFold && opts.previous) {
    previousFold = summaryFold(
      opts.previous.map((i) => i.format),
      lang,
      opts,
    );
    for (const i of opts.previous) previousFold.add(i);
  }
  return summaryModel(fold, lang, { ...opts, ...(previousFold ? { previousFold } : {}) });
}

/** The summary model from the folded tallies; suppression happens here, over the final counts. */
export function summaryModel(fold: SummaryFold, lang: Lang, opts: SummaryOptions): SummaryModel {
  const byId = fold.opts.by;
  const by = fieldName(fold.formats, byId, lang);
  const k = opts.minGroup ?? 5;
  // Fewer than k conversations in all: no count that rests on them is published, nor one
  // (drafts, outside the period, copies) that would give their number away beside a known total.
  const tooFew = fold.n < k;
  const today = fold.opts.today;
  const labelFor = fold.labelFor;
  const prevFold = opts.previousFold?.n ? opts.previousFold : undefined;
  const chs = chapters(fold, lang);
  const primary = chs[0];
  const ctx: Ctx = {
    lang,
    by,
    k,
    today,
    groupLabel: (v) => labelFor(byId, v),
    groupLabelFor: labelFor,
    hiddenGroups: 0,
    // The key points' table (the first chapter) decides its chapter's --by group sizes.
    sup: new Suppression(k, { key: primary, by: byId }),
    ...(prevFold ? { prev: prevFold.chapters } : {}),
  };
  const words = summaryWords(lang, k);
  const orgFilter = opts.organisation;
  const myActions = new Map([...fold.actions].filter(([o]) => !orgFilter || o === orgFilter));
  const anyActions = [...myActions.values()].some((o) => o.n > 0);
  const gemeenten = shownGemeenten(fold, ctx, primary, tooFew);

  const main: SummaryBlock[] = [];
  const appendix: SummaryBlock[] = [];

  // ---- Key points -------------------------------------------------------------------------
  main.push({ kind: "heading", level: 1, text: msg("report.buildSummary.key-points", lang) });
  if (primary) {
    main.push({
      kind: "para",
      text: fill(msg("report.buildSummary.n-t-conversations-mix-other", lang), {
        n: count(primary.n, k),
        t: primary.title,
        mix: versionMix(primary, k),
      }),
    });
    main.push(...conversationsTable(primary, ctx, labelFor));
    const scales = primary.questions.filter((q) => q.question.type === "scale" && q.privacy !== "persoonlijk");
    const means = scales
      .map((q) => ({
        q,
        f: figure(q, tallyOf(primary, q.id)),
        p: ctx.prev?.get(primary.family) ? figure(q, tallyOf(ctx.prev.get(primary.family)!, q.id)) : undefined,
      }))
      .filter((x) => x.f.n >= k && x.f.mean !== undefined)
      .sort((a, b) => b.f.mean! - a.f.mean!);
    const meanLine = (x: (typeof means)[number]) =>
      `${withPrevious(fmt(x.f.mean!, lang), x.p && x.p.n >= k && x.p.mean !== undefined ? fmt(x.p.mean, lang) : undefined)} — ${tr(x.q.question.prompt, lang)} (n = ${x.f.n})`;
    if (means.length) {
      const top = means.slice(0, Math.min(3, Math.ceil(means.length / 2)));
      const bottom = means.slice(top.length).slice(-3).reverse();
      main.push({ kind: "para", bold: true, text: msg("report.buildSummary.highest-scoring-scale-questions-mean", lang) });
      main.push({ kind: "bullets", items: top.map(meanLine) });
      if (bottom.length) {
        main.push({ kind: "para", bold: true, text: msg("report.buildSummary.lowest-scoring-scale-questions-mean", lang) });
        main.push({ kind: "bullets", items: bottom.map(meanLine) });
      }
    }
    const kn = knelpuntCategories(primary, ctx);
    if (kn) {
      main.push({ kind: "para", bold: true, text: kn.title });
      main.push({ kind: "table", table: kn.table });
    }
  }
  // Actions are counted and listed (with their gemeente) per conversation: none below k in all.
  // The key points count the actions of the same conversations as the rest of the key points
  // (the primary family's); the chapter "Acties" below counts every format's.
  const keyActions = new Map([...(primary?.actions ?? [])].filter(([o]) => !orgFilter || o === orgFilter));
  // Counts resting on fewer than k conversations (those with an action) are not published.
  const keyFew = tooFew || !primary || primary.n < k || primary.actionSessions < k;
  const orgTable = keyFew ? undefined : actionsPerOrganisation(keyActions, lang);
  main.push({
    kind: "para",
    bold: true,
    text: orgFilter
      ? fill(msg("report.buildSummary.open-actions-o", lang), { o: orgFilter })
      : msg("report.buildSummary.open-actions-organisation", lang),
  });
  if (orgTable) {
    main.push({ kind: "table", table: orgTable });
    main.push({
      kind: "para",
      muted: true,
      text: fill(msg("report.buildSummary.key-actions-caption-t-d", lang), { t: primary!.title, d: longDate(today, lang) }),
    });
  } else if (keyFew && [...keyActions.values()].some((o) => o.n > 0))
    main.push({ kind: "para", italics: true, muted: true, text: `${marker(k)} — ${words.small}` });
  else main.push({ kind: "para", italics: true, muted: true, text: words.actionsNone });

  // ---- One chapter per format family ------------------------------------------------------
  for (const c of chs) {
    if (c === primary) main.push({ kind: "pageBreak" });
    main.push({ kind: "heading", level: 1, text: `${c.title}` });
    main.push({
      kind: "para",
      muted: true,
      text: fill(msg("report.buildSummary.n-conversations-versions-mix-broken", lang), { n: count(c.n, k), mix: versionMix(c, k), by }),
    });
    if (c.n < k) {
      main.push({ kind: "para", italics: true, muted: true, text: `${marker(k)} — ${words.small}` });
      continue;
    }
    const sections = new Map<string, MergedQuestion[]>();
    for (const q of c.questions)
      if (FIGURES.has(q.question.type) && q.privacy !== "persoonlijk" && q.sectionId !== "meta")
        sections.set(q.sectionId, [...(sections.get(q.sectionId) ?? []), q]);
    const sectionTitle = (id: string) => {
      for (const f of c.formats) {
        const s = f.sections.find((x) => x.id === id);
        if (s) return tr(s.title, lang);
      }
      return id;
    };
    // Broken down only where at least two groups are big enough to show.
    const bigGroups = groupsOf(c, ctx).filter((g) => (c.groups.get(g) ?? 0) >= k).length;
    const hasBy = c.hasByField && bigGroups >= 2;
    const primaryChapter = c === primary;
    const matrixQs = [...sections.values()]
      .flat()
      .filter((q) => q.question.type === "scale" || q.question.type === "yesno" || q.question.type === "number");
    if (matrixQs.length) {
      main.push({
        kind: "heading",
        level: 2,
        text: hasBy
          ? fill(msg("report.buildSummary.means-percentages", lang), { by })
          : msg("report.buildSummary.region-means-percentages", lang),
      });
      if (hasBy) {
        for (let i = 0; i < matrixQs.length; i += 4) {
          const t = sectionMatrix(c, matrixQs.slice(i, i + 4), ctx);
          if (t) main.push({ kind: "table", table: t });
        }
      } else {
        const t = regionTable(c, matrixQs, ctx);
        if (t) main.push({ kind: "table", table: t });
      }
    }
    for (const [sid, qs] of sections) {
      const scales = qs.filter((q) => q.question.type === "scale");
      const choices = qs.filter((x) => x.question.type === "choice" || x.question.type === "multichoice");
      if (!scales.length && !choices.length) continue;
      // A heading with nothing under it (every chart below --min-group) is taken back.
      const headingAt = main.length;
      main.push({ kind: "heading", level: 2, text: sectionTitle(sid) });
      if (primaryChapter && hasBy) {
        // Scales of the school conversations: one diverging chart per question, a bar per group.
        for (const q of scales) {
          const chart = scaleFigureChart(c, q, ctx);
          if (chart) main.push(chart);
        }
      } else if (scales.length) {
        // Other formats: all scale questions of the section in one chart, a bar per question.
        const chart = scalesTogether(c, scales, ctx);
        if (chart) main.push(chart);
      }
      for (const q of scales) {
        const spread = partySpread(c, q, ctx);
        if (spread) main.push(spread);
      }
      for (const q of choices) {
        const chart = choiceFigureChart(c, q, ctx);
        if (chart) main.push(chart);
        else main.push({ kind: "para", italics: true, muted: true, text: `${tr(q.question.prompt, lang)}: ${marker(k)} — ${words.small}` });
        const table = hasBy ? breakdown(c, q, ctx) : undefined;
        if (table) {
          appendix.push({
            kind: "heading",
            level: 3,
            text: fill(msg("report.buildSummary.q-2", lang), { q: tr(q.question.prompt, lang), by }),
          });
          appendix.push({ kind: "table", table });
        }
      }
      if (main.length === headingAt + 1) main.pop();
    }
    const cross = crossTables(c, ctx, orgFilter ? (code, text) => partnerIs(orgFilter, code, text) : undefined);
    if (cross.main.length) {
      main.push({
        kind: "heading",
        level: 2,
        text: orgFilter
          ? fill(msg("report.buildSummary.bottlenecks-where-key-lies-o", lang), { o: orgFilter })
          : msg("report.buildSummary.bottlenecks-party-priority", lang),
      });
      main.push(...cross.main);
      appendix.push(...cross.appendix);
    }
    const quotes = quotesOf(c, ctx);
    if (quotes.length) {
      main.push({ kind: "heading", level: 2, text: msg("report.buildSummary.what-schools-want-pass", lang) });
      const regie = quotes.filter((x) => x.regiegroep);
      for (const x of regie) {
        main.push({ kind: "heading", level: 3, text: x.prompt });
        main.push({ kind: "bullets", items: x.quotes.slice(0, MAIN_QUOTES).map(quoteLine) });
        if (x.total > MAIN_QUOTES) {
          const rest =
            x.total > x.quotes.length
              ? fill(msg("report.buildSummary.n-more-first-k-quotes", lang), { n: x.total - MAIN_QUOTES, k: x.quotes.length })
              : fill(msg("report.buildSummary.n-more-all-quotes-appendix", lang), { n: x.total - MAIN_QUOTES });
          main.push({ kind: "para", muted: true, text: rest });
        }
      }
      const others = quotes.filter((x) => !x.regiegroep);
      if (others.length) {
        main.push({
          kind: "para",
          muted: true,
          text: fill(msg("report.buildSummary.open-comments-n-other-questions", lang), {
            n: others.length,
            m: others.reduce((s, x) => s + x.total, 0),
          }),
        });
      }
      appendix.push({ kind: "heading", level: 2, text: fill(msg("report.buildSummary.quotes-f", lang), { f: c.title }) });
      for (const x of quotes) {
        appendix.push({ kind: "heading", level: 3, text: x.prompt });
        appendix.push({ kind: "bullets", items: x.quotes.map(quoteLine) });
        if (x.total > x.quotes.length) appendix.push({ kind: "para", muted: true, text: moreLine(x.total - x.quotes.length, lang) });
      }
    }
    const gp = goodPractices(c, ctx);
    main.push(...gp.main);
    appendix.push(...gp.appendix);
  }

  // ---- Actions ------------------------------------------------------------------------------
  main.push({ kind: "heading", level: 1, text: words.actions });
  if (!anyActions) main.push({ kind: "para", italics: true, muted: true, text: words.actionsNone });
  // Below k conversations with an action (3 kernteam conversations beside 8 self-scans without
  // any): "CJG 3, School 3" and their rows with a gemeente rested on those three.
  else if (tooFew || fold.actionSessions < k)
    main.push({ kind: "para", italics: true, muted: true, text: `${marker(k)} — ${words.small}` });
  else {
    const all = [...myActions.values()].every((o) => o.listed.length === o.n);
    main.push({
      kind: "para",
      text: all
        ? msg("report.buildSummary.owners-are-mapped-onto-organisations", lang)
        : fill(msg("report.buildSummary.owners-are-mapped-onto-organisations-2", lang), { k: ACTIONS_LISTED, cmd: FULL_ACTIONS }),
    });
    const sameAsKeyPoints =
      orgTable !== undefined &&
      [...myActions].every(([o, x]) => x.n === (keyActions.get(o)?.n ?? 0)) &&
      [...keyActions].every(([o, x]) => x.n === (myActions.get(o)?.n ?? 0));
    if (!orgFilter && sameAsKeyPoints)
      main.push({ kind: "para", muted: true, text: msg("report.buildSummary.counts-overdue-actions-per-organisation", lang) });
    else {
      // Other formats' actions too: counted here over every format, with the date that decides "overdue".
      const allTable = actionsPerOrganisation(myActions, lang);
      if (allTable && !orgFilter) main.push({ kind: "table", table: allTable });
      main.push({
        kind: "para",
        muted: true,
        text: fill(msg("report.buildSummary.all-actions-caption-d", lang), { d: longDate(today, lang) }),
      });
    }
    // A partner's own version lists its actions here, by due date; the regional one in the appendix.
    const mine = orgFilter ? myActions.get(orgFilter) : undefined;
    if (mine) {
      main.push({ kind: "table", table: actionTable(mine.listed, lang, gemeenten) });
      if (mine.n > mine.listed.length)
        main.push({ kind: "para", muted: true, text: moreLine(mine.n - mine.listed.length, lang, FULL_ACTIONS) });
    }
    appendix.push({ kind: "heading", level: 2, text: words.actions });
    // Organisations in the order of their earliest due action, as one list sorted by due date would have them.
    const orgs = [...myActions].filter(([, o]) => o.listed.length).sort((a, b) => dueOrder(a[1].listed[0]!, b[1].listed[0]!));
    for (const [org, o] of orgs) {
      appendix.push({ kind: "heading", level: 3, text: `${org} (${o.n})` });
      appendix.push({ kind: "table", table: actionTable(o.listed, lang, gemeenten) });
      if (o.n > o.listed.length) appendix.push({ kind: "para", muted: true, text: moreLine(o.n - o.listed.length, lang, FULL_ACTIONS) });
    }
  }

  // ---- Conversations per gemeente and school type, all formats (appendix) --------------------
  // When they are the key points' totals (one format), the key points' decision: decided twice,
  // a tie between two equal groups could hide one here and the other there.
  const kpTable = primary ? ctx.sup.conversations(primary) : undefined;
  const decided = (which: "row" | "col"): KeyPointsLine | undefined => {
    if (!kpTable) return undefined;
    const keys = which === "row" ? kpTable.rows : kpTable.cols;
    const totals = keys.map((_, i) =>
      which === "row" ? kpTable.cells[i]!.reduce((a, b) => a + b, 0) : kpTable.cells.reduce((s2, r) => s2 + r[i]!, 0),
    );
    const masked = kpTable.masked || (kpTable.cellsOmitted ? kpTable.cellsOmitted[which === "row" ? "rowMasked" : "colMasked"] : false);
    return {
      totals: new Map(keys.map((g, i) => [g, totals[i]!])),
      hidden: new Set(keys.filter((_, i) => kpTable.masked || (which === "row" ? kpTable.row : kpTable.col)[i])),
      masked,
    };
  };
  const counts = [
    metaCounts(
      fold,
      "gemeente",
      msg("report.buildSummary.conversations-municipality-all-formats", lang),
      msg("report.buildSummary.municipality", lang),
      ctx,
      decided("row"),
      chs.length === 1,
    ),
    metaCounts(
      fold,
      "schooltype",
      msg("report.buildSummary.conversations-school-type-all-formats", lang),
      msg("report.buildSummary.school-type", lang),
      ctx,
      decided("col"),
      chs.length === 1,
    ),
  ].filter((c) => c !== undefined);
  for (const c of counts) {
    appendix.push({ kind: "heading", level: 2, text: c.heading });
    appendix.push({
      kind: "table",
      table: {
        head: [c.labelHead, words.countHead],
        rows: c.rows.map(([label, n]) => [label, String(n)]),
        weights: [0.7, 0.3],
        right: [1],
      },
    });
  }

  // ---- Appendix: all distributions (region) -------------------------------------------------
  const dist: SummaryBlock[] = [{ kind: "heading", level: 2, text: msg("report.buildSummary.all-distributions-region", lang) }];
  for (const c of chs) {
    dist.push({ kind: "heading", level: 3, text: c.title });
    for (const q of c.questions) {
      if (!FIGURES.has(q.question.type) || q.privacy === "persoonlijk" || q.sectionId === "meta") continue;
      const s = summariseQuestion({ ...q.question, options: q.options }, tallyOf(c, q.id), lang, k);
      dist.push({ kind: "para", bold: true, text: s.prompt });
      if (s.kind === "none") dist.push({ kind: "para", italics: true, muted: true, text: `– — ${words.noAnswers}` });
      else if (s.kind === "small") {
        ctx.hiddenGroups++;
        dist.push({ kind: "para", italics: true, muted: true, text: `${s.mark} — ${words.small}` });
      } else if (s.kind === "mean") dist.push({ kind: "para", text: `${s.mean} (n = ${s.n})` });
      else {
        dist.push({
          kind: "table",
          table: {
            head: [...words.distributionHead],
            rows: s.rows.map((r) => [r.label, String(r.count), r.percent]),
            weights: [0.6, 0.2, 0.2],
            right: [1, 2],
          },
        });
        if (s.mean) dist.push({ kind: "para", italics: true, muted: true, text: s.mean });
      }
    }
  }

  // ---- What was held back (the gate's counts, plus the groups suppressed here) -------------------
  const held = opts.held ?? {
    namesScrubbed: 0,
    persoonlijk: 0,
    notShared: 0,
    intern: 0,
    notes: 0,
    drafts: 0,
    duplicates: 0,
    conflicts: 0,
    outsidePeriod: 0,
    smallGroups: 0,
  };
  // Below k in all, every count here rests on those few conversations or, beside the number of
  // files a reader may know, gives it away (13 files − 9 outside the period): shown as "×".
  const heldBack = heldBackLines({ ...held, smallGroups: held.smallGroups + ctx.hiddenGroups }, k, lang, tooFew ? { mask: HIDDEN } : {});
  main.push({ kind: "heading", level: 2, text: words.heldBack });
  main.push({ kind: "para", muted: true, text: heldBack.length ? words.heldBackIntro : words.heldBackNone });
  if (heldBack.length) main.push({ kind: "bullets", items: heldBack });
  main.push({ kind: "para", muted: true, italics: true, text: words.hiddenNote });

  // The school conversations are the key points' chapter; other formats (routekaart self-scans,
  // beleidsgroep reports) are counted in their own chapter and in the formats line below.
  const conversations = primary ? primary.n : fold.n;
  const facts: [string, string][] = [[msg("report.buildSummary.conversations", lang), count(conversations, k)]];
  // Below k in all, the first and last dates would say when those few were held: only a period
  // the user chose is named.
  const from = opts.period?.from ?? (tooFew ? undefined : fold.firstDate);
  const to = opts.period?.to ?? (tooFew ? undefined : fold.lastDate);
  if (from || to) {
    const asked = opts.period?.from || opts.period?.to ? msg("report.buildSummary.period-chosen", lang) : "";
    facts.push([
      msg("report.buildSummary.period", lang),
      `${from ? longDate(from, lang) : "…"} – ${to ? longDate(to, lang) : "…"}${asked}`,
    ]);
  }
  facts.push([msg("report.buildSummary.formats", lang), chs.map((c) => `${c.title} (${versionMix(c, k)})`).join("; ")]);
  facts.push([msg("report.buildSummary.broken-down", lang), by]);
  if (opts.previousFold)
    facts.push([
      msg("report.buildSummary.compared", lang),
      fill(msg("report.buildSummary.previous-round-n-conversations", lang), { n: count(opts.previousFold.n, k) }),
    ]);
  facts.push([
    msg("report.buildSummary.drafts", lang),
    opts.includeDrafts
      ? msg("report.buildSummary.included-include-drafts", lang)
      : fill(msg("report.buildSummary.not-included-n", lang), { n: tooFew ? HIDDEN : opts.drafts }),
  ]);
  const title = msg("report.buildSummary.regional-overview-alignment-conversation", lang);
  return {
    title,
    ...(orgFilter ? { subtitle: fill(msg("report.buildSummary.version-o", lang), { o: orgFilter }) } : {}),
    facts,
    main,
    appendix: [...appendix, ...dist],
    counts: counts.map(({ heading, labelHead, rows }) => ({ heading, labelHead, rows })),
    heldBack,
    footer:
      fill(msg("report.buildSummary.regional-overview-n-conversations", lang), { n: count(conversations, k) }) +
      (orgFilter ? ` · ${orgFilter}` : ""),
    words,
  };
}

/** A line of the key points' totals as decided there (raw values; hidden and how they show). */
interface KeyPointsLine {
  totals: Map<string, number>;
  hidden: Set<string>;
  masked: boolean;
}

/**
 * Conversations per value of a meta field over all formats, with the gate's line protection:
 * the total is published, so a small group beside it is protected ("×"), or, when no cell is
 * left to hide, the total is withheld as well.
 */
function metaCounts(
  fold: SummaryFold,
  id: string,
  heading: string,
  labelHead: string,
  ctx: Ctx,
  keyPoints: KeyPointsLine | undefined,
  oneFamily: boolean,
): { heading: string; labelHead: string; rows: [string, Count][]; totalHidden: boolean } | undefined {
  const { lang, k } = ctx;
  const tally = new Map<string, number>();
  const values = fold.metaValues.get(id);
  if (!values?.any) return undefined;
  for (const [v, n] of values.counts) {
    const label = v === "" ? msg("report.buildSummary.not-given-2", lang) : ctx.groupLabelFor(id, v);
    tally.set(label, (tally.get(label) ?? 0) + n);
  }
  const total = fold.n;
  // Fewer than k in all: even which gemeenten or school types occur would say where they were.
  if (total < k) return undefined;
  const nonzero = [...values.counts].filter(([, n]) => n > 0);
  const sameAsKeyPoints =
    keyPoints !== undefined &&
    tally.size === nonzero.length &&
    nonzero.length === [...keyPoints.totals.values()].filter((n) => n > 0).length &&
    nonzero.every(([v, n]) => keyPoints.totals.get(v) === n);
  // Other formats' conversations in these counts: beside the key points' line of the same field,
  // the difference per group is the other formats' (routekaart Velsen 15 − 12 = 3, a group the
  // routekaart chapter never shows), and a hidden school type could be worked out. Left out.
  if (keyPoints && !sameAsKeyPoints) return undefined;
  // Without the key points' table, counts over several formats beside the formats line (routekaart
  // v1: 8) give the key points' hidden "< 5" away (11 − 8 = 3): only over one format family.
  if (!keyPoints && !oneFamily) return undefined;
  if (keyPoints && sameAsKeyPoints) {
    const label = (v: string) => (v === "" ? msg("report.buildSummary.not-given-2", lang) : ctx.groupLabelFor(id, v));
    const rows: [string, Count][] = nonzero
      .map(([v, n]): [string, Count] => [label(v), keyPoints.hidden.has(v) ? (keyPoints.masked ? HIDDEN : hiddenMark(n, k)) : n])
      .sort((a, b) => a[0].localeCompare(b[0], lang));
    rows.push([msg("report.buildSummary.total", lang), total]);
    return { heading, labelHead, rows, totalHidden: false };
  }
  const sorted = [...tally].sort((a, b) => a[0].localeCompare(b[0], lang));
  const line = protectLine(
    sorted.map(([, n]) => n),
    k,
    { minPrimary: 1 },
  );
  // Audited beside the published total like every table (suppress.ts: auditTable).
  const audited = auditLine(
    sorted.map(([, n]) => n),
    k,
    line.hidden,
  );
  const p = { small: line.small, hidden: audited.hidden, totalHidden: line.totalHidden || audited.exhausted };
  ctx.hiddenGroups += p.hidden.filter(Boolean).length;
  const rows: [string, Count][] = sorted.map(([label, n], i) => [label, p.small[i] ? marker(k) : p.hidden[i] ? HIDDEN : n]);
  const totalLabel = msg("report.buildSummary.total", lang);
  if (p.totalHidden)
    return {
      heading,
      labelHead,
      rows: [...rows.map(([label]) => [label, HIDDEN] as [string, Count]), [totalLabel, total]],
      totalHidden: false,
    };
  rows.push([totalLabel, total]);
  return { heading, labelHead, rows, totalHidden: false };
}

/** The organisations a --split organisatie run writes a document for. */
export function summaryOrganisations(fold: SummaryFold, lang: Lang): string[] {
  return declaredOrganisations(fold.formats, lang);
}

function partnerIs(org: string, code: string, text: string): boolean {
  const n = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  const o = n(org);
  return n(text) === o || n(code) === o || o.split(" ")[0] === n(code) || n(text).split(" ")[0] === o.split(" ")[0];
}

function conversationsTable(c: Chapter, ctx: Ctx, labelFor: (id: string, v: string) => string): SummaryBlock[] {
  const { lang, k } = ctx;
  // Cells, row totals (conversations per gemeente), column totals and the grand total are all
  // published: decided once in suppress.ts, where a --by gemeente (schooltype) group's n in
  // every heading and label is this table's row (column) total.
  const p = ctx.sup.conversations(c);
  if (!p) return [];
  const byLabel = (id: string, keys: readonly string[]) =>
    keys.map((_, i) => i).sort((a, b) => labelFor(id, keys[a]!).localeCompare(labelFor(id, keys[b]!), lang));
  const rowOrder = byLabel("gemeente", p.rows);
  const colOrder = [...p.cols.keys()].sort((a, b) => (p.cols[a]! < p.cols[b]! ? -1 : p.cols[a]! > p.cols[b]! ? 1 : 0));
  const total = msg("report.buildSummary.total", lang);
  if (p.cellsOmitted) {
    // Only the two lines of totals, each as its own decision said.
    ctx.hiddenGroups += p.row.filter(Boolean).length + p.col.filter(Boolean).length;
    const line = (
      id: string,
      head: string,
      keys: readonly string[],
      order: number[],
      flags: readonly boolean[],
      masked: boolean,
    ): SummaryBlock => {
      const totals = keys.map((_, i) => (id === "gemeente" ? p.cells[i]! : p.cells.map((r) => r[i]!)).reduce((a, b) => a + b, 0));
      const rows = order.map((i) => [labelFor(id, keys[i]!), flags[i] ? (masked ? HIDDEN : hiddenMark(totals[i]!, k)) : String(totals[i])]);
      rows.push([total, String(c.n)]);
      return {
        kind: "table",
        table: { head: [head, msg("report.buildSummary.conversations", lang)], rows, weights: [0.7, 0.3], right: [1] },
      };
    };
    return [
      line("gemeente", msg("report.buildSummary.municipality", lang), p.rows, rowOrder, p.row, p.cellsOmitted.rowMasked),
      line("schooltype", msg("report.buildSummary.school-type", lang), p.cols, colOrder, p.col, p.cellsOmitted.colMasked),
      { kind: "para", muted: true, italics: true, text: fill(msg("report.buildSummary.cross-table-left-out", lang), { k }) },
    ];
  }
  ctx.hiddenGroups += p.cell.flat().filter(Boolean).length + p.row.filter(Boolean).length + p.col.filter(Boolean).length;
  const shown = (n: number, hidden: boolean) => (n === 0 ? "–" : p.masked ? HIDDEN : hidden ? hiddenMark(n, k) : String(n));
  const rows = rowOrder.map((r) => [
    labelFor("gemeente", p.rows[r]!),
    ...colOrder.map((j) => shown(p.cells[r]![j]!, p.cell[r]![j]!)),
    shown(
      p.cells[r]!.reduce((a, b) => a + b, 0),
      p.row[r]!,
    ),
  ]);
  const colTotals = colOrder.map((j) => p.cells.reduce((s2, row) => s2 + row[j]!, 0));
  rows.push([total, ...colOrder.map((j, x) => shown(colTotals[x]!, p.col[j]!)), String(c.n)]);
  const head = [msg("report.buildSummary.municipality", lang), ...colOrder.map((j) => labelFor("schooltype", p.cols[j]!)), total];
  const weights = [0.34, ...head.slice(1).map(() => 0.66 / (head.length - 1))];
  return [{ kind: "table", table: { head, rows, weights, right: head.slice(1).map((_, i) => i + 1) } }];
}

/** The knelpunt categories named most: the first coded field of knelpunt repeat groups. */
function knelpuntCategories(c: Chapter, ctx: Ctx): { title: string; table: SummaryTable } | undefined {
  const kn = knelpuntOf(c.questions);
  if (!kn || c.n < ctx.k) return undefined;
  const { cat, prio } = kn;
  const counts = c.knelpunt;
  if (!counts.size) return undefined;
  // With --previous: last round's count beside each ("14 → 16"), where it rested on k or more.
  const before = ctx.prev?.get(c.family)?.knelpunt;
  const rows = [...counts]
    .sort((a, b) => b[1].n - a[1].n)
    .map(([code, e]) => {
      // Items named in fewer than k conversations rest on those conversations: all "< k".
      const small = e.sessions < ctx.k;
      const p = before?.get(code);
      const was = (pick: (x: typeof e) => number) => (p && p.sessions >= ctx.k ? String(pick(p)) : undefined);
      const cell = (pick: (x: typeof e) => number) => (small ? marker(ctx.k) : withPrevious(String(pick(e)), was(pick)));
      return [label(cat.options, code, ctx.lang), cell((x) => x.n), cell((x) => x.sessions), ...(prio ? [cell((x) => x.top)] : [])];
    });
  const head = [
    tr(cat.question.prompt, ctx.lang),
    msg("report.buildSummary.bottlenecks", ctx.lang),
    msg("report.buildSummary.conversations-2", ctx.lang),
    ...(prio ? [fill(msg("report.buildSummary.which-p", ctx.lang), { p: tr(prio.options[0]!.label, ctx.lang).toLowerCase() })] : []),
  ];
  return {
    title: msg("report.buildSummary.bottlenecks-named-most-coded", ctx.lang),
    table: { head, rows, weights: prio ? [0.4, 0.2, 0.2, 0.2] : [0.5, 0.25, 0.25], right: prio ? [1, 2, 3] : [1, 2] },
  };
}

function actionsPerOrganisation(groups: ReadonlyMap<string, ActionCounts>, lang: Lang): SummaryTable | undefined {
  const all = [...groups.values()];
  if (!all.some((o) => o.n)) return undefined;
  const overig = msg("common.other", lang);
  const order = [...groups.keys()].sort((a, b) =>
    a === overig ? 1 : b === overig ? -1 : groups.get(b)!.n - groups.get(a)!.n || a.localeCompare(b, lang),
  );
  const rows = order.map((o) => {
    const x = groups.get(o)!;
    return [o, String(x.n), String(x.overdue), x.nextDue ? shortDate(x.nextDue, lang) : "–"];
  });
  rows.push([
    msg("report.buildSummary.total", lang),
    String(all.reduce((s, o) => s + o.n, 0)),
    String(all.reduce((s, o) => s + o.overdue, 0)),
    "",
  ]);
  return {
    head: [
      msg("report.buildSummary.organisation", lang),
      msg("report.buildSummary.actions", lang),
      msg("report.buildSummary.overdue", lang),
      msg("report.buildSummary.next-due", lang),
    ],
    rows,
    weights: [0.4, 0.15, 0.2, 0.25],
    right: [1, 2],
  };
}

/**
 * The action lists' gemeente column names only a gemeente the document shows: one with k or
 * more conversations that the key points do not hide. Counting the rows of a "< 5" gemeente
 * (Castricum twice in the CJG list, one CJG action a conversation) gave its size away.
 */
function shownGemeenten(fold: SummaryFold, ctx: Ctx, primary: Chapter | undefined, tooFew: boolean): Set<string> {
  const shown = new Set<string>();
  if (tooFew) return shown;
  const kp = primary ? ctx.sup.conversations(primary) : undefined;
  const hidden = new Set(kp ? kp.rows.filter((_, i) => kp.masked || kp.row[i]) : []);
  // Also where the key points publish no table: a gemeente with 1 to k−1 school conversations.
  for (const [g, types] of primary?.grid ?? []) {
    const n = [...types.values()].reduce((a, b) => a + b, 0);
    if (n > 0 && n < ctx.k) hidden.add(g);
  }
  for (const [v, n] of fold.metaValues.get("gemeente")?.counts ?? []) {
    if (v !== "" && n >= ctx.k && !hidden.has(v)) shown.add(ctx.groupLabelFor("gemeente", v));
  }
  return shown;
}

function actionTable(list: ActionRow[], lang: Lang, gemeenten: ReadonlySet<string>): SummaryTable {
  return {
    head: [
      msg("report.buildSummary.what", lang),
      msg("report.buildSummary.due", lang),
      msg("report.buildSummary.municipality", lang),
      msg("report.buildSummary.question-2", lang),
    ],
    rows: list.map((a) => [a.what, a.due ? shortDate(a.due, lang) : "", gemeenten.has(a.gemeente) ? a.gemeente : "", a.question]),
    weights: [0.42, 0.13, 0.15, 0.3],
  };
}
