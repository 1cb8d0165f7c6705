// The conversation without a terminal: typed lines through the line UI (ui/line-ui.ts) into
// runner/loop.ts's converse(), with an injected clock and every save kept. Running out of lines
// is Ctrl+C, as in the real CLI. The runner tests share this instead of each writing its own.
import path from "node:path";
import { loadFormatRef } from "../../src/format/registry.js";
import type { Format } from "../../src/format/types.js";
import { AnswerChecker } from "../../src/session/answer-check.js";
import { createLineUi } from "../../src/ui/line-ui.js";
import type { Ui } from "../../src/ui/types.js";
import { converse } from "../../src/runner/loop.js";
import { newSession, startState } from "../../src/conversation/start.js";
import type { RunnerState } from "../../src/conversation/types.js";
import type { PreviousSource } from "../../src/runner/followup.js";
import { ROOT } from "./cli.js";

/** The issue-15 fixture: meta with BRIN, roles ib and cjg, a per_party scale; 10 minutes, sections of 5. */
export const MINI15 = path.join(ROOT, "test", "fixtures", "runner", "mini15.yaml");
/** Through MINI15's meta and participants: school, BRIN, date, parties, two names, presence. */
export const MINI15_START = ["De Regenboog", "99RB00", "2026-09-15", "ib,cjg", "Marieke", "Anouk", ""];
/** Through the mini format's (helpers/pty.ts MINI) meta and participants. */
export const MINI_START = ["De Regenboog", "2026-09-15", "ib,cjg", "Marieke", "Anouk", ""];
/** 15 September 2026, 09:00 UTC: when scripted conversations start. */
export const T0 = Date.UTC(2026, 8, 15, 9, 0, 0);

export interface Fixture {
  format: Format;
  checker: AnswerChecker;
}

/** A format file and the answer checker (load once per test file, in beforeAll). */
export async function loadFixture(file: string): Promise<Fixture> {
  return { format: (await loadFormatRef(file)).format, checker: await AnswerChecker.create() };
}

/**
 * Besides typed lines: `wait` moves the clock on before the next line is typed; `peek` reads
 * the live status line as the terminal would draw it now (with `live`).
 */
export type Line = string | { wait: number } | { peek: true };

export interface ScriptOptions {
  /** A state to continue (a resumed session); else a new session at T0. */
  start?: RunnerState;
  previous?: PreviousSource;
  /** How far the clock moves at every reading: 1 s (default), or 0 to move it only by `wait`. */
  tick?: number;
  /** A UI with a live status line, for `peek`. */
  live?: boolean;
  /** Wraps the UI, to watch what is asked. */
  wrap?: (ui: Ui) => Ui;
}

export interface ScriptResult {
  /** Everything the line UI printed. */
  out: string;
  state: RunnerState;
  /** Every state saved, in order. */
  saves: RunnerState[];
  outcome: string;
  /** Lines not read. */
  left: Line[];
  peeks: string[];
}

export async function script(fx: Fixture, lines: Line[], opts: ScriptOptions = {}): Promise<ScriptResult> {
  const { format, checker } = fx;
  const queue = [...lines];
  let out = "";
  let clock = opts.start?.clock.at ?? T0;
  const tick = opts.tick ?? 1000;
  let status: (() => string | undefined) | undefined;
  const peeks: string[] = [];
  const lineUi = createLineUi(
    async () => {
      for (let l = queue.shift(); l !== undefined; l = queue.shift()) {
        if (typeof l === "string") return l;
        if ("wait" in l) clock += l.wait;
        else peeks.push(status?.() ?? "");
      }
      return undefined;
    },
    { write: (t: string) => ((out += t), true) },
  );
  const live: Ui = opts.live ? { ...lineUi, setStatus: (f) => void (status = f) } : lineUi;
  const ui = opts.wrap ? opts.wrap(live) : live;
  const saves: RunnerState[] = [];
  let state = opts.start ?? startState(format, newSession(format, T0), T0, false);
  let outcome = "interrupted";
  try {
    const r = await converse(state, {
      ui,
      checker,
      now: () => (clock += tick),
      save: (s) => void saves.push((state = s)),
      ...(opts.previous ? { previous: opts.previous } : {}),
    });
    outcome = r.outcome;
    state = r.state;
  } catch (err) {
    if ((err as Error).name !== "ExitPromptError") throw err;
  }
  return { out, state, saves, outcome, left: queue, peeks };
}
