// The real CLI driven line by line (AFSTEM_UI=lines): send a line, wait for text on stdout.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { BIN, ROOT } from "./cli.js";

/** A runner driven line by line: send a line, wait for text on stdout. */
export class Runner {
  out = "";
  err = "";
  readonly child: ChildProcessWithoutNullStreams;
  readonly done: Promise<number | null>;
  private wake?: () => void;

  constructor(args: string[], extraEnv: Record<string, string> = {}) {
    const env = { ...process.env, NO_COLOR: "1", AFSTEM_UI: "lines", ...extraEnv } as NodeJS.ProcessEnv;
    delete env.AFSTEM_LANG;
    delete env.npm_command;
    delete env.npm_execpath;
    this.child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
    this.child.stdout.setEncoding("utf8").on("data", (d: string) => ((this.out += d), this.wake?.()));
    this.child.stderr.setEncoding("utf8").on("data", (d: string) => (this.err += d));
    this.done = new Promise((resolve) => this.child.on("close", (code) => (resolve(code), this.wake?.())));
  }

  send(...lines: string[]): void {
    this.child.stdin.write(lines.map((l) => `${l}\n`).join(""));
  }

  /** Wait until stdout has `n` occurrences of `text` (default 1). */
  async until(text: string, n = 1, ms = 20_000): Promise<void> {
    const t0 = Date.now();
    while (this.out.split(text).length - 1 < n) {
      if (Date.now() - t0 > ms)
        throw new Error(
          `timed out waiting for ${JSON.stringify(text)} ×${n}\n--- stdout:\n${this.out.slice(-1500)}\n--- stderr:\n${this.err}`,
        );
      await new Promise<void>((r) => {
        this.wake = r;
        setTimeout(r, 200);
      });
    }
  }

  async end(): Promise<number | null> {
    this.child.stdin.end();
    return this.done;
  }
}
