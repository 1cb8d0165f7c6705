// The conversation state machine: (state, input) → state. Pure: the time comes in with the
// input, nothing is read from or written to the outside.
import type { Session } from "../session/types.js";
import { isAnswered } from "../session/condition.js";
import { META_SECTION } from "../format/walk.js";
import type { Input, RunnerState, Step } from "./types.js";
import { reconcileAside } from "./aside.js";
import { finalizeProblems, type AnswerCheck } from "./finalize.js";
import { continueStep, firstStepOf, nextOpenStep, nextStep, prevStep, questionOf, sectionOf, PARTICIPANTS } from "./steps.js";

/**
 * Longest stretch one input may add to the clock. A laptop closed in the middle of a
 * question would otherwise book the whole night on that section.
 */
export const MAX_TICK_MS = 15 * 60_000;

/**
 * Time since the last input goes to the section that was on screen; time in the overview
 * (reviewing, editing action items, last year's agreements, finalizing) to the key `review`.
 */
function tick(state: RunnerState, now: number): RunnerState["clock"] {
  const key = sectionOf(state.format, state.cursor);
  const elapsed = Math.min(Math.max(0, now - state.clock.at), MAX_TICK_MS);
  const ms = { ...state.clock.ms };
  ms[key] = (ms[key] ?? 0) + elapsed;
  return { at: now, ms };
}

function timingOf(ms: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(v / 1000)]));
}

/** Where to go after the current step is dealt with: back to the review when editing from it. */
function onward(state: RunnerState, session: Session): Pick<RunnerState, "cursor" | "editing"> {
  if (state.editing) return { cursor: { kind: "review" }, editing: false };
  if (state.jumped) return { cursor: nextOpenStep(state.format, session, state.cursor), editing: false };
  return { cursor: nextStep(state.format, session, state.cursor), editing: false };
}

/** What a change is measured on: everything the conversation records, not the clock or history. */
const content = (s: Session) =>
  JSON.stringify([s.meta, s.participants, s.answers, s.aside ?? {}, s.notes, s.skipped, s.parked, s.actions, s.followup ?? []]);

/** Records where the conversation is (not the review: there it keeps where it was before). */
function placed(state: RunnerState, next: RunnerState): RunnerState {
  const c = next.cursor;
  const here = c.kind === "question" ? c.id : c.kind === "participants" ? PARTICIPANTS : undefined;
  if (here !== undefined && next.session !== state.session) next.session.position = here;
  return next;
}

/** `checker`: the answer checks a finalize must pass (see finalizeProblems); the runner always gives it. */
export function reduce(state: RunnerState, input: Input, checker?: AnswerCheck): RunnerState {
  const next = placed(state, step(state, input, checker));
  if (!state.reopening || next.session.status !== "final" || input.type === "finalize")
    return input.type === "finalize" && next.session.status === "final" ? { ...next, reopening: false } : next;
  if (content(next.session) === content(state.session)) return next;
  // The first real change to a reopened final session makes it a draft again.
  const session = next.session;
  session.status = "draft";
  session.finalized = null;
  session.history.push({ event: "reopen", at: session.updated });
  return { ...next, reopening: false };
}

function step(state: RunnerState, input: Input, checker: AnswerCheck | undefined): RunnerState {
  const { format } = state;
  const clock = tick(state, input.now);
  const session: Session = structuredClone(state.session);
  session.updated = new Date(input.now).toISOString();
  session.timing = { ...session.timing, ...timingOf(clock.ms) };
  const base: RunnerState = { ...state, session, clock, problems: [] };
  const cur = state.cursor;
  const questionId = cur.kind === "question" ? cur.id : cur.kind === "participants" ? PARTICIPANTS : undefined;

  switch (input.type) {
    case "tick":
      return base;
    case "answer": {
      if (cur.kind !== "question") return base;
      const isMeta = questionOf(format, cur.id).sectionId === META_SECTION;
      const store = (isMeta ? session.meta : session.answers) as Record<string, unknown>;
      if (isAnswered(input.value)) store[cur.id] = input.value;
      else delete store[cur.id];
      session.skipped = session.skipped.filter((id) => id !== cur.id);
      if (session.aside) delete session.aside[cur.id];
      reconcileAside(format, session);
      return input.stay ? base : { ...base, ...onward(state, session) };
    }
    case "skip": {
      // Only questions are recorded: `skipped` holds question ids (validate checks them).
      if (cur.kind === "question" && !isDoneNow(state, session, cur) && !session.skipped.includes(cur.id)) session.skipped.push(cur.id);
      return { ...base, ...onward(state, session) };
    }
    case "back":
      // Walking back by hand: from here on, step through every question again.
      return { ...base, cursor: prevStep(format, session, cur), editing: false, jumped: false };
    case "jump": {
      const to = input.section === "review" ? ({ kind: "review" } as Step) : firstStepOf(format, session, input.section);
      return to ? { ...base, cursor: to, editing: false, jumped: to.kind !== "review" } : base;
    }
    case "goto":
      return { ...base, cursor: { kind: "question", id: input.id }, editing: cur.kind === "review" };
    case "review":
      return cur.kind === "review" ? base : { ...base, cursor: { kind: "review" }, returnTo: cur, editing: false };
    case "continue": {
      // From the review: back to the question it was opened from, else see continueStep.
      const to = state.returnTo ?? continueStep(format, session);
      return { ...base, cursor: to, returnTo: undefined, editing: false };
    }
    case "participants":
      session.participants = input.list;
      session.skipped = session.skipped.filter((id) => id !== PARTICIPANTS);
      return input.stay ? base : { ...base, ...onward(state, session) };
    case "note": {
      const key = questionId ?? "meta";
      if (input.text.trim()) session.notes[key] = input.text;
      else delete session.notes[key];
      return base;
    }
    case "park":
      session.parked.push({ text: input.text, ...(questionId ? { question: questionId } : {}), time: session.updated });
      return base;
    case "action":
      session.actions.push({ ...input.item, ...(cur.kind === "question" ? { question: cur.id } : {}) });
      return base;
    case "editAction": {
      const old = session.actions[input.index];
      if (!old) return base;
      if (input.item === null) session.actions.splice(input.index, 1);
      else session.actions[input.index] = { ...input.item, ...(old.question !== undefined ? { question: old.question } : {}) };
      return base;
    }
    case "editParked": {
      const old = session.parked[input.index];
      if (!old) return base;
      if (input.text === null) session.parked.splice(input.index, 1);
      else session.parked[input.index] = { ...old, text: input.text };
      return base;
    }
    case "followup": {
      // One entry per item of last year: answering it again replaces the earlier answer in place.
      const list = [...(session.followup ?? [])];
      const at = list.findIndex((f) => f.action === input.item.action);
      if (at >= 0) list[at] = input.item;
      else list.push(input.item);
      session.followup = list;
      return base;
    }
    case "finalize": {
      const problems = finalizeProblems(format, session, input.by, checker);
      if (problems.length) return { ...state, clock, problems };
      session.status = "final";
      session.finalized = { at: session.updated, by: input.by };
      session.history.push({ event: "finalize", at: session.updated, by: input.by });
      return { ...base, cursor: { kind: "review" } };
    }
    case "reopen":
      session.status = "draft";
      session.finalized = null;
      session.history.push({ event: "reopen", at: session.updated });
      return base;
  }
}

function isDoneNow(state: RunnerState, session: Session, step: Step): boolean {
  if (step.kind === "participants") return session.participants.length > 0;
  if (step.kind !== "question") return true;
  const a = questionOf(state.format, step.id);
  return isAnswered(a.sectionId === META_SECTION ? session.meta[step.id] : session.answers[step.id]);
}
