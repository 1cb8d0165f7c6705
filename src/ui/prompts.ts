// Choice prompts built on @inquirer/core, because the stock select/checkbox act on stray typing:
// letters jump the cursor, digits tick options, and Enter then records whatever moved (issue 15,
// item 4: `:sectie 99` + Enter at a scale saved 1; a date typed into the participants list
// unticked three parties). Here typed text is only shown, never acted on, and Enter with typed
// text is refused with a message — except a number that names an option ("3" at a scale),
// which is an explicit choice. Key hints are in the user's language.
import { createPrompt, isBackspaceKey, isDownKey, isEnterKey, isSpaceKey, isTabKey, isUpKey, makeTheme, Separator, useEffect, useKeypress, useMemo, usePagination, usePrefix, useState, type KeypressEvent } from "@inquirer/core";
import { L } from "../i18n/lang.js";
import { paint } from "./colour.js";

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
  checked?: boolean;
}
type Item<T> = Choice<T> | Separator;

const isChoice = <T>(i: Item<T>): i is Choice<T> => !Separator.isSeparator(i);
const CURSOR_HIDE = "\u001b[?25l";

function keysHelp(keys: [string, string][]): string {
  return keys.map(([k, a]) => `${paint.bold(k)} ${paint.dim(a)}`).join(paint.dim(" • "));
}

/** "3" picks the option named 3 (a scale step) or, failing that, the 3rd option. */
export function optionByNumber<T>(items: Item<T>[], typed: string): number {
  const t = typed.trim();
  if (!/^\d{1,3}$/.test(t)) return -1;
  const byName = items.findIndex((i) => isChoice(i) && (i.name === t || i.name.startsWith(`${t} `)));
  if (byName >= 0) return byName;
  // By position only among the options before the first separator: the commands below it
  // (terug, overslaan, meer…) are never picked by a number typed in error.
  const sep = items.findIndex((i) => !isChoice(i));
  const options = sep < 0 ? items : items.slice(0, sep);
  let n = 0;
  return options.findIndex((i) => isChoice(i) && ++n === Number(t));
}

/** A line above the prompt, redrawn every second while it is open (the live clock). */
export type StatusLine = () => string | undefined;

function useStatus(status: StatusLine | undefined): string {
  const [, setNow] = useState(0);
  useEffect(() => {
    if (!status) return undefined;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const line = status?.();
  return line ? `${line}\n` : "";
}

const strayMessage = () => L({ nl: "Getypte tekst wordt hier niet gebruikt (behalve een opdracht als :sectie 3): kies met ↑↓ en Enter (Backspace wist).", en: "Typed text is not used here (except a command such as :section 3): choose with ↑↓ and Enter (Backspace clears)." });

function isEscape(key: KeypressEvent): boolean {
  return key.name === "escape";
}

function move<T>(items: Item<T>[], active: number, up: boolean): number {
  let next = active;
  for (let i = 0; i < items.length; i++) {
    const cand = next + (up ? -1 : 1);
    if (cand < 0 || cand >= items.length) return active;
    next = cand;
    if (isChoice(items[next]!)) return next;
  }
  return active;
}

interface SelectConfig<T> {
  status?: StatusLine;
  /** Typed text that is a command (`:sectie 3`, `?`) becomes this value; undefined = not a command here. */
  command?: (text: string) => T | undefined;
  message: string;
  choices: Item<T>[];
  default?: T;
  pageSize?: number;
}

export const selectPrompt = createPrompt(<T>(config: SelectConfig<T>, done: (v: T) => void) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<"idle" | "done">("idle");
  const prefix = usePrefix({ status, theme });
  const items = useMemo(() => config.choices, [config.choices]);
  const first = items.findIndex(isChoice);
  const def = config.default === undefined ? -1 : items.findIndex((i) => isChoice(i) && i.value === config.default);
  const [active, setActive] = useState(def >= 0 ? def : first);
  const [typed, setTyped] = useState("");
  const [command, setCommand] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const head = useStatus(config.status);

  useKeypress((key, rl) => {
    setError(undefined);
    if (isEnterKey(key)) {
      // readline has already cleared rl.line on Enter: what was typed is in `typed`.
      const text = typed.trim();
      if (text) {
        const at = optionByNumber(items, text);
        rl.clearLine(0);
        setTyped("");
        const cmd = at < 0 ? config.command?.(text) : undefined;
        if (cmd !== undefined) {
          setCommand(text);
          setStatus("done");
          done(cmd);
          return;
        }
        if (at < 0) {
          setError(strayMessage());
          return;
        }
        setActive(at);
        setStatus("done");
        done((items[at] as Choice<T>).value);
        return;
      }
      setStatus("done");
      done((items[active] as Choice<T>).value);
    } else if (isUpKey(key) || isDownKey(key)) {
      rl.clearLine(0);
      setTyped("");
      setActive(move(items, active, isUpKey(key)));
    } else if (isBackspaceKey(key) || isEscape(key)) {
      if (isEscape(key)) rl.clearLine(0);
      setTyped(rl.line);
    } else {
      setTyped(rl.line);
    }
  });

  const message = theme.style.message(config.message, status);
  if (status === "done") return `${prefix} ${message} ${theme.style.answer(command || (items[active] as Choice<T>).name)}`;
  const page = usePagination({
    items,
    active,
    renderItem: ({ item, isActive }) => (isChoice(item) ? (isActive ? theme.style.highlight(`❯ ${item.name}`) : `  ${item.name}`) : ` ${item.separator}`),
    pageSize: config.pageSize ?? 15,
    loop: false,
  });
  const chosen = items[active] as Choice<T>;
  const lines = [
    `${head}${prefix} ${message}${typed ? `  ${paint.yellow(`[${typed}]`)}` : ""}`,
    page,
    " ",
    chosen.description ? paint.dim(chosen.description) : "",
    typed && !error ? paint.yellow(strayMessage()) : "",
    error ? paint.red(`> ${error}`) : "",
    keysHelp([
      ["↑↓", L({ nl: "kiezen", en: "navigate" })],
      ["⏎", L({ nl: "bevestigen", en: "select" })],
    ]),
  ];
  return `${lines.filter(Boolean).join("\n").trimEnd()}${CURSOR_HIDE}`;
});

interface CheckboxConfig<T> {
  status?: StatusLine;
  /** Typed text that is a command becomes this value (a list holding the command). */
  command?: (text: string) => T[] | undefined;
  message: string;
  choices: Item<T>[];
  pageSize?: number;
  validate?: (values: T[]) => true | string;
}

export const checkboxPrompt = createPrompt(<T>(config: CheckboxConfig<T>, done: (v: T[]) => void) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<"idle" | "done">("idle");
  const prefix = usePrefix({ status, theme });
  const [items, setItems] = useState<Item<T>[]>(config.choices.map((c) => (isChoice(c) ? { ...c, checked: !!c.checked } : c)));
  const [active, setActive] = useState(items.findIndex(isChoice));
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const head = useStatus(config.status);
  const values = () => items.filter((i): i is Choice<T> => isChoice(i) && !!i.checked).map((i) => i.value);

  useKeypress((key, rl) => {
    setError(undefined);
    if (isEnterKey(key)) {
      if (typed.trim()) {
        rl.clearLine(0);
        setTyped("");
        const cmd = config.command?.(typed.trim());
        if (cmd !== undefined) {
          setStatus("done");
          done(cmd);
          return;
        }
        setError(strayMessage());
        return;
      }
      const ok = config.validate ? config.validate(values()) : true;
      if (ok !== true) {
        setError(ok);
        return;
      }
      setStatus("done");
      done(values());
    } else if (isSpaceKey(key) && !typed.trim()) {
      rl.clearLine(0);
      setItems(items.map((it, i) => (i === active && isChoice(it) ? { ...it, checked: !it.checked } : it)));
    } else if (isUpKey(key) || isDownKey(key)) {
      rl.clearLine(0);
      setTyped("");
      setActive(move(items, active, isUpKey(key)));
    } else if (isEscape(key)) {
      rl.clearLine(0);
      setTyped("");
    } else {
      setTyped(rl.line);
    }
  });

  const message = theme.style.message(config.message, status);
  if (status === "done") return `${prefix} ${message} ${theme.style.answer(items.filter((i): i is Choice<T> => isChoice(i) && !!i.checked).map((i) => i.name).join(", "))}`;
  const page = usePagination({
    items,
    active,
    renderItem: ({ item, isActive }) => {
      if (!isChoice(item)) return ` ${item.separator}`;
      const box = item.checked ? paint.green("◉") : "◯";
      const line = `${isActive ? "❯" : " "}${box} ${item.name}`;
      return isActive ? theme.style.highlight(line) : line;
    },
    pageSize: config.pageSize ?? 15,
    loop: false,
  });
  const lines = [
    `${head}${prefix} ${message}${typed ? `  ${paint.yellow(`[${typed}]`)}` : ""}`,
    page,
    " ",
    typed && !error ? paint.yellow(strayMessage()) : "",
    error ? paint.red(`> ${error}`) : "",
    keysHelp([
      ["↑↓", L({ nl: "kiezen", en: "navigate" })],
      [L({ nl: "spatie", en: "space" }), L({ nl: "aan/uit", en: "toggle" })],
      ["⏎", L({ nl: "klaar", en: "done" })],
    ]),
  ];
  return `${lines.filter(Boolean).join("\n").trimEnd()}${CURSOR_HIDE}`;
});

interface ConfirmConfig {
  status?: StatusLine;
  message: string;
  default?: boolean;
}

const YES = ["j", "ja", "y", "yes"];
const NO = ["n", "nee", "no"];

/** Yes/no in the user's language: `(J/n)`, and j/ja/n/nee (y/yes too) accepted. */
export const confirmPrompt = createPrompt((config: ConfirmConfig, done: (v: boolean) => void) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<"idle" | "done">("idle");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const prefix = usePrefix({ status, theme });
  const head = useStatus(config.status);
  const def = config.default ?? true;
  useKeypress((key, rl) => {
    if (isEnterKey(key)) {
      const t = value.trim().toLowerCase(); // rl.line is already cleared on Enter
      const answer = t === "" ? def : YES.includes(t) ? true : NO.includes(t) ? false : undefined;
      if (answer === undefined) {
        setError(L({ nl: "Antwoord met j (ja) of n (nee).", en: "Answer with y (yes) or n (no)." }));
        rl.clearLine(0);
        setValue("");
        return;
      }
      setValue(answer ? L({ nl: "ja", en: "yes" }) : L({ nl: "nee", en: "no" }));
      setStatus("done");
      done(answer);
    } else {
      setError(undefined);
      setValue(rl.line);
    }
  });
  const hint = def ? L({ nl: "(J/n)", en: "(Y/n)" }) : L({ nl: "(j/N)", en: "(y/N)" });
  const message = theme.style.message(config.message, status);
  if (status === "done") return `${prefix} ${message} ${theme.style.answer(value)}`;
  return [`${head}${prefix} ${message} ${paint.dim(hint)} ${value}`, error ? paint.red(`> ${error}`) : ""].filter(Boolean).join("\n");
});

interface InputConfig {
  status?: StatusLine;
  message: string;
  default?: string;
  /** The old answer is put in the field to edit, instead of shown as a default. */
  editable?: boolean;
  validate?: (value: string) => true | string;
}

/**
 * One line of text. An invalid answer stays in the field to be corrected; with `editable`,
 * an existing answer is in the field already (issue 15, item 5: edit, not retype).
 */
export const inputPrompt = createPrompt((config: InputConfig, done: (v: string) => void) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<"idle" | "done">("idle");
  const [def, setDef] = useState(config.editable ? "" : (config.default ?? ""));
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const prefix = usePrefix({ status, theme });
  const head = useStatus(config.status);
  useEffect((rl) => {
    if (config.editable && config.default) {
      rl.write(config.default);
      setValue(config.default);
    }
  }, []);
  useKeypress((key, rl) => {
    if (status !== "idle") return;
    if (isEnterKey(key)) {
      const answer = value || def;
      const ok = config.validate ? config.validate(answer) : true;
      if (ok === true) {
        setValue(answer);
        setStatus("done");
        done(answer);
      } else {
        rl.write(value);
        setError(ok);
      }
    } else if (isBackspaceKey(key) && !value) {
      setDef("");
    } else if (isTabKey(key) && !value && def) {
      rl.clearLine(0);
      rl.write(def);
      setValue(def);
      setDef("");
    } else {
      setValue(rl.line);
      setError(undefined);
    }
  });
  const message = theme.style.message(config.message, status);
  if (status === "done") return `${prefix} ${message} ${theme.style.answer(value)}`;
  const shownDefault = def && !value ? ` ${paint.dim(`(${def})`)}` : "";
  return [`${head}${prefix} ${message}${shownDefault} ${value}`, error ? paint.red(`> ${error}`) : ""];
});
