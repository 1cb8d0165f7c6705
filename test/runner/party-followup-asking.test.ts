// Issue 15 at the level where each point lives: the state machine and the asking layer with a
// scripted UI (the prompts' own validate functions run on what is "typed").
import { beforeAll, describe, expect, it } from "vitest";
import { loadFixture, MINI15, MINI15_START as START, script as run, T0, type Fixture, type ScriptOptions } from "../helpers/scripted.js";
import type { Format } from "../../src/format/types.js";
import { newSession, startState } from "../../src/conversation/start.js";
import { reduce } from "../../src/conversation/reduce.js";
import type { RunnerState } from "../../src/conversation/types.js";
import type { PreviousSource } from "../../src/runner/followup.js";
import { parseNumber } from "../../src/conversation/values.js";
import { optionByNumber } from "../../src/ui/prompts/index.js";
import { Separator } from "@inquirer/core";
import { cliName } from "../../src/cli/invocation.js";
import { msg } from "../../src/i18n/messages.js";

let fx: Fixture;
let format: Format;
beforeAll(async () => ((fx = await loadFixture(MINI15)), (format = fx.format)));

const script = (lines: string[], opts: ScriptOptions = {}) => run(fx, lines, opts);

describe("per_party scale", () => {
  it("asks each present party by role label, then the joint score; stores {joint, parties}", async () => {
    const r = await script([...START, "4", "3", "4", ":stop"]);
    expect(r.out).toContain("Hoe tevreden? — Intern begeleider");
    expect(r.out).toContain("Hoe tevreden? — CJG");
    expect(r.out).toMatch(/Hoe tevreden\? — gezamenlijk \* +\(Intern begeleider 4 · CJG 3\)/);
    expect(r.state.session.answers.tevreden).toEqual({ joint: 4, parties: { ib: 4, cjg: 3 } });
  });

  it("an absent party is not asked; a skipped party is left out", async () => {
    const r = await script(["De Regenboog", "", "2026-09-15", "ib,cjg", "Marieke", "Anouk", "2", ":skip", "2", ":stop"]);
    expect(r.out).not.toContain("Hoe tevreden? — Intern begeleider");
    expect(r.state.session.answers.tevreden).toEqual({ joint: 2, parties: {} });
  });
});

describe("item 1: a line that is only a command runs it, on any line", () => {
  it("longtext: :notitie and :park on a later line are not answer text", async () => {
    const r = await script([
      ...START,
      "4",
      "3",
      "4",
      "",
      "",
      "Een verhaal",
      ":notitie let op",
      ":park Wachtlijst",
      "over samenwerking",
      "",
      ":stop",
    ]);
    expect(r.state.session.answers.verhaal).toBe("Een verhaal\nover samenwerking");
    expect(r.state.session.notes.verhaal).toBe("let op");
    expect(r.state.session.parked.map((p) => p.text)).toEqual(["Wachtlijst"]);
  });

  it("list: :terug and ? are never items; leaving keeps what was typed", async () => {
    const r = await script([...START, "4", "3", "4", "", "eerste", "?", ":terug", ":stop"]);
    expect(r.out).toContain(":terug   (:back)");
    expect(r.state.session.answers.punten).toEqual(["eerste"]);
    expect(r.out).toMatch(/Hoeveel leerlingen\?[^\n]*\n[\s\S]*$/);
  });
});

describe("item 2: a list with max never traps", () => {
  it("one item too many is refused at once; :weg removes an item; the list ends", async () => {
    const r = await script([...START, "4", "3", "4", "", "een", "twee", "drie", ":weg 1", "drie", "", ":stop"]);
    expect(r.out).toContain("! hoogstens 2 items");
    expect(r.out).toContain("✓ Item 1 weggehaald.");
    expect(r.state.session.answers.punten).toEqual(["twee", "drie"]);
  });

  it("an existing list can be edited with :weg at the first line", async () => {
    const r = await script([...START, "4", "3", "4", "", "een", "twee", "", ":terug", ":weg 2", "", ":stop"]);
    expect(r.state.session.answers.punten).toEqual(["een"]);
  });
});

describe("item 3: Dutch numbers", () => {
  it.each([
    ["1.000", 1000],
    ["12.500.000", 12500000],
    ["3,5", 3.5],
    ["1.000,5", 1000.5],
    ["3.5", 3.5],
    ["-2", -2],
    ["42", 42],
  ])("%s = %d", (text, n) => expect(parseNumber(text)).toEqual({ value: n }));

  it.each(["1,000.5", "1,000", "1.2.3", "abc", ""])("%s is refused with a message", (text) => {
    const r = parseNumber(text);
    expect("error" in r && r.error.length > 0).toBe(true);
  });

  it("the runner stores 1.000 as 1000 and says why 1,500 is refused", async () => {
    const r = await script([...START, "4", "3", "4", "1,500", "1.000", ":stop"]);
    expect(r.out).toContain("dubbelzinnig: typ 1500 voor het duizendtal of 1,5 voor het kommagetal");
    expect(r.state.session.answers.aantal).toBe(1000);
  });
});

describe("item 4: stray typing at choice prompts", () => {
  it("only a number that names an option is a choice", () => {
    const items = [1, 2, 3, 4, 5].map((n) => ({ value: n, name: n === 1 ? "1 — slecht" : String(n) }));
    expect(optionByNumber(items, "3")).toBe(2);
    expect(optionByNumber(items, "1")).toBe(0);
    expect(optionByNumber(items, ":sectie 99")).toBe(-1);
    expect(optionByNumber(items, "99")).toBe(-1);
    expect(optionByNumber(items, "15-9-2026")).toBe(-1);
    // A number never reaches the commands below the separator.
    const withCommands = [...items, new Separator("──"), { value: 9, name: "overslaan" }];
    expect(optionByNumber(withCommands, "7")).toBe(-1);
  });
});

describe("item 1 also at a scale: a typed command is a command, not an answer", () => {
  it(":sectie at a per_party scale jumps; :foo is refused with a message", async () => {
    const r = await script([...START, ":foo", ":sectie afspraken", "iets", "", "stop"]);
    expect(r.out).toContain("onbekende opdracht ':foo'");
    expect(r.state.session.answers.tevreden).toBeUndefined();
    expect(r.state.session.answers.gemaakte_afspraken).toEqual(["iets"]);
  });
});

describe("item 5: actions and parked topics", () => {
  it("wie from the participants fills the organisation; an early due date is questioned", async () => {
    const r = await script([...START, "4", "3", "4", ":actie Overleg plannen", "Anouk", "1-9-2026", "n", "1-10-2026", ":stop"]);
    expect(r.out).toContain("2026-09-01 ligt vóór de gespreksdatum (2026-09-15). Toch zo vastleggen?");
    expect(r.state.session.actions).toEqual([
      { what: "Overleg plannen", who: "Anouk", organisation: "CJG Velsen", due: "2026-10-01", question: "aantal" },
    ]);
  });

  it("listed, edited and deleted with :acties", async () => {
    const r = await script([
      ...START,
      "4",
      "3",
      "4",
      ":actie Eerste",
      "open",
      "",
      ":actie Tweede",
      "type",
      "Piet",
      "GGD",
      "",
      ":park Folder",
      ":acties",
      "a0",
      "edit",
      "Eerste, nu beter",
      "Marieke",
      "",
      "p0",
      "delete",
      "a1",
      "delete",
      "",
      ":stop",
    ]);
    expect(r.state.session.actions).toEqual([{ what: "Eerste, nu beter", who: "Marieke", organisation: "School", question: "aantal" }]);
    expect(r.state.session.parked).toEqual([]);
  });
});

describe("clearing a value that is there", () => {
  it("Enter keeps an action's organisation, due date and a note; '-' empties them", async () => {
    const r = await script([
      ...START,
      "4",
      "3",
      "4",
      ":actie Derde",
      "type",
      "Piet",
      "GGD",
      "2026-10-01",
      ":acties",
      "a0",
      "edit",
      "",
      "",
      "",
      "-",
      "-",
      "terug",
      ":notitie eerst dit",
      ":notitie",
      "-",
      ":stop",
    ]);
    expect(r.out).toContain("Organisatie? (Enter = zo laten, - = open)");
    expect(r.out).toContain("Wanneer klaar (JJJJ-MM-DD of DD-MM-JJJJ)? (Enter = zo laten, - = open)");
    expect(r.out).toContain("Notitie bij deze vraag (Enter = zo laten, - = verwijderen):");
    expect(r.state.session.actions).toEqual([{ what: "Derde", who: "Piet", question: "aantal" }]);
    expect(r.state.session.notes).toEqual({});
  });
  it("'-' for a typed owner leaves the owner open, not a person called '-'", async () => {
    const r = await script([...START, "4", "3", "4", ":actie Vierde", "type", "-", "", "", ":stop"]);
    expect(r.state.session.actions).toEqual([{ what: "Vierde", question: "aantal" }]);
  });
});

describe("item 6: refusals and notices in words, not codes", () => {
  it("a party that does not confirm is named by its label", async () => {
    const r = await script([...START, "4", "3", "4", "", "", "", ":sectie afspraken", "iets", "", "finalize", "j", "n", "stop"]);
    expect(r.out).toContain("niet bevestigd door CJG.");
  });
});

describe("item 7: --reopen only on a change", () => {
  it("a reopened final session stays final until something changes", () => {
    const s = startState(
      format,
      { ...newSession(format, T0), status: "final", finalized: { at: "2026-09-15T10:00:00Z", by: ["ib"] } },
      T0,
      true,
    );
    let st: RunnerState = { ...s, reopening: true };
    st = reduce(st, { type: "tick", now: T0 + 1000 });
    st = reduce(st, { type: "review", now: T0 + 2000 });
    expect(st.session.status).toBe("final");
    expect(st.reopening).toBe(true);
    st = reduce({ ...st, cursor: { kind: "question", id: "aantal" } }, { type: "answer", value: 12, now: T0 + 3000 });
    expect(st.session.status).toBe("draft");
    expect(st.reopening).toBe(false);
    expect(st.session.history.map((h) => h.event)).toEqual(["start", "resume", "reopen"]);
  });
});

describe("item 8: next-step commands that run where the user is", () => {
  it("npx afstem through npx, npm exec, an npm script or a node_modules/.bin path; afstem otherwise", () => {
    expect(cliName({ npm_command: "exec" }, "/x/bin/afstem.js")).toBe("npx afstem");
    expect(cliName({ npm_command: "run-script" }, "/x/bin/afstem.js")).toBe("npx afstem");
    expect(cliName({}, "/home/a/.npm/_npx/123/node_modules/.bin/afstem")).toBe("npx afstem");
    expect(cliName({}, "/proj/node_modules/.bin/afstem")).toBe("npx afstem");
    expect(cliName({}, "/usr/local/bin/afstem")).toBe("afstem");
  });
});

describe("item 9: after a jump, the next open question", () => {
  it("finishing a section reached by :sectie goes to the next open question, past answered ones", async () => {
    // Jump ahead to the agreements and answer them; back to the open questions of section 1;
    // finishing those goes to the review, not through the agreements again.
    const r = await script([...START, "4", "3", "4", ":sectie afspraken", "iets", "", "continue", "5", "", "", "stop"]);
    expect(r.state.session.answers.aantal).toBe(5);
    expect(r.out).toMatch(/Vertel eens\.[\s\S]*Overzicht — wat nu\?\n\? Overzicht — wat nu\?|Vertel eens\.[\s\S]*== Overzicht ==/);
    expect(r.out.split("Welke afspraken?").length).toBe(2); // asked once
  });
});

describe("followup: last year's agreements", () => {
  it("at the agreements section, each item is asked: gedaan / loopt nog / vervallen, with a note", async () => {
    const previous: PreviousSource = {
      given: { file: "/x/2025.yaml", date: "2025-09-16", items: ["Maandelijks overleg", "Scholing ouders", "Folder"] },
    };
    const r = await script(
      [
        ...START,
        "4",
        "3",
        "4",
        ":sectie afspraken",
        "gedaan",
        "",
        "loopt",
        "eerste bijeenkomst in november",
        "vervallen",
        "",
        "nieuw",
        "",
        ":stop",
      ],
      { previous },
    );
    expect(r.out).toContain("== Afspraken van vorig jaar ==");
    expect(r.out).toContain("1/3  Maandelijks overleg");
    expect(r.state.session.followup).toEqual([
      { action: "Maandelijks overleg", status: "gedaan" },
      { action: "Scholing ouders", status: "loopt", note: "eerste bijeenkomst in november" },
      { action: "Folder", status: "vervallen" },
    ]);
    expect(r.state.session.answers.gemaakte_afspraken).toEqual(["nieuw"]);
  });

  it("without --previous, a found earlier session is offered and can be declined", async () => {
    const previous: PreviousSource = {
      find: async () => ({ file: "/x/2025-09-16-de-regenboog-mini15.yaml", date: "2025-09-16", items: ["Overleg"] }),
    };
    const r = await script([...START, "4", "3", "4", ":sectie afspraken", "n", "nieuw", "", ":stop"], { previous });
    expect(r.out).toContain("Er is een eerder gesprek van deze school");
    expect(r.state.session.followup).toBeUndefined();
  });
});

describe("per_party scale: each party's score is saved as it is given", () => {
  const MARK = "Onvolledig antwoord, nog niet opgeslagen als antwoord: ";

  it("Ctrl+C after two parties keeps both scores (in the note until the joint score completes the answer)", async () => {
    const r = await script([...START, "4", "2"]);
    expect(r.outcome).toBe("interrupted");
    expect(r.state.session.answers.tevreden).toBeUndefined();
    expect(r.state.session.notes.tevreden).toBe(`${MARK}ib=4, cjg=2`);
    // Resumed: both scores are there again, pre-selected (Enter keeps them); the joint score completes it.
    const again = await script(["", "", "3", ":stop"], { start: startState(format, structuredClone(r.state.session), T0, true) });
    expect(again.state.session.answers.tevreden).toEqual({ joint: 3, parties: { ib: 4, cjg: 2 } });
    expect(again.state.session.notes.tevreden).toBeUndefined();
  });

  it("a score kept under the English mark (run --lang en, resumed in Dutch) is picked up, and the note cleared", async () => {
    const r = await script([...START, "4"]);
    const s = structuredClone(r.state.session);
    expect(s.notes.tevreden).toBe(`${MARK}ib=4`);
    s.notes.tevreden = `Eigen notitie\n${msg("runner.ask.unfinished-answer-mark", "en")}ib=4`;
    const again = await script(["", "3", "3", ":stop"], { start: startState(format, s, T0, true) });
    expect(again.out).toMatch(/Hoe tevreden\? — gezamenlijk \* +\(Intern begeleider 4 · CJG 3\)/);
    expect(again.state.session.answers.tevreden).toEqual({ joint: 3, parties: { ib: 4, cjg: 3 } });
    expect(again.state.session.notes.tevreden).toBe("Eigen notitie");
  });

  it(":terug at the second party goes to the first, with its score pre-selected; at the joint score to the last party", async () => {
    const r = await script([...START, "4", ":terug", "", "3", ":terug", "2", "4", ":stop"]);
    expect(r.out.match(/\? Hoe tevreden\? — Intern begeleider/g)).toHaveLength(2);
    expect(r.out.match(/\? Hoe tevreden\? — CJG/g)).toHaveLength(3);
    expect(r.state.session.answers.tevreden).toEqual({ joint: 4, parties: { ib: 4, cjg: 2 } });
    expect(r.state.session.meta.datum).toBe("2026-09-15");
  });

  it(":terug at the first party still goes to the previous question, keeping nothing it should not", async () => {
    const r = await script([...START, ":terug", ":stop"]);
    expect(r.out).toMatch(/Wie is aanwezig\?[\s\S]*$/);
    expect(r.state.session.answers.tevreden).toBeUndefined();
    expect(r.state.session.notes.tevreden).toBeUndefined();
  });
});

describe("a typed command works at every prompt of the run (line UI)", () => {
  const previous = (): PreviousSource => ({
    given: { file: "/x/2025.yaml", date: "2025-09-16", items: ["Maandelijks overleg", "Scholing ouders"] },
  });
  const TO_REVIEW = [...START, "4", "3", "4", "", "", "", "nieuw", ""];

  it("at the overview: :stop stops, :sectie jumps, :notitie stays", async () => {
    const r = await script([...TO_REVIEW, ":stop"]);
    expect(r.out).toContain("Overzicht — wat nu?");
    expect(r.out).not.toContain("! :stop?");
    expect(r.outcome).toBe("stopped");
    const j = await script([...TO_REVIEW, ":foo", ":sectie 1", ":stop"]);
    expect(j.out).toContain("! onbekende opdracht");
    expect(j.state.cursor).toEqual({ kind: "question", id: "tevreden" });
  });

  it("at last year's agreements: :stop leaves (what was answered is kept), :over skips an item, 'meer…' is offered", async () => {
    const r = await script([...START, "4", "3", "4", ":sectie afspraken", "gedaan", ":notitie eerst dit", "klaar", ":stop"], {
      previous: previous(),
    });
    expect(r.out).not.toContain("! :stop?");
    expect(r.outcome).toBe("stopped");
    expect(r.state.session.followup).toEqual([{ action: "Maandelijks overleg", status: "gedaan", note: "klaar" }]);
    const m = await script([...START, "4", "3", "4", ":sectie afspraken", ":over", "meer", "opslaan"], { previous: previous() });
    expect(m.outcome).toBe("stopped");
    expect(m.state.session.followup).toBeUndefined();
  });

  it("at the participants' names and the presence list", async () => {
    const r = await script(["De Regenboog", "", "2026-09-15", "ib,cjg", "Marieke", ":stop"]);
    expect(r.outcome).toBe("stopped");
    expect(r.state.session.participants.map((p) => p.name)).toEqual(["Marieke", ""]);
    const p = await script(["De Regenboog", "", "2026-09-15", "ib,cjg", "Marieke", "Anouk", ":stop"]);
    expect(p.out).not.toContain("! :stop?");
    expect(p.outcome).toBe("stopped");
    expect(p.state.session.participants.map((x) => x.name)).toEqual(["Marieke", "Anouk"]);
  });
});

describe("the overview offers last year's agreements only with a previous conversation", () => {
  const TO_REVIEW = [...START, "4", "3", "4", "", "", "", "nieuw", ""];
  it("none found beside the file: not offered; found: offered and gone through", async () => {
    const none = await script([...TO_REVIEW, "afspraken", ":stop"], { previous: { find: async () => undefined } });
    expect(none.out).toContain("! afspraken?");
    const found = await script([...START, "4", "3", "4", "", "", "", "gedaan", "", "nieuw", "", "afspraken", "loopt", "", ":stop"], {
      previous: { given: { file: "/x/2025-09-16-de-regenboog-mini15.yaml", date: "2025-09-16", items: ["Overleg"] } },
    });
    expect(found.out).not.toContain("! afspraken?");
    expect(found.state.session.followup).toEqual([{ action: "Overleg", status: "loopt" }]);
  });
});
