// Where a rollup keeps every record until the selection has seen them all (which copy of a
// conversation counts needs the last file): the fields the selection reads stay in memory, the
// records themselves go to a temporary file beside the output (csv/spool.ts) and are read back
// in order, each only while its rows are written. Held in memory, 10,000 records made the
// rollup's peak memory grow with the corpus (issue 16); as a file they cost the page cache.
import { Spool } from "../csv/spool.js";
import type { Candidate } from "../session/select.js";
import { candidate, type PackedRecord } from "../rollup/packed.js";
import type { SessionRecord } from "../rollup/record.js";

const NO_JSON = new TextEncoder().encode("null");

export class RecordStore {
  private readonly spool: Spool<Omit<SessionRecord, "file"> | null>;
  private readonly candidates: Candidate[] = [];
  /** Records that have no faithful JSON stay objects (rollup/packed.ts). */
  private readonly objects = new Map<number, SessionRecord>();

  /** `near`: a file name in the folder where the temporary file may go. */
  constructor(near: string) {
    this.spool = new Spool(near);
  }

  get size(): number {
    return this.candidates.length;
  }

  add(p: PackedRecord): void {
    if (!p.bytes) this.objects.set(this.candidates.length, p.record!);
    // Not `p` itself: that would keep its bytes in memory too.
    this.candidates.push(candidate(p.file, p));
    this.spool.pushJson(p.bytes ?? NO_JSON);
  }

  /** What the selection reads of record i (0, 1, 2, … in the order added). */
  candidate(i: number): Candidate {
    return this.candidates[i]!;
  }

  /** The records numbered in `wanted`, in the order added; the temporary file is removed. */
  drain(wanted: ReadonlySet<number>, each: (rec: SessionRecord) => void): void {
    let i = 0;
    this.spool.drain((rest) => {
      const n = i++;
      if (!wanted.has(n)) return;
      each(this.objects.get(n) ?? { file: this.candidates[n]!.file, ...rest! });
    });
  }

  discard(): void {
    this.spool.discard();
  }
}
