// Where the session is saved. The name is `<datum>-<school>-<format>.yaml`; until school and
// datum are known (or the meta fields are behind us) the name follows the answers, and the
// file is moved when it changes. After that the name is fixed, even if school is edited later.
//
// Someone else's version is never overwritten: before each save the file is compared with what
// this runner last wrote (session/fingerprint.ts). If it changed (edited by hand, synced back by
// a cloud folder), that version is left exactly as it is and this conversation continues in
// `<name>.conflict-<time>.yaml`; `onConflict` tells the user which two files to compare.
import { existsSync, unlinkSync } from "node:fs";
import path from "node:path";
import { serializeSession } from "../session/io.js";
import { acquireLock, type LockHolder, type LockOptions, type SessionLock } from "../store/lock.js";
import { changeSince, fingerprintOf, hashOf, type Fingerprint } from "../session/fingerprint.js";
import { writeFileAtomicSync } from "../util/atomic-write.js";
import { sessionFileName } from "../util/files.js";
import { isAnswered } from "../session/condition.js";
import type { RunnerState } from "./types.js";
import { sectionOf } from "./steps.js";
import { META_SECTION } from "../format/walk.js";

export interface TargetEvents {
  /** A lock was taken over: a stale one of a dead process, or (with --take-over) any. */
  onTakeover(pid: number, holder?: LockHolder): void;
  /** The file name became final. */
  onFixed?(file: string): void;
  /** `theirs` changed on disk behind our back and was left alone; we now save to `ours`. */
  onConflict?(theirs: string, ours: string): void;
  /** How to take the lock of a resumed file (--take-over). */
  lock?: LockOptions;
}

/** `<name>.conflict-20260915-093012.yaml` next to `file`, not yet taken. */
export function conflictName(file: string, at: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  const base = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.conflict-${stamp}`);
  let candidate = `${base}.yaml`;
  for (let n = 2; existsSync(candidate); n++) candidate = `${base}-${n}.yaml`;
  return candidate;
}

export class SessionTarget {
  private current?: string;
  private lock?: SessionLock;
  private fixed: boolean;
  /** What is on disk at `current` as far as we know: what we last wrote (or found, on --resume). */
  private written?: Fingerprint;

  constructor(
    private readonly dir: string,
    private readonly formatId: string,
    private readonly events: TargetEvents,
    /** --resume: the file is given and stays. */
    file?: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.fixed = file !== undefined;
    if (file) {
      this.lock = acquireLock(file, events.onTakeover, events.lock);
      this.current = file;
      this.written = fingerprintOf(file);
    }
  }

  get file(): string | undefined {
    return this.current;
  }

  private nameFor(state: RunnerState): string {
    const base = sessionFileName(state.session.meta, this.formatId, "");
    let candidate = path.join(this.dir, `${base}.yaml`);
    // Never overwrite another conversation that happens to get the same name.
    for (let n = 2; candidate !== this.current && existsSync(candidate); n++) candidate = path.join(this.dir, `${base}-${n}.yaml`);
    return candidate;
  }

  /** Did the file we write to change since we last wrote it? */
  private changedBehindUs(): boolean {
    if (!this.current || !this.written) return false;
    const { change, now } = changeSince(this.current, this.written);
    if (change === "same" && now) this.written = now;
    return change === "changed";
  }

  /** Lock `file`, write the session there; on failure nothing is left locked. */
  private writeNew(file: string, text: string): SessionLock {
    const lock = acquireLock(file, this.events.onTakeover);
    try {
      this.writeTo(file, text);
    } catch (err) {
      lock.release();
      throw err;
    }
    return lock;
  }

  private writeTo(file: string, text: string): void {
    writeFileAtomicSync(file, text);
    this.written = fingerprintOf(file, hashOf(text));
  }

  /** Continue in `file` (locked, written); the previous file is kept as it is. */
  private switchTo(file: string, text: string): void {
    const lock = this.writeNew(file, text);
    this.lock?.release();
    this.lock = lock;
    this.current = file;
  }

  save(state: RunnerState): string {
    const text = serializeSession(state.session);
    if (this.changedBehindUs()) {
      const theirs = this.current!;
      this.switchTo(conflictName(theirs, this.clock()), text);
      this.fixed = true;
      this.events.onConflict?.(theirs, this.current!);
      return this.current!;
    }
    let written = false;
    if (!this.fixed) {
      const desired = this.nameFor(state);
      if (desired !== this.current) {
        const old = this.current;
        this.switchTo(desired, text);
        written = true;
        // Unchanged since we wrote it (checked above), so it is ours to remove.
        if (old) {
          try {
            unlinkSync(old);
          } catch {
            /* not there */
          }
        }
      }
      const meta = state.session.meta;
      const named = isAnswered(meta.datum) && [meta.school, meta.regio, meta.gemeente].some((v) => isAnswered(v));
      if (named || sectionOf(state.format, state.cursor) !== META_SECTION) {
        this.fixed = true;
        this.events.onFixed?.(this.current!);
      }
    }
    if (!written) this.writeTo(this.current!, text);
    return this.current!;
  }

  /**
   * Save to a file the user chose (after the usual place failed). From then on autosaves go
   * there; the old file, if any, stays as it was last written.
   */
  moveTo(file: string, state: RunnerState): string {
    this.switchTo(file, serializeSession(state.session));
    this.fixed = true;
    return file;
  }

  release(): void {
    this.lock?.release();
  }
}
