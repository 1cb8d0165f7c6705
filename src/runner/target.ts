// Where the session is saved. The name is `<datum>-<school>-<format>.yaml`; until school and
// datum are known (or the meta fields are behind us) the name follows the answers, and the
// file is moved when it changes. After that the name is fixed, even if school is edited later.
import { existsSync, unlinkSync } from "node:fs";
import path from "node:path";
import { writeSessionFile } from "../session/io.js";
import { acquireLock, type SessionLock } from "../session/lock.js";
import { sessionFileName } from "../util/files.js";
import { isAnswered } from "../session/condition.js";
import type { RunnerState } from "./types.js";
import { sectionOf } from "./steps.js";
import { META_SECTION } from "../format/walk.js";

export class SessionTarget {
  private current?: string;
  private lock?: SessionLock;
  private fixed: boolean;

  constructor(
    private readonly dir: string,
    private readonly formatId: string,
    private readonly onTakeover: (pid: number) => void,
    /** --resume: the file is given and stays. */
    file?: string,
    /** Told when the file name becomes final. */
    private readonly onFixed: (file: string) => void = () => {},
  ) {
    this.fixed = file !== undefined;
    if (file) {
      this.current = file;
      this.lock = acquireLock(file, onTakeover);
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

  save(state: RunnerState): string {
    let written = false;
    if (!this.fixed) {
      const desired = this.nameFor(state);
      if (desired !== this.current) {
        const lock = acquireLock(desired, this.onTakeover);
        writeSessionFile(desired, state.session);
        written = true;
        if (this.current) {
          try {
            unlinkSync(this.current);
          } catch {
            /* not there */
          }
          this.lock?.release();
        }
        this.lock = lock;
        this.current = desired;
      }
      const meta = state.session.meta;
      const named = isAnswered(meta.datum) && [meta.school, meta.regio, meta.gemeente].some((v) => isAnswered(v));
      if (named || sectionOf(state.format, state.cursor) !== META_SECTION) {
        this.fixed = true;
        this.onFixed(this.current!);
      }
    }
    if (!written) writeSessionFile(this.current!, state.session);
    return this.current!;
  }

  release(): void {
    this.lock?.release();
  }
}
