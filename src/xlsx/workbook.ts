// One .xlsx workbook beside a set of rollup CSVs. Sheets receive exactly the rows the CSV
// layouts produce (the same Cell values), so privacy and suppression are the CSVs'. Rows are
// parked in NDJSON spool files while sessions stream in and written sheet after sheet at the
// end with exceljs's streaming writer, so memory does not grow with the corpus.
// Every cell is typed: text is written as text (never a formula, so `=HYPERLINK(…)`,
// `0612345678` and `12-10` stay as typed), numbers as numbers, ISO dates in date columns as
// dates.
import { createReadStream } from "node:fs";
import { TempFile } from "../util/writer.js";
import { createInterface } from "node:readline";
import type { Cell } from "../csv/cell.js";

/** Excel's limits: rows per sheet (with the header row), characters per cell, sheet name length. */
const MAX_ROWS = 1_048_576;
const MAX_CELL = 32_767;
const MAX_NAME = 31;
const FLUSH_AT = 1 << 18;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// XML 1.0 cannot carry these control characters; a workbook with one will not open.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export interface SheetSpec {
  name: string;
  header: readonly string[];
  /** Whether the cell at `col` of `row` holds a date (only asked for ISO `YYYY-MM-DD` text). */
  isDate?: (row: readonly Cell[], col: number) => boolean;
  /** Turns a spooled row into the sheet's row (for sheets whose columns are known only at the end). */
  map?: (spooled: Cell[]) => Cell[];
}

/** Rows of one sheet parked on disk, with the widest text seen per column. */
class SheetSpool {
  // Created by the one writer: exclusive, unpredictable name, no symlink followed.
  private readonly tmp: TempFile;
  private open = true;
  private buf: string[] = [];
  private size = 0;
  readonly widths: number[] = [];
  rows = 0;

  constructor(near: string) {
    this.tmp = new TempFile(near, 0o600);
  }

  push(cells: readonly Cell[]): void {
    this.rows++;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (c === null || c === undefined) continue;
      const w = typeof c === "number" ? String(c).length : Math.min(c.length, 80);
      if (w > (this.widths[i] ?? 0)) this.widths[i] = w;
    }
    const line = `${JSON.stringify(cells)}\n`;
    this.buf.push(line);
    this.size += line.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.buf.length) this.tmp.write(this.buf.join(""));
    this.buf = [];
    this.size = 0;
  }

  close(): void {
    if (!this.open) return;
    this.flush();
    this.tmp.closeForReading();
    this.open = false;
  }

  async *read(): AsyncGenerator<Cell[]> {
    const rl = createInterface({ input: createReadStream(this.tmp.tmp, { encoding: "utf8" }), crlfDelay: Infinity });
    for await (const line of rl) if (line) yield JSON.parse(line) as Cell[];
  }

  discard(): void {
    this.open = false;
    this.tmp.abort();
  }
}

/** A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters, unique in the book. */
export function sheetName(wanted: string, used: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, "_")
      .replace(/^'+|'+$/g, "")
      .slice(0, MAX_NAME) || "sheet";
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, MAX_NAME - String(i).length - 1)}~${i}`;
  used.add(name.toLowerCase());
  return name;
}

/** The value written for a cell: numbers stay numbers, text is made XML-safe, dates become Dates. */
export function xlsxValue(cell: Cell, date: boolean): string | number | Date | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : null;
  if (date) {
    const m = ISO_DATE.exec(cell);
    if (m) {
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      if (d.getUTCMonth() === Number(m[2]) - 1) return d;
    }
  }
  const clean = cell.replace(XML_INVALID, "");
  return clean.length > MAX_CELL ? clean.slice(0, MAX_CELL) : clean;
}

export class WorkbookSink {
  private readonly sheets: { spec: SheetSpec; spool: SheetSpool }[] = [];
  private readonly byName = new Map<string, SheetSpool>();
  private readonly used = new Set<string>();

  private pending?: TempFile;

  constructor(readonly file: string) {}

  /** Declare a sheet; sheets appear in the order declared. Returns the name used. */
  sheet(spec: SheetSpec): string {
    const name = sheetName(spec.name, this.used);
    const spool = new SheetSpool(`${this.file}.${this.sheets.length}`);
    this.sheets.push({ spec: { ...spec, name }, spool });
    this.byName.set(spec.name, spool);
    return name;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Header known only at the end (wide, repeat groups): set it before write(). */
  setHeader(name: string, header: readonly string[], more: Pick<SheetSpec, "isDate" | "map"> = {}): void {
    const s = this.sheets.find((x) => x.spool === this.byName.get(name));
    if (s) s.spec = { ...s.spec, header, ...more };
  }

  row(name: string, cells: readonly Cell[]): void {
    this.byName.get(name)?.push(cells);
  }

  /** Write the workbook (to a temporary file renamed at the end) and remove the spools. */
  async write(): Promise<string> {
    const { default: ExcelJS } = await import("exceljs");
    // The one writer creates the temporary workbook (exclusive, unpredictable name); exceljs
    // writes into it, and the writer moves it into place.
    const out = new TempFile(this.file);
    this.pending = out;
    const tmp = out.closeForReading();
    try {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: tmp,
        useStyles: true,
        useSharedStrings: false,
        zip: { zlib: { level: 6 } },
      });
      wb.creator = "afstem";
      for (const { spec, spool } of this.sheets) {
        spool.close();
        let part = 1;
        let ws = this.open(wb, spec, spool, spec.name);
        let written = 1;
        let pending = 0;
        for await (const spooled of spool.read()) {
          const cells = spec.map ? spec.map(spooled) : spooled;
          if (written >= MAX_ROWS) {
            this.close(ws, spec, written);
            ws = this.open(wb, spec, spool, sheetName(`${spec.name} (${++part})`, this.used));
            written = 1;
          }
          const values = cells.map((c, i) => xlsxValue(c, typeof c === "string" && ISO_DATE.test(c) && (spec.isDate?.(cells, i) ?? false)));
          const r = ws.addRow(values);
          values.forEach((v, i) => {
            if (v instanceof Date) r.getCell(i + 1).numFmt = "yyyy-mm-dd";
          });
          r.commit();
          written++;
          // Let the zip stream drain now and then, so rows do not pile up in memory.
          if (++pending >= 500) {
            pending = 0;
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
        this.close(ws, spec, written);
      }
      await wb.commit();
      out.commit({ durable: false });
      return this.file;
    } catch (err) {
      out.abort();
      throw err;
    } finally {
      for (const { spool } of this.sheets) spool.discard();
    }
  }

  private open(wb: import("exceljs").stream.xlsx.WorkbookWriter, spec: SheetSpec, spool: SheetSpool, name: string) {
    const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
    // Mapped rows were measured before mapping; their columns get a width from the header.
    const seen = (i: number) => (spec.map ? 12 : (spool.widths[i] ?? 0));
    ws.columns = spec.header.map((h, i) => ({ width: Math.max(8, Math.min(60, Math.max(h.length, seen(i)) + 2)) }));
    const head = ws.addRow(spec.header.map((h) => xlsxValue(h, false)));
    head.font = { bold: true };
    head.commit();
    return ws;
  }

  /** The autofilter covers the rows written (it is written after the rows). */
  private close(ws: ReturnType<WorkbookSink["open"]>, spec: SheetSpec, rows: number): void {
    if (spec.header.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows, column: spec.header.length } };
    ws.commit();
  }

  /** Remove spools and any temporary workbook after a failure. */
  abort(): void {
    for (const { spool } of this.sheets) spool.discard();
    this.pending?.abort();
  }
}
