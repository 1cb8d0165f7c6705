// The small interface the runner talks to. Only src/ui/inquirer-ui.ts knows inquirer; tests
// and the line-driven UI implement the same five calls.
export interface UiChoice<T> {
  value: T;
  name: string;
  description?: string;
  checked?: boolean;
}
export type UiItem<T> = UiChoice<T> | { separator: string };

export interface Ui {
  print(text: string): void;
  /** Refuses (and keeps what was typed) while `validate` returns a message. */
  input(o: {
    message: string;
    default?: string /** put the default in the field to edit */;
    editable?: boolean;
    /**
     * A line of a long text or list: text pasted in one go may come back whole, its lines
     * joined by `\n` (the terminal UI); without it, or in the line UI, one line at a time.
     */
    multiline?: boolean;
    validate?: (value: string) => true | string;
  }): Promise<string>;
  /**
   * With `commands` (or a "meer…" choice, value `:more`), typed text that is a command (`:stop`,
   * `:sectie 3`, `?`) is returned as the value itself (in a list for checkbox, first, followed by
   * the values ticked so far); the caller runs it.
   */
  select<T>(o: { message: string; choices: UiItem<T>[]; default?: T; commands?: boolean }): Promise<T>;
  checkbox<T>(o: { message: string; choices: UiItem<T>[]; validate?: (values: T[]) => true | string; commands?: boolean }): Promise<T[]>;
  confirm(o: { message: string; default?: boolean }): Promise<boolean>;
  /**
   * A live status line shown above every prompt and redrawn each second (the clock). Only
   * the terminal UI has one; the runner prints the header itself when it is absent.
   */
  setStatus?(line: (() => string | undefined) | undefined): void;
  /** Told after every autosave (the line UI acknowledges it; the terminal UI stays quiet). */
  saved?(file: string): void;
  /** After Ctrl+C: text typed in the open field and not confirmed with Enter (the terminal UI). */
  unsent?(): string | undefined;
}

/** Ctrl+C in any UI: the same name inquirer gives it, so one check covers all. */
export class Interrupted extends Error {
  constructor() {
    super("interrupted");
    this.name = "ExitPromptError";
  }
}

/**
 * The line UI's standard input ended before the conversation did: handled as Ctrl+C (saved,
 * exit 130), and told as what it is.
 */
export class InputEnded extends Interrupted {}

export const isInterrupt = (err: unknown): boolean => err instanceof Error && err.name === "ExitPromptError";

/** Does this prompt take typed commands (see Ui.select)? */
export const takesCommands = <T>(o: { choices: UiItem<T>[]; commands?: boolean }): boolean =>
  !!o.commands || o.choices.some((c) => !("separator" in c) && c.value === (":more" as T));

/** Typed text that is meant as a command: `:word …` (not the `::` escape) or `?`. */
export const looksLikeCommand = (text: string): boolean => {
  const t = text.trim();
  return t === "?" || (t.startsWith(":") && !t.startsWith("::"));
};
