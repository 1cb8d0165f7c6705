// Which question of a newer format version takes over the answers of an older version's
// question (same id, or the old id in its `was`), and whether its type can hold them. One rule
// for lint (an error where the newer version takes over answers it cannot hold) and for the
// rollup's merged plan (such answers stay apart, under their own question).
import type { Format, Question } from "./types.js";
import { askingOrder } from "./walk.js";

/**
 * Can a question of type `to` hold the answers given to `from`, meaning the same? Only the same
 * type (coded answers — option codes, scores, yes/no, numbers — mean different things in
 * different types), text and longtext both ways, and a plain scale becoming a `per_party` one
 * (a plain score is read as the joint score). A repeat also needs each field it keeps (same id)
 * to be compatible.
 */
export function compatibleQuestions(from: Question, to: Question): boolean {
  const text = (q: Question) => q.type === "text" || q.type === "longtext";
  if (text(from) && text(to)) return true;
  if (from.type !== to.type) return false;
  if (from.type === "scale") return !from.perParty || to.perParty === true;
  if (from.type === "repeat") {
    for (const f of from.fields ?? []) {
      const t = (to.fields ?? []).find((x) => x.id === f.id);
      if (t && !compatibleQuestions(f, t)) return false;
    }
  }
  return true;
}

/** The question of `format` that takes over answers given to `id`: the same id, else the first whose `was` names it. */
export function successor(format: Format, id: string): { question: Question; was?: number } | undefined {
  const order = askingOrder(format);
  const same = order.find((a) => a.question.id === id);
  if (same) return { question: same.question };
  for (const { question } of order) {
    const i = question.was.indexOf(id);
    if (i >= 0) return { question, was: i };
  }
  return undefined;
}

export interface Trace {
  /** The id the answers have in the last version that took them over. */
  id: string;
  /** That version's definition of the question. */
  question: Question;
  version: number;
  /** The newer question that would take them over but cannot hold them, where the trace stopped. */
  refused?: { question: Question; version: number; was?: number };
}

/**
 * Follow a question of an older version through each newer version (ascending), via its id and
 * `was`, as long as each step's type can hold its answers.
 */
export function traceQuestion(question: Question, version: number, newer: readonly Format[]): Trace {
  const t: Trace = { id: question.id, question, version };
  for (const f of newer) {
    const hit = successor(f, t.id);
    if (!hit) continue;
    if (!compatibleQuestions(t.question, hit.question)) {
      t.refused = { question: hit.question, version: f.version, ...(hit.was === undefined ? {} : { was: hit.was }) };
      return t;
    }
    t.id = hit.question.id;
    t.question = hit.question;
    t.version = f.version;
  }
  return t;
}

/**
 * Every step where `target` would take over answers of an older version (any of `older`) that its
 * type cannot hold: once per older definition and target question.
 */
export function refusedTakeovers(
  older: readonly Format[],
  target: Format,
): { from: Question; fromVersion: number; to: Question; was?: number }[] {
  const asc = [...older].filter((f) => f.version < target.version).sort((a, b) => a.version - b.version);
  const out: { from: Question; fromVersion: number; to: Question; was?: number }[] = [];
  const seen = new Set<Question>();
  asc.forEach((f, i) => {
    for (const { question } of askingOrder(f)) {
      const t = traceQuestion(question, f.version, asc.slice(i + 1));
      // A step refused in between is that version's finding, not this one's.
      if (t.refused || seen.has(t.question)) continue;
      seen.add(t.question);
      const hit = successor(target, t.id);
      if (hit && !compatibleQuestions(t.question, hit.question))
        out.push({ from: t.question, fromVersion: t.version, to: hit.question, ...(hit.was === undefined ? {} : { was: hit.was }) });
    }
  });
  return out;
}

/**
 * A `was` in `target` naming an old id that a version in between already renamed: that version's
 * question holds the answers (the rollup follows it), so the claim would never get them. Per
 * claim: the question, the index in its `was`, the old id, what it is called since, and from which version.
 */
export function staleClaims(
  older: readonly Format[],
  target: Format,
): { to: Question; was: number; old: string; now: string; since: number }[] {
  const asc = [...older].filter((f) => f.version < target.version).sort((a, b) => a.version - b.version);
  const out: { to: Question; was: number; old: string; now: string; since: number }[] = [];
  for (const { question } of askingOrder(target)) {
    question.was.forEach((old, i) => {
      // The newest older version that still asks `old`, then the versions after it.
      let at = -1;
      for (let k = asc.length - 1; k >= 0 && at < 0; k--) if (askingOrder(asc[k]!).some((a) => a.question.id === old)) at = k;
      if (at < 0) return;
      const from = askingOrder(asc[at]!).find((a) => a.question.id === old)!.question;
      const t = traceQuestion(from, asc[at]!.version, asc.slice(at + 1));
      // Listing the whole history (`was: [score2, score]`) is fine: the successor is this question.
      if (t.id !== old && successor(target, t.id)?.question !== question)
        out.push({ to: question, was: i, old, now: t.id, since: t.version });
    });
  }
  return out;
}
