// The asking layer with a scripted UI instead of a terminal: the prompts' own validate
// functions run on what is "typed", exactly as inquirer would run them.
import { beforeAll, describe, expect, it } from "vitest";
import { loadFixture, MINI_START as START, script as run, T0, type Fixture } from "../helpers/scripted.js";
import type { Format, Question } from "../../src/format/types.js";
import { newSession, startState } from "../../src/conversation/start.js";
import { reduce } from "../../src/conversation/reduce.js";
import type { RunnerState } from "../../src/conversation/types.js";
import { MINI } from "../helpers/pty.js";
import { msg } from "../../src/i18n/messages.js";

let fx: Fixture;
let format: Format;
beforeAll(async () => ((fx = await loadFixture(MINI)), (format = fx.format)));

/** Run the conversation on scripted lines; running out of lines is Ctrl+C. */
const script = (lines: string[], start?: RunnerState) => run(fx, lines, start ? { start } : {});

/** MINI with `validate` rules (and their message) on the repeat `punten`. */
function rulesFormat(validate: Question["validate"], message: string): Format {
  const f = structuredClone(format);
  const q = f.sections[1]!.questions.find((x) => x.id === "punten")!;
  Object.assign(q, { validate, message: { nl: message } });
  return f;
}
const withRules = (validate: Question["validate"], message: string, lines: string[]) =>
  run({ format: rulesFormat(validate, message), checker: fx.checker }, lines);

describe("prompts", () => {
  it("saves each participant's name as soon as it is entered, before presence is asked", async () => {
    const r = await script(["De Regenboog", "2026-09-15", "ib,cjg", "Marieke"]);
    expect(r.outcome).toBe("interrupted");
    // Every party chosen is kept, the ones not named yet with an empty name (resuming asks them).
    expect(r.saves.at(-1)!.session.participants).toEqual([
      expect.objectContaining({ name: "Marieke", role: "ib" }),
      expect.objectContaining({ name: "", role: "cjg" }),
    ]);
  });

  it("refuses an invalid answer with the format's message and asks again", async () => {
    const r = await script(["X", "De Regenboog"]);
    expect(r.out).toContain("! Vul de naam van de school in.");
    expect(r.state.session.meta.school).toBe("De Regenboog");
    expect(r.saves).toHaveLength(1); // the refused answer never reached the session
  });

  it("accepts Dutch dates and refuses impossible ones", async () => {
    const r = await script(["De Regenboog", "31-02-2026", "15-9-2026"]);
    expect(r.out).toMatch(/! .*JJJJ-MM-DD|! .*geen geldige datum/);
    expect(r.state.session.meta.datum).toBe("2026-09-15");
  });

  it("shows the command list, the help text, and records notes and actions without moving", async () => {
    const r = await script([
      ...START,
      "ja",
      "?",
      ":help",
      ":notitie ouders waren positief",
      ":actie Overleg plannen",
      "Anouk",
      "1-10-2026",
      "samen eten",
    ]);
    expect(r.out).toContain(":terug   (:back)");
    expect(r.out).toContain("Vertel over de vorm.");
    expect(r.state.session.notes).toEqual({ hoe: "ouders waren positief" });
    expect(r.state.session.actions).toEqual([
      { what: "Overleg plannen", who: "Anouk", organisation: "CJG", due: "2026-10-01", question: "hoe" },
    ]);
    expect(r.state.session.answers.hoe).toBe("samen eten");
  });

  it("an unknown command is refused, not stored as an answer", async () => {
    const r = await script([...START, "ja", ":foo", "samen eten"]);
    expect(r.out).toContain("onbekende opdracht ':foo'");
    expect(r.state.session.answers.hoe).toBe("samen eten");
  });

  it(":terug goes back, skip skips, '::' escapes a leading colon", async () => {
    const r = await script([...START, "ja", ":terug", "ja", "::-) prima", ":skip"]);
    expect(r.state.session.answers.hoe).toBe(":-) prima");
    expect(r.state.session.skipped).toEqual(["cijfer"]);
  });

  it("longtext refuses to end while too short; multichoice enforces maxItems", async () => {
    const r = await script([...START, "nee", "3", "kort", "", "maar nu langer", "", "wat", "hoog", "nee", "rood,groen,blauw", "rood"]);
    expect(r.out).toContain("! Minstens tien tekens graag.");
    expect(r.state.session.answers.verhaal).toBe("kort\nmaar nu langer");
    expect(r.out).toContain("! Hooguit twee.");
    expect(r.state.session.answers.kleuren).toEqual(["rood"]);
    expect(r.state.session.answers.punten).toEqual([{ wat: "wat", ernst: "hoog" }]);
  });

  it("repeat: a typed command at 'Nog een toevoegen?' works as at a question; :skip there means no more", async () => {
    const stop = await script([...START, "nee", "3", "een lang verhaal", "", "eerste", "laag", ":stop"]);
    expect(stop.outcome).toBe("stopped");
    expect(stop.state.session.answers.punten).toEqual([{ wat: "eerste", ernst: "laag" }]);
    const skip = await script([...START, "nee", "3", "een lang verhaal", "", "eerste", "laag", ":skip", ":stop"]);
    expect(skip.out).not.toContain("! :skip?");
    expect(skip.out).toMatch(/Nog een toevoegen\?\n(?:.*\n)*\? Kleuren\?/);
    expect(skip.state.session.answers.punten).toEqual([{ wat: "eerste", ernst: "laag" }]);
    // Back at the list later: a command at "what now?" too.
    const back = await script([...START, "nee", "3", "een lang verhaal", "", "eerste", "laag", "nee", ":terug", ":stop"]);
    expect(back.outcome).toBe("stopped");
    expect(back.out).toContain("? 1 item(s). Wat nu?");
    expect(back.out).not.toMatch(/! :stop\?/);
  });

  it("repeat: the format's rules on the whole list are enforced as for any answer (maxItems, minItems)", async () => {
    const TO_LIST = [...START, "nee", "3", "een lang verhaal", ""];
    // At maxItems no other item is offered, and the format's message says why.
    const max = await withRules({ maxItems: 1 }, "Hooguit één knelpunt.", [...TO_LIST, "eerste", "laag", ":stop"]);
    expect(max.out).toContain("! Hooguit één knelpunt. Er kan geen item meer bij.");
    expect(max.out).not.toContain("Nog een toevoegen?");
    expect(max.state.session.answers.punten).toEqual([{ wat: "eerste", ernst: "laag" }]);
    expect(max.state.cursor).toEqual({ kind: "question", id: "kleuren" });
    // Back at the full list: "item toevoegen" is not offered either.
    const back = await withRules({ maxItems: 1 }, "Hooguit één knelpunt.", [...TO_LIST, "eerste", "laag", ":terug", "item", "keep"]);
    expect(back.out).toMatch(/! Hooguit één knelpunt\. Er kan geen item meer bij\.\n\? 1 item\(s\)\. Wat nu\?/);
    expect(back.out).toContain("! item?");
    expect(back.state.cursor).toEqual({ kind: "question", id: "kleuren" });
    // Too few: "no more" is refused with the format's message; another item makes it right.
    const min = await withRules({ minItems: 2 }, "Minstens twee.", [
      ...TO_LIST,
      "eerste",
      "laag",
      "nee",
      "ja",
      "tweede",
      "hoog",
      "nee",
      ":stop",
    ]);
    expect(min.out).toContain("! Minstens twee. De items zijn bewaard; :over laat het zo");
    expect(min.state.session.answers.punten).toHaveLength(2);
    expect(min.state.cursor).toEqual({ kind: "question", id: "kleuren" });
    // :over leaves the question with the item kept (nothing typed is lost); finalizing then waits.
    const skip = await withRules({ minItems: 2 }, "Minstens twee.", [...TO_LIST, "eerste", "laag", "nee", ":over", ":stop"]);
    expect(skip.state.session.answers.punten).toEqual([{ wat: "eerste", ernst: "laag" }]);
    expect(skip.state.cursor).toEqual({ kind: "question", id: "kleuren" });
  });

  it("an answer that breaks the format's rules blocks finalizing, with the message; fixed at the question, it finalizes", async () => {
    const f = rulesFormat({ maxItems: 1 }, "Hooguit één knelpunt.");
    const session = {
      ...newSession(f, T0),
      meta: { school: "De Regenboog", datum: "2026-09-15" },
      participants: [{ name: "Marieke", role: "ib", organisation: "School", present: true }],
      answers: { samen: false, verhaal: "Een heel lang verhaal.", punten: [{ wat: "een" }, { wat: "twee" }] },
    };
    const start = startState(f, session, T0, true);
    const r = await run(
      { format: f, checker: fx.checker },
      [":overzicht", "finalize", "edit", "punten", "keep", "restart", "alleen", "laag", "finalize", "j"],
      {
        start,
      },
    );
    expect(r.out).toContain(
      "Nog niet vast te stellen:\n  ✗ antwoord voldoet niet aan het format: Knelpunten (punten): Hooguit één knelpunt.",
    );
    expect(r.out).toContain("! Hooguit één knelpunt. De items zijn bewaard");
    expect(r.state.session.answers.punten).toEqual([{ wat: "alleen", ernst: "laag" }]);
    expect(r.state.session.status).toBe("final");
    // The state machine refuses it too, whoever proposes the finalize.
    const refused = reduce(startState(f, session, T0, true), { type: "finalize", by: ["ib"], now: T0 + 1000 }, fx.checker);
    expect(refused.session.status).toBe("draft");
    expect(refused.problems).toEqual([expect.stringContaining("Knelpunten (punten): Hooguit één knelpunt.")]);
  });

  it("repeat: several items, each field saved as it is given", async () => {
    const r = await script([...START, "nee", "3", "een lang verhaal", "", "eerste", "laag", "ja", "tweede"]);
    expect(r.outcome).toBe("interrupted");
    expect(r.saves.at(-1)!.session.answers.punten).toEqual([{ wat: "eerste", ernst: "laag" }, { wat: "tweede" }]);
  });

  it("finalizes after the review when every present party confirms", async () => {
    const r = await script([
      ...START,
      "ja",
      "samen",
      "4",
      "een lang verhaal",
      "",
      "x",
      "laag",
      "nee",
      "",
      "",
      "",
      "",
      "finalize",
      "j",
      "j",
    ]);
    expect(r.outcome).toBe("final");
    expect(r.state.session.status).toBe("final");
    expect(r.state.session.finalized!.by).toEqual(["ib", "cjg"]);
    expect(r.out).toMatch(/2\. Tweede deel +\d\/6 beantwoord/); // the overview, a line per section
  });

  it("does not finalize when a party declines, nor with a required answer missing", async () => {
    const r = await script([
      ...START,
      ":skip",
      "4",
      "een lang verhaal",
      "",
      "x",
      "laag",
      "nee",
      "",
      "",
      "",
      "",
      "finalize",
      "edit",
      "samen",
      "ja",
      "finalize",
      "j",
      "n",
      "stop",
    ]);
    expect(r.out).toContain("verplichte vraag zonder antwoord: Werken jullie samen?");
    expect(r.out).toMatch(/niet bevestigd door CJG\./); // the role's label, not its code (issue 15, item 6)
    expect(r.outcome).toBe("stopped");
    expect(r.state.session.status).toBe("draft");
    expect(r.state.session.answers.samen).toBe(true);
  });

  it(":stop ends the conversation as a draft", async () => {
    const r = await script(["De Regenboog", ":stop"]);
    expect(r.outcome).toBe("stopped");
    expect(r.state.session.meta.school).toBe("De Regenboog");
  });
});

describe("moving around", () => {
  it("jumps to a section through meer…, opens the review with :overzicht; verder returns to the question", async () => {
    const r = await script([...START, "nee", ":more", "section", "twee", "een lang verhaal", "", ":overzicht", "continue", ":stop"]);
    expect(r.out).toContain("== Tweede deel ==");
    expect(r.state.session.answers.verhaal).toBe("een lang verhaal");
    // The overview: a line per section with its progress, not every answer (issue 15, item 9).
    expect(r.out).toMatch(/· 2\. Tweede deel +1\/6 beantwoord · \d+ van 5 min/);
    expect(r.out).not.toContain("(geen antwoord)");
    // `verder` from the review returns to the question the review was opened at.
    expect(r.out).toMatch(/Overzicht — wat nu\?\n\nSectie 2\/2 · Tweede deel · vraag 4\/8 [^\n]*\nKnelpunten/);
    expect(r.outcome).toBe("stopped");
  });

  it("unticking every option clears a multichoice answer", async () => {
    const r = await script([
      ...START,
      "nee",
      "3",
      "een lang verhaal",
      "",
      "",
      "",
      "nee",
      "rood",
      "",
      "",
      "",
      "edit",
      "kleuren",
      "-",
      "stop",
    ]);
    expect(r.saves.some((s) => s.session.answers.kleuren !== undefined)).toBe(true);
    expect(r.state.session.answers.kleuren).toBeUndefined();
    expect(r.state.session.skipped).not.toContain("kleuren");
  });

  it(":sectie in a text field jumps by number", async () => {
    const r = await script([...START, "ja", ":sectie 2", ":stop"]);
    expect(r.out).toContain("== Tweede deel ==");
  });

  it("'meer…' in a list prompt opens the commands (here: park a topic)", async () => {
    const r = await script([...START, ":more", "park", "privacy bij overdracht", "ja"]);
    expect(r.state.session.parked.map((p) => [p.text, p.question])).toEqual([["privacy bij overdracht", "samen"]]);
    expect(r.state.session.answers.samen).toBe(true);
  });
});

describe("long text: every line is saved as it is confirmed", () => {
  it("saves each line at once; lines that fail the checks wait in the note and are continued after a resume", async () => {
    const r = await script([...START, "nee", "3", "Dit is de eerste regel", "en de tweede"]);
    expect(r.outcome).toBe("interrupted");
    expect(r.saves.at(-1)!.session.answers.verhaal).toBe("Dit is de eerste regel\nen de tweede");

    const short = await script([...START, "nee", "3", "Kort."]);
    const s = short.saves.at(-1)!.session;
    expect(s.answers.verhaal).toBeUndefined();
    expect(s.notes.verhaal).toBe("Onvolledig antwoord, nog niet opgeslagen als antwoord: Kort.");
    // Resumed: the unfinished lines are in the answer again, the note is its own again.
    const again = await script(["", "Nu is het lang genoeg.", "", ":stop"], startState(format, structuredClone(s), T0, true));
    expect(again.out).toContain("Verder met het onvolledige antwoord van de vorige keer:\n  Kort.");
    expect(again.state.session.answers.verhaal).toBe("Kort.\nNu is het lang genoeg.");
    expect(again.state.session.notes.verhaal).toBeUndefined();
  });

  it("an unfinished long text kept under the other language's mark is continued, and the mark cleared", async () => {
    const short = await script([...START, "nee", "3", "Kort."]);
    const s = structuredClone(short.saves.at(-1)!.session);
    s.notes.verhaal = `${msg("runner.ask.unfinished-answer-mark", "en")}Kort.`;
    const again = await script(["", "Nu is het lang genoeg.", "", ":stop"], startState(format, s, T0, true));
    expect(again.out).toContain("Verder met het onvolledige antwoord van de vorige keer:\n  Kort.");
    expect(again.state.session.answers.verhaal).toBe("Kort.\nNu is het lang genoeg.");
    expect(again.state.session.notes.verhaal).toBeUndefined();
  });

  it("coming back to a long text: typed lines are added to it, '-' starts again, Enter keeps it", async () => {
    // Through the long text once, then :terug from the next question back to it.
    const at = (lines: string[]) =>
      script([...START, "nee", "3", "Eerste regel van het verhaal.", "Tweede regel.", "", ":terug", ...lines, ":stop"]);
    const added = await at(["Derde regel erbij.", ""]);
    expect(added.out).toContain("wat u typt komt erbij; - = opnieuw beginnen");
    expect(added.state.session.answers.verhaal).toBe("Eerste regel van het verhaal.\nTweede regel.\nDerde regel erbij.");
    const again = await at(["-", "Een heel nieuw verhaal.", ""]);
    expect(again.state.session.answers.verhaal).toBe("Een heel nieuw verhaal.");
    const kept = await at([""]);
    expect(kept.state.session.answers.verhaal).toBe("Eerste regel van het verhaal.\nTweede regel.");
  });

  it("a command typed at a multichoice runs (line UI): :sectie jumps, nothing is ticked", async () => {
    const r = await script([...START, "ja", "samen eten", "3", "Een heel lang verhaal.", "", "x", "1", "nee", ":sectie 1", ":stop"]);
    expect(r.out).toContain("Kleuren?");
    expect(r.out).not.toContain("! :sectie 1?");
    expect(r.state.session.answers.kleuren).toBeUndefined();
    expect(r.outcome).toBe("stopped");
    expect(r.saves.at(-1)!.cursor).toEqual({ kind: "question", id: "samen" });
  });
});
