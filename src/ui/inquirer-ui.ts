// The terminal UI: the only module that imports the prompt library. Loaded only by `run`.
// Text input is inquirer's own; choices and yes/no are afstem's (src/ui/prompts/): they
// ignore stray typing and speak the user's language.
import { Separator } from "@inquirer/core";
import { looksLikeCommand, takesCommands, type Ui, type UiItem } from "./types.js";
import { checkboxPrompt, confirmPrompt, inputPrompt, selectPrompt, takeUnsent, type Choice, type StatusLine } from "./prompts/index.js";

function items<T>(choices: UiItem<T>[]): (Choice<T> | Separator)[] {
  return choices.map((c) =>
    "separator" in c
      ? new Separator(c.separator)
      : { value: c.value, name: c.name, ...(c.description ? { description: c.description } : {}), ...(c.checked ? { checked: true } : {}) },
  );
}

export function createInquirerUi(out: NodeJS.WriteStream = process.stdout): Ui {
  let status: StatusLine | undefined;
  const st = () => (status ? { status } : {});
  return {
    print: (text) => void out.write(`${text}\n`),
    setStatus: (line) => void (status = line),
    input: (o) =>
      inputPrompt({
        ...st(),
        message: o.message,
        ...(o.default !== undefined ? { default: o.default } : {}),
        ...(o.editable ? { editable: true } : {}),
        ...(o.multiline ? { multiline: true } : {}),
        ...(o.validate ? { validate: o.validate } : {}),
      }),
    select: <T>(o: { message: string; choices: UiItem<T>[]; default?: T; commands?: boolean }) =>
      selectPrompt<T>({
        ...st(),
        // Where the runner takes commands (questions, the review, …), a typed one works as in a text field.
        ...(takesCommands(o) ? { command: (t: string) => (looksLikeCommand(t) ? (t as T) : undefined) } : {}),
        message: o.message,
        choices: items(o.choices),
        ...(o.default !== undefined ? { default: o.default } : {}),
        pageSize: 15,
      }) as Promise<T>,
    checkbox: <T>(o: { message: string; choices: UiItem<T>[]; validate?: (v: T[]) => true | string; commands?: boolean }) =>
      checkboxPrompt<T>({
        ...st(),
        ...(takesCommands(o) ? { command: (t: string) => (looksLikeCommand(t) ? [t as T] : undefined) } : {}),
        message: o.message,
        choices: items(o.choices),
        pageSize: 15,
        ...(o.validate ? { validate: o.validate } : {}),
      }) as Promise<T[]>,
    confirm: (o) => confirmPrompt({ ...st(), message: o.message, ...(o.default !== undefined ? { default: o.default } : {}) }),
    unsent: takeUnsent,
  };
}
