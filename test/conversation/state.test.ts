// The conversation state machine without a terminal: (state, input) → state.
import { beforeAll, describe, expect, it } from "vitest";
import { loadFormatRef } from "../../src/format/registry.js";
import type { Format } from "../../src/format/types.js";
import { newSession, startState } from "../../src/conversation/start.js";
import { reduce, MAX_TICK_MS } from "../../src/conversation/reduce.js";
import { finalizeProblems } from "../../src/conversation/finalize.js";
import { continueStep, resumeStep } from "../../src/conversation/steps.js";
import { parseSessionText, serializeSession } from "../../src/session/io.js";
import { header } from "../../src/runner/header.js";
import type { Input, RunnerState } from "../../src/conversation/types.js";
import { MINI } from "../helpers/pty.js";

let format: Format;
beforeAll(async () => {
  format = (await loadFormatRef(MINI)).format;
});

const T0 = Date.UTC(2026, 8, 15, 9, 0, 0);
type P = Input extends infer I ? (I extends unknown ? Omit<I, "now"> : never) : never;

/** Apply inputs one second apart. */
function run(state: RunnerState, ...inputs: P[]): RunnerState {
  let s = state;
  for (const i of inputs) s = reduce(s, { ...i, now: s.clock.at + 1000 } as Input);
  return s;
}
const fresh = () => startState(format, newSession(format, T0), T0, false);
const at = (s: RunnerState) => (s.cursor.kind === "question" ? s.cursor.id : s.cursor.kind);
const people = [
  { name: "Marieke", role: "ib", organisation: "School", present: true },
  { name: "Anouk", role: "cjg", organisation: "CJG", present: true },
];
/** Through meta and participants to the first section question. */
const toSections = () =>
  run(fresh(), { type: "answer", value: "De Regenboog" }, { type: "answer", value: "2026-09-15" }, { type: "participants", list: people });

describe("navigation", () => {
  it("asks meta first (school first), then participants, then the sections", () => {
    let s = fresh();
    expect(at(s)).toBe("school");
    s = run(s, { type: "answer", value: "De Regenboog" });
    expect(at(s)).toBe("datum");
    expect(s.session.meta.school).toBe("De Regenboog");
    s = run(s, { type: "answer", value: "2026-09-15" });
    expect(at(s)).toBe("participants");
    s = run(s, { type: "participants", list: people });
    expect(at(s)).toBe("samen");
    expect(s.session.participants).toHaveLength(2);
  });

  it("goes back to the previous visible question and forward again without losing answers", () => {
    let s = run(toSections(), { type: "answer", value: false });
    expect(at(s)).toBe("cijfer"); // `hoe` is hidden when samen is false
    s = run(s, { type: "back" });
    expect(at(s)).toBe("samen");
    s = run(s, { type: "back" }, { type: "back" });
    expect(at(s)).toBe("datum");
    expect(s.session.answers.samen).toBe(false);
  });

  it("back at the very first question stays there", () => {
    expect(at(run(fresh(), { type: "back" }))).toBe("school");
  });

  it("skip records the question as skipped and moves on; answering later clears it", () => {
    let s = run(toSections(), { type: "skip" });
    expect(s.session.skipped).toEqual(["samen"]);
    expect(at(s)).toBe("cijfer");
    s = run(s, { type: "back" }, { type: "answer", value: true });
    expect(s.session.skipped).toEqual([]);
    expect(at(s)).toBe("hoe");
  });

  it("jumps to a section and from the review back to where it was", () => {
    let s = run(toSections(), { type: "jump", section: "twee" });
    expect(at(s)).toBe("verhaal");
    s = run(s, { type: "review" });
    expect(at(s)).toBe("review");
    s = run(s, { type: "continue" });
    expect(at(s)).toBe("verhaal");
  });

  it("continue from the review goes to an open required question before a skipped optional one", () => {
    const skips = Array.from({ length: 8 }, () => ({ type: "skip" }) as const);
    let s = run(toSections(), { type: "answer", value: true }, ...skips);
    expect(at(s)).toBe("review");
    expect(s.session.skipped).toContain("hoe"); // optional, skipped before the required `verhaal`
    s = run(s, { type: "continue" });
    expect(at(s)).toBe("verhaal");
    // Where the conversation was (recorded in the session), when that is still open.
    const there = structuredClone(s.session);
    there.skipped = there.skipped.filter((id) => id !== "cijfer");
    there.position = "cijfer";
    expect(continueStep(format, there)).toEqual({ kind: "question", id: "cijfer" });
  });

  it("an answer edited from the review returns to the review", () => {
    let s = run(toSections(), { type: "answer", value: true }, { type: "review" }, { type: "goto", id: "samen" });
    expect(at(s)).toBe("samen");
    s = run(s, { type: "answer", value: false });
    expect(at(s)).toBe("review");
    expect(s.session.answers.samen).toBe(false);
  });

  it("after the last question comes the review", () => {
    const skips = Array.from({ length: 8 }, () => ({ type: "skip" }) as const);
    const s = run(toSections(), ...skips);
    expect(at(s)).toBe("review");
  });

  it("after a jump to the last section, moving on wraps around to the open questions before it, then the review", () => {
    const skips = (n: number) => Array.from({ length: n }, () => ({ type: "skip" }) as const);
    let s = run(toSections(), { type: "jump", section: "twee" }, ...skips(6));
    expect(at(s)).toBe("samen"); // section een is still open: not the review yet
    s = run(s, { type: "answer", value: false });
    expect(at(s)).toBe("cijfer"); // passing over the hidden `hoe` and the done section twee
    s = run(s, { type: "answer", value: 3 });
    expect(at(s)).toBe("review");
  });
});

describe("conditions that flip", () => {
  it("moves the answer of a newly hidden question aside and restores it when the condition holds again", () => {
    let s = run(toSections(), { type: "answer", value: true }, { type: "answer", value: "samen eten" });
    expect(s.session.answers.hoe).toBe("samen eten");
    s = run(s, { type: "jump", section: "een" }, { type: "answer", value: false });
    expect(s.session.answers.hoe).toBeUndefined();
    expect(s.session.aside).toEqual({ hoe: "samen eten" });
    expect(at(s)).toBe("cijfer");
    s = run(s, { type: "back" }, { type: "answer", value: true });
    expect(s.session.answers.hoe).toBe("samen eten");
    expect(s.session.aside).toBeUndefined();
    expect(at(s)).toBe("hoe");
  });

  it("a hidden required question does not block finalizing", () => {
    const s = run(
      toSections(),
      { type: "answer", value: false },
      { type: "jump", section: "twee" },
      { type: "answer", value: "een lang verhaal" },
    );
    expect(finalizeProblems(format, s.session)).toEqual([]);
  });
});

describe("repeat groups", () => {
  it("saves items while staying on the question, then moves on", () => {
    let s = run(toSections(), { type: "jump", section: "twee" }, { type: "answer", value: "een lang verhaal" });
    expect(at(s)).toBe("punten");
    s = run(s, { type: "answer", value: [{ wat: "wachttijd" }], stay: true });
    expect(at(s)).toBe("punten");
    s = run(s, { type: "answer", value: [{ wat: "wachttijd", ernst: "hoog" }], stay: true });
    s = run(s, { type: "answer", value: [{ wat: "wachttijd", ernst: "hoog" }, { wat: "privacy" }] });
    expect(at(s)).toBe("kleuren");
    expect(s.session.answers.punten).toEqual([{ wat: "wachttijd", ernst: "hoog" }, { wat: "privacy" }]);
  });

  it("an empty list clears the answer", () => {
    const s = run(
      toSections(),
      { type: "jump", section: "twee" },
      { type: "skip" },
      { type: "answer", value: [{ wat: "x" }], stay: true },
      { type: "answer", value: [] },
    );
    expect("punten" in s.session.answers).toBe(false);
  });
});

describe("notes, parked topics, actions", () => {
  it("links them to the current question without moving", () => {
    const s = run(
      toSections(),
      { type: "note", text: "ouders positief" },
      { type: "park", text: "privacy bij overdracht" },
      { type: "action", item: { what: "Overleg plannen", who: "Anouk", organisation: "CJG", due: "2026-10-01" } },
    );
    expect(at(s)).toBe("samen");
    expect(s.session.notes).toEqual({ samen: "ouders positief" });
    expect(s.session.parked).toEqual([{ text: "privacy bij overdracht", question: "samen", time: s.session.parked[0]!.time }]);
    expect(s.session.actions).toEqual([
      { what: "Overleg plannen", who: "Anouk", organisation: "CJG", due: "2026-10-01", question: "samen" },
    ]);
    expect(run(s, { type: "note", text: "" }).session.notes).toEqual({});
  });
});

describe("finalize", () => {
  const complete = () =>
    run(
      toSections(),
      { type: "answer", value: true },
      { type: "jump", section: "twee" },
      { type: "answer", value: "een lang verhaal" },
      { type: "review" },
    );

  it("is refused while a required answer is missing (skipped required questions block)", () => {
    const s = run(toSections(), { type: "skip" }, { type: "review" }, { type: "finalize", by: ["ib", "cjg"] });
    expect(s.session.status).toBe("draft");
    expect(s.problems.join("\n")).toMatch(/Werken jullie samen\?.*samen/);
    expect(s.problems.join("\n")).toMatch(/verhaal/);
  });

  it("is refused while a required role is absent or a present party has not confirmed", () => {
    let s = complete();
    expect(run(s, { type: "finalize", by: ["ib"] }).problems).toEqual(["CJG heeft het verslag niet bevestigd"]);
    s = run(s, { type: "participants", list: [{ ...people[0]!, present: false }, people[1]!] });
    expect(finalizeProblems(format, s.session, ["cjg"])).toEqual(["verplichte deelnemer niet aanwezig: Intern begeleider"]);
  });

  it("sets status final with time, parties and a history event; reopen records it", () => {
    let s = run(complete(), { type: "finalize", by: ["ib", "cjg"] });
    expect(s.problems).toEqual([]);
    expect(s.session.status).toBe("final");
    expect(s.session.finalized).toEqual({ at: s.session.updated, by: ["ib", "cjg"] });
    expect(s.session.history.map((h) => h.event)).toEqual(["start", "finalize"]);
    s = run(s, { type: "reopen" });
    expect(s.session.status).toBe("draft");
    expect(s.session.finalized).toBeNull();
    expect(s.session.history.map((h) => h.event)).toEqual(["start", "finalize", "reopen"]);
  });
});

describe("timing and resume", () => {
  it("books the time since the last input on the section that was on screen, capped", () => {
    let s = toSections(); // 3 inputs, 1 s each: 2 on meta, 1 on participants
    expect(s.session.timing).toEqual({ meta: 2, participants: 1 });
    s = reduce(s, { type: "answer", value: true, now: s.clock.at + 65_000 });
    expect(s.session.timing.een).toBe(65);
    s = reduce(s, { type: "tick", now: s.clock.at + 10 * 3_600_000 });
    expect(s.session.timing.een).toBe(65 + MAX_TICK_MS / 1000);
  });

  it("warns gently in the header when a section runs over", () => {
    const s = reduce(toSections(), { type: "tick", now: T0 });
    const h = header(s, s.clock.at + 6 * 60_000);
    expect(h.line).toMatch(/^Sectie 1\/2 · Eerste deel · vraag 1\/8 · sectie 06:00\/05:00 · totaal 06:03\/10:00$/);
    expect(h.warning).toMatch(/1 min over/);
  });

  it("says 'minuut' for a planned duration of 1 minute, 'minuten' otherwise", () => {
    const s = reduce(toSections(), { type: "tick", now: T0 });
    expect(header(s, s.clock.at + 10 * 60_000 + 30_000).totalWarning).toBe("Het gesprek loopt 1 min over de geplande 10 minuten.");
    const one = { ...s, format: { ...s.format, duration: 1 } };
    expect(header(one, one.clock.at + 60_000).totalWarning).toBe("Het gesprek loopt 1 min over de geplande 1 minuut.");
  });

  it("books the time in the overview on `review` and keeps the header clock running there", async () => {
    const s = run(toSections(), { type: "answer", value: true }, { type: "review" });
    const before = s.session.timing;
    const h0 = header(s, s.clock.at);
    expect(h0.line).toBe("Overzicht · totaal 00:05/10:00");
    expect(header(s, s.clock.at + 95_000).line).toBe("Overzicht · totaal 01:40/10:00");
    // Working in the overview (an action item, a tick) is counted, the sections keep theirs.
    const later = reduce(s, { type: "action", item: { what: "Bellen" }, now: s.clock.at + 20_000 });
    expect(later.session.timing.review).toBe(20);
    expect(later.session.timing.een).toBe(before.een);
    const sum = (t: Record<string, number>) => Object.values(t).reduce((a, b) => a + b, 0);
    expect(sum(later.session.timing)).toBe(sum(before) + 20);
    // Back to the conversation: the time goes to the section again.
    const back = reduce(later, { type: "continue", now: later.clock.at + 5_000 });
    expect(back.session.timing.review).toBe(25);
    const on = reduce(back, { type: "tick", now: back.clock.at + 7_000 });
    expect(on.session.timing.review).toBe(25);
    expect(on.session.timing.een).toBe(before.een! + 7);
    // The key is valid in a saved file and the clock continues from it after a resume.
    const read = await parseSessionText(serializeSession(on.session), "x.yaml");
    expect(read.findings).toEqual([]);
    expect(startState(format, read.session!, T0, true).clock.ms.review).toBe(25_000);
  });

  it("resumes at the first open question of the section in progress, clock continuing", () => {
    let s = run(
      toSections(),
      { type: "answer", value: true },
      { type: "skip" },
      { type: "answer", value: 3 },
      { type: "jump", section: "twee" },
      { type: "jump", section: "een" },
    );
    s = run(s, { type: "back" }); // nothing in `twee` yet: the section in progress is `een`
    expect(resumeStep(format, s.session)).toEqual({ kind: "question", id: "verhaal" });
    const partial = run(toSections(), { type: "skip" }, { type: "answer", value: 4 });
    const resumed = startState(format, partial.session, T0 + 3_600_000, true);
    expect(at(resumed)).toBe("verhaal");
    expect(resumed.session.history.at(-1)!.event).toBe("resume");
    expect(resumed.clock.ms.een).toBe(2000);
    const holes = run(toSections(), { type: "answer", value: true }, { type: "jump", section: "een" });
    const r2 = startState(format, holes.session, T0, true);
    expect(at(r2)).toBe("hoe");
  });

  it("resumes in the section where the conversation was, not the section of the last answer", async () => {
    // Answered in `twee`, then jumped back to `een` and stopped there (the review keeps the place).
    const s = run(
      toSections(),
      { type: "jump", section: "twee" },
      { type: "answer", value: "Een heel verhaal." },
      { type: "jump", section: "een" },
      { type: "review" },
    );
    expect(s.session.position).toBe("samen");
    expect(at(startState(format, s.session, T0, true))).toBe("samen");
    // Saved and read back: the key is written, and valid against the session schema.
    const back = await parseSessionText(serializeSession(s.session), "x.yaml");
    expect(back.findings).toEqual([]);
    expect(at(startState(format, back.session!, T0, true))).toBe("samen");
    // A file without the key (older afstem): the section of the last answer, as before.
    const { position: _, ...old } = s.session;
    expect(resumeStep(format, old)).toEqual({ kind: "question", id: "punten" });
    // Everything after the place done: wraps around to the first open question before the review.
    const late = run(toSections(), { type: "jump", section: "twee" }, { type: "answer", value: "Een heel verhaal." });
    const all = structuredClone(late.session);
    all.skipped.push("punten", "kleuren", "aantal", "wanneer", "lijst");
    all.position = "lijst";
    expect(resumeStep(format, all)).toEqual({ kind: "question", id: "samen" });
  });
});
