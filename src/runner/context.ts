// What the asking functions need: the UI, the answer checker, the clock, and a way to apply
// an input at once (notes and repeat items are saved while the question stays on screen).
import type { AnswerChecker } from "../session/answer-check.js";
import type { Ui } from "../ui/types.js";
import type { Proposal, RunnerState } from "../conversation/types.js";
import type { PreviousSource } from "./followup.js";

export interface Ctx {
  ui: Ui;
  checker: AnswerChecker;
  now(): number;
  state(): RunnerState;
  /** Apply an input now (reduce + autosave) and return the new state. */
  dispatch(p: Exclude<Proposal, { type: "stop" }>): RunnerState;
  /** Last year's conversation of the same school (`--previous`, or found beside the file). */
  previous?: PreviousSource;
  /** Which overruns have been warned about (each once; see header.ts `overruns`). */
  warned?: Set<string>;
  /** Warnings the live status line showed while a prompt was open: printed before the next prompt. */
  shownLive?: string[];
  /**
   * Resumed inside the participants step (stopped at a name or at who is present): the first
   * time it is asked it goes on there, with the parties chosen, instead of asking them again.
   */
  resumeParticipants?: boolean;
}

export function today(ctx: Ctx): string {
  const d = new Date(ctx.now());
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
