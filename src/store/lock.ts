// One runner per session file: a lock file next to it says who holds it, as JSON:
// {"host": os.hostname(), "pid": …, "started": ISO time}. A lock of this computer whose process
// is gone (a crash, a killed terminal) is stale and taken over. A lock written by another
// computer (a shared or synced folder) cannot be checked from here: it is never taken over
// unless the user asks for it (`afstem run … --resume FILE --take-over`). Lock files of older
// afstem versions hold only a pid; they are read as locks of this computer.
import { closeSync, writeSync, readFileSync, unlinkSync } from "node:fs";
import { createExclusive, injectedFault } from "../util/writer.js";
import { hostname } from "node:os";
import { UserError, EXIT } from "../core/errors.js";
import { fill } from "../i18n/lang.js";
import { displayPath } from "../util/paths.js";
import { msg } from "../i18n/messages.js";
import { isDiskFull, systemWords } from "../util/sys-error.js";
import { processAlive } from "../util/process.js";

export interface SessionLock {
  file: string;
  release(): void;
}

/** Who holds a lock. */
export interface LockHolder {
  host: string;
  pid: number;
  /** ISO time the lock was taken; absent in old pid-only lock files. */
  started?: string;
}

export interface LockOptions {
  /** Take the lock whoever holds it (the user said so: --take-over). */
  takeOver?: boolean;
  /** The command that takes this lock over deliberately, for the message of a foreign lock. */
  takeOverCommand?: string;
}

export const lockPath = (sessionFile: string) => `${sessionFile}.lock`;

/** The holder recorded in a lock file's text; an old pid-only file counts as this host's. */
export function parseLock(text: string, thisHost = hostname()): LockHolder | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { host: thisHost, pid: Number(t) };
  try {
    const v = JSON.parse(t) as Partial<LockHolder>;
    if (typeof v.pid === "number" && Number.isInteger(v.pid) && v.pid > 0) {
      return {
        host: typeof v.host === "string" && v.host ? v.host : thisHost,
        pid: v.pid,
        ...(typeof v.started === "string" ? { started: v.started } : {}),
      };
    }
  } catch {
    /* not ours: handled as unreadable below */
  }
  return undefined;
}

/** A lock's start time as people read it: "2026-09-15 09:30". */
export function lockTime(iso: string | undefined): string {
  const d = iso ? new Date(iso) : undefined;
  if (!d || Number.isNaN(d.getTime())) return msg("store.lock.unknown-time");
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function tryCreate(lock: string, me: LockHolder): boolean {
  try {
    // Exclusive, never through a symlink (util/writer.ts); a lock that could be created but
    // not written (a full disk) is removed again: no 0-byte lock is left behind.
    const fd = createExclusive(lock, 0o644);
    try {
      injectedFault(lock);
      writeSync(fd, `${JSON.stringify(me)}\n`);
      closeSync(fd);
    } catch (err) {
      closeSync(fd);
      unlinkSync(lock);
      throw err;
    }
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // A read-only folder, a full disk, a pulled USB stick: say so (the code stays on the error
    // for callers that explain it in their own words, like the runner's autosave).
    throw Object.assign(
      new UserError(
        fill(msg("store.lock.cannot-create-lock-f-code"), { f: displayPath(lock), why: systemWords(err) }),
        EXIT.usage,
        undefined,
        msg(isDiskFull(err) ? "store.lock.free-space-session-folder" : "store.lock.afstem-must-able-write-session"),
      ),
      { code },
    );
  }
}

function foreignLock(sessionFile: string, holder: LockHolder, opts: LockOptions): UserError {
  const f = displayPath(sessionFile);
  return new UserError(
    fill(msg("store.lock.f-already-open-afstem-another"), {
      f,
      host: holder.host,
      pid: holder.pid,
      time: lockTime(holder.started),
    }),
    EXIT.usage,
    undefined,
    fill(msg("store.lock.two-people-updating-same-conversation"), {
      host: holder.host,
      cmd: opts.takeOverCommand ?? `afstem run … --resume ${f} --take-over`,
    }),
  );
}

/**
 * Take the lock or throw a UserError (exit 2) naming who holds it. `onTakeover` is told when a
 * lock was taken over: a stale one of a dead process here, or any one with `takeOver`.
 */
export function acquireLock(
  sessionFile: string,
  onTakeover?: (pid: number, holder: LockHolder) => void,
  opts: LockOptions = {},
): SessionLock {
  const lock = lockPath(sessionFile);
  const me: LockHolder = { host: hostname(), pid: process.pid, started: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(lock, me)) {
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        process.off("exit", release);
        try {
          const h = parseLock(readFileSync(lock, "utf8"), me.host);
          if (h && h.pid === me.pid && h.host === me.host) unlinkSync(lock);
        } catch {
          /* already gone */
        }
      };
      // Whatever way the process ends short of a kill: its stdout closed (`| head`, where the
      // EPIPE handler exits at once), the terminal window closed (writes fail before the SIGHUP
      // handler gets to release), a crash. Every answer is saved already; the lock must not stay.
      process.on("exit", release);
      return { file: lock, release };
    }
    let holder: LockHolder | undefined;
    try {
      holder = parseLock(readFileSync(lock, "utf8"), me.host);
    } catch {
      /* vanished in between: try again */
    }
    if (holder && !opts.takeOver) {
      if (holder.host !== me.host) throw foreignLock(sessionFile, holder, opts);
      if (holder.pid !== me.pid && processAlive(holder.pid)) {
        throw new UserError(
          fill(msg("store.lock.f-already-open-another-afstem"), { f: displayPath(sessionFile), pid: holder.pid }),
          EXIT.usage,
          undefined,
          fill(msg("store.lock.close-conversation-first-stop-ctrl"), { lock: displayPath(lock) }),
        );
      }
    }
    try {
      unlinkSync(lock);
    } catch {
      /* someone else removed it */
    }
    if (holder) onTakeover?.(holder.pid, holder);
  }
  throw new UserError(fill(msg("store.lock.cannot-take-lock-f"), { f: lock }), EXIT.usage);
}
