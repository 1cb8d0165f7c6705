// What afstem's prompts share. They are built on @inquirer/core because the stock select and
// checkbox act on stray typing:
// letters jump the cursor, digits tick options, and Enter then records whatever moved (issue 15,
// item 4: `:sectie 99` + Enter at a scale saved 1; a date typed into the participants list
// unticked three parties). Here typed text is only shown, never acted on, and Enter with typed
// text is refused with a message — except a number that names an option ("3" at a scale),
// which is an explicit choice. Key hints are in the user's language.
import { Separator, useEffect, useState, type KeypressEvent } from "@inquirer/core";
import { paint } from "../colour.js";
import { msg } from "../../i18n/messages.js";

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
  checked?: boolean;
}
export type Item<T> = Choice<T> | Separator;

export const isChoice = <T>(i: Item<T>): i is Choice<T> => !Separator.isSeparator(i);
export const CURSOR_HIDE = "\u001b[?25l";

export function keysHelp(keys: [string, string][]): string {
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

export function useStatus(status: StatusLine | undefined): string {
  const [, setNow] = useState(0);
  useEffect(() => {
    if (!status) return undefined;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const line = status?.();
  return line ? `${line}\n` : "";
}

/** What typed text does here: a command works only where the runner takes one (`command`). */
export const strayMessage = (commands = true) =>
  msg(commands ? "ui.prompts.common.typed-text-not-used-here" : "ui.prompts.common.typed-text-not-used-no-commands");

export function isEscape(key: KeypressEvent): boolean {
  return key.name === "escape";
}

export function move<T>(items: Item<T>[], active: number, up: boolean): number {
  let next = active;
  for (let i = 0; i < items.length; i++) {
    const cand = next + (up ? -1 : 1);
    if (cand < 0 || cand >= items.length) return active;
    next = cand;
    if (isChoice(items[next]!)) return next;
  }
  return active;
}
