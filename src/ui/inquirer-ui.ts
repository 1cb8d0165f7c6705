// The terminal UI: the only module that imports the prompt library. Loaded only by `run`.
// Text input is inquirer's own; choices and yes/no are afstem's (src/ui/prompts.ts): they
// ignore stray typing and speak the user's language.
import { input, Separator } from "@inquirer/prompts";
import type { Ui, UiItem } from "./types.js";
import { checkboxPrompt, confirmPrompt, selectPrompt, type Choice } from "./prompts.js";
import { paint } from "./colour.js";

function items<T>(choices: UiItem<T>[]): (Choice<T> | Separator)[] {
  return choices.map((c) =>
    "separator" in c ? new Separator(c.separator) : { value: c.value, name: c.name, ...(c.description ? { description: c.description } : {}), ...(c.checked ? { checked: true } : {}) },
  );
}

export function createInquirerUi(out: NodeJS.WriteStream = process.stdout): Ui {
  return {
    print: (text) => void out.write(`${text}\n`),
    input: (o) =>
      input({
        message: o.message,
        ...(o.default !== undefined ? { default: o.default } : {}),
        ...(o.validate ? { validate: o.validate } : {}),
        // An invalid answer stays in the field so it can be corrected, not retyped.
        theme: { validationFailureMode: "keep", style: { error: (t: string) => paint.red(`> ${t}`) } },
      }),
    select: <T>(o: { message: string; choices: UiItem<T>[]; default?: T }) =>
      selectPrompt<T>({ message: o.message, choices: items(o.choices), ...(o.default !== undefined ? { default: o.default } : {}), pageSize: 15 }) as Promise<T>,
    checkbox: <T>(o: { message: string; choices: UiItem<T>[]; validate?: (v: T[]) => true | string }) =>
      checkboxPrompt<T>({ message: o.message, choices: items(o.choices), pageSize: 15, ...(o.validate ? { validate: o.validate } : {}) }) as Promise<T[]>,
    confirm: (o) => confirmPrompt({ message: o.message, ...(o.default !== undefined ? { default: o.default } : {}) }),
  };
}
