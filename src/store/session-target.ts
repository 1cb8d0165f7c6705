// Where the session is saved. The name is `<datum>-<school>-<format>.yaml`; until school and
// datum are known (or the meta fields are behind us) the name follows the answers, and the
// file is moved when it changes. After that the name is fixed, even if school is edited later.
//
// Someone else's version is never overwritten: before each save the file is compared with what
// this runner last wrote (session/fingerprint.ts). If it changed (edited by hand, synced back by
// a cloud folder), that version is left exactly as it is and this conversation continues in
// `<name>.conflict-<time>.yaml`; `onConflict` tells the user which two files to compare.
import { unlinkSync } from "node:fs";
import path from "node:path";
import { serializeSession } from "../session/io.js";
import { acquireLock, type LockHolder, type LockOptions, type SessionLock } from "./lock.js";
import { changeSince, fingerprintOf, hashOf, type Fingerprint } from "../session/fingerprint.js";
import { sweepStaleTemps, writeFileAtomicSync } from "../util/writer.js";
import { UserError } from "../cli/errors.js";
import { sessionFileName } from "../util/files.js";
import { isAnswered } from "../session/condition.js";
import type { AnswerValue } from "../format/types.js";
import type { RunnerState } from "../conversation/types.js";
import { sectionOf } from "../conversation/steps.js";
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

/** `<name>.conflict-20260915-093012.yaml` next to `file` (then `-2`, `-3` for n > 1). */
export function conflictName(file: string, at: Date, n = 1): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  const base = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.conflict-${stamp}`);
  return n === 1 ? `${base}.yaml` : `${base}-${n}.yaml`;
}

/** The lock is held by another live afstem (a UserError without a system error code). */
const heldElsewhere = (err: unknown) => err instanceof UserError && (err as NodeJS.ErrnoException).code === undefined;

/** School (or region) and date known: the file has its final name. */
function isNamed(meta: Record<string, unknown>): boolean {
  return isAnswered(meta.datum as AnswerValue) && [meta.school, meta.regio, meta.gemeente].some((v) => isAnswered(v as AnswerValue));
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
    /** --resume: the file is given and stays (unless `renamable`). */
    file?: string,
    private readonly clock: () => Date = () => new Date(),
    /**
     * --resume: the session's meta as read. A file afstem named itself before school and date
     * were known (`zonder-datum-…`) moves to its proper name once they are, as in the first
     * run; a file the user named is never renamed.
     */
    resumedMeta?: Record<string, unknown>,
  ) {
    this.fixed = file !== undefined && !(resumedMeta && !isNamed(resumedMeta) && this.autoNamed(file, resumedMeta));
    // A run killed mid-save (SIGKILL, power cut) left its temporary file, the whole conversation
    // in it: the next run in this folder removes those of processes that are gone (README, "Onderbroken").
    sweepStaleTemps(file ? path.dirname(file) : dir);
    if (file) {
      this.lock = acquireLock(file, events.onTakeover, events.lock);
      this.current = file;
      this.written = fingerprintOf(file);
    }
  }

  get file(): string | undefined {
    return this.current;
  }

  /** Is `file` the name nameFor() gives this meta (or one of its `-2`, `-3`, … variants)? */
  private autoNamed(file: string, meta: Record<string, unknown>): boolean {
    const base = path.basename(file, ".yaml");
    const auto = sessionFileName(meta, this.formatId, "");
    return (
      path.resolve(path.dirname(file)) === path.resolve(this.dir) &&
      (base === auto || (base.startsWith(`${auto}-`) && /^\d+$/.test(base.slice(auto.length + 1))))
    );
  }

  private nameFor(state: RunnerState): (n: number) => string {
    const base = sessionFileName(state.session.meta, this.formatId, "");
    return (n) => path.join(this.dir, n === 1 ? `${base}.yaml` : `${base}-${n}.yaml`);
  }

  /**
   * Lock and write a NEW file at the first free name `nameAt(1)`, `nameAt(2)`, …: the name is
   * claimed exclusively (util/writer.ts), so another conversation that gets the same name,
   * even in another process at the same moment, is never overwritten. Reaching our own
   * current file ends the search (undefined: nothing to move).
   */
  private claimNew(nameAt: (n: number) => string, text: string): string | undefined {
    for (let n = 1; n < 10_000; n++) {
      const file = nameAt(n);
      if (file === this.current) return undefined;
      let lock: SessionLock;
      try {
        lock = acquireLock(file, this.events.onTakeover);
      } catch (err) {
        if (heldElsewhere(err)) continue;
        throw err;
      }
      try {
        this.writeTo(file, text, true);
      } catch (err) {
        lock.release();
        if ((err as NodeJS.ErrnoException).code === "EEXIST") continue;
        throw err;
      }
      this.lock?.release();
      this.lock = lock;
      this.current = file;
      return file;
    }
    throw new Error(`no free name for ${nameAt(1)}`);
  }

  /** Did the file we write to change since we last wrote it? */
  private changedBehindUs(): boolean {
    if (!this.current || !this.written) return false;
    const { change, now } = changeSince(this.current, this.written);
    if (change === "same" && now) this.written = now;
    return change === "changed";
  }

  private writeTo(file: string, text: string, exclusive = false): void {
    writeFileAtomicSync(file, text, { exclusive });
    this.written = fingerprintOf(file, hashOf(text));
  }

  save(state: RunnerState): string {
    const text = serializeSession(state.session);
    if (this.changedBehindUs()) {
      const theirs = this.current!;
      const at = this.clock();
      this.claimNew((n) => conflictName(theirs, at, n), text);
      this.fixed = true;
      this.events.onConflict?.(theirs, this.current!);
      return this.current!;
    }
    let written = false;
    if (!this.fixed) {
      const old = this.current;
      if (this.claimNew(this.nameFor(state), text)) {
        written = true;
        // Unchanged since we wrote it (checked above), so it is ours to remove.
        this.removeOld(old);
      }
      if (isNamed(state.session.meta) || sectionOf(state.format, state.cursor) !== META_SECTION) {
        this.fixed = true;
        this.events.onFixed?.(this.current!);
      }
    }
    if (!written) this.writeTo(this.current!, text);
    return this.current!;
  }

  /**
   * Save to a file the user chose (after the usual place failed). From then on autosaves go
   * there; the old file, if it is still what we last wrote, is removed (one conversation, one
   * file); if someone changed it meanwhile, it stays.
   */
  moveTo(file: string, state: RunnerState): string {
    let unchanged = false;
    try {
      unchanged = !this.changedBehindUs();
    } catch {
      /* cannot tell: keep it */
    }
    const old = unchanged ? this.current : undefined;
    // Only this exact name: EEXIST when it is taken (the caller says so and asks again).
    this.claimNew((n) => {
      if (n > 1) throw Object.assign(new Error(`EEXIST: file already exists, '${file}'`), { code: "EEXIST", path: file });
      return file;
    }, serializeSession(state.session));
    this.fixed = true;
    this.removeOld(old);
    return file;
  }

  /**
   * The conversation moved (a new name, or another folder after a failed save): the previous
   * copy was ours and unchanged since we wrote it (checked before each save), so it goes, and
   * one conversation keeps one file. If it cannot be removed now (the folder that failed),
   * it is left; it holds an older state of the same conversation.
   */
  private removeOld(old: string | undefined): void {
    if (!old || old === this.current) return;
    try {
      unlinkSync(old);
    } catch {
      /* not there, or the folder is gone */
    }
  }

  release(): void {
    this.lock?.release();
  }
}
