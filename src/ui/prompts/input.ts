// One line of text, with an editable old answer; for long texts and lists also pasted lines.
import {
  createPrompt,
  isBackspaceKey,
  isEnterKey,
  isTabKey,
  makeTheme,
  useEffect,
  useKeypress,
  usePrefix,
  useRef,
  useState,
} from "@inquirer/core";
import { paint } from "../colour.js";
import { type StatusLine, useStatus } from "./common.js";

interface InputConfig {
  status?: StatusLine;
  message: string;
  default?: string;
  /** The old answer is put in the field to edit, instead of shown as a default. */
  editable?: boolean;
  /** Pasted text keeps all its lines: the answer may hold `\n` (see below). Otherwise a pasted line break is a space. */
  multiline?: boolean;
  validate?: (value: string) => true | string;
}

/**
 * One line of text. An invalid answer stays in the field to be corrected; with `editable`,
 * an existing answer is in the field already (issue 15, item 5: edit, not retype).
 *
 * `multiline`: each prompt has its own readline, and keys that arrive after the Enter that
 * answers it were dropped, so pasting three lines kept only the first. Here an Enter inside a
 * bracketed paste (ESC[200~ … ESC[201~), or one followed at once by more keys (a paste
 * arrives in one go; nobody types that fast), is a line break in the field; only an Enter
 * with nothing after it answers, with every line (joined by `\n`). Backspace on an empty line
 * takes the line above back to edit. A one-line answer gets the same care, its pasted lines
 * joined by a space: a school name or an owner copied from a mail with its line break kept only
 * the first line and dropped the rest without a word.
 */
/**
 * What is in the field of the open text prompt and not yet answered with Enter. Ctrl+C ends the
 * prompt without an answer: the runner keeps this in the question's note (nothing typed is lost).
 */
let inField: string | undefined;

/** The text typed in the open field, not confirmed with Enter (once: it is cleared). */
export function takeUnsent(): string | undefined {
  const t = inField;
  inField = undefined;
  return t?.trim() ? t.trim() : undefined;
}

export const inputPrompt = createPrompt((config: InputConfig, done: (v: string) => void) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<"idle" | "done">("idle");
  const [def, setDef] = useState(config.editable ? "" : (config.default ?? ""));
  const [value, setValue] = useState("");
  const [lines, setLines] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  // The paste state lives in a ref: the deferred Enter reads it after this render's closure.
  const paste = useRef<{ lines: string[]; inPaste: boolean; answered?: boolean; enter?: { line: string; timer: NodeJS.Immediate } }>({
    lines: [],
    inPaste: false,
  });
  const prefix = usePrefix({ status, theme });
  const head = useStatus(config.status);
  useEffect((rl) => {
    if (config.editable && config.default) {
      rl.write(config.default);
      setValue(config.default);
    }
    return () => {
      if (paste.current.enter) clearImmediate(paste.current.enter.timer);
    };
  }, []);
  const joined = (all: string[]) =>
    config.multiline
      ? all.join("\n")
      : all
          .map((l) => l.trim())
          .filter(Boolean)
          .join(" ");
  const breakLine = (line: string) => {
    paste.current.lines = [...paste.current.lines, line];
    setLines(paste.current.lines);
    setValue("");
  };
  const submit = (line: string, rl: { write(s: string): void }) => {
    const all = [...paste.current.lines, line];
    const answer = all.length > 1 ? joined(all) : line || def;
    const ok = config.validate ? config.validate(answer) : true;
    if (ok === true) {
      paste.current.answered = true;
      inField = undefined;
      setValue(answer);
      setStatus("done");
      done(answer);
    } else {
      rl.write(line);
      setValue(line);
      setError(ok);
    }
  };
  useKeypress((key, rl) => {
    if (status !== "idle") return;
    // After this key: the pasted lines above and what is in the field now (an Enter that answers
    // clears it in submit()).
    queueMicrotask(() => {
      if (!paste.current.answered) inField = joined([...paste.current.lines, rl.line]);
    });
    let current = value;
    const p = paste.current;
    if (key.name === "paste-start" || key.name === "paste-end") {
      p.inPaste = key.name === "paste-start";
      return;
    }
    if (p.enter) {
      // More keys right after an Enter: it was a line break in pasted text.
      clearImmediate(p.enter.timer);
      const held = p.enter.line;
      p.enter = undefined;
      breakLine(held);
      current = "";
    }
    if (isEnterKey(key)) {
      const line = current;
      if (p.inPaste) breakLine(line);
      // Answer once this burst of keys is over, unless more follow (then breakLine above).
      else p.enter = { line, timer: setImmediate(() => ((p.enter = undefined), submit(line, rl))) };
      return;
    }
    if (isBackspaceKey(key) && !value && !rl.line && p.lines.length) {
      const last = p.lines.at(-1)!;
      p.lines = p.lines.slice(0, -1);
      setLines(p.lines);
      rl.write(last);
      setValue(last);
      return;
    }
    if (isBackspaceKey(key) && !value) {
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
  if (status === "done") return `${prefix} ${message} ${theme.style.answer(value.split("\n").join("\n  "))}`;
  const shownDefault = def && !value && !lines.length ? ` ${paint.dim(`(${def})`)}` : "";
  const above = !lines.length ? "" : config.multiline ? `\n${lines.map((l) => `  ${l}`).join("\n")}\n ` : ` ${paint.dim(joined(lines))}`;
  return [`${head}${prefix} ${message}${shownDefault}${above} ${value}`, error ? paint.red(`> ${error}`) : ""];
});
