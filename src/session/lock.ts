// One runner per session file: a lock file next to it holds the runner's pid. A lock whose
// process is gone (a crash, a killed terminal) is stale and taken over.
import { closeSync, writeSync, readFileSync, unlinkSync } from "node:fs";
import { createExclusive, injectedFault } from "../util/writer.js";
import { UserError, EXIT } from "../cli/errors.js";
import { L, fill } from "../i18n/lang.js";
import { displayPath } from "../util/paths.js";

export interface SessionLock {
  file: string;
  release(): void;
}

export const lockPath = (sessionFile: string) => `${sessionFile}.lock`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function tryCreate(lock: string): boolean {
  try {
    // Exclusive, never through a symlink (util/writer.ts); a lock that could be created but
    // not written (a full disk) is removed again: no 0-byte lock is left behind.
    const fd = createExclusive(lock, 0o644);
    try {
      injectedFault(lock);
      writeSync(fd, `${process.pid}\n`);
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
        fill(L({ nl: "kan het slot {f} niet aanmaken ({code})", en: "cannot create the lock {f} ({code})" }), { f: displayPath(lock), code: code ?? String(err) }),
        EXIT.usage,
        undefined,
        L({ nl: "afstem moet in de map van het gesprek kunnen schrijven. Kopieer het gesprek naar een map waarin u mag schrijven en probeer het opnieuw.", en: "afstem must be able to write in the session's folder. Copy the session to a folder you can write to and try again." }),
      ),
      { code },
    );
  }
}

/**
 * Take the lock or throw a UserError (exit 2) naming the process that holds it.
 * `onTakeover` is told when a stale lock of a dead process was taken over.
 */
export function acquireLock(sessionFile: string, onTakeover?: (pid: number) => void): SessionLock {
  const lock = lockPath(sessionFile);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(lock)) {
      let held = true;
      return {
        file: lock,
        release() {
          if (!held) return;
          held = false;
          try {
            if (readFileSync(lock, "utf8").trim() === String(process.pid)) unlinkSync(lock);
          } catch {
            /* already gone */
          }
        },
      };
    }
    let pid = NaN;
    try {
      pid = Number.parseInt(readFileSync(lock, "utf8").trim(), 10);
    } catch {
      /* vanished in between: try again */
    }
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
      throw new UserError(
        fill(L({ nl: "{f} is al geopend door een andere afstem (proces {pid})", en: "{f} is already open in another afstem (process {pid})" }), { f: displayPath(sessionFile), pid }),
        EXIT.usage,
        undefined,
        fill(
          L({
            nl: "Sluit dat gesprek eerst af (:stop of Ctrl+C) en probeer het dan opnieuw. Is er zeker geen ander afstem-venster open (ook niet op een andere computer met dezelfde map), verwijder dan {lock}.",
            en: "Close that conversation first (:stop or Ctrl+C), then try again. If there is certainly no other afstem window open (not on another computer using the same folder either), delete {lock}.",
          }),
          { lock: displayPath(lock) },
        ),
      );
    }
    try {
      unlinkSync(lock);
    } catch {
      /* someone else removed it */
    }
    if (Number.isInteger(pid)) onTakeover?.(pid);
  }
  throw new UserError(fill(L({ nl: "kan het slot {f} niet nemen", en: "cannot take the lock {f}" }), { f: lock }), EXIT.usage);
}
