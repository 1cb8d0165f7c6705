// The bench's result rows and how they print: one table on stdout, the same rows as JSON.
// Pure: the judging rules (a ratio that holds only on wall time, thanks to extra cores, is
// marked), the interleaving order and the formatting are tested in test/bench/table.test.ts.

export type Outcome = "pass" | "FAIL" | "n/a";

export interface Row {
  case: string;
  /** Wall times of the measured runs, ms (empty for derived rows). */
  runsMs: number[];
  /** CPU times (user + sys of the process and its threads and children) of the same runs, ms. */
  cpuMs?: number[];
  medianMs?: number;
  minMs?: number;
  maxMs?: number;
  cpuMedianMs?: number;
  peakRssKb?: number;
  /** The measured wall ratio (or p99 for autosave) and how it reads, e.g. "1.42×" or "p99 9.1 ms". */
  ratio?: number;
  ratioText?: string;
  /** The same ratio on CPU time. */
  cpuRatio?: number;
  cpuRatioText?: string;
  target?: string;
  result?: Outcome;
  /** The wall ratio meets its target only because the case used more cores than the baseline. */
  extraCores?: boolean;
  note?: string;
}

/** The machine the figures come from: cores, and the load average when the run began and ended. */
export interface Machine {
  cores: number;
  loadStart: readonly number[];
  loadEnd: readonly number[];
  node?: string;
}

/**
 * Run order for interleaved measurement: round by round, every case once (A B A B … for a
 * baseline A and a case B), so that a change in load during the run hits all of them alike.
 * Returns case indexes.
 */
export function interleave(cases: number, rounds: number): number[] {
  const order: number[] = [];
  for (let r = 0; r < rounds; r++) for (let c = 0; c < cases; c++) order.push(c);
  return order;
}

export interface Limits {
  /** The wall ratio must satisfy this. */
  wall: (x: number) => boolean;
  /** The CPU ratio must satisfy this to count; when absent it is only used for the mark. */
  cpu?: (x: number) => boolean;
  /** For the mark when `cpu` is absent: the CPU ratio held to the wall limit. */
  cpuMark?: (x: number) => boolean;
}

/**
 * Pass or FAIL from the wall ratio (and the CPU ratio where it is a target too), and the mark:
 * a wall ratio that meets its target while the CPU ratio does not only holds because the case
 * spread its work over more cores than the baseline — on a busy or smaller machine it does not.
 */
export function judgeRatios(wall: number | undefined, cpu: number | undefined, limits: Limits): { result: Outcome; extraCores: boolean } {
  if (wall === undefined || !Number.isFinite(wall)) return { result: "n/a", extraCores: false };
  const wallOk = limits.wall(wall);
  const cpuKnown = cpu !== undefined && Number.isFinite(cpu);
  const cpuOk = cpuKnown ? (limits.cpu ?? limits.cpuMark ?? limits.wall)(cpu) : true;
  const result: Outcome = wallOk && (limits.cpu === undefined || !cpuKnown || cpuOk) ? "pass" : "FAIL";
  return { result, extraCores: wallOk && cpuKnown && !cpuOk };
}

const ms = (v: number | undefined) =>
  v === undefined ? "—" : v >= 10000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v < 100 ? 1 : 0)} ms`;
const mb = (kb: number | undefined) => (kb === undefined ? "—" : `${(kb / 1024).toFixed(0)} MB`);
const loads = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(" ");

export function resultText(r: Row): string {
  if (!r.result) return r.note ?? "";
  const mark = r.extraCores ? (r.result === "pass" ? " (wall only: extra cores)" : " — wall ratio only with extra cores") : "";
  return `${r.result}${mark}${r.note ? ` — ${r.note}` : ""}`;
}

export function machineLine(m: Machine): string {
  return `machine: ${m.cores} core(s); load average (1, 5, 15 min) ${loads(m.loadStart)} at start, ${loads(m.loadEnd)} at end${m.node ? `; node ${m.node}` : ""}`;
}

export function renderTable(rows: Row[], machine?: Machine): string {
  const head = ["case", "wall median", "CPU median", "wall min–max", "peak RSS", "wall ratio", "CPU ratio", "target", "result"];
  const body = rows.map((r) => [
    r.case,
    ms(r.medianMs),
    ms(r.cpuMedianMs),
    r.minMs === undefined ? "—" : `${ms(r.minMs)} – ${ms(r.maxMs)}`,
    mb(r.peakRssKb),
    r.ratioText ?? "—",
    r.cpuRatioText ?? "—",
    r.target ?? "—",
    resultText(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => [...b[i]!].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c + " ".repeat(widths[i]! - [...c].length)).join(" | ")} |`;
  const table = [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
  return machine ? `${machineLine(machine)}\n\n${table}` : table;
}
