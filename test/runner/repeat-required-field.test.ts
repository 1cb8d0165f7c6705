// A repeat item without a required field was marked ✓ in the overview, the section's answers,
// 'een antwoord wijzigen…' and the repeat's own lists; only finalizing said it was missing.
// Now each marks it ✗ with finalizing's own words (draft: the list may still be kept).
import { beforeAll, describe, expect, it } from "vitest";
import { loadFixture, script, T0, type Fixture } from "../helpers/scripted.js";
import type { Format, RepeatItem } from "../../src/format/types.js";
import { newSession, startState } from "../../src/conversation/start.js";
import { MINI } from "../helpers/pty.js";

let fx: Fixture;
beforeAll(async () => {
  const base = await loadFixture(MINI);
  const format: Format = structuredClone(base.format);
  const q = format.sections[1]!.questions.find((x) => x.id === "punten")!;
  q.fields!.find((f) => f.id === "ernst")!.required = true;
  fx = { format, checker: base.checker };
});

const ITEMS: RepeatItem[] = [{ wat: "een", ernst: "laag" }, { wat: "twee" }];
const MISSING = "verplicht veld zonder antwoord in item 2 van Knelpunten (punten): Hoe erg?";

async function run(lines: string[]) {
  const asked: { message: string; names: string[] }[] = [];
  const session = {
    ...newSession(fx.format, T0),
    meta: { school: "De Regenboog", datum: "2026-09-15" },
    participants: [{ name: "Marieke", role: "ib", organisation: "School", present: true }],
    answers: {
      samen: false,
      cijfer: 4,
      verhaal: "Een heel lang verhaal.",
      punten: structuredClone(ITEMS),
      kleuren: ["rood"],
      aantal: 3,
      wanneer: "2026-09-01",
      lijst: ["x"],
    },
  };
  const r = await script(fx, lines, {
    start: startState(fx.format, session, T0, true),
    wrap: (ui) => ({
      ...ui,
      select: (o) => {
        asked.push({ message: o.message, names: o.choices.flatMap((c) => ("separator" in c ? [] : [c.name])) });
        return ui.select(o);
      },
    }),
  });
  return { ...r, choices: (message: string) => asked.filter((a) => a.message === message).at(-1)?.names };
}

describe("a repeat item without a required field", () => {
  it("is ✗ with finalizing's words in the overview, the answers, 'een antwoord wijzigen…' and the repeat's lists", async () => {
    const r = await run([":overzicht", "show", "alles", "edit", "Knelpunten", "een item wijzigen", "terug", "keep", ":stop"]);
    expect(r.out).toMatch(/✗ 2\. Tweede deel +5\/6 beantwoord · 1 ongeldig/);
    expect(r.out).toContain(`  ✗ Knelpunten\n      1. een · Laag\n      2. twee\n      ! ${MISSING}`);
    expect(r.choices("Welk antwoord wijzigen?")).toEqual(expect.arrayContaining(["✗ Knelpunten", "✓ Hoeveel?"]));
    expect(r.out).toContain(`! ${MISSING}`);
    expect(r.choices("Welk item wijzigen?")).toEqual(["✓ 1. een · Laag", `✗ 2. twee  ! ${MISSING}`, "← terug"]);
    // Still a draft: the list is kept as it is, finalizing refuses it.
    expect(r.state.session.answers.punten).toEqual(ITEMS);
  });
});
