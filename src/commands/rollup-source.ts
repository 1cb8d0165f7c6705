// Where rollup records come from: each session file read, validated and reduced to a
// privacy-filtered record, in input order. Invalid files come back with their findings.
import type { Finding } from "../findings/finding.js";
import type { FormatRegistry } from "../format/registry.js";
import { loadSessions } from "../session/batch.js";
import { planCache } from "../rollup/plans.js";
import { sessionRecord, type RecordOptions, type SessionRecord } from "../rollup/record.js";

export type RecordResult = { ok: true; file: string; record: SessionRecord } | { ok: false; file: string; findings: Finding[] };

/** The simple path: loadSessions on this thread. */
export async function* simpleRecords(files: string[], registry: FormatRegistry, opts: RecordOptions): AsyncGenerator<RecordResult> {
  const plan = planCache(registry);
  for await (const r of loadSessions(files, registry)) {
    if (!r.ok) yield { ok: false, file: r.file, findings: r.findings };
    else yield { ok: true, file: r.file, record: sessionRecord(r.file, r.session, r.format, plan(r.format.id), opts) };
  }
}
