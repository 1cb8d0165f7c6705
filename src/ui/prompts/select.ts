// One choice from a list (afstem's select): typed text is shown, never acted on (see common.ts).
import {
  createPrompt,
  isBackspaceKey,
  isDownKey,
  isEnterKey,
  isUpKey,
  makeTheme,
  useKeypress,
  useMemo,
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
  optionByNumber,
  type StatusLine,
  useStatus,
  strayMessage,
  isEscape,
  move,
} from "./common.js";
import { msg } from "../../i18n/messages.js";
import { fill } from "../../i18n/lang.js";

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
          setError(strayMessage(!!config.command));
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
    renderItem: ({ item, isActive }) =>
      isChoice(item) ? (isActive ? theme.style.highlight(`❯ ${item.name}`) : `  ${item.name}`) : ` ${item.separator}`,
    pageSize: config.pageSize ?? 15,
    loop: false,
  });
  const chosen = items[active] as Choice<T>;
  const lines = [
    `${head}${prefix} ${message}${typed ? `  ${paint.yellow(`[${typed}]`)}` : ""}`,
    page,
    " ",
    chosen.description ? paint.dim(chosen.description) : "",
    typed && !error ? paint.yellow(typedHint(items, typed, !!config.command)) : "",
    error ? paint.red(`> ${error}`) : "",
    keysHelp([
      ["↑↓", msg("common.navigate")],
      ["⏎", msg("ui.prompts.select.select")],
    ]),
  ];
  return `${lines.filter(Boolean).join("\n").trimEnd()}${CURSOR_HIDE}`;
});

/**
 * What Enter will do with the text typed so far: an option's number picks that option (say
 * which, so the hint never contradicts it); any other text is not used.
 */
export function typedHint<T>(items: Item<T>[], typed: string, commands: boolean): string {
  const at = optionByNumber(items, typed);
  return at >= 0 ? fill(msg("ui.prompts.select.enter-picks-n"), { n: (items[at] as Choice<T>).name }) : strayMessage(commands);
}
