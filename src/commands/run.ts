// `afstem run`: the guided conversation. Loads the format, opens or starts the session, and
// hands the conversation to the runner; here live only the edges: files, lock, exit codes.
import { makeDirSync } from "../util/writer.js";
import { statSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { EXIT, ExitError, UserError } from "../cli/errors.js";
import { optionsOf } from "../cli/options.js";
import { L, fill, setLang, tr } from "../i18n/lang.js";
import { loadFormatRef } from "../format/registry.js";
import { readSessionFile } from "../session/io.js";
import { validateSession } from "../session/validate.js";
import { AnswerChecker } from "../session/answer-check.js";
import { findingLines } from "../findings/finding.js";
import { displayPath } from "../util/paths.js";
import type { Format } from "../format/types.js";
import type { Session } from "../session/types.js";
import type { Ui } from "../ui/types.js";
import { isInterrupt } from "../ui/types.js";
import { newSession, startState } from "../runner/start.js";
import { reduce } from "../runner/reduce.js";
import { converse } from "../runner/loop.js";
import { SessionTarget } from "../runner/target.js";
import { SafeSaver } from "../runner/safe-save.js";
import { reviewText } from "../runner/review.js";
import { fillFromAnswers } from "../runner/answers-file.js";
import type { RunnerState } from "../runner/types.js";

interface RunOptions {
  out?: string;
  resume?: string;
  answers?: string;
  reopen?: boolean;
}

const say = (text: string) => void process.stdout.write(`${text}\n`);

async function makeUi(): Promise<Ui> {
  if (process.env.AFSTEM_UI === "lines") {
    const { createLineUi, LineReader } = await import("../ui/line-ui.js");
    const reader = new LineReader(process.stdin);
    return createLineUi(() => reader.next(), process.stdout);
  }
  const { createInquirerUi } = await import("../ui/inquirer-ui.js");
  return createInquirerUi();
}

/** --out must be a directory; `create` makes it (run --answers makes it only once there is something to write). */
function outDirOf(out: string | undefined, create = true): string {
  const dir = path.resolve(out ?? ".");
  try {
    if (!statSync(dir).isDirectory()) throw new UserError(fill(L({ nl: "--out {d} is geen map", en: "--out {d} is not a directory" }), { d: out ?? "." }), EXIT.usage);
  } catch (err) {
    if (err instanceof UserError) throw err;
    if (create) makeDirSync(dir);
  }
  return dir;
}

async function openResumed(file: string, ref: string, format: Format, registry: Awaited<ReturnType<typeof loadFormatRef>>["registry"], checker: AnswerChecker) {
  const read = await readSessionFile(file);
  const check = read.session ? await validateSession(read, registry, {}, checker) : { findings: read.findings, session: undefined, format: undefined };
  const errors = check.findings.filter((f) => f.severity === "error");
  if (errors.length || !check.session || !check.format) {
    for (const line of findingLines(check.findings.map((f) => ({ ...f, file: displayPath(f.file) })))) process.stderr.write(`${line}\n`);
    throw new UserError(fill(L({ nl: "{f} kan niet worden voortgezet", en: "{f} cannot be continued" }), { f: displayPath(file) }), EXIT.usage, undefined, L({ nl: "Herstel de genoemde regels (afstem validate) en probeer het opnieuw.", en: "Fix the lines above (afstem validate) and try again." }));
  }
  if (check.format.id !== format.id) {
    throw new UserError(fill(L({ nl: "{f} is een gesprek met format '{a}', niet '{b}'", en: "{f} is a session of format '{a}', not '{b}'" }), { f: displayPath(file), a: check.format.id, b: ref }), EXIT.usage);
  }
  return { session: check.session as Session, format: check.format };
}

export default async function run(ref: string, _opts: unknown, cmd: Command): Promise<number> {
  const o = optionsOf<RunOptions>(cmd);
  if (o.lang) setLang(o.lang);
  const outDir = outDirOf(o.out, !o.answers);
  if (o.answers) {
    const { format, registry } = await loadFormatRef(ref, o.formatsDir);
    return fillFromAnswers(o.answers, format, registry, outDir);
  }
  if (process.env.AFSTEM_UI !== "lines" && !process.stdin.isTTY) {
    throw new UserError(
      L({ nl: "'afstem run' stelt vragen en heeft daarvoor een terminal nodig (invoer is geen terminal)", en: "'afstem run' asks questions and needs a terminal for that (input is not a terminal)" }),
      EXIT.usage,
      undefined,
      L({ nl: "Vul een gesprek zonder vragen met --answers BESTAND.", en: "Fill a session without prompts with --answers FILE." }),
    );
  }
  const loaded = await loadFormatRef(ref, o.formatsDir);
  const checker = await AnswerChecker.create();
  const now = () => Date.now();
  let format = loaded.format;
  let state: RunnerState;
  const takeover = (pid: number) =>
    say(fill(L({ nl: "Let op: het slot van een afgebroken sessie (proces {pid} bestaat niet meer) is overgenomen.", en: "Note: the lock of an interrupted run (process {pid} is gone) was taken over." }), { pid }));
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
    const opened = await openResumed(o.resume, ref, format, loaded.registry, checker);
    format = opened.format;
    target = new SessionTarget(path.dirname(path.resolve(o.resume)), format.id, { onTakeover: takeover, onConflict: conflict }, path.resolve(o.resume));
    state = startState(format, opened.session, now(), true);
    say(fill(L({ nl: "Gesprek: {f}", en: "Session: {f}" }), { f: displayPath(target.file!) }));
    if (state.session.status === "final" && !o.reopen) {
      say(`\n${reviewText(state)}\n`);
      const fin = state.session.finalized;
      say(fill(L({ nl: "Dit gesprek is vastgesteld{at}. Het opent alleen-lezen; wijzigen kan met: afstem run {ref} --resume {f} --reopen", en: "This session was finalized{at}. It opens read-only; to change it: afstem run {ref} --resume {f} --reopen" }), { at: fin ? ` (${fin.at}, ${fin.by.join(", ")})` : "", ref, f: displayPath(target.file!) }));
      target.release();
      return EXIT.ok;
    }
    if (state.session.status === "final") state = reduce(state, { type: "reopen", now: now() });
    firstSave = true;
  } else {
    target = new SessionTarget(outDir, format.id, { onTakeover: takeover, onConflict: conflict, onFixed: (f) => say(fill(L({ nl: "Opslaan in: {f}", en: "Saving to: {f}" }), { f: displayPath(f) })) });
    state = startState(format, newSession(format, now()), now(), false);
    say(fill(L({ nl: "Nieuw gesprek: {t}\nHet bestand komt in {d} als <datum>-<school>-{id}.yaml; elk antwoord wordt meteen opgeslagen.", en: "New session: {t}\nThe file goes to {d} as <date>-<school>-{id}.yaml; every answer is saved at once." }), { t: tr(format.title), d: displayPath(outDir) || ".", id: format.id }));
  }
  say(L({ nl: "Typ ? bij een vraag voor de opdrachten (:terug, :over, :overzicht, :notitie, :actie, :stop …).", en: "Type ? at a question for the commands (:back, :skip, :review, :note, :action, :stop …)." }));

  const ui = await makeUi();
  // A failed autosave keeps the state and asks where else to save (runner/safe-save.ts).
  const saver = new SafeSaver(target, { ui, formatRef: ref });
  const save = (s: RunnerState) => {
    state = s;
    const file = saver.save(s);
    if (file) ui.saved?.(file);
  };
  if (firstSave) save(state);
  const resumeHint = () =>
    !saver.finish()
      ? L({ nl: "Niet opgeslagen op schijf: het gesprek staat hierboven als tekst (YAML). Bewaar die tekst als .yaml-bestand.", en: "Not saved to disk: the session is shown above as text (YAML). Keep that text as a .yaml file." })
      : target.file
      ? fill(L({ nl: "Opgeslagen in {f}\nVerder gaan: afstem run {ref} --resume {f}", en: "Saved to {f}\nTo continue: afstem run {ref} --resume {f}" }), { f: displayPath(target.file), ref })
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
      process.stdout.write(`\n${resumeHint()}\n`);
      process.exit(saved ? code : EXIT.findings);
    }
  };
  const handlers: [NodeJS.Signals, () => void][] = [["SIGINT", onSignal(130)], ["SIGTERM", onSignal(143)], ["SIGHUP", onSignal(129)]];
  for (const [sig, h] of handlers) process.on(sig, h);
  try {
    const { outcome } = await converse(state, { ui, checker, now, save, settle: () => saver.settle() });
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
