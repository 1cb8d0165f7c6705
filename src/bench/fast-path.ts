// The cold rollup's per-file work, without start-up, threads or output: how a change to the
// reader, validation or the privacy gate is measured (issue 16). Best of several rounds of this
// process's CPU time, so that a busy machine disturbs it less than a wall clock.
// `node dist/bench/fast-path.js DIR [FILES] [--parse] [--all] [--once]`: `--parse` times only the
// subset YAML reader over texts already in memory; otherwise read + parse + validate + gate +
// record + pack, with a plain rollup's selection (drafts are left out, so they get no record:
// packSession), or with `--all` every session packed whole. `--once`: one pass in a fresh process,
// as a rollup's worker makes it, timed as the whole process's CPU (so V8's compiler threads and
// the unoptimised first calls count) — about twice the best round's figure.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { FormatRegistry, formatDirs } from "../format/registry.js";
import { AnswerChecker } from "../session/answer-check.js";
import { planCache } from "../rollup/plans.js";
import { fastRecord } from "../rollup/fast/load.js";
import { parseSubset } from "../rollup/fast/yaml-subset.js";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--") && !/^\d+$/.test(a));
if (!dir) {
  process.stderr.write("usage: node dist/bench/fast-path.js DIR [FILES] [--parse] [--all]\n");
  process.exit(2);
}
const limit = Number(args.find((a) => /^\d+$/.test(a)) ?? 3000);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .slice(0, limit)
  .map((f) => path.join(dir, f));
const ROUNDS = args.includes("--once") ? 1 : 8;

async function best(round: () => Promise<void> | void): Promise<number> {
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.cpuUsage();
    await round();
    const used = process.cpuUsage(start);
    min = Math.min(min, used.user + used.system);
  }
  return min / files.length;
}

if (args.includes("--parse")) {
  const texts = files.map((f) => readFileSync(f, "utf8"));
  const us = await best(() => {
    for (const t of texts) parseSubset(t);
  });
  process.stdout.write(`subset YAML reader: ${us.toFixed(1)} µs CPU per file (best of ${ROUNDS} rounds, ${files.length} files)\n`);
} else {
  const registry = await FormatRegistry.load(formatDirs(undefined), { verify: true });
  const select = args.includes("--all") ? {} : { select: { includeDrafts: false } };
  const ctx = { registry, checker: await AnswerChecker.create(), plan: planCache(registry), opts: { includeText: false, ...select } };
  const us = await best(async () => {
    for (const f of files) await fastRecord(f, ctx);
  });
  const how = args.includes("--all") ? "every session packed whole" : "drafts left out, as by a plain rollup";
  const rounds = ROUNDS === 1 ? "one pass, process CPU" : `best of ${ROUNDS} rounds`;
  process.stdout.write(`fast path per file: ${us.toFixed(1)} µs CPU (${rounds}, ${files.length} files; ${how})\n`);
}
