// npm run bench [-- --quick] [-- --json FILE]: every performance target as a ratio against a
// baseline measured in the same run, because absolute times on shared machines are noise.
// Each case gets one unmeasured warm-up run (it fills afstem's format cache) and then several
// measured runs; start-up cases run interleaved with their baseline so load drift hits both.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeCorpus, DEFAULT_SEED } from "./corpus.js";
import { median, rssMethod, runOnce, type RunResult, type RunSpec } from "./measure.js";
import { renderTable, type Row } from "./table.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BENCH_DIR = path.join(ROOT, ".bench");
const BIN = path.join(ROOT, "bin", "afstem.js");
const NODE = process.execPath;

interface Args {
  quick: boolean;
  json?: string;
  seed: number;
}

function parseArgs(argv: string[]): Args {
  const i = argv.indexOf("--json");
  const json = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith("--json="))?.slice(7);
  const s = argv.indexOf("--seed");
  return { quick: argv.includes("--quick"), ...(json ? { json } : {}), seed: s >= 0 ? Number(argv[s + 1]) : DEFAULT_SEED };
}

const args = parseArgs(process.argv.slice(2));
const SIZES = args.quick ? { big: 1000, small: 100, report: 30 } : { big: 10000, small: 1000, report: 1000 };
const RUNS = args.quick ? { startup: 3, batch: 1, report: 1, autosave: 1 } : { startup: 15, batch: 3, report: 2, autosave: 3 };
/** --quick skips the warm-up of the batch cases (the start-up cases have filled the format cache). */
const WARMUP = !args.quick;

const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", AFSTEM_CACHE_DIR: path.join(BENCH_DIR, "cache") };
delete env.AFSTEM_LANG;
delete env.AFSTEM_FORMATS_PATH;
delete env.FORCE_COLOR;

const log = (s: string) => process.stderr.write(`${s}\n`);
const afstem = (...a: string[]): RunSpec => ({ cmd: NODE, args: [BIN, ...a], env, cwd: ROOT });

/** A corpus cached under .bench/, keyed by size and seed; `.complete` marks a finished one. */
async function corpus(n: number): Promise<string> {
  const dir = path.join(BENCH_DIR, `corpus-n${n}-s${args.seed}`);
  const marker = path.join(dir, ".complete");
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  const t0 = performance.now();
  log(`corpus: ${n} sessies maken in ${path.relative(ROOT, dir)} ...`);
  await writeCorpus(dir, n, args.seed);
  writeFileSync(marker, `${n}\n`);
  log(`corpus: klaar in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return dir;
}

/** A command whose module is still the placeholder says so and exits non-zero. */
const notBuilt = (r: RunResult) => r.code !== 0 && /nog niet beschikbaar|not available yet/i.test(r.stderr);
const firstLine = (s: string) => s.trim().split("\n")[0]?.slice(0, 100) ?? "";

interface Measured {
  runs: RunResult[];
  failed?: string;
  placeholder?: boolean;
}

/** Warm up once, then measure; `okCodes` are the exit codes that mean the command worked. */
async function measure(spec: () => RunSpec, runs: number, okCodes = [0], before?: () => void, warmup = WARMUP): Promise<Measured> {
  before?.();
  // Without a warm-up the first measured run is also the one that tells whether it works.
  const first = await runOnce(spec());
  if (notBuilt(first)) return { runs: [], placeholder: true };
  if (!okCodes.includes(first.code ?? -1)) return { runs: [], failed: `exit ${first.code}: ${firstLine(first.stderr || first.stdout)}` };
  const out: RunResult[] = warmup ? [] : [first];
  while (out.length < runs) {
    before?.();
    out.push(await runOnce(spec()));
  }
  return { runs: out };
}

function row(name: string, m: Measured | RunResult[]): Row {
  const runs = Array.isArray(m) ? m : m.runs;
  const times = runs.map((r) => r.ms);
  const rss = runs.map((r) => r.rssKb).filter((x): x is number => x !== undefined);
  const r: Row = { case: name, runsMs: times };
  if (times.length) Object.assign(r, { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) });
  if (rss.length) r.peakRssKb = Math.max(...rss);
  if (!Array.isArray(m) && m.placeholder) Object.assign(r, { result: "n/a", note: "not built yet" });
  if (!Array.isArray(m) && m.failed) Object.assign(r, { result: "FAIL", note: m.failed });
  return r;
}

function judge(r: Row, ratio: number | undefined, target: string, ok: (x: number) => boolean, text = (x: number) => `${x.toFixed(2)}×`): Row {
  r.target = target;
  if (r.result) return r; // not built, or failed
  if (ratio === undefined || !Number.isFinite(ratio)) return Object.assign(r, { result: "n/a" as const });
  return Object.assign(r, { ratio, ratioText: text(ratio), result: ok(ratio) ? ("pass" as const) : ("FAIL" as const) });
}

const rows: Row[] = [];
const notes: string[] = [];
const t0 = performance.now();

if (!existsSync(path.join(ROOT, "dist", "cli", "main.js"))) {
  log("dist/ ontbreekt: voer eerst 'npm run build' uit.");
  process.exit(2);
}

// --- start-up: interleaved rounds so the baseline sees the same load as the cases ----------
{
  log("start-up: node -e 0, --help, formats, lint formats/ ...");
  const specs: [string, RunSpec][] = [
    ["node -e 0 (baseline)", { cmd: NODE, args: ["-e", "0"], env, cwd: ROOT }],
    ["afstem --help", afstem("--help")],
    ["afstem formats", afstem("formats")],
    ["afstem lint formats/", afstem("lint", "formats/")],
  ];
  const results = specs.map((): RunResult[] => []);
  const failed: (string | undefined)[] = [];
  for (const [i, [, spec]] of specs.entries()) {
    const w = await runOnce(spec); // warm-up: fills the format cache
    if (w.code !== 0) failed[i] = `exit ${w.code}: ${firstLine(w.stderr || w.stdout)}`;
  }
  for (let round = 0; round < RUNS.startup; round++) {
    for (const [i, [, spec]] of specs.entries()) if (!failed[i]) results[i]!.push(await runOnce(spec));
  }
  const base = row(specs[0]![0], results[0]!);
  rows.push(base);
  const targets = [1.3, 1.3, 2];
  for (let i = 1; i < specs.length; i++) {
    const r = row(specs[i]![0], failed[i] ? { runs: [], failed: failed[i]! } : results[i]!);
    const limit = targets[i - 1]!;
    rows.push(judge(r, r.medianMs !== undefined && base.medianMs ? r.medianMs / base.medianMs : undefined, `≤${limit.toFixed(2)}× node -e 0`, (x) => x <= limit));
  }
}

// --- rollup: 10k vs a naive read + yaml.parse loop; peak RSS 10k vs 1k -----------------------
{
  const big = await corpus(SIZES.big);
  const small = await corpus(SIZES.small);
  const outDir = path.join(BENCH_DIR, "out", "rollup");
  const fresh = () => rmSync(outDir, { recursive: true, force: true });
  log(`rollup: naive loop en afstem rollup over ${SIZES.big} en ${SIZES.small} sessies ...`);
  const naive = await measure(() => ({ cmd: NODE, args: [path.join(ROOT, "dist", "bench", "naive-loop.js"), big], env, cwd: ROOT }), RUNS.batch, [0], undefined, false);
  const naiveRow = row(`naive loop ${SIZES.big} (read + yaml.parse, baseline)`, naive);
  rows.push(naiveRow);
  const rollupArgs = (dir: string) => afstem("rollup", dir, "--out", outDir, "--layout", "long,wide,summary,actions");
  const bigRun = await measure(() => rollupArgs(big), RUNS.batch, [0, 1], fresh);
  const bigRow = row(`afstem rollup ${SIZES.big}, all layouts`, bigRun);
  rows.push(judge(bigRow, bigRow.medianMs !== undefined && naiveRow.medianMs ? bigRow.medianMs / naiveRow.medianMs : undefined, "≤0.35× naive loop", (x) => x <= 0.35));
  const smallRun = await measure(() => rollupArgs(small), RUNS.batch, [0, 1], fresh);
  const smallRow = row(`afstem rollup ${SIZES.small}, all layouts`, smallRun);
  rows.push(smallRow);
  const rssRow: Row = { case: `rollup peak RSS ${SIZES.big} vs ${SIZES.small}`, runsMs: [], ...(bigRow.peakRssKb !== undefined ? { peakRssKb: bigRow.peakRssKb } : {}) };
  if (bigRow.result === "n/a" || smallRow.result === "n/a") Object.assign(rssRow, { result: "n/a", note: "not built yet" });
  rows.push(judge(rssRow, bigRow.peakRssKb && smallRow.peakRssKb ? bigRow.peakRssKb / smallRow.peakRssKb : undefined, "≤1.50×", (x) => x <= 1.5));
  fresh();
}

// --- report: per report vs pandoc; --jobs 2 vs --jobs 1 ---------------------------------------
{
  const dir = await corpus(SIZES.report);
  const n = readdirSync(dir).filter((f) => f.endsWith(".yaml")).length;
  const outDir = path.join(BENCH_DIR, "out", "report");
  const fresh = () => rmSync(outDir, { recursive: true, force: true });
  log(`report: ${n} sessies met --jobs 1 en --jobs 2 ...`);
  const hasPandoc = spawnSync("pandoc", ["--version"], { stdio: "ignore" }).status === 0;
  let pandocPer: number | undefined;
  if (hasPandoc) {
    const sample = args.quick ? 10 : 30;
    const mdDir = await pandocInput(dir, sample);
    const files = readdirSync(mdDir).filter((f) => f.endsWith(".md"));
    const runs: RunResult[] = [];
    for (const f of files) runs.push(await runOnce({ cmd: "pandoc", args: [path.join(mdDir, f), "-o", path.join(mdDir, f.replace(/\.md$/, ".docx"))], env, cwd: ROOT }));
    const pr = row(`pandoc md → docx, per session (${files.length} sessions, baseline)`, runs);
    rows.push(pr);
    pandocPer = pr.medianMs;
  } else {
    rows.push({ case: "pandoc md → docx (baseline)", runsMs: [], note: "pandoc not installed: absolute time per report below" });
  }
  const j1 = await measure(() => afstem("report", dir, "--out", outDir, "--jobs", "1"), RUNS.report, [0, 1], fresh, false);
  const r1 = row(`afstem report ${n} --jobs 1`, j1);
  const per = r1.medianMs !== undefined ? r1.medianMs / n : undefined;
  if (hasPandoc) {
    rows.push(judge(r1, per !== undefined && pandocPer ? per / pandocPer : undefined, "≤0.10× pandoc per report", (x) => x <= 0.1, (x) => `${x.toFixed(3)}× (${per!.toFixed(1)} ms/report)`));
  } else {
    rows.push(Object.assign(r1, { target: "≤0.10× pandoc per report", ...(per !== undefined ? { ratioText: `${per.toFixed(1)} ms/report` } : {}), ...(r1.result ? {} : { result: "n/a" as const, note: "no pandoc" }) }));
  }
  const j2 = await measure(() => afstem("report", dir, "--out", outDir, "--jobs", "2"), RUNS.report, [0, 1], fresh, false);
  const r2 = row(`afstem report ${n} --jobs 2`, j2);
  rows.push(judge(r2, r1.medianMs && r2.medianMs ? r1.medianMs / r2.medianMs : undefined, "≥1.60× faster than --jobs 1", (x) => x >= 1.6, (x) => `${x.toFixed(2)}× faster`));
  fresh();
}

// --- autosave: in-process, 300 answers ------------------------------------------------------
{
  log("autosave: 300 antwoorden, writeSessionFile na elk antwoord ...");
  const dir = path.join(BENCH_DIR, "out", "autosave");
  const p99s: number[] = [];
  const medians: number[] = [];
  const maxes: number[] = [];
  let failed: string | undefined;
  for (let i = 0; i < RUNS.autosave; i++) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const r = await runOnce({ cmd: NODE, args: [path.join(ROOT, "dist", "bench", "autosave.js"), dir], env, cwd: ROOT });
    if (r.code !== 0) {
      failed = `exit ${r.code}: ${firstLine(r.stderr)}`;
      break;
    }
    const j = JSON.parse(r.stdout) as { medianMs: number; p99Ms: number; maxMs: number };
    medians.push(j.medianMs);
    p99s.push(j.p99Ms);
    maxes.push(j.maxMs);
  }
  rmSync(dir, { recursive: true, force: true });
  const r: Row = { case: "autosave per answer (300 answers)", runsMs: medians, ...(medians.length ? { medianMs: median(medians), minMs: Math.min(...medians), maxMs: Math.max(...maxes) } : {}) };
  if (failed) Object.assign(r, { result: "FAIL", note: failed });
  rows.push(judge(r, p99s.length ? median(p99s) : undefined, "p99 ≤16 ms", (x) => x <= 16, (x) => `p99 ${x.toFixed(1)} ms`));
}

async function pandocInput(corpusDir: string, sample: number): Promise<string> {
  const mdDir = path.join(BENCH_DIR, `pandoc-${path.basename(corpusDir)}-${sample}`);
  rmSync(mdDir, { recursive: true, force: true });
  mkdirSync(mdDir, { recursive: true });
  const { FormatRegistry, formatDirs } = await import("../format/registry.js");
  const { readSessionFile } = await import("../session/io.js");
  const { sessionMarkdown } = await import("./markdown.js");
  const registry = await FormatRegistry.load(formatDirs());
  const files = readdirSync(corpusDir).filter((f) => f.endsWith(".yaml")).sort().slice(0, sample);
  for (const f of files) {
    const { session } = await readSessionFile(path.join(corpusDir, f));
    const format = session && registry.get(session.format.id, session.format.version);
    if (session && format) writeFileSync(path.join(mdDir, f.replace(/\.yaml$/, ".md")), sessionMarkdown(session, format));
  }
  return mdDir;
}

// --- output -------------------------------------------------------------------------------------
const seconds = (performance.now() - t0) / 1000;
if (args.quick) notes.push(`--quick: corpora of ${SIZES.big}/${SIZES.small} sessions instead of 10000/1000, report over ${SIZES.report}, fewer runs; the rollup and report targets are defined at 10000/1000 sessions, so their --quick figures are indicative only`);
notes.push(`peak RSS via ${rssMethod()}; wall time from spawn to exit; median of ${RUNS.startup} interleaved runs (start-up) or ${RUNS.batch}/${RUNS.report} runs (batch), after one warm-up run per start-up${WARMUP ? " and rollup" : ""} case that fills the format, lint and help caches (AFSTEM_CACHE_DIR=.bench/cache)`);
process.stdout.write(`${renderTable(rows)}\n\n${notes.map((n) => `- ${n}`).join("\n")}\n- node ${process.version}, ${seconds.toFixed(0)} s in total\n`);
if (args.json) {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
  writeFileSync(args.json, `${JSON.stringify({ afstem: pkg.version, node: process.version, quick: args.quick, seed: args.seed, sizes: SIZES, runs: RUNS, seconds, notes, rows }, null, 2)}\n`);
}
const failedRows = rows.filter((r) => r.result === "FAIL");
process.exitCode = failedRows.length ? 1 : 0;
