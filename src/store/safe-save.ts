// Autosave that never loses an answer. When the disk is full, the folder read-only or the USB
// stick pulled out, the save fails but the conversation goes on: the state stays in memory, the
// user is told at once, and before the next question asked where else to save it (a folder or
// a file name). An empty answer, a second failure that the user gives up on, Ctrl+C or the end of
// the conversation while still unsaved: the session is printed as YAML on standard output, with
// a comment saying what to do with it. Every next autosave tries the usual place again.
import { makeDirSync } from "../util/writer.js";
import { existsSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { cliName } from "../cli/invocation.js";
import { systemWords } from "../util/sys-error.js";
import { fill } from "../i18n/lang.js";
import { serializeSession } from "../session/io.js";
import { displayPath } from "../util/paths.js";
import { sessionFileName } from "../util/files.js";
import { isInterrupt, type Ui } from "../ui/types.js";
import type { RunnerState } from "../conversation/types.js";
import { msg } from "../i18n/messages.js";
import { scope } from "../util/scope.js";

/** What the saver needs of SessionTarget. */
export interface SaveTarget {
  readonly file?: string;
  save(state: RunnerState): string;
  moveTo(file: string, state: RunnerState): string;
}

export interface SaverIo {
  ui: Ui;
  /** Where the YAML goes when nothing else works (standard output). */
  out?: (text: string) => void;
  /** For the --resume hint in the printed YAML. */
  formatRef: string;
}

/** Standard output, synchronously (also from signal handlers); standard error if that fails too. */
function writeOut(text: string): void {
  try {
    writeSync(1, text);
  } catch {
    writeSync(2, text);
  }
}

/** The reason in words a user can act on (util/sys-error.ts). */
export const saveFailure = (err: unknown): string => systemWords(err);

export class SafeSaver {
  private unsaved?: RunnerState;
  private reason = "";
  private mustAsk = false;
  private printed?: RunnerState;

  constructor(
    private readonly target: SaveTarget,
    private readonly io: SaverIo,
  ) {}

  /** The file saved to, or undefined when this save failed (the state is kept). Never throws. */
  save(state: RunnerState): string | undefined {
    try {
      const file = this.target.save(state);
      if (this.unsaved) this.io.ui.print(fill(msg("store.safeSave.saved-again-f"), { f: displayPath(file) }));
      this.unsaved = undefined;
      return file;
    } catch (err) {
      const first = !this.unsaved;
      this.unsaved = state;
      this.reason = saveFailure(err);
      if (first) {
        this.mustAsk = true;
        this.io.ui.print(
          fill(msg("store.safeSave.saving-where-failed-why-your"), {
            where: this.target.file ? displayPath(this.target.file) : msg("store.safeSave.chosen-folder"),
            why: this.reason,
          }),
        );
      }
      return undefined;
    }
  }

  /** True while the latest state is only in memory. */
  get pending(): boolean {
    return this.unsaved !== undefined;
  }

  /** Between questions: after a failed save, ask where else to save. */
  async settle(): Promise<void> {
    if (!this.mustAsk || !this.unsaved) return;
    this.mustAsk = false;
    for (;;) {
      let answer: string;
      try {
        answer = await this.io.ui.input({
          message: msg("store.safeSave.where-should-afstem-save-session"),
        });
      } catch (err) {
        if (isInterrupt(err)) this.finish();
        throw err;
      }
      if (answer.trim() === "") {
        this.print(this.unsaved);
        this.io.ui.print(msg("store.safeSave.copy-text-above-into-yaml"));
        return;
      }
      const problem = this.tryMove(answer.trim(), this.unsaved);
      if (!problem) return;
      this.io.ui.print(fill(msg("store.safeSave.failed-too-why-try-another"), { why: problem }));
    }
  }

  /** Save where the user said; returns what went wrong, or undefined when saved. */
  private tryMove(typed: string, state: RunnerState): string | undefined {
    try {
      let file = path.resolve(scope().cwd, typed);
      const isYaml = /\.ya?ml$/i.test(file);
      if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, this.fileName(state));
      else if (!existsSync(file) && !isYaml) {
        makeDirSync(file);
        file = path.join(file, this.fileName(state));
      }
      if (existsSync(file)) return fill(msg("store.safeSave.f-already-exists-afstem-does"), { f: displayPath(file) });
      const saved = this.target.moveTo(file, state);
      this.unsaved = undefined;
      this.io.ui.print(fill(msg("store.safeSave.saved-f-from-now-afstem"), { f: displayPath(saved) }));
      return undefined;
    } catch (err) {
      return saveFailure(err);
    }
  }

  private fileName(state: RunnerState): string {
    return this.target.file ? path.basename(this.target.file) : sessionFileName(state.session.meta, state.format.id, ".yaml");
  }

  /** The session as YAML on standard output, with what to do with it. */
  private print(state: RunnerState): void {
    const name = this.fileName(state);
    const head = fill(msg("store.safeSave.afstem-session-could-not-saved"), {
      why: this.reason,
      name,
      ref: this.io.formatRef,
      cli: cliName(),
    });
    (this.io.out ?? writeOut)(`\n${head}${serializeSession(state.session)}\n`);
    this.printed = state;
  }

  /** At the end (or on a signal): if the last state is not on disk, print it. Returns true when saved. */
  finish(): boolean {
    if (!this.unsaved) return true;
    if (this.printed !== this.unsaved) this.print(this.unsaved);
    return false;
  }
}
