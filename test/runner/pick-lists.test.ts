// The small lists inside a command: what their marks say and which typed number picks what.
import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { Separator } from "@inquirer/core";
import { loadFormatRef } from "../../src/format/registry.js";
import type { Format } from "../../src/format/types.js";
import { AnswerChecker } from "../../src/session/answer-check.js";
import { createLineUi } from "../../src/ui/line-ui.js";
import { converse } from "../../src/runner/loop.js";
import { newSession, startState } from "../../src/conversation/start.js";
import type { RunnerState } from "../../src/conversation/types.js";
import type { Ui, UiItem } from "../../src/ui/types.js";
import { optionByNumber } from "../../src/ui/prompts/index.js";
import { ROOT } from "../helpers/cli.js";

const MINI15 = path.join(ROOT, "test", "fixtures", "runner", "mini15.yaml");
let format: Format;
let checker: AnswerChecker;
beforeAll(async () => {
  format = (await loadFormatRef(MINI15)).format;
  checker = await AnswerChecker.create();
});

const T0 = Date.UTC(2026, 8, 15, 9, 0, 0);
const START = ["De Regenboog", "99RB00", "2026-09-15", "ib,cjg", "Marieke", "Anouk", ""];

/** Runs the lines; returns the choices of every list with the given message, as shown. */
async function lists(lines: string[], message: string) {
  const queue = [...lines];
  const line = createLineUi(async () => queue.shift(), { write: () => true });
  const seen: UiItem<unknown>[][] = [];
  const ui: Ui = {
    ...line,
    select: (o) => {
      if (o.message === message) seen.push(o.choices as UiItem<unknown>[]);
      return line.select(o);
    },
  };
  let state: RunnerState = startState(format, newSession(format, T0), T0, false);
  let clock = T0;
  try {
    state = (await converse(state, { ui, checker, now: () => (clock += 1000), save: (s) => void (state = s) })).state;
  } catch (err) {
    if ((err as Error).name !== "ExitPromptError") throw err;
  }
  return { seen, state };
}
const names = (items: UiItem<unknown>[]) => items.flatMap((c) => ("separator" in c ? [] : [c.name]));

describe("Welk antwoord wijzigen?", () => {
  it("marks as the legend says: ✓ answered, – skipped, ✗ only a required one still open", async () => {
    // `tevreden` (required) answered, `aantal` skipped, the rest of the section open but optional.
    const a = await lists(
      [...START, "4", "3", "4", ":over", ":overzicht", "een antwoord wijzigen…", "", ":stop"],
      "Welk antwoord wijzigen?",
    );
    expect(names(a.seen[0]!)).toEqual(
      expect.arrayContaining(["✓ Naam van de school *", "✓ Hoe tevreden? *", "– Hoeveel leerlingen?", "· Welke punten?", "· Vertel eens."]),
    );
    // Nothing answered in the section yet: the required question is the one ✗.
    const b = await lists([...START, ":overzicht", "een antwoord wijzigen…", "", ":stop"], "Welk antwoord wijzigen?");
    expect(names(b.seen[0]!).filter((n) => n.startsWith("✗"))).toEqual(["✗ Hoe tevreden? *"]);
  });
});

describe("Wie pakt het op?", () => {
  it("a typed number picks 'iemand anders (typen)' and 'nog open' too, as it picks a participant", async () => {
    const r = await lists([...START, ":actie Bellen", "3", "Piet", "", "", ":stop"], "Wie pakt het op?");
    const items = r.seen[0]!.map((c) => ("separator" in c ? new Separator(c.separator) : c));
    const at = optionByNumber(items, "3");
    expect(at).toBeGreaterThanOrEqual(0);
    expect((items[at] as { name: string }).name).toBe("iemand anders (typen)");
    expect((items[optionByNumber(items, "4")] as { name: string }).name).toBe("nog open");
    expect((items[optionByNumber(items, "1")] as { name: string }).name).toMatch(/^Marieke — Intern begeleider/);
    expect(r.state.session.actions).toEqual([expect.objectContaining({ what: "Bellen", who: "Piet" })]);
  });
});
