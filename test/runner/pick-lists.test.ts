// The small lists inside a command: what their marks say and which typed number picks what.
import { beforeAll, describe, expect, it } from "vitest";
import { loadFixture, MINI15, MINI15_START as START, script, type Fixture } from "../helpers/scripted.js";
import { Separator } from "@inquirer/core";
import type { Ui, UiItem } from "../../src/ui/types.js";
import { optionByNumber } from "../../src/ui/prompts/index.js";

let fx: Fixture;
beforeAll(async () => void (fx = await loadFixture(MINI15)));

/** Runs the lines; returns the choices of every list with the given message, as shown. */
async function lists(lines: string[], message: string) {
  const seen: UiItem<unknown>[][] = [];
  const watch = (line: Ui): Ui => ({
    ...line,
    select: (o) => {
      if (o.message === message) seen.push(o.choices as UiItem<unknown>[]);
      return line.select(o);
    },
  });
  const { state } = await script(fx, lines, { wrap: watch });
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
