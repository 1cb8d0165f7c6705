// npm run bench [-- --quick] [-- --json FILE]: every performance target as a ratio against a
// baseline measured in the same run, because absolute times on shared machines are noise.
// Every case reports wall and CPU time and runs interleaved with its baseline (A B A B …), so
// that load on a shared machine hits both; the table names the core count and the load.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeCorpus, DEFAULT_SEED } from "./corpus.js";
import { availableParallelism, loadavg } from "node:os";
import { cpuMethod, median, rssMethod, runOnce, type RunResult, type RunSpec } from "./measure.js";
import { interleave, judgeRatios, renderTable, type Limits, type Machine, type Row } from "./table.js";

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
const RUNS = args.quick
  ? { startup: 3, batch: 1, report: 1, autosave: 1, summary: 1 }
  : { startup: 15, batch: 3, report: 2, autosave: 3, summary: 2 };
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

/** One case of an interleaved group: how to run it once, and which exit codes mean it worked. */
interface Case {
  run: () => Promise<RunResult>;
  okCodes?: number[];
  before?: () => void;
}

const spawnCase = (spec: () => RunSpec, okCodes = [0], before?: () => void): Case => ({
  run: () => runOnce(spec()),
  okCodes,
  ...(before ? { before } : {}),
});

/**
 * Cases measured in turn, round by round (A B A B …; see `interleave`), so that load that
 * comes and goes on a shared machine hits the baseline and the cases alike. With `warmup`
 * every case first runs once uncounted (it fills afstem's caches, as on a user's machine);
 * that run, or else the first measured one, tells whether the case works at all.
 */
async function interleaved(cases: Case[], rounds: number, warmup: boolean): Promise<Measured[]> {
  const out: Measured[] = cases.map(() => ({ runs: [] }));
  const checked = cases.map(() => false);
  const once = async (i: number, counted: boolean) => {
    const c = cases[i]!;
    const m = out[i]!;
    if (m.failed || m.placeholder) return;
    c.before?.();
    const r = await c.run();
    if (!checked[i]) {
      checked[i] = true;
      if (notBuilt(r)) m.placeholder = true;
      else if (!(c.okCodes ?? [0]).includes(r.code ?? -1)) m.failed = `exit ${r.code}: ${firstLine(r.stderr || r.stdout)}`;
      if (m.placeholder || m.failed) return;
    }
    if (counted) m.runs.push(r);
  };
  if (warmup) for (let i = 0; i < cases.length; i++) await once(i, false);
  for (const i of interleave(cases.length, rounds)) await once(i, true);
  return out;
}

function row(name: string, m: Measured | RunResult[]): Row {
  const runs = Array.isArray(m) ? m : m.runs;
  const times = runs.map((r) => r.ms);
  const cpu = runs.map((r) => r.cpuMs).filter((x): x is number => x !== undefined);
  const rss = runs.map((r) => r.rssKb).filter((x): x is number => x !== undefined);
  const r: Row = { case: name, runsMs: times };
  if (times.length) Object.assign(r, { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) });
  if (cpu.length) Object.assign(r, { cpuMs: cpu, cpuMedianMs: median(cpu) });
  if (rss.length) r.peakRssKb = Math.max(...rss);
  if (!Array.isArray(m) && m.placeholder) Object.assign(r, { result: "n/a", note: "not built yet" });
  if (!Array.isArray(m) && m.failed) Object.assign(r, { result: "FAIL", note: m.failed });
  return r;
}

const times = (x: number) => `${x.toFixed(2)}×`;
const div = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? a / b : undefined);

/**
 * A case against its baseline: wall ratio and CPU ratio (`per` divides the case's times first,
 * e.g. by the number of reports), judged by `limits`; see judgeRatios for the extra-cores mark.
 */
function judge(r: Row, base: { wall?: number; cpu?: number }, target: string, limits: Limits, per = 1, text = times): Row {
  r.target = target;
  if (r.result) return r; // not built, or failed
  const wall = div(r.medianMs !== undefined ? r.medianMs / per : undefined, base.wall);
  const cpu = div(r.cpuMedianMs !== undefined ? r.cpuMedianMs / per : undefined, base.cpu);
  const { result, extraCores } = judgeRatios(wall, cpu, limits);
  Object.assign(r, { result, extraCores });
  if (wall !== undefined) Object.assign(r, { ratio: wall, ratioText: text(wall) });
  if (cpu !== undefined) Object.assign(r, { cpuRatio: cpu, cpuRatioText: text(cpu) });
  return r;
}
const baseOf = (r: Row, per = 1) => ({
  ...(r.medianMs !== undefined ? { wall: r.medianMs / per } : {}),
  ...(r.cpuMedianMs !== undefined ? { cpu: r.cpuMedianMs / per } : {}),
});

/** Peak RSS of a big run against a small one: memory must not grow with the corpus (≤1.50×). */
function rssRatioRow(name: string, bigRow: Row, smallRow: Row): Row {
  const r: Row = { case: name, runsMs: [], ...(bigRow.peakRssKb !== undefined ? { peakRssKb: bigRow.peakRssKb } : {}), target: "≤1.50×" };
  // A row that missed its speed target still has its memory figure: the ratio is about that.
  const ratio = bigRow.peakRssKb && smallRow.peakRssKb ? bigRow.peakRssKb / smallRow.peakRssKb : undefined;
  if (ratio !== undefined)
    return Object.assign(r, { ratio, ratioText: times(ratio), result: ratio <= 1.5 ? ("pass" as const) : ("FAIL" as const) });
  if (bigRow.result === "FAIL" || smallRow.result === "FAIL")
    return Object.assign(r, { result: "FAIL" as const, note: bigRow.note ?? smallRow.note });
  return Object.assign(r, { result: "n/a" as const, note: bigRow.note ?? smallRow.note ?? "not built yet" });
}

const rows: Row[] = [];
const notes: string[] = [];
const t0 = performance.now();
const cores = availableParallelism();
const loadStart = loadavg();

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
  // Always warmed up: the first run fills the format cache.
  const results = await interleaved(
    specs.map(([, spec]) => spawnCase(() => spec)),
    RUNS.startup,
    true,
  );
  const base = row(specs[0]![0], results[0]!);
  rows.push(base);
  const targets = [1.3, 1.3, 2];
  for (let i = 1; i < specs.length; i++) {
    const limit = targets[i - 1]!;
    rows.push(judge(row(specs[i]![0], results[i]!), baseOf(base), `≤${limit.toFixed(2)}× node -e 0`, { wall: (x) => x <= limit }));
  }
}

// --- rollup: 10k vs a naive read + yaml.parse loop, interleaved; cold (empty record cache) and
// warm (the cache the cold run just wrote, nothing changed); peak RSS 10k vs 1k, both cold --------
{
  const big = await corpus(SIZES.big);
  const small = await corpus(SIZES.small);
  const outDir = path.join(BENCH_DIR, "out", "rollup");
  const fresh = () => rmSync(outDir, { recursive: true, force: true });
  // The record cache (src/rollup/fast/cache.ts) lives under AFSTEM_CACHE_DIR; a cold run starts without it.
  const cold = () => {
    fresh();
    rmSync(path.join(BENCH_DIR, "cache", "rollup-records"), { recursive: true, force: true });
  };
  log(`rollup: naive loop en afstem rollup (koud en warm) over ${SIZES.big} en ${SIZES.small} sessies, om en om ...`);
  const rollupArgs = (dir: string) => afstem("rollup", dir, "--out", outDir, "--layout", "long,wide,summary,actions");
  const [naive, bigCold, bigWarm, smallRun] = await interleaved(
    [
      spawnCase(() => ({ cmd: NODE, args: [path.join(ROOT, "dist", "bench", "naive-loop.js"), big], env, cwd: ROOT })),
      spawnCase(() => rollupArgs(big), [0, 1], cold),
      spawnCase(() => rollupArgs(big), [0, 1], fresh),
      spawnCase(() => rollupArgs(small), [0, 1], cold),
    ],
    RUNS.batch,
    WARMUP,
  );
  const naiveRow = row(`naive loop ${SIZES.big} (read + yaml.parse, baseline)`, naive!);
  rows.push(naiveRow);
  const target = "wall ≤0.20×, CPU ≤0.30× naive loop";
  const limits: Limits = { wall: (x) => x <= 0.2, cpu: (x) => x <= 0.3 };
  const bigRow = row(`afstem rollup ${SIZES.big}, all layouts, cold (empty record cache)`, bigCold!);
  rows.push(judge(bigRow, baseOf(naiveRow), target, limits));
  rows.push(
    judge(
      row(`afstem rollup ${SIZES.big}, all layouts, warm (unchanged corpus, cached records)`, bigWarm!),
      baseOf(naiveRow),
      target,
      limits,
    ),
  );
  const smallRow = row(`afstem rollup ${SIZES.small}, all layouts, cold`, smallRun!);
  rows.push(smallRow);
  rows.push(rssRatioRow(`rollup peak RSS ${SIZES.big} vs ${SIZES.small} (cold)`, bigRow, smallRow));
  fresh();
}

// --- report --summary: peak RSS 10k vs 1k (the summary folds sessions, it does not hold them) ---
{
  const big = await corpus(SIZES.big);
  const small = await corpus(SIZES.small);
  const outDir = path.join(BENCH_DIR, "out", "summary");
  const fresh = () => rmSync(outDir, { recursive: true, force: true });
  log(`report --summary: ${SIZES.big} en ${SIZES.small} sessies, om en om ...`);
  const summaryArgs = (dir: string) => afstem("report", dir, "--summary", "--out", outDir, "--force");
  const [bigRun, smallRun] = await interleaved(
    [spawnCase(() => summaryArgs(big), [0, 1], fresh), spawnCase(() => summaryArgs(small), [0, 1], fresh)],
    RUNS.summary,
    false,
  );
  const bigRow = row(`afstem report --summary ${SIZES.big}`, bigRun!);
  const smallRow = row(`afstem report --summary ${SIZES.small}`, smallRun!);
  rows.push(bigRow, smallRow);
  rows.push(rssRatioRow(`summary peak RSS ${SIZES.big} vs ${SIZES.small}`, bigRow, smallRow));
  fresh();
}

// --- report: per report vs pandoc per session; --jobs 1 … cores, interleaved ---------------------
{
  const dir = await corpus(SIZES.report);
  const n = readdirSync(dir).filter((f) => f.endsWith(".yaml")).length;
  const outDir = path.join(BENCH_DIR, "out", "report");
  const fresh = () => rmSync(outDir, { recursive: true, force: true });
  const hasPandoc = spawnSync("pandoc", ["--version"], { stdio: "ignore" }).status === 0;
  const jobs = Array.from({ length: Math.max(2, cores) }, (_, i) => i + 1);
  log(`report: ${n} sessies met --jobs ${jobs.join(", ")}${hasPandoc ? " en pandoc" : ""}, om en om ...`);
  const cases: Case[] = jobs.map((j) => spawnCase(() => afstem("report", dir, "--out", outDir, "--jobs", String(j)), [0, 1], fresh));
  let sampleSize = 0;
  if (hasPandoc) {
    const mdDir = await pandocInput(dir, args.quick ? 10 : 30);
    const files = readdirSync(mdDir).filter((f) => f.endsWith(".md"));
    sampleSize = files.length;
    // One round of pandoc = every sample file once; its figure is the median per file.
    cases.unshift({
      run: async () => {
        const runs: RunResult[] = [];
        for (const f of files)
          runs.push(
            await runOnce({
              cmd: "pandoc",
              args: [path.join(mdDir, f), "-o", path.join(mdDir, f.replace(/\.md$/, ".docx"))],
              env,
              cwd: ROOT,
            }),
          );
        const bad = runs.find((r) => r.code !== 0);
        const cpu = runs.map((r) => r.cpuMs).filter((x): x is number => x !== undefined);
        return {
          ...(bad ?? runs[0]!),
          ms: median(runs.map((r) => r.ms)),
          ...(cpu.length ? { cpuMs: median(cpu) } : {}),
          rssKb: Math.max(...runs.map((r) => r.rssKb ?? 0)),
        };
      },
    });
  }
  const results = await interleaved(cases, RUNS.report, false);
  let pandoc: { wall?: number; cpu?: number } = {};
  if (hasPandoc) {
    const pr = row(`pandoc md → docx, per session (median of ${sampleSize} sessions, baseline)`, results.shift()!);
    rows.push(pr);
    pandoc = baseOf(pr);
  } else {
    rows.push({ case: "pandoc md → docx (baseline)", runsMs: [], note: "pandoc not installed: absolute time per report below" });
  }
  const perReport = (x: number) => `${x.toFixed(3)}×`;
  const jRows = results.map((m, i) => row(`afstem report ${n} --jobs ${jobs[i]}`, m));
  const r1 = jRows[0]!;
  if (hasPandoc) {
    rows.push(judge(r1, pandoc, "≤0.10× pandoc per report", { wall: (x) => x <= 0.1 }, n, perReport));
  } else {
    rows.push(
      Object.assign(r1, { target: "≤0.10× pandoc per report", ...(r1.result ? {} : { result: "n/a" as const, note: "no pandoc" }) }),
    );
  }
  if (r1.medianMs !== undefined)
    r1.note = [
      r1.note,
      `${(r1.medianMs / n).toFixed(1)} ms wall, ${r1.cpuMedianMs !== undefined ? (r1.cpuMedianMs / n).toFixed(1) : "?"} ms CPU per report`,
    ]
      .filter(Boolean)
      .join("; ");
  // --jobs k against --jobs 1 (speed-up) and --jobs k-1 (never slower); CPU ratio: the extra work.
  for (let i = 1; i < jRows.length; i++) {
    const r = jRows[i]!;
    const prev = jRows[i - 1]!;
    const k = jobs[i]!;
    r.target = k === 2 ? "≥1.60× faster than --jobs 1" : `not slower than --jobs ${k - 1}`;
    if (!r.result) {
      const vs1 = div(r1.medianMs, r.medianMs);
      const vsPrev = div(prev.medianMs, r.medianMs);
      const cpu = div(r.cpuMedianMs, r1.cpuMedianMs);
      if (vs1 === undefined || vsPrev === undefined) r.result = "n/a";
      else {
        Object.assign(r, {
          ratio: vs1,
          ratioText: `${vs1.toFixed(2)}× faster${k > 2 ? ` (${vsPrev.toFixed(2)}× vs --jobs ${k - 1})` : ""}`,
          result: (k === 2 ? vs1 >= 1.6 : vsPrev >= 1) ? "pass" : "FAIL",
        });
        if (cpu !== undefined) Object.assign(r, { cpuRatio: cpu, cpuRatioText: `${cpu.toFixed(2)}× the CPU` });
      }
    }
    rows.push(r);
  }
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
  const r: Row = {
    case: "autosave per answer (300 answers)",
    runsMs: medians,
    ...(medians.length ? { medianMs: median(medians), minMs: Math.min(...medians), maxMs: Math.max(...maxes) } : {}),
  };
  r.target = "p99 ≤16 ms";
  if (failed) Object.assign(r, { result: "FAIL", note: failed });
  else if (p99s.length) {
    const p99 = median(p99s);
    Object.assign(r, { ratio: p99, ratioText: `p99 ${p99.toFixed(1)} ms`, result: p99 <= 16 ? "pass" : "FAIL" });
  } else r.result = "n/a";
  rows.push(r);
}

// --- patterns: the classic exponential ones against 10,000-character near-misses ------------------
{
  log("patronen: exponentiële patronen tegen bijna-treffers van 10.000 tekens ...");
  const r = await runOnce({ cmd: NODE, args: [path.join(ROOT, "dist", "bench", "redos.js")], env, cwd: ROOT });
  const row: Row = { case: "validate.pattern, 60 ReDoS checks of 10,000 characters", runsMs: [], target: "every check ≤50 ms" };
  if (r.code !== 0) Object.assign(row, { result: "FAIL", note: `exit ${r.code}: ${firstLine(r.stderr)}` });
  else {
    const j = JSON.parse(r.stdout) as { checks: number; slowestMs: number; slowest: string };
    Object.assign(row, {
      ratio: j.slowestMs,
      ratioText: `slowest ${j.slowestMs.toFixed(1)} ms`,
      result: j.slowestMs <= 50 ? "pass" : "FAIL",
      note: `${j.checks} checks (median of 3 each); slowest: ${j.slowest}`,
    });
  }
  rows.push(row);
}

async function pandocInput(corpusDir: string, sample: number): Promise<string> {
  const mdDir = path.join(BENCH_DIR, `pandoc-${path.basename(corpusDir)}-${sample}`);
  rmSync(mdDir, { recursive: true, force: true });
  mkdirSync(mdDir, { recursive: true });
  const { FormatRegistry, formatDirs } = await import("../format/registry.js");
  const { readSessionFile } = await import("../session/io.js");
  const { sessionMarkdown } = await import("./markdown.js");
  const registry = await FormatRegistry.load(formatDirs());
  const files = readdirSync(corpusDir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .slice(0, sample);
  for (const f of files) {
    const { session } = await readSessionFile(path.join(corpusDir, f));
    const format = session && registry.get(session.format.id, session.format.version);
    if (session && format) writeFileSync(path.join(mdDir, f.replace(/\.yaml$/, ".md")), sessionMarkdown(session, format));
  }
  return mdDir;
}

// --- output -------------------------------------------------------------------------------------
const seconds = (performance.now() - t0) / 1000;
const machine: Machine = { cores, loadStart, loadEnd: loadavg(), node: process.version };
if (args.quick)
  notes.push(
    `--quick: corpora of ${SIZES.big}/${SIZES.small} sessions instead of 10000/1000, report over ${SIZES.report}, fewer runs; the rollup and report targets are defined at 10000/1000 sessions, so their --quick figures are indicative only`,
  );
notes.push(`wall time from spawn to exit; CPU time via ${cpuMethod()}; peak RSS via ${rssMethod()}`);
notes.push(
  `cases run interleaved with their baseline (A B A B …): ${RUNS.startup} rounds (start-up), ${RUNS.batch} (rollup), ${RUNS.summary} (summary), ${RUNS.report} (report); medians; one uncounted warm-up run per start-up${WARMUP ? " and rollup" : ""} case fills the format, lint and help caches (AFSTEM_CACHE_DIR=.bench/cache); a cold rollup run first deletes the record cache (and pays for writing it), the warm run right after it reads that cache`,
);
notes.push(
  "a case marked 'extra cores' meets its wall target only because it used more cores than its baseline: its CPU ratio misses the same target",
);
if (Math.max(machine.loadStart[0]!, machine.loadEnd[0]!) > cores)
  notes.push(`the machine was busy (load average above its ${cores} core(s)): compare the ratios, not the absolute times`);
process.stdout.write(`${renderTable(rows, machine)}\n\n${notes.map((n) => `- ${n}`).join("\n")}\n- ${seconds.toFixed(0)} s in total\n`);
if (args.json) {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
  writeFileSync(
    args.json,
    `${JSON.stringify({ afstem: pkg.version, node: process.version, machine, quick: args.quick, seed: args.seed, sizes: SIZES, runs: RUNS, seconds, notes, rows }, null, 2)}\n`,
  );
}
const failedRows = rows.filter((r) => r.result === "FAIL");
process.exitCode = failedRows.length ? 1 : 0;
