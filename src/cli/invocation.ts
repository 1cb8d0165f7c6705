// One invocation of afstem: where its output goes, where it runs and with which environment.
// The process entry (main.ts) builds it from the real process; tests build one in memory and
// run a command in-process through the same parsing (test/helpers/cli.ts, runInProcess).
// Commands and the CLI layer read these, never process.stdout/stderr/cwd/env/exit directly.
import path from "node:path";
import type { Readable } from "node:stream";
import { scope } from "../util/scope.js";

/** What a command writes to: process.stdout/stderr, or a buffer in a test. */
export interface Output {
  write(text: string): boolean;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** A chalk colour level: 0 none, 1 basic, 2 256 colours, 3 true colour. */
export type ColourLevel = 0 | 1 | 2 | 3;

export interface Io {
  stdout: Output;
  stderr: Output;
  /** Answers for `run` with AFSTEM_UI=lines; a terminal for the prompts. */
  stdin: Readable & { isTTY?: boolean };
  /** Relative paths on the command line are relative to this folder. */
  cwd: string;
  env: Record<string, string | undefined>;
  /** The script as started (process.argv[1]), to tell `npx afstem` from `afstem`. */
  script: string;
  /** Colour per stream; undefined: chalk's own detection (the real process). */
  colour?: { stdout: ColourLevel; stderr: ColourLevel };
  /** End the process now (a signal during a batch or a conversation); exit code as given. */
  exit(code: number): never;
}

/** The real process's invocation. */
export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // Only `run` reads it; touching process.stdin sets up the terminal stream (ms at start-up).
    get stdin() {
      return process.stdin;
    },
    cwd: process.cwd(),
    env: process.env,
    script: process.argv[1] ?? "",
    exit: (code) => process.exit(code),
  };
}

// How the user started afstem, so that printed next-step commands run where they are: after a
// local `npm install` there is no `afstem` on PATH, only `npx afstem` (issue 15, item 8).
export function cliName(env: Io["env"] = scope().env, script = process.argv[1] ?? ""): string {
  if (env.AFSTEM_CLI_NAME) return env.AFSTEM_CLI_NAME;
  // `npx afstem` and `npm exec afstem` set npm_command=exec; an npm script sets run-script.
  if (env.npm_command === "exec" || env.npm_command === "run-script" || env.npm_command === "run") return "npx afstem";
  if (env.npm_execpath && /npx/.test(path.basename(env.npm_execpath))) return "npx afstem";
  const p = script.split(path.sep).join("/");
  if (p.includes("/_npx/") || p.includes("/node_modules/.bin/")) return "npx afstem";
  return "afstem";
}

/** cliName() for an invocation. */
export const cliNameOf = (io: Io): string => cliName(io.env, io.script);
