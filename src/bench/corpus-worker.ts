// One shard of the corpus, generated and serialised in a worker thread: serialising YAML is
// most of the cost, and it parallelises perfectly. The main thread names and writes the files.
import { parentPort, workerData } from "node:worker_threads";
import { FormatRegistry, formatDirs } from "../format/registry.js";
import { serializeSession } from "../session/io.js";
import { sessionFileName } from "../util/files.js";
import { generateCorpus, type CorpusOptions } from "./generate.js";

export interface CorpusItem {
  i: number;
  /** File name without extension, before deduplication. */
  base: string;
  text: string;
}

const opts = workerData as CorpusOptions;
const registry = await FormatRegistry.load(formatDirs());
let batch: CorpusItem[] = [];
for await (const { i, session, format } of generateCorpus(registry, opts)) {
  batch.push({ i, base: sessionFileName(session.meta, format.id, ""), text: serializeSession(session) });
  if (batch.length >= 50) {
    parentPort!.postMessage(batch);
    batch = [];
  }
}
parentPort!.postMessage(batch);
