// Where rollup records come from, in input order: each session file read, validated and
// reduced to a privacy-filtered record; invalid files come back with their findings.
// Three engines give byte-identical output (tested): `simple` (loadSessions), `fast` (subset
// YAML reader on this thread) and `workers` (the fast path on worker threads, for big runs).
import type { FormatRegistry } from "../format/registry.js";
import { loadSessions } from "../session/batch.js";
import { AnswerChecker } from "../session/answer-check.js";
import { planCache } from "../rollup/plans.js";
import { sessionRecord, type RecordOptions } from "../rollup/record.js";
import { fastRecord, type RecordResult } from "../rollup/fast/load.js";
import { attachFollowup } from "../rollup/followup.js";

export type { RecordResult };
export type Engine = "simple" | "fast" | "workers";

/** Below this many files, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 200;

export function chooseEngine(files: number, env = process.env.AFSTEM_ROLLUP_ENGINE): Engine {
  if (env === "simple" || env === "fast" || env === "workers") return env;
  return files >= WORKER_THRESHOLD ? "workers" : "fast";
}

export async function* simpleRecords(files: string[], registry: FormatRegistry, opts: RecordOptions): AsyncGenerator<RecordResult> {
  const plan = planCache(registry);
  for await (const r of loadSessions(files, registry)) {
    if (!r.ok) yield { ok: false, file: r.file, findings: r.findings };
    else yield { ok: true, file: r.file, record: attachFollowup(sessionRecord(r.file, r.session, r.format, plan(r.format.id), opts), r.session) };
  }
}

export async function* fastRecords(files: string[], registry: FormatRegistry, opts: RecordOptions): AsyncGenerator<RecordResult> {
  const ctx = { registry, checker: await AnswerChecker.create(), plan: planCache(registry), opts };
  for (const file of files) yield await fastRecord(file, ctx);
}

export async function records(engine: Engine, files: string[], registry: FormatRegistry, opts: RecordOptions & { formatsDir?: string }): Promise<AsyncIterable<RecordResult>> {
  if (engine === "simple") return simpleRecords(files, registry, opts);
  if (engine === "fast") return fastRecords(files, registry, opts);
  const { workerRecords } = await import("../rollup/fast/pool.js");
  return workerRecords(files, opts);
}
