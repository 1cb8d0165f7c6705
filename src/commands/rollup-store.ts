// Where a rollup keeps every record until the selection has seen them all (which copy of a
// conversation counts needs the last file): the fields the selection reads stay in memory, the
// records themselves go to a temporary file beside the output (csv/spool.ts) and are read back
// in order, each only while its rows are written. Held in memory, 10,000 records made the
// rollup's peak memory grow with the corpus (issue 16); as a file they cost the page cache.
// A record the selection leaves out on its own (a draft, a date outside --from/--to) is never
// written: only its selection fields are kept, so that the selection still counts it.
import { Spool } from "../csv/spool.js";
import { leftOut, type Candidate, type SelectOptions } from "../session/select.js";
import { candidate, type PackedRecord, type WideShape } from "../rollup/packed.js";
import type { SessionRecord } from "../rollup/record.js";

const NO_JSON = new TextEncoder().encode("null");

export class RecordStore {
  private readonly spool: Spool<Omit<SessionRecord, "file"> | null>;
  private readonly candidates: Candidate[] = [];
  /** Records that have no faithful JSON stay objects (rollup/packed.ts). */
  private readonly objects = new Map<number, SessionRecord>();
  /** The record number of each line of the spool. */
  private readonly lines: number[] = [];
  /** Each kept record's wide shape, where it came with one. */
  private readonly shapes = new Map<number, WideShape>();

  /**
   * `near`: a file name in the folder where the temporary file may go; `select`: the selection's
   * options, when records it will leave out on their own need not be kept.
   */
  constructor(
    near: string,
    private readonly select?: SelectOptions,
  ) {
    this.spool = new Spool(near);
  }

  get size(): number {
    return this.candidates.length;
  }

  add(p: PackedRecord): void {
    const n = this.candidates.length;
    // Not `p` itself: that would keep its bytes in memory too.
    const c = candidate(p.file, p);
    this.candidates.push(c);
    if (this.select && leftOut(c, this.select)) return;
    if (p.stub) throw new Error(`record store: ${p.file} came without its record, yet the selection keeps it`);
    if (!p.bytes) this.objects.set(n, p.record!);
    if (p.shape) this.shapes.set(n, p.shape);
    this.lines.push(n);
    this.spool.pushJson(p.bytes ?? NO_JSON);
  }

  /** What the selection reads of record i (0, 1, 2, … in the order added). */
  candidate(i: number): Candidate {
    return this.candidates[i]!;
  }

  /** Record i's wide shape; undefined when it came without one (or was not kept). */
  shape(i: number): WideShape | undefined {
    return this.shapes.get(i);
  }

  /**
   * The records numbered in `wanted`, in the order added (only records kept: asking for one the
   * selection options left out is an error); the temporary file is removed. Only the lines
   * wanted are parsed.
   */
  drain(wanted: ReadonlySet<number>, each: (rec: SessionRecord) => void): void {
    let i = 0;
    let found = 0;
    this.spool.drainLines((line) => {
      const n = this.lines[i++]!;
      if (!wanted.has(n)) return;
      found++;
      const rest = JSON.parse(line) as Omit<SessionRecord, "file"> | null;
      each(this.objects.get(n) ?? { file: this.candidates[n]!.file, ...rest! });
    });
    if (found !== wanted.size) throw new Error(`record store: ${wanted.size - found} record(s) asked for were not kept`);
  }

  discard(): void {
    this.spool.discard();
  }
}
