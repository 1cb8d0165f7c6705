// A repeat that breaks the format's rules (a hand-edited or older file: more items than
// maxItems, a field's code that is no option) is fixed item by item from "een antwoord
// wijzigen…", and an answer that breaks the rules is never marked ✓ (beantwoord).
import { beforeAll, describe, expect, it } from "vitest";
import { loadFixture, script, T0, type Fixture } from "../helpers/scripted.js";
import type { Format } from "../../src/format/types.js";
import { newSession, startState } from "../../src/conversation/start.js";
import type { RunnerState } from "../../src/conversation/types.js";
import { MINI } from "../helpers/pty.js";
import { inScope } from "../../src/util/scope.js";

let fx: Fixture;
beforeAll(async () => {
  const base = await loadFixture(MINI);
  const format: Format = structuredClone(base.format);
  const q = format.sections[1]!.questions.find((x) => x.id === "punten")!;
  Object.assign(q, { validate: { maxItems: 2 }, message: { nl: "Hooguit twee knelpunten." } });
  fx = { format, checker: base.checker };
});

const ITEMS = [
  { wat: "een", ernst: "laag" },
  { wat: "twee", ernst: "paars" },
  { wat: "drie", ernst: "hoog" },
];

/** As `run --resume` opens it: three knelpunten (max two, the second with a code that is no option), kleuren: paars. */
function broken(): RunnerState {
  const session = {
    ...newSession(fx.format, T0),
    meta: { school: "De Regenboog", datum: "2026-09-15" },
    participants: [{ name: "Marieke", role: "ib", organisation: "School", present: true }],
    answers: {
      samen: false,
      cijfer: 4,
      verhaal: "Een heel lang verhaal.",
      punten: structuredClone(ITEMS),
      kleuren: ["paars"],
      aantal: 3,
      wanneer: "2026-09-01",
      lijst: ["x"],
    },
  };
  return startState(fx.format, session, T0, true);
}

/** Run on the broken session; every select's choices are kept, as the terminal would list them. */
async function run(lines: string[], on: Fixture = fx, items: unknown[] = ITEMS) {
  const asked: { message: string; names: string[] }[] = [];
  const session = broken().session;
  session.answers.punten = structuredClone(items) as typeof ITEMS;
  const r = await script(on, lines, {
    start: startState(on.format, session, T0, true),
    wrap: (ui) => ({
      ...ui,
      select: (o) => {
        asked.push({ message: o.message, names: o.choices.flatMap((c) => ("separator" in c ? [] : [c.name])) });
        return ui.select(o);
      },
    }),
  });
  return { ...r, asked, choices: (message: string) => asked.filter((a) => a.message === message).at(-1)?.names };
}

describe("a repeat beyond its maxItems, and answers that break the format", () => {
  it("are marked ✗, not ✓, in the overview, the answers and the list of answers to change", async () => {
    const r = await run([":overzicht", "show", "alles", "edit"]);
    expect(r.out).toMatch(/✗ 2\. Tweede deel +4\/6 beantwoord · 2 ongeldig/);
    expect(r.out).toMatch(/✓ 1\. Eerste deel +2\/2 beantwoord/);
    expect(r.out).toContain(
      "  ✗ Knelpunten\n      1. een · Laag\n      2. twee · paars\n      3. drie · Hoog\n      ! 'paars' is geen optie",
    );
    expect(r.out).toMatch(/Hooguit twee knelpunten\.\n {2}✗ Kleuren\?\n {6}paars\n {6}! 'paars' is geen optie/);
    expect(r.out).toContain("  ✓ Hoeveel?");
    expect(r.out).toContain("✗ verplicht en nog open, of ongeldig");
    expect(r.choices("Welk antwoord wijzigen?")).toEqual(
      expect.arrayContaining(["✗ Knelpunten", "✗ Kleuren?", "✓ Hoeveel?", "✓ Vertel eens. *"]),
    );
  });

  it("an item is removed at the repeat ('een item verwijderen…', each item shown by its fields, or :weg N)", async () => {
    const r = await run([":overzicht", "edit", "Knelpunten", "een item verwijderen", "3", "keep", "stop"]);
    expect(r.out).toContain("! Hooguit twee knelpunten. Haal er een item af: een item verwijderen… (of :weg N).");
    expect(r.out).toContain("! item 2: 'paars' is geen optie; kies uit: laag, hoog");
    expect(r.choices("3 item(s). Wat nu?")).toEqual([
      "zo laten en verder",
      "een item wijzigen…",
      "een item verwijderen…",
      "opnieuw invullen (lijst leegmaken)",
      "← terug",
      "meer…",
    ]);
    expect(r.choices("Welk item verwijderen?")).toEqual([
      "✓ 1. een · Laag",
      "✗ 2. twee · paars  ! 'paars' is geen optie; kies uit: laag, hoog",
      "✓ 3. drie · Hoog",
      "← terug",
    ]);
    expect(r.out).toContain("✓ Item 3 weggehaald.");
    // Saved at once, before the list is kept.
    expect(r.saves.some((s) => (s.session.answers.punten as unknown[]).length === 2)).toBe(true);
    // Kept with a broken item: refused with what is wrong, the items stay.
    expect(r.out).toContain("! item 2: 'paars' is geen optie; kies uit: laag, hoog De items zijn bewaard");
    expect(r.state.session.answers.punten).toEqual(ITEMS.slice(0, 2));
    // Typed, as in a list.
    const typed = await run([":overzicht", "edit", "Knelpunten", ":weg 9", ":weg 1", "stop"]);
    expect(typed.out).toContain("Geen item 9.");
    expect(typed.out).toContain("✓ Item 1 weggehaald.");
    expect(typed.state.session.answers.punten).toEqual(ITEMS.slice(1));
  });

  it("an item is changed field by field, its old values the defaults; fixed, the session finalizes", async () => {
    const r = await run([
      ":overzicht",
      "edit",
      "Knelpunten",
      "een item wijzigen",
      "2",
      "", // wat: Enter keeps 'twee'
      "hoog", // ernst: 'paars' was no option
      ":weg",
      "keep",
      "edit",
      "Kleuren?",
      "rood",
      "finalize",
      "j",
    ]);
    expect(r.choices("Welk item wijzigen?")).toEqual([
      "✓ 1. een · Laag",
      "✗ 2. twee · paars  ! 'paars' is geen optie; kies uit: laag, hoog",
      "✓ 3. drie · Hoog",
      "← terug",
    ]);
    expect(r.out).toContain("✓ Item 2 gewijzigd.");
    expect(r.state.session.answers.punten).toEqual([
      { wat: "een", ernst: "laag" },
      { wat: "twee", ernst: "hoog" },
    ]);
    expect(r.state.session.answers.kleuren).toEqual(["rood"]);
    expect(r.state.session.status).toBe("final");
  });

  it("a code that is no option is not kept by Enter at a choice (the terminal had no such default either)", async () => {
    const r = await run([":overzicht", "edit", "Knelpunten", "een item wijzigen", "2", "", "", ":stop"]);
    expect(r.state.session.answers.punten).toEqual([ITEMS[0], { wat: "twee", ernst: "laag" }, ITEMS[2]]);
  });
});

describe("the lists of items to change and to remove", () => {
  it("mark a broken item ✗ with what is wrong, as the overview does; the others ✓", async () => {
    const r = await run([":overzicht", "edit", "Knelpunten", "een item wijzigen", "terug", "een item verwijderen", "terug", ":stop"]);
    const marked = ["✓ 1. een · Laag", "✗ 2. twee · paars  ! 'paars' is geen optie; kies uit: laag, hoog", "✓ 3. drie · Hoog", "← terug"];
    expect(r.choices("Welk item wijzigen?")).toEqual(marked);
    expect(r.choices("Welk item verwijderen?")).toEqual(marked);
    // The same wording as the lines above the menu.
    expect(r.out).toContain("! item 2: 'paars' is geen optie; kies uit: laag, hoog");
    // Looking is not changing.
    expect(r.state.session.answers.punten).toEqual(ITEMS);
  });

  it("a field's pattern not matched, and two problems in one item", async () => {
    // A knelpunt's "Wat?" must be lower case (the format's message, in both languages).
    const format: Format = structuredClone(fx.format);
    const wat = format.sections[1]!.questions.find((x) => x.id === "punten")!.fields!.find((f) => f.id === "wat")!;
    Object.assign(wat, { validate: { pattern: "^[a-z]+$" }, message: { nl: "Alleen kleine letters.", en: "Lower case only." } });
    const items = [
      { wat: "Een", ernst: "laag" },
      { wat: "twee", ernst: "hoog" },
      { wat: "Drie", ernst: "paars" },
    ];
    const r = await run(
      [":overzicht", "edit", "Knelpunten", "een item wijzigen", "terug", ":stop"],
      { format, checker: fx.checker },
      items,
    );
    expect(r.choices("Welk item wijzigen?")).toEqual([
      "✗ 1. Een · Laag  ! Alleen kleine letters.",
      "✓ 2. twee · Hoog",
      "✗ 3. Drie · paars  ! 'paars' is geen optie; kies uit: laag, hoog; Alleen kleine letters.",
      "← terug",
    ]);
  });

  it("in English (--lang en)", async () => {
    const r = await inScope({ lang: "en", cwd: process.cwd(), env: process.env }, () =>
      run([":review", "edit", "Knelpunten", "change an item", "back", "remove an item", "back", ":stop"]),
    );
    const marked = [
      "✓ 1. een · Laag",
      "✗ 2. twee · paars  ! 'paars' is not an option; choose from: laag, hoog",
      "✓ 3. drie · Hoog",
      "← back",
    ];
    expect(r.choices("Which item to change?")).toEqual(marked);
    expect(r.choices("Which item to remove?")).toEqual(marked);
    expect(r.out).toContain("! item 2: 'paars' is not an option; choose from: laag, hoog");
  });
});
