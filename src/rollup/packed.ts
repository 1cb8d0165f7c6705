// A rollup record as the rollup holds it until the selection (which copy of a conversation
// counts, drafts, the period) has seen every session: the fields the selection reads, and the
// rest as JSON text. 10,000 records as objects made the main thread's garbage collector copy
// them again and again (the selection needs all of them before the first row is written), and
// crossing from a worker as objects cost a structured clone each way; one string costs neither.
// The same text is what the record cache stores.
import type { Candidate } from "../session/select.js";
import type { SessionRecord } from "./record.js";

export interface PackedRecord extends Candidate {
  /** The record without `file`, as JSON; absent when JSON would not give it back unchanged. */
  json?: string;
  /** The record itself, when it has no faithful JSON (see jsonSafe). */
  record?: SessionRecord;
}

/** A value that JSON gives back unchanged: no non-finite numbers, no -0, nothing undefined. */
export function jsonSafe(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0);
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (Array.isArray(v)) return v.every(jsonSafe);
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    for (const k in v) if (!jsonSafe((v as Record<string, unknown>)[k])) return false;
    return true;
  }
  return false;
}

/** The selection's view of a record (file as given), with `json` when it is already known. */
function candidate(file: string, rec: Omit<SessionRecord, "file">): Candidate {
  const c: Candidate = { file, updated: rec.updated, status: rec.status };
  if (rec.conversation !== undefined) c.conversation = rec.conversation;
  if (rec.datum !== undefined) c.datum = rec.datum;
  return c;
}

export function pack(rec: SessionRecord): PackedRecord {
  const { file, ...rest } = rec;
  const p: PackedRecord = candidate(file, rest);
  if (jsonSafe(rest)) p.json = JSON.stringify(rest);
  else p.record = rec;
  return p;
}

/** A record that is JSON text already (the record cache's), for the file as given. */
export function packedFromJson(file: string, rest: Omit<SessionRecord, "file">, json: string): PackedRecord {
  const p: PackedRecord = candidate(file, rest);
  p.json = json;
  return p;
}

export function unpack(p: PackedRecord): SessionRecord {
  return p.record ?? { file: p.file, ...(JSON.parse(p.json!) as Omit<SessionRecord, "file">) };
}
