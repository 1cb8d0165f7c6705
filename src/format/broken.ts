// One rule for broken formats: a format whose file (or a format it extends) has lint errors
// never loads, and every command that needs it says the same thing.
import { L, fill } from "../i18n/lang.js";

/** Where a format with lint errors lives, and how many errors lint reports there. */
export interface BrokenFormat {
  id: string;
  file: string;
  /** The file as the user would type it (relative to the working directory where possible). */
  shown: string;
  errors: number;
}

/** "format 'X' in PATH heeft N fouten; voer afstem lint PATH uit". */
export function brokenFormatMessage(b: BrokenFormat): string {
  const arg = /[\s'"]/.test(b.shown) ? JSON.stringify(b.shown) : b.shown;
  return fill(
    b.errors === 1
      ? L({ nl: "format '{id}' in {file} heeft 1 fout; voer afstem lint {arg} uit", en: "format '{id}' in {file} has 1 error; run afstem lint {arg}" })
      : L({ nl: "format '{id}' in {file} heeft {n} fouten; voer afstem lint {arg} uit", en: "format '{id}' in {file} has {n} errors; run afstem lint {arg}" }),
    { id: b.id, file: b.shown, arg, n: b.errors },
  );
}
