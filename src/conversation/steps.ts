// The order of the conversation and moving through it: meta fields, participants, the
// sections' questions, then the review. Hidden questions (a `when` that does not hold) are
// passed over in every direction.
import type { Format, Question } from "../format/types.js";
import type { Session } from "../session/types.js";
import { META_SECTION, questionIndex, type AskedQuestion } from "../format/walk.js";
import { isVisible } from "../session/visibility.js";
import { isAnswered } from "../session/condition.js";
import type { Step } from "./types.js";

export const PARTICIPANTS = "participants";

/** Every step in order, hidden ones included. */
export function allSteps(format: Format): Step[] {
  const steps: Step[] = format.meta.map((q) => ({ kind: "question", id: q.id }));
  if (format.participants.length) steps.push({ kind: "participants" });
  for (const s of format.sections) for (const q of s.questions) steps.push({ kind: "question", id: q.id });
  steps.push({ kind: "review" });
  return steps;
}

export function questionOf(format: Format, id: string): AskedQuestion {
  const a = questionIndex(format).get(id);
  if (!a) throw new Error(`unknown question ${id}`);
  return a;
}

export const sameStep = (a: Step, b: Step): boolean =>
  a.kind === b.kind && (a.kind !== "question" || (b.kind === "question" && a.id === b.id));

export function isStepVisible(format: Format, session: Session, step: Step): boolean {
  return step.kind !== "question" || isVisible(questionOf(format, step.id).question, session, format);
}

function indexOf(format: Format, step: Step): number {
  return allSteps(format).findIndex((s) => sameStep(s, step));
}

export function nextStep(format: Format, session: Session, from: Step): Step {
  const steps = allSteps(format);
  for (let i = indexOf(format, from) + 1; i < steps.length; i++) if (isStepVisible(format, session, steps[i]!)) return steps[i]!;
  return { kind: "review" };
}

export function prevStep(format: Format, session: Session, from: Step): Step {
  const steps = allSteps(format);
  for (let i = indexOf(format, from) - 1; i >= 0; i--) if (isStepVisible(format, session, steps[i]!)) return steps[i]!;
  return from;
}

/** The section a step belongs to: a section id, `meta`, `participants` or `review`. */
export function sectionOf(format: Format, step: Step): string {
  if (step.kind === "question") return questionOf(format, step.id).sectionId;
  return step.kind === "participants" ? PARTICIPANTS : "review";
}

export function firstStepOf(format: Format, session: Session, section: string): Step | undefined {
  return allSteps(format).find((s) => sectionOf(format, s) === section && isStepVisible(format, session, s));
}

export function answerOf(format: Format, session: Session, id: string) {
  return questionOf(format, id).sectionId === META_SECTION ? session.meta[id] : session.answers[id];
}

/** Done means answered, or deliberately skipped. */
export function isDone(format: Format, session: Session, step: Step): boolean {
  if (step.kind === "participants") return session.participants.length > 0;
  if (step.kind === "review") return false;
  return isAnswered(answerOf(format, session, step.id)) || session.skipped.includes(step.id);
}

/** The step a recorded position (`session.position`) names, if the format still has it. */
export function positionStep(format: Format, session: Session): Step | undefined {
  const at = session.position;
  if (at === undefined) return undefined;
  if (at === PARTICIPANTS) return format.participants.length ? { kind: "participants" } : undefined;
  return questionIndex(format).has(at) ? { kind: "question", id: at } : undefined;
}

/**
 * Where a resumed conversation continues: the first open question of the section where the
 * conversation was (`session.position`; a file without it: the last section that holds
 * anything), else the first open one after it, else the first open one from the start. Stopped
 * in the participants step with a chosen party not named yet: that step (the runner goes on at
 * the first name not given, then who is present).
 */
export function resumeStep(format: Format, session: Session): Step {
  const steps = allSteps(format).filter((s) => isStepVisible(format, session, s));
  const at = positionStep(format, session);
  // Stopped inside the participants step with a party chosen but not named yet: go on there.
  if (at?.kind === "participants" && session.participants.some((p) => !p.name.trim())) return at;
  let section: string;
  if (at) section = sectionOf(format, at);
  else {
    let last = -1;
    steps.forEach((s, i) => {
      if (isDone(format, session, s)) last = i;
    });
    if (last < 0) return steps[0]!;
    section = sectionOf(format, steps[last]!);
  }
  const open = (s: Step) => s.kind !== "review" && !isDone(format, session, s);
  const start = Math.max(
    0,
    steps.findIndex((s) => sectionOf(format, s) === section),
  );
  return steps.slice(start).find(open) ?? steps.find(open) ?? { kind: "review" };
}

/**
 * Where "verder met het gesprek" (continue, from the review) goes when the review was not
 * opened from a question: the question where the conversation was (`session.position`) if it
 * is still open, else the first open question of its section; else the first required question without an answer (skipped ones
 * too); else the first question not yet answered nor skipped; else the first skipped one;
 * else the review.
 */
export function continueStep(format: Format, session: Session): Step {
  const steps = allSteps(format).filter((s) => s.kind !== "review" && isStepVisible(format, session, s));
  const at = positionStep(format, session);
  if (at && isStepVisible(format, session, at) && !isDone(format, session, at)) return at;
  if (at) {
    const section = sectionOf(format, at);
    const here = steps.find((s) => sectionOf(format, s) === section && !isDone(format, session, s));
    if (here) return here;
  }
  const unanswered = (s: Step) =>
    s.kind === "participants" ? !session.participants.length : s.kind === "question" && !isAnswered(answerOf(format, session, s.id));
  const required = (s: Step) =>
    s.kind === "participants"
      ? format.participants.some((r) => r.required)
      : s.kind === "question" && !!questionOf(format, s.id).question.required;
  return (
    steps.find((s) => unanswered(s) && required(s)) ??
    steps.find((s) => !isDone(format, session, s)) ??
    steps.find(unanswered) ?? { kind: "review" }
  );
}

/** Position for the header: section n/N and question n/N over visible section questions. */
export function progress(format: Format, session: Session, step: Step) {
  const section = sectionOf(format, step);
  const sectionIndex = format.sections.findIndex((s) => s.id === section);
  const visible = (list: Question[]) => list.filter((q) => isVisible(q, session, format));
  const inOrder = visible(format.sections.flatMap((s) => s.questions));
  const metaQs = visible(format.meta);
  const qIndex = step.kind === "question" ? (section === META_SECTION ? metaQs : inOrder).findIndex((q) => q.id === step.id) : -1;
  return {
    section,
    sectionNumber: sectionIndex + 1,
    sectionCount: format.sections.length,
    questionNumber: qIndex + 1,
    questionCount: section === META_SECTION ? metaQs.length : inOrder.length,
  };
}

/**
 * The next step after `from` that still needs something (not answered, not skipped); past the
 * last one it wraps around to the first such step from the start; the review when none is left.
 */
export function nextOpenStep(format: Format, session: Session, from: Step): Step {
  const steps = allSteps(format);
  const at = indexOf(format, from);
  const order = [...steps.slice(at + 1), ...steps.slice(0, Math.max(0, at))];
  return order.find((s) => s.kind !== "review" && isStepVisible(format, session, s) && !isDone(format, session, s)) ?? { kind: "review" };
}
