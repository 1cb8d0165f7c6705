import { stringify } from "yaml";
import { writeFileSync } from "node:fs";
// Driving the real CLI in a pseudo-terminal, as a facilitator would. Waits for text on the
// screen instead of sleeping, so a loaded machine only makes it slower, not flaky.
import path from "node:path";
import { BIN, ROOT } from "./cli.js";

export interface PtyRun {
  /** Everything written so far, ANSI codes stripped. */
  text(): string;
  write(data: string): void;
  /** Resolve when `pattern` appears after `from` (an offset into text()). */
  waitFor(pattern: string | RegExp, opts?: { from?: number; timeout?: number }): Promise<number>;
  exited: Promise<number>;
  kill(signal?: string): void;
  pid: number;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07/g;

let ptyModule: typeof import("@lydell/node-pty") | null | undefined;

/** node-pty, or null when it cannot spawn here (tests then skip). */
export async function loadPty(): Promise<typeof import("@lydell/node-pty") | null> {
  if (ptyModule !== undefined) return ptyModule;
  try {
    const mod = await import("@lydell/node-pty");
    const p = mod.spawn(process.execPath, ["-e", "0"], { cols: 80, rows: 24 });
    await new Promise<void>((resolve) => p.onExit(() => resolve()));
    ptyModule = mod;
  } catch {
    ptyModule = null;
  }
  return ptyModule;
}

export function spawnCli(
  pty: typeof import("@lydell/node-pty"),
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): PtyRun {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (
      v !== undefined &&
      k !== "AFSTEM_LANG" &&
      k !== "AFSTEM_FORMATS_PATH" &&
      k !== "AFSTEM_UI" &&
      k !== "npm_command" &&
      k !== "npm_execpath"
    )
      env[k] = v;
  Object.assign(env, { NO_COLOR: "1", TERM: "xterm-256color" }, opts.env);
  const p = pty.spawn(process.execPath, [BIN, ...args], { cols: 120, rows: 40, cwd: opts.cwd ?? ROOT, env });
  let raw = "";
  const listeners = new Set<() => void>();
  p.onData((d) => {
    raw += d;
    for (const l of listeners) l();
  });
  const exited = new Promise<number>((resolve) => p.onExit((e) => resolve(e.exitCode)));
  const text = () => raw.replace(ANSI, "");
  return {
    text,
    pid: p.pid,
    write: (d) => p.write(d),
    kill: (s) => p.kill(s),
    exited,
    waitFor(pattern, { from = 0, timeout = 30_000 } = {}) {
      const find = () => {
        const t = text().slice(from);
        const i = typeof pattern === "string" ? t.indexOf(pattern) : t.search(pattern);
        return i < 0 ? -1 : from + i + (typeof pattern === "string" ? pattern.length : 1);
      };
      return new Promise<number>((resolve, reject) => {
        const check = () => {
          const at = find();
          if (at >= 0) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(at);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${String(pattern)}; screen:\n${text().slice(-1500)}`));
        }, timeout);
        listeners.add(check);
        void exited.then(() => setTimeout(check, 50));
        check();
      });
    },
  };
}

export const MINI = path.join(ROOT, "test", "fixtures", "runner", "mini.yaml");

/**
 * Types into a run once a prompt has appeared (after what was seen before): Inquirer draws a
 * prompt before it listens, so the keys wait a moment. `perKey`: one key at a time, as a person
 * types (a checkbox reads Space and a typed line key by key).
 */
export function typist(run: PtyRun, opts: { perKey?: boolean } = {}) {
  let seen = 0;
  return async (prompt: string | RegExp, keys: string) => {
    seen = await run.waitFor(prompt, { from: seen, timeout: 45_000 });
    await new Promise((r) => setTimeout(r, 80));
    if (!opts.perKey) return run.write(keys);
    for (const ch of keys) {
      run.write(ch);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
}

/**
 * A draft of the mini format by De Regenboog with Marieke (IB) present, started at 09:00: what
 * the resume tests open. `rest` gives its answers, skipped questions and anything else.
 */
export function writeMiniDraft(file: string, rest: Record<string, unknown>): void {
  writeFileSync(
    file,
    stringify({
      afstem: 1,
      format: { id: "mini", version: 1 },
      status: "draft",
      started: "2026-09-15T09:00:00Z",
      updated: "2026-09-15T09:10:00Z",
      meta: { school: "De Regenboog", datum: "2026-09-15" },
      participants: [{ name: "Marieke", role: "ib", organisation: "School", present: true }],
      ...rest,
      history: [{ event: "start", at: "2026-09-15T09:00:00Z" }],
    }),
  );
}
