// What every command gets from commander: its own options plus the global ones (invoke.ts
// passes optsWithGlobals(), which merges --lang and --formats-dir).
export interface GlobalOptions {
  lang?: "nl" | "en";
  formatsDir?: string;
  /** commander's --no-color: false when given. */
  color?: boolean;
  /** The command's own options the user gave (attribute names), as opposed to defaults. */
  explicit?: ReadonlySet<string>;
}
