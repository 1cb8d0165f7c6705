// A CSV file written row by row with bounded memory: encoded rows go through one reused byte
// buffer (BufferedWrites) into a temporary file (util/writer.ts) that replaces the target only
// on close, so an interrupted run never leaves a half-written rollup behind.
import { BufferedWrites, TempFile } from "../util/writer.js";
import type { Cell } from "./cell.js";
import { encoderFor, UTF8_BOM, type CsvDialect, type CsvEncoder } from "./dialect.js";

export class CsvFileWriter {
  private readonly tmp: TempFile;
  private readonly out: BufferedWrites;
  private readonly delimiter: number;
  private readonly eol: Buffer;
  readonly encoder: CsvEncoder;
  rows = 0;

  constructor(
    readonly file: string,
    header: readonly string[],
    dialect: CsvDialect,
  ) {
    this.encoder = encoderFor(dialect);
    this.delimiter = this.encoder.delimiter.charCodeAt(0);
    this.eol = Buffer.from(this.encoder.eol);
    this.tmp = new TempFile(file);
    this.out = new BufferedWrites(this.tmp);
    if (dialect.excel) this.out.text(UTF8_BOM);
    this.line(this.encoder.fragment(header));
    this.rows = 0;
  }

  row(cells: readonly Cell[]): void {
    this.line(this.encoder.fragment(cells));
  }

  /** A row from already-encoded fragments (see CsvEncoder.fragment). */
  fragments(...parts: string[]): void {
    this.rows++;
    for (let i = 0; i < parts.length; i++) {
      if (i) this.out.byte(this.delimiter);
      this.out.text(parts[i]!);
    }
    this.out.bytes(this.eol);
  }

  private line(text: string): void {
    this.rows++;
    this.out.text(text);
    this.out.bytes(this.eol);
  }

  close(): void {
    try {
      this.out.flush();
    } catch (err) {
      this.tmp.abort();
      throw err;
    }
    // Output that can be made again: no fsync (as for reports).
    this.tmp.commit({ durable: false });
  }

  /** Give up: remove the temporary file, leave any earlier output in place. */
  abort(): void {
    this.tmp.abort();
  }
}
