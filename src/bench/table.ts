// The bench's result rows and how they print: one table on stdout, the same rows as JSON.

export type Outcome = "pass" | "FAIL" | "n/a";

export interface Row {
  case: string;
  /** Wall times of the measured runs, ms (empty for derived rows). */
  runsMs: number[];
  medianMs?: number;
  minMs?: number;
  maxMs?: number;
  peakRssKb?: number;
  /** The measured ratio (or p99 for autosave) and how it reads, e.g. "1.42×" or "p99 9.1 ms". */
  ratio?: number;
  ratioText?: string;
  target?: string;
  result?: Outcome;
  note?: string;
}

const ms = (v: number | undefined) => (v === undefined ? "—" : v >= 10000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v < 100 ? 1 : 0)} ms`);
const mb = (kb: number | undefined) => (kb === undefined ? "—" : `${(kb / 1024).toFixed(0)} MB`);

export function renderTable(rows: Row[]): string {
  const head = ["case", "median", "min", "max", "peak RSS", "ratio", "target", "result"];
  const body = rows.map((r) => [
    r.case,
    ms(r.medianMs),
    ms(r.minMs),
    ms(r.maxMs),
    mb(r.peakRssKb),
    r.ratioText ?? "—",
    r.target ?? "—",
    r.result ? (r.note ? `${r.result} — ${r.note}` : r.result) : (r.note ?? ""),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => [...b[i]!].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c + " ".repeat(widths[i]! - [...c].length)).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
