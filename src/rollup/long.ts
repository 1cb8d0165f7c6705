// The long layout: one row per session × answer (× chosen option, × repeat item and field).
// Rows are generated per session and streamed out; nothing is kept.
import type { AnswerScalar, AnswerValue, Lang, Option, Question, RepeatItem } from "../format/types.js";
import type { Cell } from "../csv/cell.js";
import type { FormatPlan, MergedQuestion } from "./plan.js";
import type { SessionRecord } from "./record.js";
import { SESSION_COLUMNS, isMetaColumn, optionLabel, scalarCell, text, yesNoLabel } from "./columns.js";
import { isPartyScores, partiesOf } from "../session/party-scores.js";

export const LONG_COLUMNS = [
  ...SESSION_COLUMNS,
  "section",
  "question_id",
  "question",
  "type",
  "item",
  "field",
  "value_code",
  "value_label",
  "role",
];

type Value = [code: Cell, label: Cell];

/** The (code, label) pairs one answer becomes; free text goes in the label column. */
export function answerValues(q: Question, options: readonly Option[], value: AnswerValue, lang: Lang): Value[] {
  switch (q.type) {
    case "choice":
      return [[String(value), optionLabel(options, value as AnswerScalar, lang)]];
    case "multichoice":
      return (value as AnswerScalar[]).map((c) => [String(c), optionLabel(options, c, lang)]);
    case "yesno":
      return [[scalarCell(value as boolean), yesNoLabel(value === true, lang)]];
    case "scale": {
      const n = isPartyScores(value) ? value.joint : (value as number);
      const label = n === q.min ? text(q.labels?.min, lang) : n === q.max ? text(q.labels?.max, lang) : "";
      return [[n, label]];
    }
    case "number":
      return [[value as number, ""]];
    case "date":
      return [[String(value), ""]];
    case "text":
    case "longtext":
      return [[null, String(value)]];
    default:
      return [];
  }
}

/**
 * A long row in three parts: the session columns (the same on all its rows), the question
 * columns (the same for every session; `key` names them so a writer can encode them once)
 * and the value columns.
 */
export interface LongRow {
  key: string;
  question: Cell[];
  value: Cell[];
}

/** A `per_party` scale: the joint score (role empty) and then a row per party with its role id. */
function scaleRows(q: Question, value: AnswerValue, lang: Lang): [Value, Cell][] {
  const rows: [Value, Cell][] = answerValues(q, [], value, lang).map((v) => [v, null]);
  for (const [role, n] of partiesOf(value)) rows.push([answerValues(q, [], n, lang)[0]!, role]);
  return rows;
}

export function longRows(plan: FormatPlan, rec: SessionRecord, lang: Lang): LongRow[] {
  const rows: LongRow[] = [];
  const push = (mq: MergedQuestion, q: Question, item: number | null, field: string | null, vals: Value[], role: Cell = null) => {
    for (const [code, label] of vals) {
      rows.push({
        key: field === null ? mq.id : `${mq.id}.${field}`,
        question: [mq.sectionId, mq.id, text(q.prompt, lang), q.type],
        value: [item, field, code, label, role],
      });
    }
  };
  for (const mq of plan.questions) {
    if (mq.sectionId !== "meta" || isMetaColumn(mq.id) || rec.meta[mq.id] === undefined) continue;
    push(mq, mq.question, null, null, answerValues(mq.question, mq.options, rec.meta[mq.id]!, lang));
  }
  for (const [id, value] of rec.answers) {
    const mq = plan.byId.get(id);
    if (!mq) continue;
    const q = mq.question;
    if (q.type === "list") {
      (value as AnswerScalar[]).forEach((v, i) => push(mq, q, i + 1, null, [[null, String(v)]]));
    } else if (q.type === "repeat") {
      (value as RepeatItem[]).forEach((item, i) => {
        for (const f of mq.fields) {
          const v = item[f.id];
          if (v === undefined) continue;
          if (f.question.type === "list") {
            for (const s of v as AnswerScalar[]) push(mq, f.question, i + 1, f.id, [[null, String(s)]]);
          } else {
            push(mq, f.question, i + 1, f.id, answerValues(f.question, f.options, v, lang));
          }
        }
      });
    } else if (q.type === "scale" && isPartyScores(value)) {
      for (const [v, role] of scaleRows(q, value, lang)) push(mq, q, null, null, [v], role);
    } else {
      push(mq, q, null, null, answerValues(q, mq.options, value, lang));
    }
  }
  return rows;
}
