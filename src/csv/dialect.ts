// The two CSV flavours: RFC 4180 for analysts (R, Python) and one that Dutch Excel opens
// correctly on a double-click (BOM so it reads UTF-8, ';' because ',' is the decimal sign).
// Cells are quoted by csv-stringify. Encoding works on row *fragments* so that parts repeated
// on many rows (a session's columns, a question's text) are encoded once and reused:
// CSV quoting is per field, so joining encoded fragments with the delimiter gives exactly
// the bytes of encoding the whole row.
import { stringify as streamStringifier, type Options } from "csv-stringify";
import { stringify } from "csv-stringify/sync";
import { cellText, type Cell } from "./cell.js";

export interface CsvDialect {
  excel: boolean;
}

export const UTF8_BOM = "\uFEFF";

type RecordApi = { stringify(record: string[]): [Error | undefined, string] };

export class CsvEncoder {
  readonly delimiter: string;
  readonly eol: string;
  private readonly options: Options;
  private readonly api?: RecordApi;
  private readonly needsQuotes: RegExp;

  /** `quick: false` encodes every cell with csv-stringify itself (the reference for tests). */
  constructor(
    readonly dialect: CsvDialect,
    private readonly quick = true,
  ) {
    this.needsQuotes = dialect.excel ? /[";\r\n]/ : /[",\r\n]/;
    this.delimiter = dialect.excel ? ";" : ",";
    this.eol = dialect.excel ? "\r\n" : "\n";
    this.options = {
      delimiter: this.delimiter,
      record_delimiter: dialect.excel ? "windows" : "unix",
      // csv-stringify quotes the record delimiter; a lone CR or LF inside a cell must be
      // quoted too or the file no longer reads back.
      quoted_match: /[\r\n]/,
    };
    // The stream stringifier's per-record function skips re-reading the options on every
    // call; if a future csv-stringify lacks it, the sync API gives the same bytes.
    const api = (streamStringifier(this.options) as unknown as { api?: RecordApi }).api;
    if (api && typeof api.stringify === "function") this.api = api;
  }

  /** Encoded cells joined by the delimiter, without a line ending. */
  fragment(cells: readonly Cell[]): string {
    if (cells.length === 0) return "";
    if (this.quick) {
      // csv-stringify's rule for string cells with these options, written out: quote a cell
      // that holds the quote, the delimiter, CR or LF, doubling its quotes; leave others,
      // the empty cell too. It is the rollup's hottest loop; test/rollup/csv.test.ts holds
      // it to csv-stringify's bytes.
      let out = "";
      for (let i = 0; i < cells.length; i++) {
        const t = cellText(cells[i], this.dialect.excel);
        if (i) out += this.delimiter;
        out += this.needsQuotes.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
      }
      return out;
    }
    const text = cells.map((c) => cellText(c, this.dialect.excel));
    if (this.api) {
      const [err, out] = this.api.stringify(text);
      if (err) throw err;
      return out;
    }
    return stringify([text], this.options).slice(0, -this.eol.length);
  }

  /** Whole rows, each ending with the line ending. */
  rows(rows: readonly (readonly Cell[])[]): string {
    let out = "";
    for (const r of rows) out += this.fragment(r) + this.eol;
    return out;
  }
}

const encoders = new Map<boolean, CsvEncoder>();

export function encoderFor(dialect: CsvDialect): CsvEncoder {
  let e = encoders.get(dialect.excel);
  if (!e) encoders.set(dialect.excel, (e = new CsvEncoder(dialect)));
  return e;
}

/** Encode rows as CSV text (no BOM). */
export function encodeRows(rows: readonly (readonly Cell[])[], dialect: CsvDialect): string {
  return encoderFor(dialect).rows(rows);
}
