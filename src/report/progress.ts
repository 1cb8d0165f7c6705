// What a batch shows while it runs: a bar with count and ETA on a terminal, one line per
// file with --verbose, nothing at all in a script when everything went well.
import { fill } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";

export interface ProgressOptions {
  total: number;
  tty: boolean;
  verbose: boolean;
  out?: { write(text: string): unknown };
  err?: { write(text: string): unknown };
  now?: () => number;
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export class Progress {
  private done = 0;
  private drawn = false;
  private lastDraw = 0;
  private readonly started: number;
  private readonly out: { write(text: string): unknown };
  private readonly err: { write(text: string): unknown };
  private readonly now: () => number;

  constructor(private readonly opts: ProgressOptions) {
    this.out = opts.out ?? process.stdout;
    this.err = opts.err ?? process.stderr;
    this.now = opts.now ?? (() => Date.now());
    this.started = this.now();
  }

  get elapsedSeconds(): number {
    return (this.now() - this.started) / 1000;
  }

  /** One file finished; `line` is its --verbose line. */
  step(line?: string): void {
    this.done++;
    if (line && this.opts.verbose) this.print(this.out, line);
    this.draw(false);
  }

  /** A problem line (skipped or refused file): always shown, on stderr. */
  problem(line: string): void {
    this.print(this.err, line);
    this.draw(true);
  }

  private print(stream: { write(text: string): unknown }, line: string): void {
    this.clear();
    stream.write(`${line}\n`);
  }

  private clear(): void {
    if (this.drawn) this.err.write("\r\x1b[K");
    this.drawn = false;
  }

  private draw(force: boolean): void {
    if (!this.opts.tty || this.opts.total < 2) return;
    const t = this.now();
    if (!force && this.drawn && t - this.lastDraw < 100 && this.done < this.opts.total) return;
    this.lastDraw = t;
    const { total } = this.opts;
    const frac = total ? this.done / total : 1;
    const width = 24;
    const full = Math.round(frac * width);
    const elapsed = this.elapsedSeconds;
    const eta =
      this.done > 0 && this.done < total ? `  ${msg("report.progress.eta")} ${clock((elapsed / this.done) * (total - this.done))}` : "";
    const bar = `${"█".repeat(full)}${"░".repeat(width - full)}`;
    this.err.write(`\r\x1b[K${bar} ${this.done}/${total} ${String(Math.round(frac * 100)).padStart(3)}%${eta}`);
    this.drawn = true;
  }

  /** The closing line; `show` decides (a script that succeeded hears nothing). */
  finish(summary: string, show: boolean): void {
    this.clear();
    if (show) this.err.write(`${summary}\n`);
  }
}

export function closingLine(c: {
  written: number;
  skipped: number;
  refused: number;
  seconds: number;
  noun: { one: string; many: string };
}): string {
  const parts = [fill(msg("report.progress.n-w-written"), { n: c.written, w: c.written === 1 ? c.noun.one : c.noun.many })];
  if (c.skipped) parts.push(fill(msg("report.progress.n-skipped-errors"), { n: c.skipped }));
  if (c.refused) parts.push(fill(msg("report.progress.n-not-overwritten-exists"), { n: c.refused }));
  const secs = new Intl.NumberFormat(msg("common.en-gb"), { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(c.seconds);
  return `${parts.join(", ")} ${msg("report.progress.text")} ${secs} s`;
}
