// Ctrl+C (SIGINT) and SIGTERM during a batch command (report, rollup, validate): stop the work,
// remove every temporary file of this run, say what was finished, exit 130. Files already
// moved into place are complete; nothing half-written stays behind.
import { EXIT } from "./errors.js";
import { removeLiveTempFiles, sweepStaleTemps } from "../util/writer.js";
import type { Io } from "./invocation.js";
import { msg } from "../i18n/messages.js";

export interface InterruptOptions {
  /** Folders where this run (or its worker threads) create temporary files. */
  dirs?: readonly string[];
  /** Stop background work (worker threads) before the folders are swept. */
  stop?: () => Promise<void> | void;
  /** The line that says what was finished. */
  done: () => string;
}

export function onInterrupt(o: InterruptOptions, io: Pick<Io, "stderr" | "exit">): { dispose(): void } {
  let handling = false;
  const handler = () => {
    if (handling) return;
    handling = true;
    removeLiveTempFiles();
    const finish = () => {
      removeLiveTempFiles();
      for (const d of o.dirs ?? []) sweepStaleTemps(d, { own: true });
      try {
        io.stderr.write(`\n${o.done()}\n`);
      } catch {
        /* stderr closed */
      }
      io.exit(EXIT.interrupted);
    };
    Promise.resolve()
      .then(() => o.stop?.())
      .then(finish, finish);
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];
  for (const s of signals) process.on(s, handler);
  return {
    dispose() {
      for (const s of signals) process.off(s, handler);
    },
  };
}

/**
 * Before a batch command has installed its own handler (while formats load): an interrupt still
 * ends cleanly with exit 130. Steps aside once onInterrupt() is listening.
 */
export function installEarlyInterrupt(io: Pick<Io, "stderr" | "exit">): void {
  const early = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return; // the command's own handler does the work
    removeLiveTempFiles();
    try {
      io.stderr.write(`\n${msg("cli.interrupt.interrupted-before-anything-was-done")}\n`);
    } catch {
      /* stderr closed */
    }
    io.exit(EXIT.interrupted);
  };
  process.on("SIGINT", early);
  process.on("SIGTERM", early);
}
