// Asking one question through the UI, by type. Every prompt accepts the commands (typed as
// `:word` in text fields, or picked from extra choices in lists) and refuses invalid answers
// with the format's own message, through the prompt's validate so the typed text stays.
import type { AnswerValue, Question } from "../format/types.js";
import { L, fill, tr } from "../i18n/lang.js";
import { isAnswered } from "../session/condition.js";
import type { UiItem } from "../ui/types.js";
import type { Ctx } from "./context.js";
import { today } from "./context.js";
import { parseCommand, unescapeAnswer } from "./commands.js";
import { moreMenu, runCommand } from "./command-actions.js";
import { parseTyped, showValue } from "./values.js";
import type { Proposal } from "./types.js";

/** A value (undefined: nothing given) or a navigation proposal. */
export type Got = { value: AnswerValue | undefined } | { proposal: Proposal };

function problemText(ctx: Ctx, q: Question, value: unknown): true | string {
  const problems = ctx.checker.check(q, value);
  return problems.length ? problems.map((p) => p.message).join("; ") : true;
}

function commandCheck(text: string): true | string | undefined {
  const c = parseCommand(text);
  if (!c) return undefined;
  return "unknown" in c ? fill(L({ nl: "onbekende opdracht ':{c}' — typ ? voor de lijst", en: "unknown command ':{c}' — type ? for the list" }), { c: c.unknown }) : true;
}

const hint = (s: string) => `  (${s})`;

/** text, number, date: one line. Enter on an empty line keeps the old answer or gives none. */
async function askLine(ctx: Ctx, q: Question, existing: AnswerValue | undefined, message: string): Promise<string> {
  const def = existing !== undefined ? String(existing) : q.type === "date" && q.id === "datum" ? today(ctx) : undefined;
  return ctx.ui.input({
    message: message + (q.type === "date" ? hint(L({ nl: "JJJJ-MM-DD", en: "YYYY-MM-DD" })) : ""),
    ...(def !== undefined ? { default: def } : {}),
    validate: (text) => {
      const cmd = commandCheck(text);
      if (cmd !== undefined) return cmd;
      if (!text.trim()) return true;
      const parsed = parseTyped(q, unescapeAnswer(text), today(ctx));
      return "error" in parsed ? parsed.error : problemText(ctx, q, parsed.value);
    },
  });
}

/** longtext and list: line after line until an empty line; the empty line is refused while the whole is invalid. */
async function askLines(ctx: Ctx, q: Question, existing: AnswerValue | undefined, message: string): Promise<Got | { raw: string }> {
  const ui = ctx.ui;
  const isList = q.type === "list";
  if (isAnswered(existing)) {
    ui.print(`${L({ nl: "Huidig antwoord", en: "Current answer" })}:\n${showValue(q, existing, tr)}`);
  }
  const first = await ui.input({
    message: message + hint(isList ? L({ nl: "één item per regel, lege regel = klaar", en: "one item per line, empty line = done" }) : L({ nl: "meerdere regels mogelijk, lege regel = klaar", en: "several lines allowed, empty line = done" })) + (isAnswered(existing) ? hint(L({ nl: "Enter = huidig antwoord houden", en: "Enter = keep the current answer" })) : ""),
    validate: (text) => commandCheck(text) ?? true,
  });
  if (parseCommand(first)) return { raw: first };
  if (!first.trim()) return { value: existing };
  const lines = [unescapeAnswer(first).trimEnd()];
  const value = () => (isList ? lines.map((l) => l.trim()).filter(Boolean) : lines.join("\n").trim());
  for (;;) {
    const next = await ui.input({
      message: isList ? "•" : "…",
      validate: (text) => (text.trim() ? true : problemText(ctx, q, value())),
    });
    if (!next.trim()) return { value: value() };
    lines.push(next.trimEnd());
  }
}

const MORE = ":more";
function commandChoices<T extends string>(): UiItem<T>[] {
  return [
    { separator: "──" },
    { value: ":back" as T, name: L({ nl: "← terug", en: "← back" }) },
    { value: ":skip" as T, name: L({ nl: "overslaan", en: "skip" }) },
    { value: MORE as T, name: L({ nl: "meer… (toelichting, notitie, actie, sectie, overzicht, stop)", en: "more… (help, note, action, section, review, stop)" }) },
  ];
}

function selectOptions(q: Question): { value: string; name: string }[] {
  if (q.type === "yesno") return [{ value: "=true", name: L({ nl: "ja", en: "yes" }) }, { value: "=false", name: L({ nl: "nee", en: "no" }) }];
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
export async function askValue(ctx: Ctx, q: Question, existing: AnswerValue | undefined, message = tr(q.prompt)): Promise<Got> {
  const ui = ctx.ui;
  for (;;) {
    let raw: string;
    if (q.type === "choice" || q.type === "scale" || q.type === "yesno") {
      const def = existing !== undefined ? `=${String(existing)}` : undefined;
      raw = await ui.select<string>({ message, choices: [...selectOptions(q), ...commandChoices()], ...(def ? { default: def } : {}) });
      if (raw.startsWith("=")) return { value: fromSelect(q, raw) };
    } else if (q.type === "multichoice") {
      const had = new Set(Array.isArray(existing) ? existing.map(String) : []);
      const picked = await ui.checkbox<string>({
        message: message + hint(L({ nl: "spatie = aan/uit, Enter = klaar", en: "space = toggle, Enter = done" })),
        choices: [...selectOptions(q).map((c) => ({ ...c, checked: had.has(c.value.slice(1)) })), ...commandChoices()],
        validate: (values) => (values.some((v) => v.startsWith(":")) ? true : problemText(ctx, q, values.map((v) => v.slice(1)))),
      });
      const cmd = picked.find((v) => v.startsWith(":"));
      if (!cmd) return { value: picked.map((v) => v.slice(1)) };
      raw = cmd;
    } else if (q.type === "longtext" || q.type === "list") {
      const got = await askLines(ctx, q, existing, message);
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
    if (!cmd || "unknown" in cmd) continue;
    const p = await runCommand(ctx, cmd, q);
    if (p) return { proposal: p };
  }
}
