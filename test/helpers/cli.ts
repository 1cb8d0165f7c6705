// Run the CLI as a user would: spawned (runCli: the real, built bin/afstem.js, without a TTY),
// or in-process (runInProcess: the same built code and the same parsing, without a process).
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import type { Io } from "../../src/cli/invocation.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = path.join(ROOT, "bin", "afstem.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  timeout?: number;
}

/** The environment a test's afstem sees: no colour, Dutch, no npm variables, plus the test's own. */
function cliEnv(base: NodeJS.ProcessEnv, extra: Record<string, string | undefined> = {}): Record<string, string> {
  // npm_* come from `npm test`/`npx vitest`; they would make afstem print `npx afstem …`.
  const env: Record<string, string | undefined> = {
    ...base,
    NO_COLOR: "1",
    AFSTEM_LANG: undefined,
    AFSTEM_FORMATS_PATH: undefined,
    npm_command: undefined,
    npm_execpath: undefined,
    ...extra,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as Record<string, string>;
}

export function runCli(args: string[], opts: CliOptions = {}): CliResult {
  const spawnOpts: SpawnSyncOptions = {
    cwd: opts.cwd ?? ROOT,
    env: cliEnv(process.env, opts.env),
    input: opts.input ?? "",
    encoding: "utf8",
    timeout: opts.timeout ?? 60_000,
  };
  const r = spawnSync(process.execPath, [BIN, ...args], spawnOpts);
  return { code: r.status, stdout: String(r.stdout ?? ""), stderr: String(r.stderr ?? "") };
}

type Invoke = (args: string[], io: Io) => Promise<number>;
type ColourLevelFn = (env: Io["env"], isTTY: boolean, args: readonly string[]) => 0 | 1 | 2 | 3;
let loaded: Promise<{ invoke: Invoke; colourLevel: ColourLevelFn }> | undefined;

/**
 * The built CLI (dist/), loaded by Node itself rather than through vitest's module runner: the
 * same code bin/afstem.js runs, with its worker threads (dist/…/worker.js) where they belong.
 */
function cli(): Promise<{ invoke: Invoke; colourLevel: ColourLevelFn }> {
  // require() of an ES module (Node ≥ 20.19): Node's own loader, outside vitest's module runner.
  const load = (file: string) => createRequire(import.meta.url)(path.join(ROOT, file)) as Record<string, unknown>;
  return (loaded ??= Promise.resolve().then(() => ({
    invoke: load("dist/cli/invoke.js").invoke as Invoke,
    colourLevel: load("dist/ui/colour.js").colourLevel as ColourLevelFn,
  })));
}

/** A signal handler's process.exit, in-process: ends the invocation instead of the test run. */
class InProcessExit extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
  }
}

/** A buffer with the face of a pipe (not a terminal). */
function sink(): Io["stdout"] & { text: string } {
  return {
    text: "",
    isTTY: false,
    write(s: string) {
      this.text += s;
      return true;
    },
  };
}

/**
 * afstem in this process: the same built code as bin/afstem.js and the same parsing (commander,
 * help, usage errors, exit codes), with output captured. The invocation's working folder,
 * environment and language reach every module through its scope (src/util/scope.ts); the
 * process's own are never changed, so runs may overlap. Not for what needs a process of its
 * own: a terminal, signals, a crash.
 */
export async function runInProcess(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const { invoke, colourLevel } = await cli();
  // A scope's folder is absolute; a relative one here is relative to the repository.
  const cwd = path.resolve(ROOT, opts.cwd ?? ".");
  const env = cliEnv(process.env, opts.env);
  const stdout = sink();
  const stderr = sink();
  const io: Io = {
    stdout,
    stderr,
    stdin: Object.assign(Readable.from([opts.input ?? ""]), { isTTY: false }),
    cwd,
    env,
    script: BIN,
    colour: { stdout: colourLevel(env, false, args), stderr: colourLevel(env, false, args) },
    exit: (code: number) => {
      throw new InProcessExit(code);
    },
  };
  let code: number;
  try {
    code = await invoke(args, io);
  } catch (err) {
    if (!(err instanceof InProcessExit)) throw err;
    code = err.code;
  }
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A fresh temp directory, removed by the returned cleanup. */
export function tempDir(prefix = "afstem-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
