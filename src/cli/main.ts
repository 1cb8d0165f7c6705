// The process entry (bin/afstem.js): the real process's invocation, its exit code, and what
// only a whole process has: a closed pipe, signals before a command listens, chalk's start-up.
import { createRequire } from "node:module";
import { processIo } from "./invocation.js";
import { cachedOutput, scopeOf } from "./cached-output.js";
import { setProcessScope } from "../util/scope.js";

// The CommonJS face of fs: the ESM one enumerates fs.promises and loads the streams (ms).
const { fstatSync, writeSync } = createRequire(import.meta.url)("node:fs") as typeof import("node:fs");

/** `afstem formats | head` closes our stdout early: that is the reader's choice, not an error. */
function ignoreBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
}

/**
 * Standard output is a pipe or a file, not a terminal: a cached text can go out with write(2),
 * without setting up process.stdout, which alone costs ~4 ms of a ~30 ms cached start-up.
 */
function plainStdout(): boolean {
  try {
    return !fstatSync(1).isCharacterDevice();
  } catch {
    return false;
  }
}

/** All of `text` to standard output; what a non-blocking pipe does not take goes through the stream. */
function writeOut(text: string): void {
  const buf = Buffer.from(text);
  let done = 0;
  try {
    while (done < buf.length) done += writeSync(1, buf, done);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EPIPE") return; // the reader went away: its choice
    if (code !== "EAGAIN") throw err;
    ignoreBrokenPipe();
    process.stdout.write(buf.subarray(done));
  }
}

/** Run afstem in this process; bin/afstem.js sets the exit code from the result. */
export async function main(args: string[]): Promise<number> {
  // chalk reads FORCE_COLOR when it is first loaded (by a command, after this): NO_COLOR and
  // --no-color must win over a FORCE_COLOR set in the environment.
  if ((process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") || args.includes("--no-color")) process.env.FORCE_COLOR = "0";
  // This process runs this one invocation: signal handlers and key events see its language too.
  const here = { cwd: process.cwd(), env: process.env };
  setProcessScope(scopeOf(args, here));
  // A cached help screen or `formats` listing is printed before the dispatcher, the message
  // catalogues and commander load; into a pipe or a file even before the output stream.
  const plain = plainStdout();
  const hit = cachedOutput(args, { ...here, stdout: plain ? { isTTY: false } : process.stdout });
  if (hit !== undefined) {
    if (plain) writeOut(hit);
    else {
      ignoreBrokenPipe();
      process.stdout.write(hit);
    }
    return 0;
  }
  ignoreBrokenPipe();
  const io = processIo();
  // A Ctrl+C this early still ends cleanly: the handler is in place before the dispatcher loads.
  if (["report", "rollup", "validate", "lint"].includes(args[0] ?? "")) (await import("./interrupt.js")).installEarlyInterrupt(io);
  const { invoke } = await import("./invoke.js");
  return invoke(args, io);
}
