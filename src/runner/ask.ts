// Asking one question through the UI, by type. Every prompt accepts the commands (typed as
// `:word` in text fields, or picked from extra choices in lists) and refuses invalid answers
// with the format's own message, through the prompt's validate so the typed text stays.
import { LANGS, type AnswerValue, type Question } from "../format/types.js";
import { fill, tr } from "../i18n/lang.js";
import { isAnswered } from "../session/condition.js";
import { looksLikeCommand, type UiItem } from "../ui/types.js";
import type { Ctx } from "./context.js";
import { today } from "./context.js";
import { parseCommand, unescapeAnswer } from "../conversation/commands.js";
import { moreMenu, runCommand } from "./command-actions.js";
import { parseTyped, showValue } from "../conversation/values.js";
import type { Proposal, RunnerState } from "../conversation/types.js";
import { reduce } from "../conversation/reduce.js";
import { msg } from "../i18n/messages.js";

/** A value (undefined: nothing given) or a navigation proposal. */
export type Got = { value: AnswerValue | undefined } | { proposal: Proposal };

function problemText(ctx: Ctx, q: Question, value: unknown): true | string {
  const problems = ctx.checker.check(q, value);
  return problems.length ? problems.map((p) => p.message).join("; ") : true;
}

function commandCheck(text: string): true | string | undefined {
  const c = parseCommand(text);
  if (!c) return undefined;
  return "unknown" in c ? fill(msg("runner.ask.unknown-command-c-type-list"), { c: c.unknown }) : true;
}

const hint = (s: string) => `  (${s})`;

/** text, number, date: one line. Enter on an empty line keeps the old answer or gives none. */
async function askLine(ctx: Ctx, q: Question, existing: AnswerValue | undefined, message: string): Promise<string> {
  const def = existing !== undefined ? String(existing) : q.type === "date" && q.id === "datum" ? today(ctx) : undefined;
  return ctx.ui.input({
    message: message + (q.type === "date" ? hint(msg("runner.ask.yyyy-mm-dd")) : ""),
    ...(def !== undefined ? { default: def } : {}),
    // An earlier text answer is put in the field to be edited, not retyped.
    ...(existing !== undefined && q.type === "text" ? { editable: true } : {}),
    validate: (text) => {
      const cmd = commandCheck(text);
      if (cmd !== undefined) return cmd;
      if (!text.trim()) return true;
      const parsed = parseTyped(q, unescapeAnswer(text), today(ctx));
      return "error" in parsed ? parsed.error : problemText(ctx, q, parsed.value);
    },
  });
}

/** Commands that act and leave the answer being typed on screen. */
const STAYING = new Set(["help", "commands", "note", "park", "action"]);

/** `:weg 2` / `:weg` (the last item): take an item out of a list being typed. */
export function removeCommand(text: string): { index?: number } | undefined {
  const m = /^:(weg|verwijder|remove|del)\s*(\d*)\s*$/i.exec(text.trim());
  if (!m) return undefined;
  return m[2] ? { index: Number(m[2]) } : {};
}

/**
 * longtext and list: line after line until an empty line. A line that is only a command runs
 * it on any line (issue 15, item 1): help, notes, parking and actions keep the answer on
 * screen; moving on (:terug, :over, :sectie, :stop …) first keeps what was typed when it is
 * acceptable. In a list, `:weg N` removes item N, and `max` is enforced per item, so the list
 * can always be ended or left (item 2). Text pasted in one go comes as one value with `\n`
 * (Ui.input's multiline) and is taken line by line as text; each line is saved at once.
 */
async function askLines(
  ctx: Ctx,
  q: Question,
  existing: AnswerValue | undefined,
  message: string,
  save?: SaveLines,
): Promise<Got | { raw: string }> {
  const ui = ctx.ui;
  const isList = q.type === "list";
  const max = isList ? q.validate?.maxItems : undefined;
  if (isAnswered(existing)) {
    ui.print(`${msg("runner.ask.current-answer")}:\n${showValue(q, existing, tr)}`);
  }
  const lines: string[] = [];
  const value = () => (isList ? lines.map((l) => l.trim()).filter(Boolean) : lines.join("\n").trim());
  // Every line is saved as it is confirmed (bug: Ctrl+C lost them). Lines that pass the
  // question's checks are the answer; lines that do not yet (too short, too few items) are kept
  // in the question's note, marked as an unfinished answer, and come back here next time.
  const { unfinished } = splitUnfinished(ctx.state().session.notes[q.id]);
  // Pasted text (several lines in one answer, see Ui.input's multiline) is text, line by line:
  // no line of it is a command, empty lines in it are paragraph breaks (long text) or nothing
  // (list) and never end the answer; only an Enter on an empty line of one's own does.
  const pasted = (text: string) => text.includes("\n");
  const pastedCheck = (text: string, before: number): true | string => {
    const items = text.split("\n").filter((l) => l.trim()).length;
    return max !== undefined && before + items > max ? fill(msg("runner.ask.most-n-items-enter-done"), { n: max }) : true;
  };
  const listHint = msg("runner.ask.one-item-per-line-empty");
  const first = await ui.input({
    message:
      message +
      hint(isList ? listHint : msg("runner.ask.several-lines-allowed-empty-line")) +
      (isAnswered(existing) ? hint(msg("runner.ask.enter-keep-current-answer")) : ""),
    multiline: true,
    validate: (text) =>
      pasted(text)
        ? pastedCheck(text, unfinished === undefined ? 0 : unfinished.split("\n").filter((l) => l.trim()).length)
        : isList && removeCommand(text)
          ? Array.isArray(existing) && existing.length
            ? true
            : msg("runner.ask.there-no-item-remove-yet")
          : (commandCheck(text) ?? true),
  });
  const keep = () => {
    const typed = value();
    if (!isAnswered(typed)) return;
    const ok = problemText(ctx, q, typed) === true;
    // A field of a repeat item: the item is saved by the repeat (the field's lines written as
    // the whole repeat's answer replaced every item with a string, and the file broke).
    if (save) {
      if (ok) save(typed);
      return;
    }
    if (ok) ctx.dispatch({ type: "answer", value: typed, stay: true });
    // The note's own text as it is now (a :notitie on an earlier line may have changed it).
    const { base } = splitUnfinished(ctx.state().session.notes[q.id]);
    const note = ok ? base : `${base ? `${base}\n` : ""}${UNFINISHED()}${lines.join("\n")}`;
    if ((ctx.state().session.notes[q.id] ?? "") !== note) ctx.dispatch({ type: "note", text: note });
  };
  const rm0 = isList && !pasted(first) ? removeCommand(first) : undefined;
  if (rm0) {
    // Editing the current list: start from it.
    lines.push(...(existing as unknown[]).map(String));
  } else {
    if (!pasted(first) && parseCommand(first)) return { raw: first };
    if (!first.trim() && unfinished === undefined) return { value: existing };
    if (unfinished !== undefined) {
      // The unfinished answer of last time: continued, not retyped.
      lines.push(...unfinished.split("\n"));
      ui.print(`${msg("runner.ask.unfinished-answer-continued")}\n${lines.map((l) => `  ${l}`).join("\n")}`);
    }
    // Coming back to an answer: what is typed is added to it, so nothing already said is lost
    // by typing on (it replaced the whole answer without a word); `-` starts again (the old
    // answer stays saved until the first new line is).
    const restart = !pasted(first) && first.trim() === "-";
    if (unfinished === undefined && isAnswered(existing) && !restart) {
      lines.push(...(isList ? (existing as unknown[]).map(String) : String(existing).split("\n")));
    }
    if (pasted(first)) lines.push(...first.split("\n").map((l) => l.trimEnd()));
    else if (first.trim() && !restart) lines.push(unescapeAnswer(first).trimEnd());
    keep();
  }
  const show = () =>
    ui.print(value().length ? (value() as string[]).map((v, i) => `  ${i + 1}. ${v}`).join("\n") : msg("runner.ask.list-empty"));
  const remove = (r: { index?: number }) => {
    const items = value() as string[];
    const i = r.index === undefined ? items.length - 1 : r.index - 1;
    if (i < 0 || i >= items.length) {
      ui.print(fill(msg("runner.ask.no-item-n"), { n: r.index ?? "" }));
      return;
    }
    lines.splice(0, lines.length, ...items.filter((_, k) => k !== i));
    keep();
    ui.print(fill(msg("runner.ask.item-n-removed"), { n: i + 1 }));
    show();
  };
  if (rm0) remove(rm0);
  for (;;) {
    const next = await ui.input({
      message: isList ? "•" : "…",
      multiline: true,
      validate: (text) => {
        if (pasted(text)) return pastedCheck(text, (value() as string[]).length);
        if (isList && removeCommand(text)) return true;
        const cmd = commandCheck(text);
        if (cmd !== undefined) return cmd;
        if (text.trim()) {
          if (max !== undefined && (value() as string[]).length >= max) {
            return fill(msg("runner.ask.most-n-items-enter-done"), { n: max });
          }
          return true;
        }
        const ok = problemText(ctx, q, value());
        return ok === true ? true : `${ok} — ${msg("runner.ask.skip-skip-back-previous-question")}`;
      },
    });
    if (pasted(next)) {
      lines.push(...next.split("\n").map((l) => l.trimEnd()));
      keep();
      continue;
    }
    const rm = isList ? removeCommand(next) : undefined;
    if (rm) {
      remove(rm);
      continue;
    }
    const cmd = parseCommand(next);
    if (cmd && !("unknown" in cmd)) {
      if (STAYING.has(cmd.name)) {
        await runCommand(ctx, cmd, q);
        ui.print(msg("runner.ask.continuing-answer-empty-line-done"));
        continue;
      }
      // Leaving the question: what was typed is saved already (keep), then go.
      const p = await runCommand(ctx, cmd, q);
      if (p) return { proposal: p };
      continue;
    }
    if (!next.trim()) return { value: value() };
    lines.push(unescapeAnswer(next).trimEnd());
    keep();
  }
}

/** The mark before an unfinished answer kept in the question's note (long text, list, per_party). */
export const UNFINISHED = () => msg("runner.ask.unfinished-answer-mark");

/**
 * A note's own text, and an unfinished answer kept in it (see askLines). The mark is found in
 * either language: a session saved with --lang en and resumed in Dutch (or the other way
 * round) picks up its unfinished answer and clears the mark like any other.
 */
export function splitUnfinished(note: string | undefined): { base: string; unfinished?: string } {
  if (note === undefined) return { base: "" };
  let at = -1;
  let mark = "";
  for (const lang of LANGS) {
    const m = msg("runner.ask.unfinished-answer-mark", lang);
    const i = note.indexOf(m);
    if (i >= 0 && (at < 0 || i < at)) [at, mark] = [i, m];
  }
  if (at < 0) return { base: note };
  return { base: note.slice(0, at).trimEnd(), unfinished: note.slice(at + mark.length) };
}

/**
 * A line typed but not confirmed with Enter when the conversation was interrupted (Ctrl+C),
 * added to the current question's note (the details' note elsewhere), marked as such: the
 * state to save. Pure; the interrupted run (commands/run.ts) asks the UI for the line.
 */
export function keepUnsent(state: RunnerState, text: string, at: number): RunnerState {
  const key = state.cursor.kind === "question" ? state.cursor.id : "meta";
  const before = state.session.notes[key];
  const line = fill(msg("runner.ask.typed-not-confirmed-t"), { t: text });
  return reduce(state, { type: "note", text: before ? `${before}\n${line}` : line, now: at });
}

const MORE = ":more";
function commandChoices<T extends string>(): UiItem<T>[] {
  return [
    { separator: "──" },
    { value: ":back" as T, name: msg("common.back") },
    { value: ":skip" as T, name: msg("common.skip") },
    { value: MORE as T, name: msg("runner.ask.more-help-note-action-section") },
  ];
}

function selectOptions(q: Question): { value: string; name: string }[] {
  if (q.type === "yesno")
    return [
      { value: "=true", name: msg("common.yes") },
      { value: "=false", name: msg("common.no") },
    ];
  if (q.type === "scale") {
    const out: { value: string; name: string }[] = [];
    for (let n = q.min ?? 1; n <= (q.max ?? 5); n++) {
      const end = n === q.min ? tr(q.labels?.min) : n === q.max ? tr(q.labels?.max) : "";
      out.push({ value: `=${n}`, name: end ? `${n} — ${end}` : String(n) });
    }
    return out;
  }
  return (q.options ?? []).map((o) => ({ value: `=${o.code}`, name: tr(o.label) }));
}

function fromSelect(q: Question, v: string): AnswerValue {
  const raw = v.slice(1);
  if (q.type === "yesno") return raw === "true";
  if (q.type === "scale") return Number(raw);
  return raw;
}

/** Ask for one value; commands that keep the question on screen are handled here. */
/** Where the lines of a long text or list go as they are confirmed, when not to the current question (a repeat item's field). */
export type SaveLines = (value: AnswerValue) => void;

export async function askValue(
  ctx: Ctx,
  q: Question,
  existing: AnswerValue | undefined,
  message = tr(q.prompt),
  save?: SaveLines,
): Promise<Got> {
  const ui = ctx.ui;
  // Multichoice: the boxes ticked when a command was given (`:notitie x`, `?`, meer…): asked
  // again with them still ticked, not as they were before.
  let ticked: Set<string> | undefined;
  for (;;) {
    let raw: string;
    if (q.type === "choice" || q.type === "scale" || q.type === "yesno") {
      // The earlier answer is where Enter lands, when it is one of the options: a code that is
      // not (a hand-edited file) was kept by Enter in the line UI and dropped by the terminal's.
      const options = selectOptions(q);
      const def = existing !== undefined && options.some((o) => o.value === `=${String(existing)}`) ? `=${String(existing)}` : undefined;
      raw = await ui.select<string>({ message, choices: [...options, ...commandChoices()], ...(def ? { default: def } : {}) });
      if (raw.startsWith("=")) return { value: fromSelect(q, raw) };
    } else if (q.type === "multichoice") {
      const had = ticked ?? new Set(Array.isArray(existing) ? existing.map(String) : []);
      const picked = await ui.checkbox<string>({
        message: message + hint(msg("runner.ask.space-toggle-enter-done")),
        choices: [...selectOptions(q).map((c) => ({ ...c, checked: had.has(c.value.slice(1)) })), ...commandChoices()],
        validate: (values) =>
          values.some(looksLikeCommand)
            ? true
            : problemText(
                ctx,
                q,
                values.map((v) => v.slice(1)),
              ),
      });
      // A choice below the line (`:back` …) or a typed command (`:stop`, `?`); options are `=code`.
      const cmd = picked.find(looksLikeCommand);
      if (!cmd) return { value: picked.map((v) => v.slice(1)) };
      ticked = new Set(picked.filter((v) => !looksLikeCommand(v)).map((v) => v.slice(1)));
      raw = cmd;
    } else if (q.type === "longtext" || q.type === "list") {
      const got = await askLines(ctx, q, existing, message, save);
      if (!("raw" in got)) return got;
      raw = got.raw;
    } else if (q.type === "repeat") {
      throw new Error("repeat is asked by askRepeat");
    } else {
      const text = await askLine(ctx, q, existing, message);
      if (!parseCommand(text)) {
        if (!text.trim()) return { value: existing };
        const parsed = parseTyped(q, unescapeAnswer(text), today(ctx));
        if ("value" in parsed) return { value: parsed.value };
        continue;
      }
      raw = text;
    }
    if (raw === MORE) {
      const p = await moreMenu(ctx, q);
      if (p) return { proposal: p };
      continue;
    }
    const cmd = parseCommand(raw);
    if (cmd && "unknown" in cmd) ui.print(`! ${commandCheck(raw) as string}`);
    if (!cmd || "unknown" in cmd) continue;
    const p = await runCommand(ctx, cmd, q);
    if (p) return { proposal: p };
  }
}
