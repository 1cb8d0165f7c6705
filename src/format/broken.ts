// One rule for broken formats: a format whose file (or a format it extends) has lint errors
// never loads, and every command that needs it says the same thing.
import { fill } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";

/** Where a format with lint errors lives, and how many errors lint reports there. */
export interface BrokenFormat {
  id: string;
  file: string;
  /** The file as the user would type it (relative to the working directory where possible). */
  shown: string;
  errors: number;
}

/** A path as it is typed after `afstem lint` (quoted when it holds a space or a quote). */
export const lintArgument = (shown: string): string => (/[\s'"]/.test(shown) ? JSON.stringify(shown) : shown);

/** "format 'X' in PATH heeft N fouten; voer afstem lint PATH uit". */
export function brokenFormatMessage(b: BrokenFormat): string {
  const arg = lintArgument(b.shown);
  return fill(b.errors === 1 ? msg("format.broken.format-id-file-has-1") : msg("format.broken.format-id-file-has-n"), {
    id: b.id,
    file: b.shown,
    arg,
    n: b.errors,
  });
}
