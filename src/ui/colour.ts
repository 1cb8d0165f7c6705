// Colour, the way well-kept CLIs use it: errors red, warnings yellow, paths and hints dim,
// headers bold. chalk decides: off for NO_COLOR (main.ts turns it into FORCE_COLOR=0),
// `--no-color` and output that is not a terminal; on with FORCE_COLOR.
import chalk, { Chalk, chalkStderr, type ChalkInstance } from "chalk";
import type { ColourLevel, Io } from "../cli/invocation.js";

export const paint = {
  red: (s: string) => chalk.red(s),
  yellow: (s: string) => chalk.yellow(s),
  green: (s: string) => chalk.green(s),
  dim: (s: string) => chalk.dim(s),
  bold: (s: string) => chalk.bold(s),
  /** For stderr, whose terminal may differ from stdout's. */
  err: {
    red: (s: string) => chalkStderr.red(s),
    yellow: (s: string) => chalkStderr.yellow(s),
    dim: (s: string) => chalkStderr.dim(s),
  },
};

/** The chalk for one stream of an invocation: its own level when it has one, else chalk's detection. */
export function chalkFor(io: Pick<Io, "colour">, stream: "stdout" | "stderr"): ChalkInstance {
  const level = io.colour?.[stream];
  if (level === undefined) return stream === "stdout" ? chalk : chalkStderr;
  return new Chalk({ level });
}

/**
 * chalk's rules (supports-color) for an invocation that is not the process itself: NO_COLOR and
 * --no-color win, then FORCE_COLOR, else colour only on a terminal.
 */
export function colourLevel(env: Io["env"], isTTY: boolean, args: readonly string[] = []): ColourLevel {
  if ((env.NO_COLOR !== undefined && env.NO_COLOR !== "") || args.includes("--no-color")) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "true" || force === "") return 1;
    if (force === "false") return 0;
    const n = Number.parseInt(force, 10);
    return (Number.isNaN(n) ? 0 : Math.max(0, Math.min(n, 3))) as ColourLevel;
  }
  return isTTY ? 1 : 0;
}
