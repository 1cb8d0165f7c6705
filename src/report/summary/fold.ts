// The regional summary's state: every released session is folded into bounded accumulators
// as it is read (counts, sums, per-group tallies, per-party spreads, coded cross tables, the
// first K quotes, good practices and actions), and dropped. Memory grows with the number of
// groups, questions and codes, never with the number of sessions. Suppression is not done
// here: it needs the final tallies and happens when the model is built (build-summary.ts).
import type { AnswerScalar, AnswerValue, Format, Lang, Question, RepeatItem } from "../../format/types.js";
import type { MergedField, MergedQuestion } from "../../rollup/plan.js";
import { tr } from "../../i18n/lang.js";
import { familyOf, plansOf, releaseOne, type Released, type SummarySource } from "./released.js";
import { declaredOrganisations, organisationMatcher, roleOrganisations } from "./organisations.js";
import { msg } from "../../i18n/messages.js";

/** Actions listed per organisation in the appendix; the rest are counted. */
export const ACTIONS_LISTED = 20;
/** Quotes listed per question in the appendix; the rest are counted. */
export const QUOTES_LISTED = 20;
/** Good practices listed per involved party in the appendix; the rest are counted. */
export const PRACTICES_LISTED = 10;
/**
 * Texts beyond those listed are counted once each by a 30-bit hash, up to this many per
 * question: the counts are exact for any realistic round and memory stays bounded after that
 * (further texts are counted without de-duplication).
 */
export const DISTINCT_TRACKED = 5000;

/** FNV-1a, folded to 30 bits so that V8 keeps it as a small integer. */
function hash30(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 30)) & 0x3fffffff;
}

/** Is this text (not listed) new? Counts each once while DISTINCT_TRACKED allows. */
function unseen(seen: Set<number>, key: string): boolean {
  const h = hash30(key);
  if (seen.has(h)) return false;
  if (seen.size < DISTINCT_TRACKED) seen.add(h);
  return true;
}

const FIGURES = new Set(["scale", "yesno", "number", "choice", "multichoice"]);
const FREE_TEXT = new Set(["text", "longtext", "list"]);
export const KNELPUNT = "knelpunt";
export const GOOD_PRACTICE = "good-practice";

export const normText = (s: string) =>
  s
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[.!?…\s]+$/, "")
    .trim();
const oneLine = (s: string, max = 140) => {
  const first =
    s
      .replace(/\s+/g, " ")
      .trim()
      .split(/(?<=[.!?])\s/)[0] ?? "";
  return first.length > max ? `${first.slice(0, max - 1).trimEnd()}…` : first;
};

/** The values of one question over some sessions, as the figures need them. */
export interface Tally {
  /** Sessions that answered. */
  n: number;
  /** Sum of the numeric answers (scale, number). */
  sum: number;
  /** Answers that were `true` (yes/no). */
  yes: number;
  /** Sessions per code (a multichoice answer counts each code once), in order of first use. */
  options: Map<string, number>;
  /** Sessions per numeric answer (scale charts). */
  nums: Map<number, number>;
}

export const emptyTally = (): Tally => ({ n: 0, sum: 0, yes: 0, options: new Map(), nums: new Map() });

function addTo(t: Tally, v: AnswerValue): void {
  t.n++;
  if (typeof v === "number") {
    t.sum += v;
    t.nums.set(v, (t.nums.get(v) ?? 0) + 1);
  }
  if (v === true) t.yes++;
  for (const c of new Set((Array.isArray(v) ? v : [v]).map(String))) t.options.set(c, (t.options.get(c) ?? 0) + 1);
}

export interface QuestionTally {
  all: Tally;
  byGroup: Map<string, Tally>;
}

export interface Quote {
  text: string;
  /**
   * The school type of the session quoted ("" once sessions of different types wrote the same
   * text); shown only when enough sessions share it.
   */
  schooltype: string;
}

/** The first K distinct items of a list, and how many more there were. */
export interface Bounded<T> {
  listed: T[];
  more: number;
}

export interface ActionRow {
  organisation: string;
  what: string;
  due: string;
  gemeente: string;
  question: string;
}

/** Actions of one organisation, counted. */
export interface ActionCounts {
  n: number;
  overdue: number;
  /** Earliest due date on or after today. */
  nextDue?: string;
}

export interface OrganisationActions extends ActionCounts {
  /** The ACTIONS_LISTED earliest due (most overdue first; no date last; ties in reading order). */
  listed: (ActionRow & { seq: number })[];
}

export interface ChapterFold {
  family: string;
  formats: Format[];
  /** Merged questions of the family, root format first. */
  questions: MergedQuestion[];
  n: number;
  /** "kernteam v2" → sessions. */
  versions: Map<string, number>;
  /** --by value → sessions ("" = not given). */
  groups: Map<string, number>;
  /** Some session has the --by field at all. */
  hasByField: boolean;
  figures: Map<string, QuestionTally>;
  /** per_party scales: role → { n, sum } in order of first use, and the spread per conversation. */
  parties: Map<string, { roles: Map<string, { n: number; sum: number }>; gaps: { n: number; sum: number } }>;
  /** gemeente → schooltype → sessions. */
  grid: Map<string, Map<string, number>>;
  schooltypes: Map<string, number>;
  /** Coded repeat groups: "x\0y" → items, for the region and per group. */
  cross: Map<string, { all: Map<string, number>; byGroup: Map<string, Map<string, number>> }>;
  /** First coded field of the knelpunt repeat group: code → items, sessions, items with the top priority. */
  knelpunt: Map<string, { n: number; sessions: number; top: number }>;
  /** keys: the normalised texts listed; seen: hashes of those counted beyond (see DISTINCT_TRACKED). */
  quotes: Map<string, Bounded<Quote> & { keys: Set<string>; seen: Set<number> }>;
  practices: Map<string, { total: number; keys: Set<string>; seen: Set<number>; byParty: Map<string, Bounded<string> & { n: number }> }>;
  /** Actions of this family's sessions per organisation, counted (the key points' table): listed only in `SummaryFold.actions`. */
  actions: Map<string, ActionCounts>;
  /** Sessions with at least one action: the action counts rest on these. */
  actionSessions: number;
}

export interface FoldOptions {
  by: string;
  today: string;
  /**
   * Every installed version of the formats (the registry's): each format id's plan is built
   * over all its versions, as the rollup's is, so that a renamed question (`was`) gets its
   * newest id whichever versions the sessions happen to use — and a previous round folded with
   * the same list is keyed on the same ids.
   */
  installed?: readonly Format[];
}

/** Pieces of a chapter worked out once from its formats (which questions feed which tally). */
interface ChapterPlan {
  figureIds: string[];
  perParty: string[];
  coded: { q: MergedQuestion; a: string; b: string }[];
  knelpunt?: { id: string; cat: string; prio?: { id: string; top: string | undefined } };
  quoted: string[];
  practices: { id: string; title?: string; desc?: string; parties?: string; share?: string }[];
}

function uniqueFormats(fs: readonly Format[]): Format[] {
  const m = new Map<string, Format>();
  for (const f of fs) m.set(`${f.id}@${f.version}`, f);
  return [...m.values()].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
}

/** Questions of a family: the root's plan leads; options merged over the family's formats. */
function familyQuestions(family: string, plans: { id: string; questions: MergedQuestion[] }[]): MergedQuestion[] {
  const sorted = [...plans].sort((a, b) => (a.id === family ? -1 : b.id === family ? 1 : a.id.localeCompare(b.id)));
  const questions: MergedQuestion[] = [];
  for (const p of sorted) {
    for (const q of p.questions) {
      const have = questions.find((x) => x.id === q.id);
      if (!have) {
        questions.push({ ...q, options: [...q.options], fields: q.fields.map((f) => ({ ...f, options: [...f.options] })) });
        continue;
      }
      for (const o of q.options) if (!have.options.some((x) => x.code === o.code)) have.options.push(o);
      for (const f of q.fields) {
        const hf = have.fields.find((x) => x.id === f.id);
        if (!hf) have.fields.push({ ...f, options: [...f.options] });
        else for (const o of f.options) if (!hf.options.some((x) => x.code === o.code)) hf.options.push(o);
      }
    }
  }
  return questions;
}

/** The knelpunt repeat group and its coded fields: the category, and the priority if there is one. */
export function knelpuntOf(questions: readonly MergedQuestion[]): { q: MergedQuestion; cat: MergedField; prio?: MergedField } | undefined {
  const q = questions.find(
    (x) =>
      x.question.type === "repeat" &&
      x.question.tags.includes(KNELPUNT) &&
      x.privacy !== "persoonlijk" &&
      x.fields.some((f) => f.question.type === "choice"),
  );
  const [cat, prio] = q ? q.fields.filter((f) => f.question.type === "choice" && f.privacy !== "persoonlijk") : [];
  return q && cat ? { q, cat, ...(prio ? { prio } : {}) } : undefined;
}

/** A meta value's label (option label where the formats have one; "" is "(onbekend)"). */
export function metaLabeller(formats: readonly Format[], lang: Lang): (id: string, value: string) => string {
  const metaQuestion = (id: string): Question | undefined => formats.flatMap((f) => f.meta).find((m) => m.id === id);
  return (id, value) => {
    if (value === "") return msg("common.unknown", lang);
    const o = metaQuestion(id)?.options?.find((x) => x.code === value);
    return o ? tr(o.label, lang) : value;
  };
}

function chapterPlan(questions: MergedQuestion[]): ChapterPlan {
  const plan: ChapterPlan = { figureIds: [], perParty: [], coded: [], quoted: [], practices: [] };
  for (const q of questions) {
    const type = q.question.type;
    if (FIGURES.has(type)) plan.figureIds.push(q.id);
    if (q.question.perParty) plan.perParty.push(q.id);
    if (q.privacy === "open" && FREE_TEXT.has(type) && q.sectionId !== "meta" && !q.question.tags.includes(GOOD_PRACTICE))
      plan.quoted.push(q.id);
    if (type !== "repeat" || q.privacy === "persoonlijk") continue;
    const coded = q.fields.filter((f) => f.question.type === "choice" && f.privacy !== "persoonlijk");
    if (coded.length >= 2) plan.coded.push({ q, a: coded[0]!.id, b: coded[1]!.id });
    if (q.question.tags.includes(GOOD_PRACTICE)) {
      const pick = (f: (x: MergedQuestion["fields"][number]) => boolean) => q.fields.find(f)?.id;
      const title = pick((f) => f.question.type === "text" && f.privacy === "open");
      const desc = pick((f) => f.question.type === "longtext" && f.privacy === "open");
      const parties = pick((f) => f.question.type === "multichoice");
      const share = pick((f) => f.question.type === "yesno" && /delen|share/i.test(f.id));
      plan.practices.push({
        id: q.id,
        ...(title ? { title } : {}),
        ...(desc ? { desc } : {}),
        ...(parties ? { parties } : {}),
        ...(share ? { share } : {}),
      });
    }
  }
  const kn = knelpuntOf(questions);
  if (kn) plan.knelpunt = { id: kn.q.id, cat: kn.cat.id, ...(kn.prio ? { prio: { id: kn.prio.id, top: kn.prio.options[0]?.code } } : {}) };
  return plan;
}

/**
 * The accumulators of one summary (or one previous round). Built from the formats of the
 * sessions that will be added, so that merged ids, families and questions are fixed before
 * the first session arrives: the caller selects first, then folds.
 */
export class SummaryFold {
  readonly formats: Format[];
  readonly chapters = new Map<string, ChapterFold>();
  n = 0;
  /** Earliest and latest meta.datum (YYYY-MM-DD). */
  firstDate?: string;
  lastDate?: string;
  /** Distinct meta.regio values (for the file name). */
  readonly regios = new Set<string>();
  /** Raw meta values → sessions, all formats (gemeente, schooltype); undefined counts under "". */
  readonly metaValues = new Map<string, { any: boolean; counts: Map<string, number> }>([
    ["gemeente", { any: false, counts: new Map() }],
    ["schooltype", { any: false, counts: new Map() }],
  ]);
  readonly actions = new Map<string, OrganisationActions>();
  /** Sessions with at least one action, all formats: every action count rests on these. */
  actionSessions = 0;

  private readonly plans;
  private readonly family;
  private readonly chapterPlans = new Map<string, ChapterPlan>();
  private readonly match;
  private readonly overig: string;
  private seq = 0;
  /** Meta value → label, over these formats. */
  readonly labelFor: (id: string, value: string) => string;

  constructor(
    formats: readonly Format[],
    private readonly lang: Lang,
    readonly opts: FoldOptions,
  ) {
    this.formats = uniqueFormats(formats);
    this.labelFor = metaLabeller(this.formats, lang);
    const present = new Set(this.formats.map((f) => f.id));
    this.plans = plansOf([...this.formats, ...(opts.installed ?? []).filter((f) => present.has(f.id))]);
    this.family = familyOf(this.formats);
    const byFamily = new Map<string, Format[]>();
    for (const f of this.formats) byFamily.set(this.family(f.id), [...(byFamily.get(this.family(f.id)) ?? []), f]);
    for (const [family, fs] of byFamily) {
      const ids = [...new Set(fs.map((f) => f.id))];
      const questions = familyQuestions(
        family,
        ids.map((id) => this.plans.get(id)!),
      );
      this.chapterPlans.set(family, chapterPlan(questions));
      this.chapters.set(family, {
        family,
        formats: fs,
        questions,
        n: 0,
        versions: new Map(),
        groups: new Map(),
        hasByField: false,
        figures: new Map(),
        parties: new Map(),
        grid: new Map(),
        schooltypes: new Map(),
        cross: new Map(),
        knelpunt: new Map(),
        quotes: new Map(),
        practices: new Map(),
        actions: new Map(),
        actionSessions: 0,
      });
    }
    this.match = organisationMatcher(declaredOrganisations(this.formats, lang), roleOrganisations(this.formats, lang));
    this.overig = msg("common.other", lang);
  }

  /** Was this format among those the fold was built for? */
  knows(format: Format): boolean {
    return this.formats.some((f) => f.id === format.id && f.version === format.version);
  }

  /** Fold one released session in; nothing of it is kept but counts and the first K items. */
  add(src: SummarySource): void {
    const plan = this.plans.get(src.format.id);
    if (!plan) throw new Error(`summary: format ${src.format.id} v${src.format.version} was not announced to the fold`);
    const r = releaseOne(src, plan, this.family(src.format.id));
    const c = this.chapters.get(r.family)!;
    const cp = this.chapterPlans.get(r.family)!;
    this.n++;
    c.n++;
    const meta = r.record.meta;
    const datum = String(meta.datum ?? "");
    if (/^\d{4}-\d{2}-\d{2}$/.test(datum)) {
      if (!this.firstDate || datum < this.firstDate) this.firstDate = datum;
      if (!this.lastDate || datum > this.lastDate) this.lastDate = datum;
    }
    if (meta.regio !== undefined && String(meta.regio) !== "") this.regios.add(String(meta.regio));
    for (const [id, m] of this.metaValues) {
      const v = meta[id];
      if (v !== undefined) m.any = true;
      const key = v === undefined ? "" : String(v);
      m.counts.set(key, (m.counts.get(key) ?? 0) + 1);
    }
    const vk = `${r.formatId} v${r.version}`;
    c.versions.set(vk, (c.versions.get(vk) ?? 0) + 1);
    const group = meta[this.opts.by] === undefined ? "" : String(meta[this.opts.by]);
    if (meta[this.opts.by] !== undefined) c.hasByField = true;
    c.groups.set(group, (c.groups.get(group) ?? 0) + 1);
    const gem = String(meta.gemeente ?? "");
    const type = String(meta.schooltype ?? "");
    const row = c.grid.get(gem) ?? new Map<string, number>();
    row.set(type, (row.get(type) ?? 0) + 1);
    c.grid.set(gem, row);
    if (type) c.schooltypes.set(type, (c.schooltypes.get(type) ?? 0) + 1);

    const answers = new Map<string, AnswerValue>(r.record.answers);
    for (const [id, v] of Object.entries(meta)) answers.set(id, v);

    for (const id of cp.figureIds) {
      const v = answers.get(id);
      if (v === undefined) continue;
      const t = c.figures.get(id) ?? { all: emptyTally(), byGroup: new Map<string, Tally>() };
      c.figures.set(id, t);
      addTo(t.all, v);
      const g = t.byGroup.get(group) ?? emptyTally();
      t.byGroup.set(group, g);
      addTo(g, v);
    }
    this.foldParties(c, cp, r);
    this.foldRepeats(c, cp, answers, group);
    this.foldQuotes(c, cp, answers, type);
    this.foldActions(r);
  }

  private foldParties(c: ChapterFold, cp: ChapterPlan, r: Released): void {
    for (const id of cp.perParty) {
      const p = r.parties.get(id);
      if (!p) continue;
      const e = c.parties.get(id) ?? { roles: new Map(), gaps: { n: 0, sum: 0 } };
      c.parties.set(id, e);
      const scores = Object.values(p);
      if (scores.length >= 2) {
        e.gaps.n++;
        e.gaps.sum += Math.max(...scores) - Math.min(...scores);
      }
      for (const [role, n] of Object.entries(p)) {
        const x = e.roles.get(role) ?? { n: 0, sum: 0 };
        x.n++;
        x.sum += n;
        e.roles.set(role, x);
      }
    }
  }

  private foldRepeats(c: ChapterFold, cp: ChapterPlan, answers: Map<string, AnswerValue>, group: string): void {
    for (const { q, a, b } of cp.coded) {
      const v = answers.get(q.id);
      if (!Array.isArray(v)) continue;
      const e = c.cross.get(q.id) ?? { all: new Map<string, number>(), byGroup: new Map<string, Map<string, number>>() };
      c.cross.set(q.id, e);
      const g = e.byGroup.get(group) ?? new Map<string, number>();
      e.byGroup.set(group, g);
      for (const item of v as RepeatItem[]) {
        const x = item[a];
        const y = item[b];
        if (x === undefined || y === undefined) continue;
        const key = `${x}\u0000${y}`;
        e.all.set(key, (e.all.get(key) ?? 0) + 1);
        g.set(key, (g.get(key) ?? 0) + 1);
      }
    }
    const kn = cp.knelpunt;
    const kv = kn ? answers.get(kn.id) : undefined;
    if (kn && Array.isArray(kv)) {
      const inThis = new Set<string>();
      for (const item of kv as RepeatItem[]) {
        const code = item[kn.cat];
        if (code === undefined) continue;
        const e = c.knelpunt.get(String(code)) ?? { n: 0, sessions: 0, top: 0 };
        e.n++;
        if (!inThis.has(String(code))) e.sessions++;
        inThis.add(String(code));
        if (kn.prio && item[kn.prio.id] === kn.prio.top) e.top++;
        c.knelpunt.set(String(code), e);
      }
    }
    for (const gp of cp.practices) {
      const v = answers.get(gp.id);
      if (!Array.isArray(v)) continue;
      const e = c.practices.get(gp.id) ?? { total: 0, keys: new Set<string>(), seen: new Set<number>(), byParty: new Map() };
      c.practices.set(gp.id, e);
      for (const item of v as RepeatItem[]) {
        // A school that said no to "may this be shared in the region?" is not quoted.
        if (gp.share && item[gp.share] === false) continue;
        const t = gp.title ? String(item[gp.title] ?? "").trim() : "";
        const d = gp.desc ? oneLine(String(item[gp.desc] ?? "")) : "";
        if (!t && !d) continue;
        const line = t && d ? `${t} — ${d}` : t || d;
        const key = normText(`${t} ${d}`);
        const codes = gp.parties && Array.isArray(item[gp.parties]) ? (item[gp.parties] as AnswerScalar[]).map(String) : [];
        const parties = codes.length ? codes : [""];
        // The same example again counts once.
        if (e.keys.has(key)) continue;
        const listed = parties.some((code) => (e.byParty.get(code)?.listed.length ?? 0) < PRACTICES_LISTED);
        if (listed) e.keys.add(key);
        else if (!unseen(e.seen, key)) continue;
        e.total++;
        for (const code of parties) {
          const p = e.byParty.get(code) ?? { listed: [], more: 0, n: 0 };
          e.byParty.set(code, p);
          p.n++;
          if (p.listed.length < PRACTICES_LISTED) p.listed.push(line);
          else p.more++;
        }
      }
    }
  }

  private foldQuotes(c: ChapterFold, cp: ChapterPlan, answers: Map<string, AnswerValue>, schooltype: string): void {
    for (const id of cp.quoted) {
      const v = answers.get(id);
      if (v === undefined) continue;
      const e = c.quotes.get(id) ?? { listed: [], more: 0, keys: new Set<string>(), seen: new Set<number>() };
      c.quotes.set(id, e);
      for (const t of (Array.isArray(v) ? v : [v]).map(String)) {
        const key = normText(t);
        if (key && e.keys.has(key)) {
          // The same text again: it is no longer one school type's when another type wrote it too
          // (a text from 39 schools was quoted as "(VO)", the type of the first one read).
          const same = e.listed.find((x) => normText(x.text) === key);
          if (same && same.schooltype !== schooltype) same.schooltype = "";
          continue;
        }
        // De-duplicated; beyond the first K only counted.
        if (!key) continue;
        if (e.listed.length < QUOTES_LISTED) {
          e.keys.add(key);
          e.listed.push({ text: t.trim(), schooltype });
        } else if (unseen(e.seen, key)) e.more++;
      }
    }
  }

  private foldActions(r: Released): void {
    if (r.record.actions.length) {
      this.actionSessions++;
      this.chapters.get(r.family)!.actionSessions++;
    }
    for (const a of r.record.actions) {
      const q = a.question !== undefined ? r.plan.byId.get(a.question) : undefined;
      const row: ActionRow & { seq: number } = {
        organisation: this.match(a.organisation, a.ownerRole) ?? this.overig,
        what: a.what || msg("report.summary.fold.confidential-question", this.lang),
        due: a.due ?? "",
        gemeente: r.record.meta.gemeente !== undefined ? this.labelFor("gemeente", String(r.record.meta.gemeente)) : "",
        question: q ? tr(q.question.prompt, this.lang) : "",
        seq: this.seq++,
      };
      const o = this.actions.get(row.organisation) ?? { n: 0, overdue: 0, listed: [] };
      this.actions.set(row.organisation, o);
      const c = this.chapters.get(r.family)!;
      const f = c.actions.get(row.organisation) ?? { n: 0, overdue: 0 };
      c.actions.set(row.organisation, f);
      for (const x of [o, f]) {
        x.n++;
        if (row.due && row.due < this.opts.today) x.overdue++;
        if (row.due && row.due >= this.opts.today && (!x.nextDue || row.due < x.nextDue)) x.nextDue = row.due;
      }
      insertBounded(o.listed, row, ACTIONS_LISTED);
    }
  }
}

/** By due date (none last), then in reading order. */
export const dueOrder = (a: ActionRow & { seq: number }, b: ActionRow & { seq: number }) =>
  (a.due || "9999").localeCompare(b.due || "9999") || a.seq - b.seq;

/** Keep the k first rows in dueOrder: insert in place, drop the last. */
function insertBounded(list: (ActionRow & { seq: number })[], row: ActionRow & { seq: number }, k: number): void {
  if (list.length >= k && dueOrder(row, list[list.length - 1]!) >= 0) return;
  let i = list.length;
  while (i > 0 && dueOrder(row, list[i - 1]!) < 0) i--;
  list.splice(i, 0, row);
  if (list.length > k) list.pop();
}
