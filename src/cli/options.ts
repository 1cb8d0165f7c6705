// What every command gets from commander: its own options plus the global ones.
import type { Command } from "commander";

export interface GlobalOptions {
  lang?: "nl" | "en";
  formatsDir?: string;
}

/** Commander passes the Command last; its optsWithGlobals() merges --lang and --formats-dir. */
export function optionsOf<T extends object>(cmd: Command): T & GlobalOptions {
  return cmd.optsWithGlobals() as T & GlobalOptions;
}
