// What one invocation of afstem runs with: its language, its working folder and its
// environment. invoke() opens the scope from the invocation's Io; every module below reads it
// here instead of from process.cwd()/process.env or a module-level language, so two invocations
// in one process (the in-process tests, a worker thread) each see their own and nothing is
// switched back and forth. AsyncLocalStorage carries the scope through awaits and callbacks.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Lang } from "../format/types.js";

export interface Scope {
  readonly lang: Lang;
  /** Relative paths are relative to this folder (absolute); shown paths relative to it when inside it. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const storage = new AsyncLocalStorage<Scope>();

/**
 * A whole process (bin/afstem.js) or worker thread runs one invocation. Its scope is also what
 * code outside any async context sees: a signal handler, a terminal's key events.
 */
let processScope: Scope | undefined;

/** Set once, by the process entry (cli/main.ts) and by a worker thread (workers/serve.ts); undefined clears it (tests). */
export function setProcessScope(s: Scope | undefined): void {
  processScope = s;
}

/** Run `fn` (and everything it starts) in `scope`. */
export function inScope<T>(scope: Scope, fn: () => T): T {
  // The process's own invocation needs no async context: it is the default. On Node 20 an
  // active AsyncLocalStorage hooks every promise, which cost a tenth of `afstem lint`'s start-up.
  if (processScope && sameScope(scope, processScope)) return fn();
  return storage.run(scope, fn);
}

const sameScope = (a: Scope, b: Scope): boolean => a === b || (a.lang === b.lang && a.cwd === b.cwd && a.env === b.env);

/**
 * The running invocation's scope; else the process's invocation; else (a unit test calling a
 * module directly, the bench's own scripts) the real process's folder and environment, in Dutch.
 */
export function scope(): Scope {
  return storage.getStore() ?? processScope ?? { lang: "nl", cwd: process.cwd(), env: process.env };
}

/** A scope as plain data, to hand to a worker thread (which has a scope storage of its own). */
export function scopeData(): Scope {
  const { lang, cwd, env } = scope();
  return { lang, cwd, env: { ...env } };
}
