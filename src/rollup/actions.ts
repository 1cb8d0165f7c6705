// The actions layout: every action item with its session's meta and the linked question.
// The owner's name is never written; the owner's role is, when the owner took part.
import type { Lang } from "../format/types.js";
import type { Cell } from "../csv/cell.js";
import type { FormatPlan } from "./plan.js";
import type { SessionRecord } from "./record.js";
import { SESSION_COLUMNS, sessionCells, text } from "./columns.js";

export const ACTION_COLUMNS = [
  ...SESSION_COLUMNS,
  "action",
  "what",
  "owner_role",
  "organisation",
  "due",
  "section",
  "question_id",
  "question",
];

export function actionRows(plan: FormatPlan, rec: SessionRecord, sessionId: string, lang: Lang): Cell[][] {
  const base = sessionCells(rec, sessionId);
  return rec.actions.map((a, i) => {
    const mq = a.question !== undefined ? plan.byId.get(a.question) : undefined;
    return [
      ...base,
      i + 1,
      a.what,
      a.ownerRole,
      a.organisation,
      a.due,
      mq?.sectionId,
      a.question,
      mq ? text(mq.question.prompt, lang) : null,
    ];
  });
}
