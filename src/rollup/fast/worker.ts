// A rollup worker thread: reads, parses and validates batches of session files with the fast
// path and posts back compact records (never whole sessions), in the order it got them.
import { serveJobs, threadData } from "../../workers/serve.js";
import { FormatRegistry, formatDirs } from "../../format/registry.js";
import { AnswerChecker } from "../../session/answer-check.js";
import { planCache } from "../plans.js";
import { fastRecord, type RecordResult } from "./load.js";
import type { RecordOptions } from "../record.js";

export interface WorkerInit extends RecordOptions {
  formatsDir?: string;
}
export interface BatchRequest {
  batch: number;
  files: string[];
  /** Their texts, read by the main thread (undefined where it could not: this thread tries again). */
  texts?: (string | undefined)[];
}
export interface BatchReply {
  batch: number;
  results: RecordResult[];
}

const init = threadData as WorkerInit;
const registry = await FormatRegistry.load(formatDirs(init.formatsDir), { verify: true });
const ctx = {
  registry,
  checker: await AnswerChecker.create(),
  plan: planCache(registry),
  opts: { includeText: init.includeText, ...(init.select ? { select: init.select } : {}) },
};

serveJobs(
  async (req: BatchRequest): Promise<BatchReply> => {
    const results: RecordResult[] = [];
    for (let i = 0; i < req.files.length; i++) results.push(await fastRecord(req.files[i]!, ctx, req.texts?.[i]));
    return { batch: req.batch, results };
  },
  (req) => req.files.join("\n"),
);
