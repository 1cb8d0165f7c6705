// `afstem run`: the guided conversation. Loads the format, opens or starts the session, and
// hands the conversation to the runner; here live only the edges: files, lock, exit codes.
import { makeDirSync } from "../util/writer.js";
import { statSync } from "node:fs";
import path from "node:path";
import { EXIT, ExitError, UserError } from "../cli/errors.js";
import type { GlobalOptions } from "../cli/options.js";
import type { Io } from "../cli/invocation.js";
import { L, fill, setLang, tr } from "../i18n/lang.js";
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
import { isInterrupt } from "../ui/types.js";
import { newSession, startState } from "../conversation/start.js";
import { reduce } from "../conversation/reduce.js";
import { converse } from "../runner/loop.js";
import { SessionTarget } from "../store/session-target.js";
import { SafeSaver } from "../store/safe-save.js";
import { reviewText } from "../runner/review.js";
import { fillFromAnswers } from "./run-answers.js";
import type { RunnerState } from "../conversation/types.js";
import { cliNameOf } from "../cli/invocation.js";
import { findPrevious, loadPrevious, type Previous } from "../store/previous.js";
import type { PreviousSource } from "../runner/followup.js";
import { finalizedText } from "../conversation/finalize.js";

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
    if (!statSync(dir).isDirectory()) throw new UserError(fill(L({ nl: "--out {d} is geen map", en: "--out {d} is not a directory" }), { d: out ?? "." }), EXIT.usage);
  } catch (err) {
    if (err instanceof UserError) throw err;
    if (create) makeDirSync(dir);
  }
  return dir;
}

async function openResumed(file: string, ref: string | undefined, format: Format, registry: Awaited<ReturnType<typeof loadFormatRef>>["registry"], checker: AnswerChecker, io: Io) {
  const read = await readSessionFile(file);
  const check = read.session ? await validateSession(read, registry, {}, checker) : { findings: read.findings, session: undefined, format: undefined };
  const errors = check.findings.filter((f) => f.severity === "error");
  if (errors.length || !check.session || !check.format) {
    for (const line of findingLines(check.findings.map((f) => ({ ...f, file: displayPath(f.file) })))) io.stderr.write(`${line}\n`);
    throw new UserError(fill(L({ nl: "{f} kan niet worden voortgezet", en: "{f} cannot be continued" }), { f: displayPath(file) }), EXIT.usage, undefined, L({ nl: "Herstel de genoemde regels (afstem validate) en probeer het opnieuw.", en: "Fix the lines above (afstem validate) and try again." }));
  }
  if (check.format.id !== format.id) {
    throw new UserError(fill(L({ nl: "{f} is een gesprek met format '{a}', niet '{b}'", en: "{f} is a session of format '{a}', not '{b}'" }), { f: displayPath(file), a: check.format.id, b: ref ?? "" }), EXIT.usage);
  }
  return { session: check.session as Session, format: check.format };
}

/** `--resume FILE` alone: the format comes from the file. */
async function formatRefOf(ref: string | undefined, o: RunOptions, io: Io): Promise<string> {
  if (ref) return ref;
  if (o.resume) {
    const read = await readSessionFile(o.resume);
    const id = read.session?.format.id;
    if (id) return id;
    for (const line of findingLines(read.findings.map((f) => ({ ...f, file: displayPath(f.file) })))) io.stderr.write(`${line}\n`);
    throw new UserError(fill(L({ nl: "{f} noemt geen format", en: "{f} names no format" }), { f: displayPath(o.resume) }), EXIT.usage, undefined, L({ nl: "Geef het format mee: afstem run FORMAT --resume BESTAND", en: "Name the format: afstem run FORMAT --resume FILE" }));
  }
  throw new UserError(L({ nl: "welk format? Geef een format-id of pad (bijv. afstem run kernteam), of --resume BESTAND", en: "which format? Give a format id or path (e.g. afstem run kernteam), or --resume FILE" }), EXIT.usage);
}

export default async function run(givenRef: string | undefined, o: RunOptions & GlobalOptions, io: Io): Promise<number> {
  const say = (text: string) => void io.stdout.write(`${text}\n`);
  if (o.lang) setLang(o.lang);
  if (o.takeOver && !o.resume) {
    throw new UserError(L({ nl: "--take-over hoort bij --resume: het neemt het slot van een opgeslagen gesprek over", en: "--take-over goes with --resume: it takes over the lock of a saved session" }), EXIT.usage);
  }
  const ref = await formatRefOf(givenRef, o, io);
  const outDir = outDirOf(io.cwd, o.out, !o.answers);
  if (o.answers) {
    const { format, registry } = await loadFormatRef(ref, o.formatsDir);
    return fillFromAnswers(o.answers, format, registry, outDir, io);
  }
  if (io.env.AFSTEM_UI !== "lines" && !io.stdin.isTTY) {
    throw new UserError(
      L({ nl: "'afstem run' stelt vragen en heeft daarvoor een terminal nodig (invoer is geen terminal)", en: "'afstem run' asks questions and needs a terminal for that (input is not a terminal)" }),
      EXIT.usage,
      undefined,
      L({ nl: "Vul een gesprek zonder vragen met --answers BESTAND.", en: "Fill a session without prompts with --answers FILE." }),
    );
  }
  const loaded = await loadFormatRef(ref, o.formatsDir);
  const checker = await AnswerChecker.create();
  let given: Previous | undefined;
  if (o.previous) {
    const p = await loadPrevious(path.resolve(io.cwd, o.previous), loaded.registry, checker);
    if ("error" in p) {
      io.stderr.write(`${p.error}\n`);
      throw new UserError(fill(L({ nl: "{f} kan niet als vorig gesprek worden gelezen", en: "{f} cannot be read as the previous session" }), { f: displayPath(o.previous) }), EXIT.usage, undefined, L({ nl: "Controleer het bestand met afstem validate.", en: "Check the file with afstem validate." }));
    }
    given = p;
  }
  const cli = cliNameOf(io);
  const now = () => Date.now();
  let format = loaded.format;
  let state: RunnerState;
  const takeover = (pid: number, holder?: LockHolder) =>
    say(
      holder && (holder.host !== hostname() || o.takeOver)
        ? fill(L({ nl: "Let op: het slot van {host} (proces {pid}, sinds {time}) is op uw verzoek overgenomen (--take-over).", en: "Note: the lock of {host} (process {pid}, since {time}) was taken over at your request (--take-over)." }), { host: holder.host, pid, time: lockTime(holder.started) })
        : fill(L({ nl: "Let op: het slot van een afgebroken sessie (proces {pid} bestaat niet meer) is overgenomen.", en: "Note: the lock of an interrupted run (process {pid} is gone) was taken over." }), { pid }),
    );
  const conflict = (theirs: string, ours: string) =>
    say(
      fill(
        L({
          nl: "\n⚠ {theirs} is gewijzigd door iemand of iets anders (met de hand, of door een synchronisatiemap) sinds afstem het opsloeg.\n  Die versie blijft ongemoeid. Dit gesprek gaat verder in {ours}.\n  Vergelijk de twee bestanden na afloop, neem over wat nodig is en verwijder er één (report en rollup zien anders beide).",
          en: "\n⚠ {theirs} was changed by someone or something else (by hand, or by a sync folder) since afstem saved it.\n  That version is left alone. This session continues in {ours}.\n  Compare the two files afterwards, take over what is needed and delete one (report and rollup otherwise see both).",
        }),
        { theirs: displayPath(theirs), ours: displayPath(ours) },
      ),
    );
  let target: SessionTarget;
  let firstSave = false;
  if (o.resume) {
    const opened = await openResumed(o.resume, ref, format, loaded.registry, checker, io);
    format = opened.format;
    const lockOptions = { takeOver: o.takeOver === true, takeOverCommand: `afstem run ${ref} --resume ${displayPath(o.resume)} --take-over` };
    target = new SessionTarget(path.dirname(path.resolve(io.cwd, o.resume)), format.id, { onTakeover: takeover, onConflict: conflict, lock: lockOptions }, path.resolve(io.cwd, o.resume));
    state = startState(format, opened.session, now(), true);
    say(fill(L({ nl: "Gesprek: {f}", en: "Session: {f}" }), { f: displayPath(target.file!) }));
    if (state.session.status === "final" && !o.reopen) {
      say(`\n${reviewText(state)}\n`);
      const fin = state.session.finalized;
      const at = fin ? ` (${finalizedText(format, fin.at, fin.by)})` : "";
      say(fill(L({ nl: "Dit gesprek is vastgesteld{at}. Het opent alleen-lezen; wijzigen kan met: {cli} run {ref} --resume {f} --reopen", en: "This session was finalized{at}. It opens read-only; to change it: {cli} run {ref} --resume {f} --reopen" }), { at, cli, ref, f: displayPath(target.file!) }));
      target.release();
      return EXIT.ok;
    }
    // --reopen: the session only becomes a draft again once something is changed (issue 15, item 7).
    if (state.session.status === "final") {
      state = { ...state, reopening: true };
      say(L({ nl: "Heropend om te wijzigen: het gesprek wordt pas weer een concept als u iets verandert.", en: "Reopened for changes: the session only becomes a draft again once you change something." }));
    } else firstSave = true;
  } else {
    target = new SessionTarget(outDir, format.id, { onTakeover: takeover, onConflict: conflict, onFixed: (f) => say(fill(L({ nl: "Opslaan in: {f}", en: "Saving to: {f}" }), { f: displayPath(f) })) });
    state = startState(format, newSession(format, now()), now(), false);
    say(fill(L({ nl: "Nieuw gesprek: {t}\nHet bestand komt in {d} als <datum>-<school>-{id}.yaml; elk antwoord wordt meteen opgeslagen.", en: "New session: {t}\nThe file goes to {d} as <date>-<school>-{id}.yaml; every answer is saved at once." }), { t: tr(format.title), d: displayPath(outDir) || ".", id: format.id }));
  }
  say(L({ nl: "Typ ? bij een vraag voor de opdrachten (:terug, :over, :overzicht, :notitie, :actie, :stop …).", en: "Type ? at a question for the commands (:back, :skip, :review, :note, :action, :stop …)." }));

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
  const resumeHint = () =>
    !saver.finish()
      ? L({ nl: "Niet opgeslagen op schijf: het gesprek staat hierboven als tekst (YAML). Bewaar die tekst als .yaml-bestand.", en: "Not saved to disk: the session is shown above as text (YAML). Keep that text as a .yaml file." })
      : target.file
      ? fill(L({ nl: "Opgeslagen in {f}\nVerder gaan: {cli} run {ref} --resume {f}", en: "Saved to {f}\nTo continue: {cli} run {ref} --resume {f}" }), { f: displayPath(target.file), ref, cli })
      : L({ nl: "Er was nog niets ingevuld; er is niets opgeslagen.", en: "Nothing was filled in yet; nothing was saved." });
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
  const handlers: [NodeJS.Signals, () => void][] = [["SIGINT", onSignal(130)], ["SIGTERM", onSignal(143)], ["SIGHUP", onSignal(129)]];
  for (const [sig, h] of handlers) process.on(sig, h);
  try {
    const previous: PreviousSource = given
      ? { given }
      : { find: () => findPrevious(target.file ? path.dirname(target.file) : outDir, state.session, target.file, loaded.registry, checker) };
    const { outcome, state: end } = await converse(state, { ui, checker, now, save, settle: () => saver.settle(), previous });
    if (end.reopening) {
      say(`\n${L({ nl: "Niets gewijzigd: het gesprek blijft vastgesteld.", en: "Nothing changed: the session stays finalized." })}`);
      return EXIT.ok;
    }
    if (saver.pending) {
      say(`\n${resumeHint()}`);
      return EXIT.findings;
    }
    if (outcome === "final") {
      say(`\n${L({ nl: "✓ Vastgesteld.", en: "✓ Finalized." })} ${fill(L({ nl: "Opgeslagen in {f}", en: "Saved to {f}" }), { f: displayPath(target.file!) })}`);
    } else {
      say(`\n${L({ nl: "Opgeslagen als concept.", en: "Saved as draft." })}\n${resumeHint()}`);
    }
    return EXIT.ok;
  } catch (err) {
    if (!isInterrupt(err)) throw err;
    if (target.file || saver.pending) save(reduce(state, { type: "tick", now: now() }));
    const unsaved = saver.pending;
    say(`\n${L({ nl: "Gestopt (Ctrl+C).", en: "Stopped (Ctrl+C)." })}\n${resumeHint()}`);
    // Nothing could be saved: exit 1, as documented (130 means "everything saved").
    throw new ExitError(unsaved ? EXIT.findings : EXIT.interrupted);
  } finally {
    for (const [sig, h] of handlers) process.off(sig, h);
    target.release();
  }
}
