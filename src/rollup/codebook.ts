// The codebook: what every column and code means, per format. One row per question (and per
// option for choice, multichoice and yes/no), with the wide column it fills (empty when a
// question is not in `wide`, e.g. free text without --include-text, or persoonlijk).
import type { Lang } from "../format/types.js";
import type { Cell } from "../csv/cell.js";
import type { FormatPlan, MergedQuestion } from "./plan.js";
import { isMetaColumn, text, yesNoLabel } from "./columns.js";
import { partyRoles, shownInWide } from "./wide.js";

export const CODEBOOK_COLUMNS = [
  "column",
  "question_id",
  "field",
  "section",
  "question",
  "type",
  "privacy",
  "option_code",
  "option_label",
  "min",
  "max",
  "versions",
  "was",
];

export function codebookRows(plan: FormatPlan, versionsSeen: ReadonlySet<number>, includeText: boolean, lang: Lang): Cell[][] {
  const rows: Cell[][] = [];
  const seen = (mq: MergedQuestion) => mq.versions.filter((v) => versionsSeen.has(v));
  for (const mq of plan.questions) {
    const versions = seen(mq);
    if (!versions.length) continue;
    // Older ids: those the versions in the registry had, and those the newest declares (`was`),
    // also when no older version is installed.
    const was = [...new Set([...mq.oldIds, ...(mq.question.was ?? [])])].filter((id) => id !== mq.id);
    const tail = [versions.map((v) => `v${v}`).join(" "), was.join(" ")];
    const emit = (
      column: string,
      field: string | null,
      q: MergedQuestion["question"],
      privacy: string,
      options: MergedQuestion["options"],
    ) => {
      const shown = (mq.sectionId === "meta" && isMetaColumn(mq.id)) || shownInWide(q.type, privacy, includeText);
      const head = [field, mq.sectionId, text(q.prompt, lang), q.type, privacy];
      const bounds = [q.min ?? null, q.max ?? null];
      if (q.type === "choice" || q.type === "multichoice") {
        for (const o of options) {
          const col = !shown ? "" : q.type === "multichoice" ? `${column}.${o.code}` : column;
          rows.push([col, mq.id, ...head, o.code, text(o.label, lang), ...bounds, ...tail]);
        }
      } else if (q.type === "yesno") {
        for (const v of [true, false]) rows.push([shown ? column : "", mq.id, ...head, v ? 1 : 0, yesNoLabel(v, lang), ...bounds, ...tail]);
      } else {
        rows.push([shown && q.type !== "repeat" ? column : "", mq.id, ...head, null, null, ...bounds, ...tail]);
      }
    };
    emit(mq.id, null, mq.question, mq.privacy, mq.options);
    if (mq.question.type === "scale" && mq.question.perParty && shownInWide("scale", mq.privacy, includeText)) {
      // One column per party: `field` holds the role id, the question text names the role.
      for (const role of plan.latest.participants.filter((p) => partyRoles(plan).includes(p.id))) {
        rows.push([
          `${mq.id}.${role.id}`,
          mq.id,
          role.id,
          mq.sectionId,
          `${text(mq.question.prompt, lang)} (${text(role.label, lang)})`,
          "scale",
          mq.privacy,
          null,
          null,
          mq.question.min ?? null,
          mq.question.max ?? null,
          ...tail,
        ]);
      }
    }
    if (mq.question.type === "repeat") for (const f of mq.fields) emit(`${mq.id}[n].${f.id}`, f.id, f.question, f.privacy, f.options);
  }
  return rows;
}
