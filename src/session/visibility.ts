// Which questions apply, given the answers: a question is visible when its `when` holds (a
// question with no `when` always is). An answer to a question that does not apply is no answer —
// also to the conditions and the consent (`share_when`) that name it: `mag_delen: true` left in a
// file after `extern` was set to false releases nothing, and a question shown only after a hidden
// one is hidden too.
import type { AnswerValue, Condition, Format, Question, RepeatItem } from "../format/types.js";
import type { Session } from "./types.js";
import { askingOrder, questionIndex } from "../format/walk.js";
import { evaluate, type AnswerLookup } from "./condition.js";

type Answers = Pick<Session, "meta" | "answers">;

/**
 * The answers as conditions and consent see them: the session's answer to a top-level question
 * (meta included) only while that question applies.
 */
export function answerLookup(format: Format, session: Answers): AnswerLookup {
  const index = questionIndex(format);
  const applies = conditionCache();
  const get: AnswerLookup = (id) =>
    applies(id, index.get(id)?.question.when, get) ? (session.answers[id] ?? session.meta[id]) : undefined;
  return get;
}

/**
 * Does the question `id` (condition `when`) apply? Each worked out once per lookup; while it is
 * being worked out it counts as not applying, so a cycle a hostile format slipped in ends.
 */
function conditionCache(): (id: string, when: Condition | undefined, get: AnswerLookup) => boolean {
  const applies = new Map<string, boolean>();
  return (id, when, get) => {
    if (!when) return true;
    let on = applies.get(id);
    if (on === undefined) {
      applies.set(id, false);
      on = evaluate(when, get);
      applies.set(id, on);
    }
    return on;
  };
}

/** Ids of top-level questions (meta included) whose condition holds. */
export function visibleIds(format: Format, session: Answers): Set<string> {
  const get = answerLookup(format, session);
  const out = new Set<string>();
  for (const { question } of askingOrder(format)) {
    if (!question.when || evaluate(question.when, get)) out.add(question.id);
  }
  return out;
}

export function isVisible(question: Question, session: Answers, format: Format): boolean {
  return !question.when || evaluate(question.when, answerLookup(format, session));
}

// The repeat each field belongs to, once per format (fields are asked about one item at a time).
const siblings = new WeakMap<Format, ReadonlyMap<Question, readonly Question[]>>();
function fieldsBeside(format: Format, field: Question): readonly Question[] {
  let m = siblings.get(format);
  if (!m) {
    const map = new Map<Question, readonly Question[]>();
    for (const { question } of askingOrder(format)) for (const f of question.fields ?? []) map.set(f, question.fields!);
    siblings.set(format, (m = map));
  }
  return m.get(field) ?? [field];
}

/**
 * The answers as a repeat item's conditions and consent see them: the item's own fields first
 * (a field whose condition does not hold in this item is no answer), then the session's.
 */
export function itemLookup(fields: readonly Question[], item: RepeatItem, outer: AnswerLookup): AnswerLookup {
  const byId = new Map(fields.map((f) => [f.id, f]));
  const applies = conditionCache();
  const get: AnswerLookup = (id) => {
    if (!(id in item)) return outer(id);
    return applies(id, byId.get(id)?.when, get) ? (item[id] as AnswerValue) : undefined;
  };
  return get;
}

/** Is a field of a repeat item visible? Siblings first, then the session's answers. */
export function isFieldVisible(field: Question, item: RepeatItem, session: Answers, format: Format): boolean {
  if (!field.when) return true;
  return evaluate(field.when, itemLookup(fieldsBeside(format, field), item, answerLookup(format, session)));
}
