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
import { SESSION_COLUMNS, sessionCells } from "../rollup/columns.js";
import { LONG_COLUMNS, longRows } from "../rollup/long.js";
import { ACTION_COLUMNS, actionRows } from "../rollup/actions.js";
import { widePairs, wideColumns, type WidePairs } from "../rollup/wide.js";
import { SUMMARY_COLUMNS, SummaryAggregator } from "../rollup/summary.js";
import { CODEBOOK_COLUMNS, codebookRows } from "../rollup/codebook.js";

export type Layout = "long" | "wide" | "summary" | "actions";
export const LAYOUTS: readonly Layout[] = ["long", "wide", "summary", "actions"];

export interface OutputOptions {
  layouts: ReadonlySet<Layout>;
  dialect: CsvDialect;
  includeText: boolean;
  by: string;
  minGroup: number;
  lang: Lang;
}

/** `<format>-<layout>.csv`, e.g. `kernteam-long.csv`, `kernteam-codebook.csv`. */
export const outputName = (formatId: string, layout: Layout | "codebook") => `${formatId}-${layout}.csv`;

export class OutputSet {
  private long?: CsvFileWriter;
  private actions?: CsvFileWriter;
  private spool?: Spool<[Cell[], WidePairs]>;
  private summary?: SummaryAggregator;
  private readonly versionsSeen = new Set<number>();
  private readonly repeatMax = new Map<string, number>();
  private started = false;
  /** Encoded question columns of the long layout, by row key: the same for every session. */
  private readonly questionText = new Map<string, string>();
  sessions = 0;

  constructor(
    readonly dir: string,
    private readonly plan: FormatPlan,
    private readonly opts: OutputOptions,
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
    if (layouts.has("wide")) this.spool = new Spool(`${this.file("wide")}.spool`);
    if (layouts.has("summary")) this.summary = new SummaryAggregator(this.plan, this.opts.by);
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
      }
    }
    if (this.actions) for (const r of actionRows(this.plan, rec, sessionId, lang)) this.actions.row(r);
    if (this.spool) {
      const { pairs, repeats } = widePairs(this.plan, rec);
      for (const [id, n] of repeats) if (n > (this.repeatMax.get(id) ?? 0)) this.repeatMax.set(id, n);
      this.spool.push([head, pairs]);
    }
    this.summary?.add(rec);
  }

  /** Write what waited for the last session; returns the files written and suppressed groups. */
  finish(): { files: string[]; suppressed: { group: string; label: string }[] } {
    if (!this.started) return { files: [], suppressed: [] };
    const { dialect, includeText, lang, minGroup } = this.opts;
    const files: string[] = [];
    let suppressed: { group: string; label: string }[] = [];
    const done = (w: CsvFileWriter) => {
      w.close();
      files.push(w.file);
    };
    if (this.long) done(this.long);
    if (this.spool) {
      const cols = wideColumns(this.plan, this.versionsSeen, this.repeatMax, includeText);
      const w = new CsvFileWriter(this.file("wide"), [...SESSION_COLUMNS, ...cols.map((c) => c.key)], dialect);
      const index = new Map(cols.map((c, i) => [c.key, i]));
      this.spool.drain(([head, pairs]) => {
        const row: Cell[] = new Array(cols.length).fill(null);
        for (const [k, v] of pairs) {
          const i = index.get(k);
          if (i !== undefined) row[i] = v;
        }
        w.row([...head, ...row]);
      });
      done(w);
    }
    if (this.summary) {
      const w = new CsvFileWriter(this.file("summary"), SUMMARY_COLUMNS, dialect);
      const r = this.summary.rows(this.versionsSeen, minGroup, lang);
      for (const row of r.rows) w.row(row);
      suppressed = r.suppressed;
      done(w);
    }
    if (this.actions) done(this.actions);
    const cb = new CsvFileWriter(this.file("codebook"), CODEBOOK_COLUMNS, dialect);
    for (const row of codebookRows(this.plan, this.versionsSeen, includeText, lang)) cb.row(row);
    done(cb);
    return { files, suppressed };
  }

  /** Remove temporary files after a failure; earlier output stays as it was. */
  abort(): void {
    this.long?.abort();
    this.actions?.abort();
    this.spool?.discard();
  }
}
