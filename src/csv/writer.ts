// A CSV file written row by row with bounded memory: rows are buffered in small batches,
// encoded, and appended to a temporary file that replaces the target only on close, so an
// interrupted run never leaves a half-written rollup behind.
import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import type { Cell } from "./cell.js";
import { encodeRows, UTF8_BOM, type CsvDialect } from "./dialect.js";

const BATCH = 512;

export class CsvFileWriter {
  private fd: number;
  private batch: Cell[][] = [];
  private readonly tmp: string;
  rows = 0;

  constructor(
    readonly file: string,
    header: readonly string[],
    private readonly dialect: CsvDialect,
  ) {
    this.tmp = `${file}.${process.pid}.tmp`;
    this.fd = openSync(this.tmp, "w");
    if (dialect.excel) writeSync(this.fd, UTF8_BOM);
    this.writeText(encodeRows([header as Cell[]], dialect));
  }

  row(cells: Cell[]): void {
    this.batch.push(cells);
    this.rows++;
    if (this.batch.length >= BATCH) this.flush();
  }

  /** Already-encoded rows (from a worker) go straight to the file, after any buffered ones. */
  writeText(text: string): void {
    if (!text) return;
    this.flush();
    writeSync(this.fd, text);
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const text = encodeRows(this.batch, this.dialect);
    this.batch = [];
    writeSync(this.fd, text);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(this.tmp, this.file);
  }

  /** Give up: remove the temporary file, leave any earlier output in place. */
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    rmSync(this.tmp, { force: true });
  }
}
