// Yes or no, in the user's language.
import { createPrompt, isEnterKey, makeTheme, useKeypress, usePrefix, useState } from "@inquirer/core";
import { paint } from "../colour.js";
import { type StatusLine, useStatus } from "./common.js";
import { msg } from "../../i18n/messages.js";

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
        setError(msg("ui.prompts.confirm.answer-y-yes-n-no"));
        rl.clearLine(0);
        setValue("");
        return;
      }
      setValue(answer ? msg("common.yes") : msg("common.no"));
      setStatus("done");
      done(answer);
    } else {
      setError(undefined);
      setValue(rl.line);
    }
  });
  const hint = def ? msg("ui.prompts.confirm.y-n") : msg("ui.prompts.confirm.y-n-2");
  const message = theme.style.message(config.message, status);
  if (status === "done") return `${prefix} ${message} ${theme.style.answer(value)}`;
  return [`${head}${prefix} ${message} ${paint.dim(hint)} ${value}`, error ? paint.red(`> ${error}`) : ""].filter(Boolean).join("\n");
});
