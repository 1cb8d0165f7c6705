// The process entry (bin/afstem.js): the real process's invocation, its exit code, and what
// only a whole process has: a closed pipe, signals before a command listens, chalk's start-up.
import { processIo } from "./invocation.js";
import { cachedOutput, scopeOf } from "./cached-output.js";
import { setProcessScope } from "../util/scope.js";

/** `afstem formats | head` closes our stdout early: that is the reader's choice, not an error. */
function ignoreBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
}

/** Run afstem in this process; bin/afstem.js sets the exit code from the result. */
export async function main(args: string[]): Promise<number> {
  ignoreBrokenPipe();
  // chalk reads FORCE_COLOR when it is first loaded (by a command, after this): NO_COLOR and
  // --no-color must win over a FORCE_COLOR set in the environment.
  if ((process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") || args.includes("--no-color")) process.env.FORCE_COLOR = "0";
  const io = processIo();
  // This process runs this one invocation: signal handlers and key events see its language too.
  setProcessScope(scopeOf(args, io));
  // A Ctrl+C this early still ends cleanly: the handler is in place before the dispatcher loads.
  if (["report", "rollup", "validate", "lint"].includes(args[0] ?? "")) (await import("./interrupt.js")).installEarlyInterrupt(io);
  // A cached help screen or `formats` listing is printed before the dispatcher, the message
  // catalogues and commander load.
  const hit = cachedOutput(args, io);
  if (hit !== undefined) {
    io.stdout.write(hit);
    return 0;
  }
  const { invoke } = await import("./invoke.js");
  return invoke(args, io);
}
