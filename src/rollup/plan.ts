// One format id, all its versions, merged by question id: the shape every rollup layout of
// that format shares. Renames (`was:`) map an old version's ids onto the newest ids, so a v1
// answer to `tevredenheid` lands in the same column as a v2 answer to
// `tevredenheid_samenwerking`. Built from the registry (not from the sessions seen) so that
// ids are fixed before the first row is streamed out.
import type { Format, Option, Privacy, Question } from "../format/types.js";
import { askingOrder, META_SECTION } from "../format/walk.js";
import { compatibleQuestions, traceQuestion } from "../format/renames.js";

export interface MergedField {
  id: string;
  question: Question;
  privacy: Privacy;
  options: Option[];
}

export interface MergedQuestion {
  /** The id in the newest version that has the question. */
  id: string;
  /** Definition from the newest version that has it (texts, type, bounds). */
  question: Question;
  sectionId: string;
  /** Strictest mark over all versions: a question once persoonlijk stays out. */
  privacy: Privacy;
  /** Union of option codes over versions, newest order first. */
  options: Option[];
  fields: MergedField[];
  /** Format versions whose definition has this question (ascending). */
  versions: number[];
  /** Every other id it had in older versions. */
  oldIds: string[];
}

export interface FormatPlan {
  id: string;
  latest: Format;
  questions: MergedQuestion[];
  byId: Map<string, MergedQuestion>;
  /** version → (that version's question id → merged id) */
  canonical: Map<number, Map<string, string>>;
}

const RANK: Record<Privacy, number> = { open: 0, intern: 1, persoonlijk: 2 };
export const stricter = (a: Privacy, b: Privacy): Privacy => (RANK[a] >= RANK[b] ? a : b);

function mergeOptions(into: Option[], more: Option[] | undefined): void {
  for (const o of more ?? []) if (!into.some((x) => x.code === o.code)) into.push(o);
}

function mergeFields(into: MergedField[], more: Question[] | undefined, parent: Privacy): void {
  for (const f of more ?? []) {
    const have = into.find((x) => x.id === f.id);
    if (have) {
      have.privacy = stricter(have.privacy, stricter(parent, f.privacy));
      mergeOptions(have.options, f.options);
    } else {
      into.push({ id: f.id, question: f, privacy: stricter(parent, f.privacy), options: [...(f.options ?? [])] });
    }
  }
}

/** Merge all versions (any order) of one format id. */
export function buildPlan(versions: Format[]): FormatPlan {
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const latest = sorted[0]!;
  const questions: MergedQuestion[] = [];
  const byId = new Map<string, MergedQuestion>();
  const canonical = new Map<number, Map<string, string>>();

  for (let i = 0; i < sorted.length; i++) {
    const format = sorted[i]!;
    const newer = sorted.slice(0, i).reverse(); // ascending versions above this one
    const map = new Map<string, string>();
    canonical.set(format.version, map);
    let prev: string | undefined;
    for (const { question, sectionId } of askingOrder(format)) {
      // Renames are followed only while the newer type can hold the answers (lint refuses the
      // rest): a score never lands under a yes/no question. Kept apart, under its last id, or
      // `<id>_v<version>` when a question of another type has that id.
      const trace = traceQuestion(question, format.version, newer);
      let id = trace.id;
      for (let n = 1; byId.has(id) && !compatibleQuestions(trace.question, byId.get(id)!.question); n++)
        id = `${trace.id}_v${trace.version}${n > 1 ? `_${n}` : ""}`;
      map.set(question.id, id);
      let mq = byId.get(id);
      if (!mq) {
        mq = { id, question, sectionId, privacy: question.privacy, options: [], fields: [], versions: [], oldIds: [] };
        byId.set(id, mq);
        // A question only older versions have goes right after its predecessor there.
        const at = prev === undefined ? -1 : questions.findIndex((q) => q.id === prev);
        const pos = at >= 0 ? at + 1 : sectionId === META_SECTION ? 0 : questions.findIndex((q) => q.sectionId === sectionId);
        questions.splice(pos >= 0 ? pos : questions.length, 0, mq);
      }
      mq.privacy = stricter(mq.privacy, question.privacy);
      mergeOptions(mq.options, question.options);
      mergeFields(mq.fields, question.fields, question.privacy);
      mq.versions.unshift(format.version);
      if (question.id !== id && !mq.oldIds.includes(question.id)) mq.oldIds.push(question.id);
      prev = id;
    }
  }
  for (const mq of questions) {
    mq.versions.sort((a, b) => a - b);
    for (const f of mq.fields) f.privacy = stricter(f.privacy, mq.privacy);
  }
  return { id: latest.id, latest, questions, byId, canonical };
}
