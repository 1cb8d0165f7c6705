// One line of text, with an editable old answer.
import { createPrompt, isBackspaceKey, isEnterKey, isTabKey, makeTheme, useEffect, useKeypress, usePrefix, useState } from "@inquirer/core";
import { paint } from "../colour.js";
import { type StatusLine, useStatus } from "./common.js";

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
