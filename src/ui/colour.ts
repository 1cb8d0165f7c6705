// Colour, the way well-kept CLIs use it: errors red, warnings yellow, paths and hints dim,
// headers bold. chalk decides: off for NO_COLOR (main.ts turns it into FORCE_COLOR=0),
// `--no-color` and output that is not a terminal; on with FORCE_COLOR.
import chalk, { chalkStderr } from "chalk";

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
