// One set of rollup files (one format, and with --split one value of --by): streams the long
// and actions rows to disk as sessions arrive, spools wide cells, aggregates the summary, and
// writes wide, summary and codebook when every session has been seen.
import { makeDirSync } from "../util/writer.js";
import path from "node:path";
import type { Lang } from "../format/types.js";
import type { Cell } from "../csv/cell.js";
import type { CsvDialect } from "../csv/dialect.js";
import { CsvFileWriter } from "../csv/writer.js";
import { Spool } from "../csv/spool.js";
import type { FormatPlan } from "../rollup/plan.js";
import type { SessionRecord } from "../rollup/record.js";
import type { WideShape } from "../rollup/packed.js";
import { SESSION_COLUMNS, sessionCells } from "../rollup/columns.js";
import { LONG_COLUMNS, longRows } from "../rollup/long.js";
import { ACTION_COLUMNS, actionRows } from "../rollup/actions.js";
import { FOLLOWUP_COLUMNS, followupRows } from "../rollup/followup.js";
import { widePairs, wideColumns, wideRow, type WidePairs } from "../rollup/wide.js";
import { SUMMARY_COLUMNS, SummaryAggregator } from "../rollup/summary.js";
import { CODEBOOK_COLUMNS, codebookRows } from "../rollup/codebook.js";
import { WorkbookSink } from "../xlsx/workbook.js";
import { REPEAT_HEAD, repeatColumns, repeatIds, repeatItems, repeatRow } from "../rollup/repeats.js";

export type Layout = "long" | "wide" | "summary" | "actions" | "followup";
export const LAYOUTS: readonly Layout[] = ["long", "wide", "summary", "actions", "followup"];

export interface OutputOptions {
  layouts: ReadonlySet<Layout>;
  dialect: CsvDialect;
  includeText: boolean;
  by: string;
  minGroup: number;
  lang: Lang;
  /** Also write `<format>.xlsx` with the same rows (see src/xlsx/workbook.ts). */
  xlsx?: boolean;
}

/** `<format>-<layout>.csv`, e.g. `kernteam-long.csv`, `kernteam-codebook.csv`. */
export const outputName = (formatId: string, layout: Layout | "codebook") => `${formatId}-${layout}.csv`;

/** `<format>.xlsx` beside that format's CSVs. */
export const workbookName = (formatId: string) => `${formatId}.xlsx`;

/** Which cells of a row hold ISO dates: `datum`, `due`, and values of date questions. */
const dateColumns = (header: readonly string[], also: (i: number) => boolean = () => false) => {
  const cols = new Set(header.flatMap((h, i) => (h === "datum" || h === "due" || also(i) ? [i] : [])));
  return (_row: readonly Cell[], i: number) => cols.has(i);
};

/** What the wide header of one set depends on: its sessions' versions and largest repeat counts. */
export interface WideHeader {
  versionsSeen: ReadonlySet<number>;
  repeatMax: ReadonlyMap<string, number>;
}

/** Each format's wide header from the shapes of the sessions it will get; undefined if one has none. */
export function wideHeaders(shapes: Iterable<WideShape | undefined>): Map<string, WideHeader> | undefined {
  const out = new Map<string, { versionsSeen: Set<number>; repeatMax: Map<string, number> }>();
  for (const shape of shapes) {
    if (!shape) return undefined;
    let h = out.get(shape.formatId);
    if (!h) out.set(shape.formatId, (h = { versionsSeen: new Set(), repeatMax: new Map() }));
    h.versionsSeen.add(shape.version);
    for (const [id, n] of shape.repeats) if (n > (h.repeatMax.get(id) ?? 0)) h.repeatMax.set(id, n);
  }
  return out;
}

/** The wide layout written row by row: its header was known before the first session. */
interface WideDirect {
  writer: CsvFileWriter;
  index: Map<string, number>;
  columns: number;
  header: WideHeader;
}

export class OutputSet {
  private long?: CsvFileWriter;
  private wide?: WideDirect;
  private actions?: CsvFileWriter;
  private followup?: CsvFileWriter;
  private spool?: Spool<[Cell[], WidePairs]>;
  private summary?: SummaryAggregator;
  private book?: WorkbookSink;
  private readonly versionsSeen = new Set<number>();
  private readonly repeatMax = new Map<string, number>();
  private started = false;
  /** Encoded question columns of the long layout, by row key: the same for every session. */
  private readonly questionText = new Map<string, string>();
  sessions = 0;

  /**
   * `wideHeader`: the versions and repeat counts of every session this set will get, when the
   * caller knows them first (a rollup's record store does); then wide rows are written as they
   * come instead of spooled. Not with --xlsx: the workbook takes its wide sheet at the end.
   */
  constructor(
    readonly dir: string,
    private readonly plan: FormatPlan,
    private readonly opts: OutputOptions,
    private readonly wideHeader?: WideHeader,
  ) {}

  get summaryFile(): string {
    return this.file("summary");
  }

  private file(layout: Layout | "codebook"): string {
    return path.join(this.dir, outputName(this.plan.id, layout));
  }

  private start(): void {
    this.started = true;
    makeDirSync(this.dir);
    const { layouts, dialect } = this.opts;
    if (layouts.has("long")) this.long = new CsvFileWriter(this.file("long"), LONG_COLUMNS, dialect);
    if (layouts.has("actions")) this.actions = new CsvFileWriter(this.file("actions"), ACTION_COLUMNS, dialect);
    if (layouts.has("followup")) this.followup = new CsvFileWriter(this.file("followup"), FOLLOWUP_COLUMNS, dialect);
    if (layouts.has("wide")) {
      if (this.wideHeader && !this.opts.xlsx) this.wide = this.directWide(this.wideHeader);
      else this.spool = new Spool(`${this.file("wide")}.spool`);
    }
    if (layouts.has("summary")) this.summary = new SummaryAggregator(this.plan, this.opts.by);
    if (this.opts.xlsx) this.startBook();
  }

  private startBook(): void {
    const book = (this.book = new WorkbookSink(path.join(this.dir, workbookName(this.plan.id))));
    const { layouts } = this.opts;
    const typeAt = LONG_COLUMNS.indexOf("type");
    const codeAt = LONG_COLUMNS.indexOf("value_code");
    const longDates = dateColumns(LONG_COLUMNS);
    if (layouts.has("long"))
      book.sheet({ name: "long", header: LONG_COLUMNS, isDate: (row, i) => longDates(row, i) || (i === codeAt && row[typeAt] === "date") });
    if (layouts.has("wide")) book.sheet({ name: "wide", header: SESSION_COLUMNS });
    if (layouts.has("summary")) book.sheet({ name: "summary", header: SUMMARY_COLUMNS });
    if (layouts.has("actions")) book.sheet({ name: "actions", header: ACTION_COLUMNS, isDate: dateColumns(ACTION_COLUMNS) });
    if (layouts.has("followup")) book.sheet({ name: "followup", header: FOLLOWUP_COLUMNS });
    book.sheet({ name: "codebook", header: CODEBOOK_COLUMNS });
    for (const id of repeatIds(this.plan)) book.sheet({ name: id, header: REPEAT_HEAD });
  }

  private directWide(header: WideHeader): WideDirect {
    const cols = wideColumns(this.plan, header.versionsSeen, header.repeatMax, this.opts.includeText);
    const writer = new CsvFileWriter(this.file("wide"), [...SESSION_COLUMNS, ...cols.map((c) => c.key)], this.opts.dialect);
    return { writer, index: new Map(cols.map((c, i) => [c.key, i])), columns: cols.length, header };
  }

  add(rec: SessionRecord, sessionId: string): void {
    if (!this.started) this.start();
    this.sessions++;
    this.versionsSeen.add(rec.version);
    const lang = this.opts.lang;
    const head = sessionCells(rec, sessionId);
    if (this.long) {
      const enc = this.long.encoder;
      const session = enc.fragment(head);
      for (const r of longRows(this.plan, rec, lang)) {
        let q = this.questionText.get(r.key);
        if (q === undefined) this.questionText.set(r.key, (q = enc.fragment(r.question)));
        this.long.fragments(session, q, enc.fragment(r.value));
        this.book?.row("long", [...head, ...r.question, ...r.value]);
      }
    }
    if (this.actions) {
      for (const r of actionRows(this.plan, rec, sessionId, lang)) {
        this.actions.row(r);
        this.book?.row("actions", r);
      }
    }
    if (this.followup) {
      for (const r of followupRows(rec, sessionId)) {
        this.followup.row(r);
        this.book?.row("followup", r);
      }
    }
    if (this.wide || this.spool || this.book) {
      const { pairs, repeats } = widePairs(this.plan, rec);
      if (this.wide) {
        const { header, writer, index, columns } = this.wide;
        // A session the header was not made for would lose cells without a word: never silently.
        if (!header.versionsSeen.has(rec.version) || repeats.some(([id, n]) => n > (header.repeatMax.get(id) ?? 0)))
          throw new Error(`rollup: wide header does not fit ${rec.file}`);
        writer.row(wideRow(head, pairs, index, columns));
      }
      if (this.spool) {
        for (const [id, n] of repeats) if (n > (this.repeatMax.get(id) ?? 0)) this.repeatMax.set(id, n);
        this.spool.push([head, pairs]);
      }
      if (this.book) for (const [id, rows] of repeatItems(pairs, repeats, head)) for (const r of rows) this.book.row(id, r);
    }
    this.summary?.add(rec);
  }

  /** Write what waited for the last session; returns the files written and suppressed groups. */
  finish(): { files: string[]; suppressed: { group: string; label: string }[]; smallCells: number } {
    if (!this.started) return { files: [], suppressed: [], smallCells: 0 };
    const { dialect, includeText, lang, minGroup } = this.opts;
    const files: string[] = [];
    let suppressed: { group: string; label: string }[] = [];
    let smallCells = 0;
    const done = (w: CsvFileWriter) => {
      w.close();
      files.push(w.file);
    };
    if (this.long) done(this.long);
    if (this.wide) done(this.wide.writer);
    if (this.spool) {
      const cols = wideColumns(this.plan, this.versionsSeen, this.repeatMax, includeText);
      const w = new CsvFileWriter(this.file("wide"), [...SESSION_COLUMNS, ...cols.map((c) => c.key)], dialect);
      const index = new Map(cols.map((c, i) => [c.key, i]));
      const header = [...SESSION_COLUMNS, ...cols.map((c) => c.key)];
      const n = SESSION_COLUMNS.length;
      this.book?.setHeader("wide", header, {
        isDate: dateColumns(header, (i) => i >= n && (cols[i - n]!.field?.question ?? cols[i - n]!.question.question).type === "date"),
      });
      this.spool.drain(([head, pairs]) => {
        const cells = wideRow(head, pairs, index, cols.length);
        w.row(cells);
        this.book?.row("wide", cells);
      });
      done(w);
    }
    if (this.summary) {
      const w = new CsvFileWriter(this.file("summary"), SUMMARY_COLUMNS, dialect);
      const r = this.summary.rows(this.versionsSeen, minGroup, lang);
      for (const row of r.rows) {
        w.row(row);
        this.book?.row("summary", row);
      }
      suppressed = r.suppressed;
      smallCells = r.smallCells;
      done(w);
    }
    if (this.actions) done(this.actions);
    if (this.followup) done(this.followup);
    const cb = new CsvFileWriter(this.file("codebook"), CODEBOOK_COLUMNS, dialect);
    for (const row of codebookRows(this.plan, this.versionsSeen, includeText, lang)) {
      cb.row(row);
      this.book?.row("codebook", row);
    }
    done(cb);
    if (this.book) {
      for (const id of repeatIds(this.plan)) {
        const { keys, columns } = repeatColumns(this.plan, id, this.versionsSeen, includeText);
        const header = [...REPEAT_HEAD, ...keys];
        const n = REPEAT_HEAD.length;
        this.book.setHeader(id, header, {
          map: (spooled) => repeatRow(spooled, keys),
          isDate: dateColumns(header, (i) => i >= n && columns[i - n]!.field!.question.type === "date"),
        });
      }
    }
    return { files, suppressed, smallCells };
  }

  /** Write the workbook after finish(); returns its path (undefined without --xlsx or sessions). */
  async finishWorkbook(): Promise<string | undefined> {
    if (!this.book) return undefined;
    return this.book.write();
  }

  /** Remove temporary files after a failure; earlier output stays as it was. */
  abort(): void {
    this.long?.abort();
    this.wide?.writer.abort();
    this.actions?.abort();
    this.followup?.abort();
    this.spool?.discard();
    this.book?.abort();
  }
}
