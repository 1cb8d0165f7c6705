// Last year's conversation of the same school: what it agreed, asked about again at this
// year's agreements section (gedaan / loopt nog / vervallen). Pure: finding and reading the file
// is store/previous.ts; the asking is runner/followup.ts; the state change is reduce.ts.
import type { Format } from "../format/types.js";
import type { Session } from "../session/types.js";
import { agreementsSection } from "../format/agreements.js";

export interface Previous {
  file: string;
  /** The meeting date of last year's conversation (YYYY-MM-DD), when known. */
  date?: string;
  /** Agreements and actions, as recorded, in order, without repeats. */
  items: string[];
}

/** What last year's session agreed: list answers of its agreements section, its actions, and what was still running. */
export function previousItems(format: Format, session: Session): string[] {
  const out: string[] = [];
  const add = (t: unknown) => {
    const s = typeof t === "string" ? t.trim() : "";
    if (s && !out.includes(s)) out.push(s);
  };
  const section = agreementsSection(format);
  for (const q of section?.questions ?? []) {
    const v = session.answers[q.id];
    if (q.type === "list" && Array.isArray(v)) v.forEach(add);
  }
  for (const a of session.actions) add(a.what);
  for (const f of session.followup ?? []) if (f.status === "loopt") add(f.action);
  return out;
}

export const meetingDate = (s: Session): string => (typeof s.meta.datum === "string" ? s.meta.datum : s.started.slice(0, 10));

const norm = (v: unknown) => (typeof v === "string" ? v.trim().toLowerCase() : "");

/** Same school: the same BRIN when both have one, else the same school name. */
export function sameSchool(a: Session, b: Session): boolean {
  const ba = norm(a.meta.brin);
  const bb = norm(b.meta.brin);
  if (ba && bb) return ba === bb;
  return norm(a.meta.school) !== "" && norm(a.meta.school) === norm(b.meta.school);
}
