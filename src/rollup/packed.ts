// A rollup record on its way from the thread that made it to the record store
// (commands/rollup-store.ts) and the record cache: the fields the selection reads, and the rest as
// JSON in UTF-8, made once. Crossing from a worker as an object cost a structured clone each way
// and left 10,000 object graphs for the main thread's garbage collector to copy.
import { leftOut, type Candidate } from "../session/select.js";
import type { Format } from "../format/types.js";
import type { Session } from "../session/types.js";
import { sessionCandidate, sessionRecord, type RecordOptions, type SessionRecord } from "./record.js";
import type { FormatPlan } from "./plan.js";
import { repeatCounts } from "./wide.js";

/** What the wide layout's header needs of a record, known before the record itself is read back. */
export interface WideShape {
  formatId: string;
  version: number;
  /** Items per repeat answer (rollup/wide.ts). */
  repeats: [string, number][];
}

export function wideShape(plan: FormatPlan, rec: SessionRecord): WideShape {
  return { formatId: rec.formatId, version: rec.version, repeats: repeatCounts(plan, rec) };
}

export interface PackedRecord extends Candidate {
  /** The record without `file`, as JSON in UTF-8; absent when JSON would not give it back unchanged. */
  bytes?: Uint8Array;
  /** The record itself, when it has no faithful JSON (see jsonSafe). */
  record?: SessionRecord;
  /** Made with the record where its format's plan is at hand (not part of the record's JSON). */
  shape?: WideShape;
  /**
   * No record was made: the run's selection leaves this session out on its own (a draft, a
   * date outside --from/--to), so only the fields it counts are here (packSession).
   */
  stub?: true;
}

/** A value that JSON gives back unchanged: no non-finite numbers, no -0, nothing undefined. */
function jsonSafe(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0);
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (Array.isArray(v)) return v.every(jsonSafe);
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    for (const k in v) if (!jsonSafe((v as Record<string, unknown>)[k])) return false;
    return true;
  }
  return false;
}

/** The selection's view of a record (file as given): a copy of only what the selection reads. */
export function candidate(file: string, rec: Omit<Candidate, "file">): Candidate {
  const c: Candidate = { file, updated: rec.updated, status: rec.status };
  if (rec.conversation !== undefined) c.conversation = rec.conversation;
  if (rec.datum !== undefined) c.datum = rec.datum;
  return c;
}

export function pack(rec: SessionRecord, plan?: FormatPlan): PackedRecord {
  const { file, ...rest } = rec;
  const p: PackedRecord = candidate(file, rest);
  if (plan) p.shape = wideShape(plan, rec);
  if (jsonSafe(rest)) p.bytes = encoder.encode(JSON.stringify(rest));
  else p.record = rec;
  return p;
}

/**
 * A checked session as its rollup record, packed; or, when the run's selection leaves it out on
 * its own, only what the selection counts. A quarter of the bench corpus are drafts, and for
 * each file the gate, the record and its JSON were over two fifths of the work (issue 16).
 */
export function packSession(file: string, session: Session, format: Format, plan: FormatPlan, opts: RecordOptions): PackedRecord {
  const c = sessionCandidate(file, session);
  if (opts.select && leftOut(c, opts.select)) return { ...c, stub: true };
  return pack(sessionRecord(file, session, format, plan, opts), plan);
}

// TextEncoder gives each record a buffer of its own size (Buffer.from shares 8 KB slabs, and a
// structured clone to the main thread would copy the whole slab).
const encoder = new TextEncoder();

/** A record kept as the object it is (a record-cache hit: the cache holds it parsed already). */
export function packObject(rec: SessionRecord): PackedRecord {
  const p: PackedRecord = candidate(rec.file, rec);
  p.record = rec;
  return p;
}
