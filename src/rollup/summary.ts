// The summary layout: per group (a meta field, default regio) × question, counts and
// percentages per option, or n/mean/median/min/max for numbers. Aggregated while streaming:
// numbers are kept as value → count histograms (scales and counts have few distinct values),
// so memory does not grow with the number of sessions. Groups smaller than --min-group are
// suppressed. There is deliberately no total row: total minus the shown groups would give
// away a suppressed group's figures.
import { isPartyScores } from "../session/party-scores.js";
import type { AnswerScalar, AnswerValue, Lang, RepeatItem } from "../format/types.js";
import type { Cell } from "../csv/cell.js";
import type { FormatPlan, MergedQuestion } from "./plan.js";
import type { SessionRecord } from "./record.js";
import { optionLabel, text, yesNoLabel } from "./columns.js";
import { msg } from "../i18n/messages.js";

export const SUMMARY_COLUMNS = [
  "group_by",
  "group",
  "group_label",
  "sessions",
  "section",
  "question_id",
  "field",
  "question",
  "type",
  "option_code",
  "option_label",
  "n",
  "count",
  "percent",
  "mean",
  "median",
  "min",
  "max",
];

interface Stat {
  n: number;
  counts: Map<string, number>;
  hist: Map<number, number>;
}
interface Group {
  sessions: number;
  stats: Map<string, Stat>;
}

const COUNTED = new Set(["choice", "multichoice", "yesno", "scale", "number"]);
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

export class SummaryAggregator {
  private readonly groups = new Map<string, Group>();

  constructor(
    private readonly plan: FormatPlan,
    readonly by: string,
  ) {}

  add(rec: SessionRecord): void {
    const key = rec.meta[this.by] === undefined ? "" : String(rec.meta[this.by]);
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { sessions: 0, stats: new Map() }));
    g.sessions++;
    for (const [id, v] of Object.entries(rec.meta)) {
      const mq = this.plan.byId.get(id);
      if (mq) this.value(g, id, mq.question.type, v);
    }
    for (const [id, v] of rec.answers) {
      const mq = this.plan.byId.get(id);
      if (!mq) continue;
      if (mq.question.type !== "repeat") {
        // A per_party scale counts by its joint score here (the parties' own are in long/wide).
        this.value(g, id, mq.question.type, isPartyScores(v) ? v.joint : v);
        continue;
      }
      const items = v as RepeatItem[];
      this.stat(g, id).n++;
      this.number(g, id, items.length);
      for (const item of items) {
        for (const f of mq.fields) {
          if (item[f.id] !== undefined && COUNTED.has(f.question.type)) this.value(g, `${id}.${f.id}`, f.question.type, item[f.id]!);
        }
      }
    }
    for (const id of rec.withheld) this.stat(g, id).n++;
  }

  private stat(g: Group, key: string): Stat {
    let s = g.stats.get(key);
    if (!s) g.stats.set(key, (s = { n: 0, counts: new Map(), hist: new Map() }));
    return s;
  }

  private number(g: Group, key: string, x: number): void {
    const h = this.stat(g, key).hist;
    h.set(x, (h.get(x) ?? 0) + 1);
  }

  private value(g: Group, key: string, type: string, v: AnswerValue): void {
    const s = this.stat(g, key);
    s.n++;
    const count = (code: string) => s.counts.set(code, (s.counts.get(code) ?? 0) + 1);
    if (type === "choice") count(String(v));
    else if (type === "multichoice") for (const c of new Set((v as AnswerScalar[]).map(String))) count(c);
    else if (type === "yesno") count(v === true ? "1" : "0");
    else if ((type === "scale" || type === "number") && typeof v === "number") this.number(g, key, v);
  }

  /** Rows for the versions that occurred; `suppressed` lists the group codes left out. */
  rows(
    versionsSeen: ReadonlySet<number>,
    minGroup: number,
    lang: Lang,
  ): { rows: Cell[][]; suppressed: { group: string; label: string }[]; smallCells: number } {
    const rows: Cell[][] = [];
    let smallCells = 0;
    const suppressed: { group: string; label: string }[] = [];
    const byQ = this.plan.byId.get(this.by);
    const keys = [...this.groups.keys()].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a < b ? -1 : a > b ? 1 : 0));
    const marker = `<${minGroup}`;
    for (const key of keys) {
      const g = this.groups.get(key)!;
      const label = key === "" ? msg("common.unknown", lang) : byQ ? optionLabel(byQ.options, key, lang) || key : key;
      const hide = g.sessions < minGroup;
      if (hide) suppressed.push({ group: key, label });
      const fig = (x: Cell): Cell => (hide ? marker : x);
      // A question answered by fewer than --min-group sessions of a shown group is a small
      // cell too: its figures rest on too few schools. (0 answers stays visible as 0.)
      const figFor = (stat: Stat | undefined) => {
        const n = stat?.n ?? 0;
        if (hide || n === 0 || n >= minGroup) return fig;
        smallCells++;
        return (_: Cell): Cell => marker;
      };
      const head = [this.by, key, label, fig(g.sessions)];
      for (const mq of this.plan.questions) {
        if (mq.privacy === "persoonlijk" || !mq.versions.some((v) => versionsSeen.has(v))) continue;
        this.questionRows(g, mq, lang, figFor(g.stats.get(mq.id)), (r) => rows.push([...head, ...r]));
        if (mq.question.type !== "repeat") continue;
        for (const f of mq.fields) {
          if (f.privacy === "persoonlijk" || !COUNTED.has(f.question.type)) continue;
          const st = g.stats.get(`${mq.id}.${f.id}`);
          this.fieldRows(st, mq, f.id, f.question, f.options, lang, figFor(st), (r) => rows.push([...head, ...r]));
        }
      }
    }
    return { rows, suppressed, smallCells };
  }

  private questionRows(g: Group, mq: MergedQuestion, lang: Lang, fig: (x: Cell) => Cell, push: (r: Cell[]) => void): void {
    this.fieldRows(g.stats.get(mq.id), mq, null, mq.question, mq.options, lang, fig, push);
  }

  private fieldRows(
    s: Stat | undefined,
    mq: MergedQuestion,
    field: string | null,
    q: MergedQuestion["question"],
    options: MergedQuestion["options"],
    lang: Lang,
    fig: (x: Cell) => Cell,
    push: (r: Cell[]) => void,
  ): void {
    const n = s?.n ?? 0;
    const head = [mq.sectionId, mq.id, field, text(q.prompt, lang), q.type];
    const pct = (c: number) => (n > 0 ? round((c / n) * 100, 1) : null);
    const counted = (code: string, label: string) => {
      const c = s?.counts.get(code) ?? 0;
      push([...head, code, label, fig(n), fig(c), fig(pct(c)), null, null, null, null]);
    };
    if (q.type === "choice" || q.type === "multichoice") {
      for (const o of options) counted(o.code, optionLabel(options, o.code, lang));
    } else if (q.type === "yesno") {
      counted("1", yesNoLabel(true, lang));
      counted("0", yesNoLabel(false, lang));
    } else if (q.type === "scale" || q.type === "number" || q.type === "repeat") {
      const st = numberStats(s?.hist);
      push([...head, null, null, fig(n), null, null, fig(st.mean), fig(st.median), fig(st.min), fig(st.max)]);
    } else {
      push([...head, null, null, fig(n), null, null, null, null, null, null]);
    }
  }
}

/** mean, median, min, max of a value → count histogram (null when empty). */
export function numberStats(hist: Map<number, number> | undefined): {
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
} {
  if (!hist || hist.size === 0) return { mean: null, median: null, min: null, max: null };
  const values = [...hist.keys()].sort((a, b) => a - b);
  let total = 0;
  let sum = 0;
  for (const v of values) {
    total += hist.get(v)!;
    sum += v * hist.get(v)!;
  }
  const at = (k: number) => {
    let seen = 0;
    for (const v of values) {
      seen += hist.get(v)!;
      if (seen > k) return v;
    }
    return values[values.length - 1]!;
  };
  const median = total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
  return { mean: round(sum / total, 2), median, min: values[0]!, max: values[values.length - 1]! };
}
