// What one invocation of afstem runs with: its language, its working folder and its
// environment. invoke() opens the scope from the invocation's Io; every module below reads it
// here instead of from process.cwd()/process.env or a module-level language, so two invocations
// in one process (the in-process tests, a worker thread) each see their own and nothing is
// switched back and forth. AsyncLocalStorage carries the scope through awaits and callbacks.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Lang } from "../format/types.js";

export interface Scope {
  readonly lang: Lang;
  /** Relative paths are relative to this folder; shown paths are relative to it when shorter. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const storage = new AsyncLocalStorage<Scope>();

/** Run `fn` (and everything it starts) in `scope`. */
export function inScope<T>(scope: Scope, fn: () => T): T {
  return storage.run(scope, fn);
}

/**
 * The running invocation's scope. Outside any (a unit test calling a module directly, the
 * bench's own scripts) it is the real process's, in Dutch, as `afstem` itself would start.
 */
export function scope(): Scope {
  return storage.getStore() ?? { lang: "nl", cwd: process.cwd(), env: process.env };
}

/** A scope as plain data, to hand to a worker thread (which has a scope storage of its own). */
export function scopeData(): Scope {
  const { lang, cwd, env } = scope();
  return { lang, cwd, env: { ...env } };
}
