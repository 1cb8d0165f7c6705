// The terminal UI: the only module that imports @inquirer/prompts. Loaded only by `run`.
import { checkbox, confirm, input, select, Separator } from "@inquirer/prompts";
import type { Ui, UiItem } from "./types.js";

function items<T>(choices: UiItem<T>[]) {
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
        theme: { validationFailureMode: "keep" },
      }),
    select: <T>(o: { message: string; choices: UiItem<T>[]; default?: T }) =>
      select<T>({ message: o.message, choices: items(o.choices), ...(o.default !== undefined ? { default: o.default } : {}), pageSize: 15, loop: false }),
    checkbox: <T>(o: { message: string; choices: UiItem<T>[]; validate?: (v: T[]) => true | string }) =>
      checkbox<T>({
        message: o.message,
        choices: items(o.choices),
        pageSize: 15,
        loop: false,
        ...(o.validate ? { validate: (picked: readonly { value: T }[]) => o.validate!(picked.map((p) => p.value)) } : {}),
      }),
    confirm: (o) => confirm({ message: o.message, ...(o.default !== undefined ? { default: o.default } : {}) }),
  };
}
