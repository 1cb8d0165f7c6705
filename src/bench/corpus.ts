// npm run corpus -- --n 10000 --out DIR [--seed S]: write a synthetic corpus of session files.
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { CorpusItem } from "./corpus-worker.js";

export const DEFAULT_SEED = 20260915;

/**
 * Write n sessions into dir; returns the file names. Same seed, same files, byte for byte,
 * whatever the number of workers: each session draws from its own fork of the seed's PRNG,
 * and names are deduplicated (`-2`, `-3`) in corpus order.
 */
export async function writeCorpus(
  dir: string,
  n: number,
  seed = DEFAULT_SEED,
  workers = Math.min(2, availableParallelism()),
): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const count = Math.max(1, Math.min(workers, Math.ceil(n / 200)));
  const pending = new Map<number, CorpusItem>();
  const names: string[] = [];
  const used = new Set<string>();
  const flush = () => {
    for (let item = pending.get(names.length); item; item = pending.get(names.length)) {
      pending.delete(item.i);
      let name = `${item.base}.yaml`;
      for (let k = 2; used.has(name); k++) name = `${item.base}-${k}.yaml`;
      used.add(name);
      names.push(name);
      writeFileSync(path.join(dir, name), item.text);
    }
  };
  await Promise.all(
    Array.from(
      { length: count },
      (_, index) =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(new URL("./corpus-worker.js", import.meta.url), { workerData: { n, seed, shard: { index, count } } });
          w.on("message", (batch: CorpusItem[]) => {
            for (const item of batch) pending.set(item.i, item);
            flush();
          });
          w.on("error", reject);
          w.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`corpus worker exited with ${code}`))));
        }),
    ),
  );
  flush();
  if (names.length !== n) throw new Error(`corpus: wrote ${names.length} of ${n} sessions`);
  return names;
}

function parseArgs(argv: string[]): { n: number; out: string; seed: number } {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
  };
  const n = Number(get("--n") ?? 1000);
  const out = get("--out");
  const seed = Number(get("--seed") ?? DEFAULT_SEED);
  if (!out || !Number.isInteger(n) || n < 1 || !Number.isInteger(seed)) {
    process.stderr.write("usage: npm run corpus -- --n 10000 --out DIR [--seed S]\n");
    process.exit(2);
  }
  return { n, out, seed };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { n, out, seed } = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const files = await writeCorpus(out, n, seed);
  process.stderr.write(
    `${files.length} sessies geschreven naar ${out} (seed ${seed}) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}
