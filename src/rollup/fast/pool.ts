// Spreads session files over worker threads (one per core beside the main thread's, at most two
// batches in flight each; src/workers/pool.ts) and yields their records strictly in input order. Memory stays
// flat: only a window of batches ahead of the consumer is ever submitted. A worker that dies
// on a batch (out of memory, a crash) fails only that batch; its files are then tried one by
// one in fresh workers, so only a file that kills a worker by itself is skipped, with a message.
import { availableParallelism } from "node:os";
import { fill } from "../../i18n/lang.js";
import { WorkerPool } from "../../workers/pool.js";
import { scope } from "../../util/scope.js";
import { readTextQuick, type RecordResult } from "./load.js";
import type { BatchReply, BatchRequest, WorkerInit } from "./worker.js";
import type { RecordOptions } from "../record.js";
import { msg } from "../../i18n/messages.js";

const BATCH = 32;
const IN_FLIGHT = 2;

/**
 * The main thread has a job of its own (every CSV row, the record cache), so the workers take
 * the other cores. On 2 cores one worker beside it used a quarter less CPU than two, and less
 * memory, because two workers and the main thread only contend for the two cores (issue 16).
 */
export function rollupThreads(cores = availableParallelism()): number {
  // AFSTEM_ROLLUP_THREADS=N (tests, diagnosis): that many workers, whatever the cores.
  const forced = Number(scope().env.AFSTEM_ROLLUP_THREADS);
  if (Number.isInteger(forced) && forced >= 1 && forced <= 64) return forced;
  return Math.max(1, cores - 1);
}

/** Rollup workers, started before their files are known (their start-up then overlaps the caller's). */
export interface RecordWorkers {
  /** The records of `files`, in order; the workers close when it ends. Call once. */
  records(files: string[]): AsyncGenerator<RecordResult>;
  /** Close workers that were not used after all. */
  close(): Promise<void>;
}

export function startRecordWorkers(opts: RecordOptions & { formatsDir?: string }, threads = rollupThreads()): RecordWorkers {
  const init: WorkerInit = {
    includeText: opts.includeText,
    ...(opts.select ? { select: opts.select } : {}),
    ...(opts.formatsDir ? { formatsDir: opts.formatsDir } : {}),
  };
  // A worker holds one batch of small records at a time (files are capped at 10 MB), yet V8
  // lets an unconstrained heap grow with the corpus before collecting. Modest limits keep peak
  // memory flat from 1k to 10k sessions (bench: 1.34× instead of 1.68×) and make GC cheaper.
  // The young generation is not tiny, though: at 8 MB scavenges took ~22% of a worker's time.
  // 32 MB once cut the cold 10k rollup's CPU by ~15%; since the reader makes less garbage
  // (issue 16), 24 MB costs no measurable CPU and ~18 MB less peak RSS (10k: ~181 vs ~200 MB).
  const resourceLimits = { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 96 };
  const size = Math.max(1, threads);
  const pool = new WorkerPool<BatchRequest, BatchReply>(new URL("./worker.js", import.meta.url), {
    size,
    perWorker: IN_FLIGHT,
    workerData: init,
    resourceLimits,
  });
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= pool.close());
  return {
    async *records(files) {
      try {
        yield* poolRecords(pool, size, files);
      } finally {
        await close();
      }
    },
    close,
  };
}

/** Workers for about this many files: no more than they have batches to share. */
export const workersFor = (files: number, threads = rollupThreads()): number => Math.max(1, Math.min(threads, Math.ceil(files / BATCH)));

/** The records of `files` on worker threads. */
export async function* workerRecords(files: string[], opts: RecordOptions & { formatsDir?: string }): AsyncGenerator<RecordResult> {
  if (!files.length) return;
  yield* startRecordWorkers(opts, workersFor(files.length)).records(files);
}

async function* poolRecords(pool: WorkerPool<BatchRequest, BatchReply>, size: number, files: string[]): AsyncGenerator<RecordResult> {
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  const crashed = (file: string, reason: string): RecordResult => ({
    ok: false,
    file,
    findings: [
      {
        file,
        line: 1,
        col: 1,
        severity: "error",
        rule: "worker-crash",
        message: fill(msg("rollup.fast.pool.file-made-processing-fail-reason"), { reason }),
      },
    ],
  });
  // The main thread reads the batches' files while it waits for one or two workers (reading was
  // a sixth of a worker's time; 10k cold rollup on 2 cores: 4.98 -> 4.26 s). It costs the main
  // thread ~0.15 ms a file with its own work, a worker ~0.3 ms: beside three or more workers it
  // would be the one they wait for, so then each worker reads for itself (as on every retry).
  const mainReads = size <= 2;
  const one = (batch: number, fileList: string[]): Promise<RecordResult[]> =>
    pool.run(mainReads ? { batch, files: fileList, texts: fileList.map(readTextQuick) } : { batch, files: fileList }).then(
      (reply) => reply.results,
      // Only this batch failed: find the file that kills a worker, keep the rest.
      (err: Error) =>
        fileList.length === 1
          ? [crashed(fileList[0]!, err.message)]
          : Promise.all(
              fileList.map((f) =>
                pool.run({ batch, files: [f] }).then(
                  (r) => r.results[0]!,
                  (e: Error) => crashed(f, e.message),
                ),
              ),
            ),
    );

  const window = size * IN_FLIGHT;
  const pending: Promise<RecordResult[]>[] = [];
  let submitted = 0;
  const fill_ = () => {
    while (submitted < batches.length && pending.length < window + 1) pending.push(one(submitted, batches[submitted++]!));
  };
  fill_();
  while (pending.length) {
    const results = await pending.shift()!;
    fill_();
    yield* results;
  }
}
