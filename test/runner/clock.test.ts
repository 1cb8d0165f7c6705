// The clock through a whole conversation with a scripted UI and an injected clock: time in the
// overview is counted, and the over-time warnings come while the clock passes the limit, once.
import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { loadFormatRef } from "../../src/format/registry.js";
import type { Format } from "../../src/format/types.js";
import { AnswerChecker } from "../../src/session/answer-check.js";
import { createLineUi } from "../../src/ui/line-ui.js";
import { converse } from "../../src/runner/loop.js";
import { newSession, startState } from "../../src/conversation/start.js";
import type { RunnerState } from "../../src/conversation/types.js";
import { ROOT } from "../helpers/cli.js";

const MINI15 = path.join(ROOT, "test", "fixtures", "runner", "mini15.yaml"); // 10 min; sections of 5
let format: Format;
let checker: AnswerChecker;
beforeAll(async () => {
  format = (await loadFormatRef(MINI15)).format;
  checker = await AnswerChecker.create();
});

const T0 = Date.UTC(2026, 8, 15, 9, 0, 0);
const START = ["De Regenboog", "99RB00", "2026-09-15", "ib,cjg", "Marieke", "Anouk", ""];
/** A pause in the script: the clock moves on this many ms before the next line is typed. */
type Line = string | { wait: number };

async function script(lines: Line[], start?: RunnerState) {
  const queue = [...lines];
  let out = "";
  let clock = T0;
  const ui = createLineUi(
    async () => {
      for (let l = queue.shift(); l !== undefined; l = queue.shift()) {
        if (typeof l === "string") return l;
        clock += l.wait;
      }
      return undefined;
    },
    { write: (t: string) => ((out += t), true) },
  );
  let state = start ?? startState(format, newSession(format, T0), T0, false);
  try {
    const r = await converse(state, { ui, checker, now: () => clock, save: (s) => void (state = s) });
    state = r.state;
  } catch (err) {
    if ((err as Error).name !== "ExitPromptError") throw err;
  }
  return { out, state, clock: () => clock };
}

describe("the overview is on the clock", () => {
  it("line UI: the overview shows the header; the time spent there goes to timing.review and the total", async () => {
    const r = await script([...START, { wait: 60_000 }, ":overzicht", { wait: 20_000 }, "actiepunten", "", { wait: 40_000 }, ":stop"]);
    expect(r.out).toMatch(/== Overzicht ==[\s\S]*\nOverzicht · totaal 01:00\/10:00\n\? Overzicht — wat nu\?/);
    expect(r.state.session.timing.review).toBe(60);
    expect(r.state.session.timing.een).toBe(60);
  });
});
