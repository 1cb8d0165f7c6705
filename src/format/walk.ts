// Ways through a format that several commands need: the asking order and lookups by id.
import type { Format, Question, Section } from "./types.js";

export interface AskedQuestion {
  question: Question;
  /** The section id, or `meta` for the meta fields. */
  sectionId: string;
  section?: Section;
  /** 0-based position in asking order (meta first). */
  index: number;
}

export const META_SECTION = "meta";

// A format does not change once it is built, and a rollup asks these of it once per session
// (the same few formats, 10,000 times): each is worked out once per format object.
const orders = new WeakMap<Format, readonly AskedQuestion[]>();
const indexes = new WeakMap<Format, ReadonlyMap<string, AskedQuestion>>();
const renamed = new WeakMap<Format, ReadonlyMap<string, string>>();

/** Every top-level question in asking order: meta fields first, then the sections. */
export function askingOrder(format: Format): readonly AskedQuestion[] {
  let out = orders.get(format);
  if (out) return out;
  const list: AskedQuestion[] = [];
  for (const q of format.meta) list.push({ question: q, sectionId: META_SECTION, index: list.length });
  for (const s of format.sections) {
    for (const q of s.questions) list.push({ question: q, sectionId: s.id, section: s, index: list.length });
  }
  orders.set(format, (out = Object.freeze(list)));
  return out;
}

/** Section questions only (no meta), in order. */
export function sectionQuestions(format: Format): AskedQuestion[] {
  return askingOrder(format).filter((a) => a.sectionId !== META_SECTION);
}

/** Top-level questions (meta included) by id. */
export function questionIndex(format: Format): ReadonlyMap<string, AskedQuestion> {
  let m = indexes.get(format);
  if (!m) indexes.set(format, (m = new Map(askingOrder(format).map((a) => [a.question.id, a]))));
  return m;
}

/** Old id → current id, from every question's `was`. */
export function renames(format: Format): ReadonlyMap<string, string> {
  const map = renamed.get(format);
  if (map) return map;
  const m = new Map<string, string>();
  for (const { question } of askingOrder(format)) for (const old of question.was) m.set(old, question.id);
  renamed.set(format, m);
  return m;
}

export function questionCount(format: Format): number {
  return format.sections.reduce((n, s) => n + s.questions.length, 0);
}
