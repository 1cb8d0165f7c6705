// `afstem run`: the guided conversation. Loads the format, opens or starts the session, and
// hands the conversation to the runner; here live only the edges: files, lock, exit codes.
import { makeDirSync } from "../util/writer.js";
import { statSync } from "node:fs";
import path from "node:path";
import { EXIT, ExitError, UserError } from "../cli/errors.js";
import type { GlobalOptions } from "../cli/options.js";
import type { Io } from "../cli/invocation.js";
import { fill, getLang, tr } from "../i18n/lang.js";
import { loadFormatRef } from "../format/registry.js";
import { readSessionFile } from "../session/io.js";
import { validateSession } from "../session/validate.js";
import { AnswerChecker } from "../session/answer-check.js";
import { findingLines } from "../findings/finding.js";
import { displayPath } from "../util/paths.js";
import { hostname } from "node:os";
import { lockTime, type LockHolder } from "../store/lock.js";
import type { Format } from "../format/types.js";
import type { Session } from "../session/types.js";
import type { Ui } from "../ui/types.js";
import { InputEnded, isInterrupt } from "../ui/types.js";
import { newSession, startState } from "../conversation/start.js";
import { reduce } from "../conversation/reduce.js";
import { converse } from "../runner/loop.js";
import { keepUnsent } from "../runner/ask.js";
import { SessionTarget } from "../store/session-target.js";
import { SafeSaver } from "../store/safe-save.js";
import { reviewText } from "../runner/review.js";
import { answersFormatRef, fillFromAnswers, formatFileFinding } from "./run-answers.js";
import type { RunnerState } from "../conversation/types.js";
import { cliNameOf } from "../cli/invocation.js";
import { findPrevious, loadPrevious, type Previous } from "../store/previous.js";
import type { PreviousSource } from "../runner/followup.js";
import { finalizedText } from "../conversation/finalize.js";
import { msg } from "../i18n/messages.js";
import { shellArg } from "../cli/shell-arg.js";

interface RunOptions {
  out?: string;
  resume?: string;
  answers?: string;
  reopen?: boolean;
  takeOver?: boolean;
  previous?: string;
}

async function makeUi(io: Io): Promise<Ui> {
  if (io.env.AFSTEM_UI === "lines") {
    const { createLineUi, LineReader } = await import("../ui/line-ui.js");
    const reader = new LineReader(io.stdin);
    return createLineUi(() => reader.next(), io.stdout);
  }
  // The prompts draw on the process's own terminal (@inquirer/core reads process.stdin).
  const { createInquirerUi } = await import("../ui/inquirer-ui.js");
  return createInquirerUi(io.stdout as NodeJS.WriteStream);
}

/** --out must be a directory; `create` makes it (run --answers makes it only once there is something to write). */
function outDirOf(cwd: string, out: string | undefined, create = true): string {
  const dir = path.resolve(cwd, out ?? ".");
  try {
    if (!statSync(dir).isDirectory()) throw new UserError(fill(msg("commands.run.out-d-not-folder"), { d: out ?? "." }), EXIT.usage);
  } catch (err) {
    if (err instanceof UserError) throw err;
    if (create) makeDirSync(dir);
  }
  return dir;
}

async function openResumed(
  file: string,
  ref: string | undefined,
  format: Format,
  registry: Awaited<ReturnType<typeof loadFormatRef>>["registry"],
  checker: AnswerChecker,
  io: Io,
) {
  const read = await readSessionFile(file);
  refuseFormatFile(read);
  const check = read.session
    ? await validateSession(read, registry, {}, checker)
    : { findings: read.findings, session: undefined, format: undefined };
  const errors = check.findings.filter((f) => f.severity === "error");
  const shown = () => findingLines(check.findings.map((f) => ({ ...f, file: displayPath(f.file) })));
  // Answers of the right kind that break the format's rules (an old afstem let a repeat grow
  // past its maxItems, a hand edit, a format whose rules changed) are fixed where they are
  // asked: the conversation opens, says which and how, and finalizing waits until they are right.
  // Anything else (a broken or foreign file) still has to be fixed first.
  const fixable = errors.length > 0 && errors.every((f) => FIXABLE_IN_RUN.has(f.rule));
  if (check.session && check.format && fixable) {
    for (const line of shown()) io.stdout.write(`${line}\n`);
    io.stdout.write(
      `${fill(msg("commands.run.n-answers-break-format-fix-run"), { n: errors.length, c: msg("runner.review.change-answer") })}\n`,
    );
  } else if (errors.length || !check.session || !check.format) {
    for (const line of shown()) io.stderr.write(`${line}\n`);
    throw new UserError(
      fill(msg("commands.run.f-cannot-continued"), { f: displayPath(file) }),
      EXIT.usage,
      undefined,
      msg("commands.run.fix-lines-above-afstem-validate"),
    );
  }
  if (check.format.id !== format.id) {
    throw new UserError(
      fill(msg("commands.run.f-session-format-not-b"), { f: displayPath(file), a: check.format.id, b: ref ?? "" }),
      EXIT.usage,
    );
  }
  return { session: check.session as Session, format: check.format };
}

/** `--resume` of a format file: validate's one message for it (use lint), exit 2 as for any file that cannot be continued. */
function refuseFormatFile(read: Awaited<ReturnType<typeof readSessionFile>>): void {
  const kind = formatFileFinding(read);
  if (kind) throw new UserError(kind.message, EXIT.usage, { file: kind.file, line: kind.line, col: kind.col });
}

/** Findings of an answer that `run --resume` opens anyway, to be fixed in the conversation. */
const FIXABLE_IN_RUN = new Set(["answer-validate", "answer-range", "answer-option"]);

/** `--previous FILE`: last year's session, or exit 2 with the reasons when it cannot be read. */
async function readPrevious(
  file: string,
  io: Io,
  registry: Awaited<ReturnType<typeof loadFormatRef>>["registry"],
  checker: AnswerChecker,
): Promise<Previous> {
  const p = await loadPrevious(path.resolve(io.cwd, file), registry, checker);
  if (!("error" in p)) return p;
  io.stderr.write(`${p.error}\n`);
  throw new UserError(
    fill(msg("commands.run.f-cannot-read-previous-session"), { f: displayPath(file) }),
    EXIT.usage,
    undefined,
    msg("commands.run.check-file-afstem-validate"),
  );
}

/** `--resume FILE` alone: the format comes from the file. */
async function formatRefOf(ref: string | undefined, o: RunOptions, io: Io): Promise<string> {
  if (ref) return ref;
  if (o.resume) {
    const read = await readSessionFile(o.resume);
    refuseFormatFile(read);
    const id = read.session?.format.id;
    if (id) return id;
    for (const line of findingLines(read.findings.map((f) => ({ ...f, file: displayPath(f.file) })))) io.stderr.write(`${line}\n`);
    // A file that does not read (a YAML error, a duplicate key) may well name its format: say
    // that it cannot be continued, as with a format given, not that it "names no format".
    if (read.findings.some((f) => f.severity === "error"))
      throw new UserError(
        fill(msg("commands.run.f-cannot-continued"), { f: displayPath(o.resume) }),
        EXIT.usage,
        undefined,
        msg("commands.run.fix-lines-above-afstem-validate"),
      );
    throw new UserError(
      fill(msg("commands.run.f-names-no-format"), { f: displayPath(o.resume) }),
      EXIT.usage,
      undefined,
      msg("commands.run.name-format-afstem-run-format"),
    );
  }
  throw new UserError(msg("commands.run.which-format-give-format-id"), EXIT.usage);
}

export default async function run(givenRef: string | undefined, typed: RunOptions & GlobalOptions, io: Io): Promise<number> {
  const say = (text: string) => void io.stdout.write(`${text}\n`);
  // --resume is the invocation's path: relative to its working folder.
  const o = typed.resume ? { ...typed, resume: path.resolve(io.cwd, typed.resume) } : typed;
  if (o.takeOver && !o.resume) {
    throw new UserError(msg("commands.run.take-over-goes-resume-takes"), EXIT.usage);
  }
  // --answers without a format on the command line: the format the file names.
  const fromAnswers = !givenRef && !o.resume && o.answers ? await answersFormatRef(path.resolve(io.cwd, o.answers), io) : undefined;
  if (typeof fromAnswers === "number") return fromAnswers;
  const ref = await formatRefOf(givenRef ?? fromAnswers, o, io);
  // Before --out is made: a run refused for want of a terminal leaves no empty folder behind.
  if (!o.answers && io.env.AFSTEM_UI !== "lines" && !io.stdin.isTTY) {
    throw new UserError(
      msg("commands.run.afstem-run-asks-questions-needs"),
      EXIT.usage,
      undefined,
      msg("commands.run.fill-session-without-prompts-answers"),
    );
  }
  const outDir = outDirOf(io.cwd, o.out, !o.answers);
  if (o.answers) {
    const { format, registry } = await loadFormatRef(ref, o.formatsDir);
    // An unreadable --previous is refused here too (exit 2, nothing written), as in a conversation.
    if (o.previous) await readPrevious(o.previous, io, registry, await AnswerChecker.create());
    return fillFromAnswers(path.resolve(io.cwd, o.answers), format, registry, outDir, io);
  }
  const loaded = await loadFormatRef(ref, o.formatsDir);
  const checker = await AnswerChecker.create();
  const given = o.previous ? await readPrevious(o.previous, io, loaded.registry, checker) : undefined;
  const cli = cliNameOf(io);
  const now = () => Date.now();
  let format = loaded.format;
  let state: RunnerState;
  const takeover = (pid: number, holder?: LockHolder) =>
    say(
      holder && (holder.host !== hostname() || o.takeOver)
        ? fill(msg("commands.run.note-lock-host-process-pid"), { host: holder.host, pid, time: lockTime(holder.started) })
        : fill(msg("commands.run.note-lock-interrupted-run-process"), { pid }),
    );
  const conflict = (theirs: string, ours: string) =>
    say(fill(msg("commands.run.theirs-was-changed-someone-something"), { theirs: displayPath(theirs), ours: displayPath(ours) }));
  let target: SessionTarget;
  let firstSave = false;
  if (o.resume) {
    const opened = await openResumed(o.resume, ref, format, loaded.registry, checker, io);
    format = opened.format;
    const lockOptions = {
      takeOver: o.takeOver === true,
      takeOverCommand: `afstem run ${shellArg(ref)} --resume ${shellArg(displayPath(o.resume))} --take-over`,
    };
    target = new SessionTarget(
      path.dirname(o.resume),
      format.id,
      {
        onTakeover: takeover,
        onConflict: conflict,
        lock: lockOptions,
        onFixed: (f) => say(fill(msg("commands.run.saving-f"), { f: displayPath(f) })),
      },
      o.resume,
      undefined,
      opened.session.meta,
    );
    state = startState(format, opened.session, now(), true);
    say(fill(msg("commands.run.session-f"), { f: displayPath(target.file!) }));
    if (state.session.status === "final" && !o.reopen) {
      say(`\n${reviewText(state, undefined, checker)}\n`);
      const fin = state.session.finalized;
      const at = fin ? ` (${finalizedText(format, fin.at, fin.by)})` : "";
      say(fill(msg("commands.run.session-was-finalized-opens-read"), { at, cli, ref, f: displayPath(target.file!) }));
      target.release();
      return EXIT.ok;
    }
    // --reopen: the session only becomes a draft again once something is changed (issue 15, item 7).
    if (state.session.status === "final") {
      state = { ...state, reopening: true };
      say(msg("commands.run.reopened-changes-session-only-becomes"));
    } else firstSave = true;
  } else {
    target = new SessionTarget(outDir, format.id, {
      onTakeover: takeover,
      onConflict: conflict,
      onFixed: (f) => say(fill(msg("commands.run.saving-f"), { f: displayPath(f) })),
    });
    state = startState(format, newSession(format, now()), now(), false);
    say(fill(msg("commands.run.new-session-t-file-goes"), { t: tr(format.title), d: displayPath(outDir) || ".", id: format.id }));
  }
  say(msg("commands.run.type-question-commands-back-skip"));

  const ui = await makeUi(io);
  // A failed autosave keeps the state and asks where else to save (runner/safe-save.ts).
  const saver = new SafeSaver(target, { ui, formatRef: ref });
  const save = (s: RunnerState) => {
    state = s;
    // Looking at a reopened session changes nothing on disk.
    if (s.reopening) return;
    const file = saver.save(s);
    if (file) ui.saved?.(file);
  };
  if (firstSave) save(state);
  // What the resumed run needs to be the same conversation: last year's file and the language.
  // Every flag the run needs again: the printed command must work where the user is (a format
  // from --formats-dir was "unknown format" without it).
  const asTyped = (p: string) => shellArg(displayPath(path.resolve(io.cwd, p)));
  const resumeFlags = `${o.formatsDir ? ` --formats-dir ${asTyped(o.formatsDir)}` : ""}${o.previous ? ` --previous ${asTyped(o.previous)}` : ""}${getLang() === "en" ? " --lang en" : ""}`;
  const resumeHint = () =>
    !saver.finish()
      ? msg("commands.run.not-saved-disk-session-shown")
      : target.file
        ? fill(msg("commands.run.saved-f-continue-cli-run"), {
            f: displayPath(target.file),
            arg: shellArg(displayPath(target.file)),
            // A reopened session still final (nothing changed): without --reopen it opens read-only.
            ref: shellArg(ref) + resumeFlags + (o.reopen && state.session.status === "final" ? " --reopen" : ""),
            cli,
          })
        : msg("commands.run.nothing-was-filled-yet-nothing");
  // A terminal closed or killed between prompts: what was acknowledged is saved already;
  // book the last stretch of time and release the lock.
  // Could nothing be saved, the exit code is 1 (the README's promise), whatever the signal.
  const onSignal = (code: number) => () => {
    let saved = true;
    try {
      if (target.file || saver.pending) saver.save(reduce(state, { type: "tick", now: now() }));
    } finally {
      target.release();
      saved = !saver.pending;
      io.stdout.write(`\n${resumeHint()}\n`);
      io.exit(saved ? code : EXIT.findings);
    }
  };
  const handlers: [NodeJS.Signals, () => void][] = [
    ["SIGINT", onSignal(130)],
    ["SIGTERM", onSignal(143)],
    ["SIGHUP", onSignal(129)],
  ];
  for (const [sig, h] of handlers) process.on(sig, h);
  try {
    const previous: PreviousSource = given
      ? { given }
      : {
          find: () => findPrevious(target.file ? path.dirname(target.file) : outDir, state.session, target.file, loaded.registry, checker),
        };
    const { outcome, state: end } = await converse(state, { ui, checker, now, save, settle: () => saver.settle(), previous });
    if (end.reopening) {
      say(`\n${msg("commands.run.nothing-changed-session-stays-finalized")}`);
      return EXIT.ok;
    }
    if (saver.pending) {
      say(`\n${resumeHint()}`);
      return EXIT.findings;
    }
    if (outcome === "final") {
      say(`\n${msg("commands.run.finalized")} ${fill(msg("commands.run.saved-f"), { f: displayPath(target.file!) })}`);
    } else {
      say(`\n${msg("commands.run.saved-draft")}\n${resumeHint()}`);
    }
    return EXIT.ok;
  } catch (err) {
    if (!isInterrupt(err)) throw err;
    // A line typed but not confirmed with Enter when Ctrl+C came: kept in the question's note.
    const unsent = ui.unsent?.();
    if (unsent) state = keepUnsent(state, unsent, now());
    if (target.file || saver.pending) save(reduce(state, { type: "tick", now: now() }));
    const unsaved = saver.pending;
    // End of input (AFSTEM_UI=lines) stops as Ctrl+C does, and is told as what it is.
    say(`\n${msg(err instanceof InputEnded ? "commands.run.input-ended" : "commands.run.stopped-ctrl-c")}\n${resumeHint()}`);
    // Nothing could be saved: exit 1, as documented (130 means "everything saved").
    throw new ExitError(unsaved ? EXIT.findings : EXIT.interrupted);
  } finally {
    for (const [sig, h] of handlers) process.off(sig, h);
    target.release();
  }
}
