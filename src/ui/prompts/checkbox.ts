// Several choices from a list (afstem's checkbox): typed text is shown, never acted on (see common.ts).
import {
  createPrompt,
  isDownKey,
  isEnterKey,
  isSpaceKey,
  isUpKey,
  makeTheme,
  useKeypress,
  usePagination,
  usePrefix,
  useState,
} from "@inquirer/core";
import { paint } from "../colour.js";
import {
  type Choice,
  type Item,
  isChoice,
  CURSOR_HIDE,
  keysHelp,
  type StatusLine,
  useStatus,
  strayMessage,
  isEscape,
  move,
} from "./common.js";
import { msg } from "../../i18n/messages.js";

interface CheckboxConfig<T> {
  status?: StatusLine;
  /** Typed text that is a command becomes this value (a list holding the command, then the values ticked). */
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
          // The boxes ticked so far come along: the caller asks again with them still ticked.
          done([...cmd, ...values()]);
          return;
        }
        setError(strayMessage(!!config.command));
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
  if (status === "done")
    return `${prefix} ${message} ${theme.style.answer(
      items
        .filter((i): i is Choice<T> => isChoice(i) && !!i.checked)
        .map((i) => i.name)
        .join(", "),
    )}`;
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
    typed && !error ? paint.yellow(strayMessage(!!config.command)) : "",
    error ? paint.red(`> ${error}`) : "",
    keysHelp([
      ["↑↓", msg("common.navigate")],
      [msg("ui.prompts.checkbox.space"), msg("ui.prompts.checkbox.toggle")],
      ["⏎", msg("ui.prompts.checkbox.done")],
    ]),
  ];
  return `${lines.filter(Boolean).join("\n").trimEnd()}${CURSOR_HIDE}`;
});
