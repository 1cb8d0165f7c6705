// The two CSV flavours: RFC 4180 for analysts (R, Python) and one that Dutch Excel opens
// correctly on a double-click (BOM so it reads UTF-8, ';' because ',' is the decimal sign).
import { stringify, type Options } from "csv-stringify/sync";
import { cellText, type Cell } from "./cell.js";

export interface CsvDialect {
  excel: boolean;
}

export const UTF8_BOM = "\uFEFF";

function stringifyOptions(d: CsvDialect): Options {
  return {
    delimiter: d.excel ? ";" : ",",
    record_delimiter: d.excel ? "windows" : "unix",
    // csv-stringify only quotes the full record delimiter; a lone CR or LF inside a cell
    // must be quoted too or the file no longer reads back.
    quoted_match: /[\r\n]/,
  };
}

const cache = new Map<boolean, Options>();

/** Encode rows as CSV text (no BOM); pure, so workers can use it too. */
export function encodeRows(rows: readonly (readonly Cell[])[], dialect: CsvDialect): string {
  if (rows.length === 0) return "";
  let opts = cache.get(dialect.excel);
  if (!opts) cache.set(dialect.excel, (opts = stringifyOptions(dialect)));
  const text = rows.map((r) => r.map((c) => cellText(c, dialect.excel)));
  return stringify(text, opts);
}
