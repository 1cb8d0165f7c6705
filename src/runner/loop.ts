// The driver: ask what the cursor points at, turn the answer into an input, reduce, save.
// Saving happens after every input, so whatever was acknowledged is on disk.
import type { AnswerChecker } from "../session/answer-check.js";
import type { Ui } from "../ui/types.js";
import type { Ctx } from "./context.js";
import type { RunnerState } from "../conversation/types.js";
import { reduce } from "../conversation/reduce.js";
import { askQuestion, printWarnings } from "./question.js";
import { overruns } from "./header.js";
import { askParticipants } from "./participants.js";
import { askReview } from "./review.js";
import { msg } from "../i18n/messages.js";
import { PARTICIPANTS } from "../conversation/steps.js";

export interface LoopDeps {
  ui: Ui;
  checker: AnswerChecker;
  now(): number;
  /** Autosave; called with every new state. */
  save(state: RunnerState): void;
  /** Between questions: whatever needs the user after a save (a failed autosave asks where to save). */
  settle?(): Promise<void>;
  previous?: import("./followup.js").PreviousSource;
}

export type Outcome = "final" | "stopped";

export async function converse(initial: RunnerState, deps: LoopDeps): Promise<{ state: RunnerState; outcome: Outcome }> {
  let state = initial;
  const ctx: Ctx = {
    ui: warningsFirst(deps.ui, () => printWarnings(ctx)),
    checker: deps.checker,
    now: deps.now,
    state: () => state,
    // What was already over the limit when the file was opened was warned about then.
    warned: new Set(overruns(initial)),
    ...(deps.previous ? { previous: deps.previous } : {}),
    resumeParticipants:
      initial.cursor.kind === "participants" && initial.session.position === PARTICIPANTS && initial.session.participants.length > 0,
    dispatch: (p) => {
      state = reduce(state, { ...p, now: deps.now() } as Parameters<typeof reduce>[1], deps.checker);
      deps.save(state);
      return state;
    },
  };
  for (;;) {
    await deps.settle?.();
    if (state.session.status === "final" && !state.reopening) return { state, outcome: "final" };
    const c = state.cursor;
    const p =
      c.kind === "review" ? await askReview(ctx) : c.kind === "participants" ? await askParticipants(ctx) : await askQuestion(ctx, c.id);
    if (p.type === "stop") {
      ctx.dispatch({ type: "tick" });
      await deps.settle?.();
      return { state, outcome: "stopped" };
    }
    ctx.dispatch(p);
    if (state.problems.length) {
      deps.ui.print(`${msg("common.cannot-finalize-yet")}\n${state.problems.map((x) => `  ✗ ${x}`).join("\n")}`);
    }
  }
}

/** The UI with the over-time warnings due printed before every prompt (see printWarnings). */
function warningsFirst(ui: Ui, before: () => void): Ui {
  return {
    print: (text) => ui.print(text),
    input(o) {
      before();
      return ui.input(o);
    },
    select(o) {
      before();
      return ui.select(o);
    },
    checkbox(o) {
      before();
      return ui.checkbox(o);
    },
    confirm(o) {
      before();
      return ui.confirm(o);
    },
    ...(ui.setStatus ? { setStatus: ui.setStatus.bind(ui) } : {}),
    ...(ui.saved ? { saved: ui.saved.bind(ui) } : {}),
  };
}
