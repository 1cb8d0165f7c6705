// Repeat groups as their own table (the workbook's repeat sheets): one row per item with the
// session columns, the item number and the item's fields. Built from the wide layout's pairs
// and columns, so exactly what `wide` shows of an item is shown here, and nothing more.
import type { Cell } from "../csv/cell.js";
import type { FormatPlan } from "./plan.js";
import { SESSION_COLUMNS } from "./columns.js";
import { wideColumns, type WideColumn, type WidePairs } from "./wide.js";

const ITEM_KEY = /^([^[]+)\[(\d+)\]\.(.+)$/;

/** Repeat question ids that can have a sheet (persoonlijk groups never do). */
export const repeatIds = (plan: FormatPlan) =>
  plan.questions.filter((q) => q.question.type === "repeat" && q.privacy !== "persoonlijk").map((q) => q.id);

/**
 * One session's items per repeat id, spooled as `[...sessionCells, item, key1, value1, …]`
 * (field columns are fixed only when every session has been seen).
 */
export function repeatItems(pairs: WidePairs, repeats: readonly [string, number][], head: readonly Cell[]): Map<string, Cell[][]> {
  const out = new Map<string, Cell[][]>();
  for (const [id, n] of repeats)
    out.set(
      id,
      Array.from({ length: n }, (_, i) => [...head, i + 1]),
    );
  for (const [key, value] of pairs) {
    const m = ITEM_KEY.exec(key);
    if (!m) continue;
    const row = out.get(m[1]!)?.[Number(m[2]) - 1];
    if (row) row.push(m[3]!, value);
  }
  return out;
}

/** The field columns of one repeat group (as in wide, without the `id[n].` prefix). */
export function repeatColumns(
  plan: FormatPlan,
  id: string,
  versionsSeen: ReadonlySet<number>,
  includeText: boolean,
): { keys: string[]; columns: WideColumn[] } {
  const columns = wideColumns(plan, versionsSeen, new Map([[id, 1]]), includeText).filter((c) => c.question.id === id && c.field);
  return { keys: columns.map((c) => c.key.slice(`${id}[1].`.length)), columns };
}

export const REPEAT_HEAD = [...SESSION_COLUMNS, "item"];

/** A spooled item row laid out on the group's columns. */
export function repeatRow(spooled: Cell[], keys: readonly string[]): Cell[] {
  const n = REPEAT_HEAD.length;
  const at = new Map<string, Cell>();
  for (let i = n; i + 1 < spooled.length; i += 2) at.set(String(spooled[i]), spooled[i + 1]);
  return [...spooled.slice(0, n), ...keys.map((k) => at.get(k) ?? null)];
}
