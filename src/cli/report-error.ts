// The one place that turns an error into what the user sees and an exit code.
import { EXIT, ExitError, UserError, formatLocation } from "./errors.js";
import { L } from "../i18n/lang.js";
import { chalkStderr as c } from "chalk";

export function handleError(err: unknown): number {
  if (err instanceof ExitError) return err.exitCode;
  if (err instanceof UserError) {
    const where = err.location ? `${formatLocation(err.location)}: ` : "";
    // Errors red, the hint dim; chalk leaves both plain for NO_COLOR, --no-color and pipes.
    process.stderr.write(`${c.red(`afstem: ${where}${err.message}`)}\n`);
    if (err.hint) process.stderr.write(`  ${c.dim(err.hint)}\n`);
    return err.exitCode;
  }
  // Ctrl+C inside an inquirer prompt surfaces as ExitPromptError; commands that
  // hold unsaved state catch it themselves, this is the last resort.
  if (err instanceof Error && err.name === "ExitPromptError") return EXIT.interrupted;
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(
    `afstem: ${L({ nl: "interne fout", en: "internal error" })}: ${message}\n` +
      `  ${L({
        nl: "Dit is een fout in afstem, niet in uw invoer. Zet AFSTEM_DEBUG=1 voor details en meld het.",
        en: "This is a bug in afstem, not in your input. Set AFSTEM_DEBUG=1 for details and report it.",
      })}\n`,
  );
  if (process.env.AFSTEM_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return EXIT.usage;
}
