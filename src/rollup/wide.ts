// The wide layout: one row per session, one column per question in format order.
// Multichoice becomes one 0/1 column per option (`qid.code`), repeat groups are flattened as
// `qid[1].field`. How many repeat items there are is only known at the end, so a session's
// cells are produced as (column key → cell) pairs; the writer lays out the header from every
// session's shape (format version, repeat counts: known before the records are read back in a
// rollup) or, where it cannot know them first, spools the pairs until every session was seen.
import type { AnswerScalar, AnswerValue, Option, RepeatItem } from "../format/types.js";
import { FREE_TEXT_TYPES } from "../format/types.js";
import type { Cell } from "../csv/cell.js";
import type { FormatPlan, MergedField, MergedQuestion } from "./plan.js";
import type { SessionRecord } from "./record.js";
import { isMetaColumn, scalarCell } from "./columns.js";
import { isPartyScores, partiesOf } from "../session/party-scores.js";

export interface WideColumn {
  key: string;
  question: MergedQuestion;
  field?: MergedField;
  option?: Option;
  /** A per_party scale's column for one role. */
  role?: string;
}

/** The roles of every version of the format, newest order first. */
export function partyRoles(plan: FormatPlan): string[] {
  const roles: string[] = plan.latest.participants.map((p) => p.id);
  return roles;
}

export type WidePairs = [string, Cell][];

const isFreeText = (t: string) => (FREE_TEXT_TYPES as readonly string[]).includes(t);

/** A single-cell value: lists are joined one item per line. */
function cellOf(type: string, value: AnswerValue): Cell {
  if (type === "list") return (value as AnswerScalar[]).map(String).join("\n");
  if (Array.isArray(value)) return null;
  if (isPartyScores(value)) return value.joint;
  return scalarCell(value);
}

function valuePairs(prefix: string, type: string, options: readonly Option[], value: AnswerValue, out: WidePairs): void {
  if (type === "multichoice") {
    const chosen = new Set((value as AnswerScalar[]).map(String));
    for (const o of options) out.push([`${prefix}.${o.code}`, chosen.has(o.code) ? 1 : 0]);
  } else {
    out.push([prefix, cellOf(type, value)]);
    // per_party: each party's own score beside the joint one, as `qid.ROLE`.
    for (const [role, n] of partiesOf(value)) out.push([`${prefix}.${role}`, n]);
  }
}

/** How many items each repeat answer of a record has (the wide header needs the largest). */
export function repeatCounts(plan: FormatPlan, rec: Pick<SessionRecord, "answers">): [string, number][] {
  const repeats: [string, number][] = [];
  for (const [id, value] of rec.answers)
    if (plan.byId.get(id)?.question.type === "repeat") repeats.push([id, (value as RepeatItem[]).length]);
  return repeats;
}

/** One session's wide cells (without the session columns), plus its repeat item counts. */
export function widePairs(plan: FormatPlan, rec: SessionRecord): { pairs: WidePairs; repeats: [string, number][] } {
  const pairs: WidePairs = [];
  const repeats = repeatCounts(plan, rec);
  for (const mq of plan.questions) {
    if (mq.sectionId !== "meta" || isMetaColumn(mq.id) || rec.meta[mq.id] === undefined) continue;
    valuePairs(mq.id, mq.question.type, mq.options, rec.meta[mq.id]!, pairs);
  }
  for (const [id, value] of rec.answers) {
    const mq = plan.byId.get(id);
    if (!mq) continue;
    if (mq.question.type !== "repeat") {
      valuePairs(id, mq.question.type, mq.options, value, pairs);
      continue;
    }
    const items = value as RepeatItem[];
    items.forEach((item, i) => {
      for (const f of mq.fields) {
        const v = item[f.id];
        if (v !== undefined) valuePairs(`${id}[${i + 1}].${f.id}`, f.question.type, f.options, v, pairs);
      }
    });
  }
  return { pairs, repeats };
}

const shownInWide = (type: string, privacy: string, includeText: boolean) =>
  privacy !== "persoonlijk" && (!isFreeText(type) || (includeText && privacy === "open"));

/** The wide columns after the session columns, for the versions that occurred. */
export function wideColumns(
  plan: FormatPlan,
  versionsSeen: ReadonlySet<number>,
  repeatMax: ReadonlyMap<string, number>,
  includeText: boolean,
): WideColumn[] {
  const cols: WideColumn[] = [];
  for (const mq of plan.questions) {
    if (!mq.versions.some((v) => versionsSeen.has(v)) || (mq.sectionId === "meta" && isMetaColumn(mq.id))) continue;
    const type = mq.question.type;
    if (type === "repeat") {
      if (mq.privacy === "persoonlijk") continue;
      for (let i = 1; i <= (repeatMax.get(mq.id) ?? 0); i++) {
        for (const f of mq.fields) {
          if (!shownInWide(f.question.type, f.privacy, includeText)) continue;
          const key = `${mq.id}[${i}].${f.id}`;
          if (f.question.type === "multichoice")
            for (const o of f.options) cols.push({ key: `${key}.${o.code}`, question: mq, field: f, option: o });
          else cols.push({ key, question: mq, field: f });
        }
      }
    } else if (shownInWide(type, mq.privacy, includeText)) {
      if (type === "multichoice") for (const o of mq.options) cols.push({ key: `${mq.id}.${o.code}`, question: mq, option: o });
      else cols.push({ key: mq.id, question: mq });
      if (type === "scale" && mq.question.perParty)
        for (const role of partyRoles(plan)) cols.push({ key: `${mq.id}.${role}`, question: mq, role });
    }
  }
  return cols;
}

export { shownInWide };

/** The wide row of one session: its session cells, then each pair's cell in its column. */
export function wideRow(head: readonly Cell[], pairs: WidePairs, index: ReadonlyMap<string, number>, columns: number): Cell[] {
  const n = head.length;
  const row = new Array<Cell>(n + columns);
  for (let i = 0; i < n; i++) row[i] = head[i]!;
  for (let i = n; i < n + columns; i++) row[i] = null;
  for (const [k, v] of pairs) {
    const i = index.get(k);
    if (i !== undefined) row[n + i] = v;
  }
  return row;
}
