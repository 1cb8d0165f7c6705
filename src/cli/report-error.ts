// The one place that turns an error into what the user sees and an exit code.
import { EXIT, ExitError, UserError, formatLocation } from "./errors.js";
import { L } from "../i18n/lang.js";
import type { Io } from "./invocation.js";
import { chalkFor } from "../ui/colour.js";
import { errnoOf, systemWords } from "../util/sys-error.js";
import { displayPath } from "../util/paths.js";

export function handleError(err: unknown, io: Io): number {
  if (err instanceof ExitError) return err.exitCode;
  if (err instanceof UserError) {
    const where = err.location ? `${formatLocation(err.location)}: ` : "";
    const c = chalkFor(io, "stderr");
    // Errors red, the hint dim; chalk leaves both plain for NO_COLOR, --no-color and pipes.
    io.stderr.write(`${c.red(`afstem: ${where}${err.message}`)}\n`);
    if (err.hint) io.stderr.write(`  ${c.dim(err.hint)}\n`);
    return err.exitCode;
  }
  // Ctrl+C inside an inquirer prompt surfaces as ExitPromptError; commands that
  // hold unsaved state catch it themselves, this is the last resort.
  if (err instanceof Error && err.name === "ExitPromptError") return EXIT.interrupted;
  // A system error no command turned into words (a full disk, a folder that vanished): one
  // sentence with the path, never "internal error".
  const code = errnoOf(err);
  if (code && (err as NodeJS.ErrnoException).syscall) {
    const file = (err as NodeJS.ErrnoException).path;
    io.stderr.write(`afstem: ${file ? `${displayPath(file)}: ` : ""}${systemWords(err)}\n`);
    if (io.env.AFSTEM_DEBUG && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return EXIT.usage;
  }
  // "Maximum call stack size exceeded": input nested too deeply for afstem, not a bug report.
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    io.stderr.write(`afstem: ${L({ nl: "de invoer is te diep genest om te verwerken", en: "the input is nested too deeply to process" })}\n`);
    return EXIT.usage;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(
    `afstem: ${L({ nl: "interne fout", en: "internal error" })}: ${message}\n` +
      `  ${L({
        nl: "Dit is een fout in afstem, niet in uw invoer. Zet AFSTEM_DEBUG=1 voor details en meld het.",
        en: "This is a bug in afstem, not in your input. Set AFSTEM_DEBUG=1 for details and report it.",
      })}\n`,
  );
  if (io.env.AFSTEM_DEBUG && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
  return EXIT.usage;
}
