// Where rollup records come from, in input order: each session file read, validated and
// reduced to a privacy-filtered record; invalid files come back with their findings.
// Three engines give byte-identical output (tested): `simple` (loadSessions), `fast` (subset
// YAML reader on this thread) and `workers` (the fast path on worker threads, for big runs).
import type { FormatRegistry } from "../format/registry.js";
import { loadSessions } from "../store/batch.js";
import { AnswerChecker } from "../session/answer-check.js";
import { planCache } from "../rollup/plans.js";
import type { RecordOptions } from "../rollup/record.js";
import { packSession, type PackedRecord } from "../rollup/packed.js";
import { fastRecord, type RecordResult } from "../rollup/fast/load.js";
import { RecordCache } from "../rollup/fast/cache.js";
import type { RecordWorkers } from "../rollup/fast/pool.js";
import type { FileStamp } from "../cache/file-cache.js";
import { getLang } from "../i18n/lang.js";

export type { RecordResult };
export type Engine = "simple" | "fast" | "workers";

/** Below this many files, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 200;

export function chooseEngine(files: number, env?: string): Engine {
  if (env === "simple" || env === "fast" || env === "workers") return env;
  return files >= WORKER_THRESHOLD ? "workers" : "fast";
}

export async function* simpleRecords(files: string[], registry: FormatRegistry, opts: RecordOptions): AsyncGenerator<RecordResult> {
  const plan = planCache(registry);
  for await (const r of loadSessions(files, registry)) {
    if (!r.ok) yield { ok: false, file: r.file, findings: r.findings };
    else yield { ok: true, file: r.file, packed: packSession(r.file, r.session, r.format, plan(r.format.id), opts) };
  }
}

export async function* fastRecords(files: string[], registry: FormatRegistry, opts: RecordOptions): AsyncGenerator<RecordResult> {
  const ctx = { registry, checker: await AnswerChecker.create(), plan: planCache(registry), opts };
  for (const file of files) yield await fastRecord(file, ctx);
}

/**
 * Records of `files` in input order: unchanged files from the record cache (rollup/fast/cache.ts),
 * the others from the engine chosen for their number (or AFSTEM_ROLLUP_ENGINE).
 */
export async function records(
  files: string[],
  registry: FormatRegistry,
  opts: RecordOptions & { formatsDir?: string; forcedEngine?: string },
): Promise<AsyncIterable<RecordResult>> {
  // A forced engine (AFSTEM_ROLLUP_ENGINE: tests, diagnosis) reads every file itself.
  const forced = opts.forcedEngine;
  const cache = forced
    ? undefined
    : RecordCache.open(files, registry, {
        includeText: opts.includeText,
        lang: getLang(),
        ...(opts.select ? { select: opts.select } : {}),
      });
  if (!cache) return engineRecords(chooseEngine(files.length, forced), files, registry, opts);
  // When the cache cannot serve enough of these files to make workers not worth it (a first run,
  // new inputs), they start now: their start-up (~0.3 s) overlaps the stamping of every file.
  const unserved = files.length - cache.size;
  const early = chooseEngine(unserved) === "workers" ? await startWorkers(opts, unserved) : undefined;
  try {
    const now = Date.now();
    const stamps = files.map((f) => cache.stamp(f, now));
    const hits = files.map((f, i) => (stamps[i] ? cache.get(f, stamps[i]) : undefined));
    const misses = files.filter((_, i) => !hits[i]);
    let fresh: AsyncIterable<RecordResult> | undefined;
    if (misses.length && early) fresh = early.records(misses);
    else {
      await early?.close();
      if (misses.length) fresh = await engineRecords(chooseEngine(misses.length), misses, registry, opts);
    }
    return merged(files, hits, stamps, fresh, cache, early);
  } catch (err) {
    await early?.close();
    throw err;
  }
}

async function startWorkers(opts: RecordOptions & { formatsDir?: string }, files: number): Promise<RecordWorkers> {
  const { startRecordWorkers, workersFor } = await import("../rollup/fast/pool.js");
  return startRecordWorkers(opts, workersFor(files));
}

async function* merged(
  files: string[],
  hits: (PackedRecord | undefined)[],
  stamps: (FileStamp | undefined)[],
  fresh: AsyncIterable<RecordResult> | undefined,
  cache: RecordCache,
  workers?: RecordWorkers,
): AsyncGenerator<RecordResult> {
  const it = fresh?.[Symbol.asyncIterator]();
  let done = false;
  try {
    for (let i = 0; i < files.length; i++) {
      const hit = hits[i];
      if (hit) {
        yield { ok: true, file: files[i]!, packed: hit };
        continue;
      }
      const next = await it!.next();
      if (next.done) throw new Error(`rollup: no record for ${files[i]}`);
      const r = next.value;
      const stamp = stamps[i];
      if (r.ok && stamp) cache.set(files[i]!, stamp, r.packed);
      yield r;
    }
    done = true;
  } finally {
    // Ends the engine too (the worker pool closes in its `finally`; workers started early and
    // never asked for a record are closed here).
    await it?.return?.();
    await workers?.close();
    // What a failed or abandoned run set is not kept (its half-written index file goes too).
    if (done) cache.save();
    else cache.discard();
  }
}

async function engineRecords(
  engine: Engine,
  files: string[],
  registry: FormatRegistry,
  opts: RecordOptions & { formatsDir?: string },
): Promise<AsyncIterable<RecordResult>> {
  if (engine === "simple") return simpleRecords(files, registry, opts);
  if (engine === "fast") return fastRecords(files, registry, opts);
  const { workerRecords } = await import("../rollup/fast/pool.js");
  return workerRecords(files, opts);
}
