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

/** Every top-level question in asking order: meta fields first, then the sections. */
export function askingOrder(format: Format): AskedQuestion[] {
  const out: AskedQuestion[] = [];
  for (const q of format.meta) out.push({ question: q, sectionId: META_SECTION, index: out.length });
  for (const s of format.sections) {
    for (const q of s.questions) out.push({ question: q, sectionId: s.id, section: s, index: out.length });
  }
  return out;
}

/** Section questions only (no meta), in order. */
export function sectionQuestions(format: Format): AskedQuestion[] {
  return askingOrder(format).filter((a) => a.sectionId !== META_SECTION);
}

export function questionIndex(format: Format): Map<string, AskedQuestion> {
  return new Map(askingOrder(format).map((a) => [a.question.id, a]));
}

/** Old id → current id, from every question's `was`. */
export function renames(format: Format): Map<string, string> {
  const map = new Map<string, string>();
  for (const { question } of askingOrder(format)) for (const old of question.was) map.set(old, question.id);
  return map;
}

export function questionCount(format: Format): number {
  return format.sections.reduce((n, s) => n + s.questions.length, 0);
}
