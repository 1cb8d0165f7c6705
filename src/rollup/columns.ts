// Columns every per-session layout starts with, and how a stored answer becomes a cell.
import type { AnswerScalar, Lang, LocalText, Option } from "../format/types.js";
import type { Cell } from "../csv/cell.js";
import { tr } from "../i18n/lang.js";
import type { SessionRecord } from "./record.js";

/** The built-in formats' meta fields; always columns, empty when a format lacks one. */
export const META_COLUMNS = ["school", "brin", "gemeente", "regio", "schooltype", "datum"] as const;
export const SESSION_COLUMNS = ["session_id", "format", "format_version", "status", ...META_COLUMNS];

export const isMetaColumn = (id: string) => (META_COLUMNS as readonly string[]).includes(id);

/** yes/no as 1/0 so analysts can sum and average it; numbers stay numbers. */
export function scalarCell(v: AnswerScalar | undefined): Cell {
  if (v === undefined) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

export function sessionCells(rec: SessionRecord, sessionId: string): Cell[] {
  return [sessionId, rec.formatId, rec.version, rec.status, ...META_COLUMNS.map((m) => scalarCell(rec.meta[m]))];
}

export const text = (t: LocalText | undefined, lang: Lang) => tr(t, lang);

export function optionLabel(options: readonly Option[], code: AnswerScalar, lang: Lang): string {
  const o = options.find((x) => x.code === String(code));
  return o ? tr(o.label, lang) : "";
}

export function yesNoLabel(v: boolean, lang: Lang): string {
  return lang === "en" ? (v ? "yes" : "no") : v ? "ja" : "nee";
}
