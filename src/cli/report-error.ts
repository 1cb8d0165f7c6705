// The one place that turns an error into what the user sees and an exit code.
import { EXIT, ExitError, UserError, formatLocation } from "./errors.js";
import type { Io } from "./invocation.js";
import { chalkFor } from "../ui/colour.js";
import { errnoOf, systemWords } from "../util/sys-error.js";
import { displayPath } from "../util/paths.js";
import { msg } from "../i18n/messages.js";

export function handleError(err: unknown, io: Io): number {
  if (err instanceof ExitError) return err.exitCode;
  if (err instanceof UserError) {
    // Files are named as the user typed them: relative to the working folder when inside it.
    const where = err.location ? `${formatLocation({ ...err.location, file: displayPath(err.location.file) })}: ` : "";
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
    io.stderr.write(`afstem: ${msg("cli.reportError.input-nested-too-deeply-process")}\n`);
    return EXIT.usage;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(
    `afstem: ${msg("cli.reportError.internal-error")}: ${message}\n` + `  ${msg("cli.reportError.bug-afstem-not-your-input")}\n`,
  );
  if (io.env.AFSTEM_DEBUG && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
  return EXIT.usage;
}
