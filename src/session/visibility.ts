// Which questions apply, given the answers: a question is visible when its `when` holds
// (a question with no `when` always is). Conditions only look back, so one pass suffices.
import type { Format, Question, RepeatItem, AnswerValue } from "../format/types.js";
import type { Session } from "./types.js";
import { askingOrder } from "../format/walk.js";
import { evaluate } from "./condition.js";

export function answerLookup(session: Pick<Session, "meta" | "answers">) {
  return (id: string): AnswerValue | undefined => session.answers[id] ?? session.meta[id];
}

/** Ids of top-level questions (meta included) whose condition holds. */
export function visibleIds(format: Format, session: Pick<Session, "meta" | "answers">): Set<string> {
  const get = answerLookup(session);
  const out = new Set<string>();
  for (const { question } of askingOrder(format)) {
    if (!question.when || evaluate(question.when, get)) out.add(question.id);
  }
  return out;
}

export function isVisible(question: Question, session: Pick<Session, "meta" | "answers">): boolean {
  return !question.when || evaluate(question.when, answerLookup(session));
}

/** Is a field of a repeat item visible? Siblings first, then the session's answers. */
export function isFieldVisible(field: Question, item: RepeatItem, session: Pick<Session, "meta" | "answers">): boolean {
  if (!field.when) return true;
  const get = answerLookup(session);
  return evaluate(field.when, (id) => (id in item ? (item[id] as AnswerValue) : get(id)));
}
