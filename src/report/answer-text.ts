// One stored answer → how a reader sees it: option labels instead of codes, scales with
// their end labels, lists as bullets, repeat groups as a small table.
import type { AnswerValue, Lang, Question, RepeatItem } from "../format/types.js";
import type { AnswerBlock } from "./model.js";
import { fill, tr } from "../i18n/lang.js";
import { formatNumber, longDate } from "./words.js";
import { isPartyScores, partiesOf } from "../session/party-scores.js";
import { msg } from "../i18n/messages.js";

export function optionLabel(q: Question, code: unknown, lang: Lang): string {
  const opt = q.options?.find((o) => o.code === String(code));
  return opt ? tr(opt.label, lang) : String(code);
}

export function yesNo(value: boolean, lang: Lang): string {
  return value ? msg("report.answerText.yes", lang) : msg("report.answerText.no", lang);
}

/** "4 van 5 (1 = Zeer ontevreden, 5 = Zeer tevreden)" */
export function scaleText(q: Question, value: number, lang: Lang): string {
  const min = q.min ?? 1;
  const max = q.max ?? 5;
  const base =
    min === 1
      ? fill(msg("report.answerText.v-out-max", lang), { v: value, max })
      : fill(msg("report.answerText.v-scale-from-min-max", lang), { v: value, min, max });
  const ends = [
    q.labels?.min ? `${min} = ${tr(q.labels.min, lang)}` : "",
    q.labels?.max ? `${max} = ${tr(q.labels.max, lang)}` : "",
  ].filter(Boolean);
  return ends.length ? `${base} (${ends.join(", ")})` : base;
}

/** A value as one line of text (table cells, title block). */
export function inlineText(q: Question, value: unknown, lang: Lang): string {
  if (value === undefined || value === null) return "";
  switch (q.type) {
    case "choice":
      return optionLabel(q, value, lang);
    case "multichoice":
      return Array.isArray(value) ? value.map((c) => optionLabel(q, c, lang)).join(", ") : String(value);
    case "yesno":
      return typeof value === "boolean" ? yesNo(value, lang) : String(value);
    case "scale":
      if (isPartyScores(value)) return scaleText(q, value.joint, lang);
      return typeof value === "number" ? scaleText(q, value, lang) : String(value);
    case "number":
      return typeof value === "number" ? formatNumber(value, lang) : String(value);
    case "date":
      return typeof value === "string" ? longDate(value, lang) : String(value);
    case "list":
      return Array.isArray(value) ? value.map(String).join("; ") : String(value);
    case "repeat":
      return Array.isArray(value) ? fill(msg("report.answerText.n-items", lang), { n: value.length }) : "";
    default:
      return String(value);
  }
}

/** The block shown under a question. Hidden repeat fields leave their cell empty. */
export function answerBlock(
  q: Question,
  value: AnswerValue,
  lang: Lang,
  fieldVisible: (f: Question, item: RepeatItem) => boolean,
  roleLabel: (id: string) => string = (id) => id,
): AnswerBlock {
  if (q.type === "scale" && isPartyScores(value) && partiesOf(value).length) {
    // Each party's own score beside the joint one: one row, roles (never names) as heads.
    const parties = partiesOf(value);
    const max = q.max ?? 5;
    const ends = [
      q.labels?.min ? `${q.min ?? 1} = ${tr(q.labels.min, lang)}` : "",
      q.labels?.max ? `${max} = ${tr(q.labels.max, lang)}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    // A row per party under the joint score: role labels are long, so they go down, not across.
    return {
      kind: "table",
      head: [msg("report.answerText.party", lang), msg("report.answerText.score", lang)],
      rows: [
        [msg("report.answerText.joint", lang), fill(msg("report.answerText.v-out-max", lang), { v: value.joint, max })],
        ...parties.map(([r, n]) => [roleLabel(r), String(n)]),
      ],
      weights: [3, 1],
      ...(ends ? { caption: ends } : {}),
    };
  }
  if (q.type === "multichoice" && Array.isArray(value)) return { kind: "bullets", items: value.map((c) => optionLabel(q, c, lang)) };
  if (q.type === "list" && Array.isArray(value)) return { kind: "bullets", items: value.map(String) };
  if (q.type === "repeat" && Array.isArray(value)) {
    const fields = q.fields ?? [];
    const rows = (value as RepeatItem[]).map((item) => fields.map((f) => (fieldVisible(f, item) ? inlineText(f, item[f.id], lang) : "")));
    // Long answers get the wide columns.
    const weights = fields.map((f) =>
      f.type === "longtext" ? 3 : f.type === "text" || f.type === "multichoice" || f.type === "list" ? 1.6 : 1,
    );
    return { kind: "table", head: fields.map((f) => tr(f.prompt, lang)), rows, weights };
  }
  return { kind: "text", text: inlineText(q, value, lang) };
}
