// Last year's conversation of the same school: its agreements and actions, asked about again
// at this year's agreements section (gedaan / loopt nog / vervallen). Finding and reading the
// file happens here; the asking is in followup.ts and the state change in reduce.ts.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Format } from "../format/types.js";
import { agreementsSection } from "../format/agreements.js";

export { agreementsSection };
import type { FormatRegistry } from "../format/registry.js";
import type { Session } from "../session/types.js";
import { loadSession } from "../store/batch.js";
import type { AnswerChecker } from "../session/answer-check.js";

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

export async function loadPrevious(file: string, registry: FormatRegistry, checker: AnswerChecker): Promise<Previous | { error: string }> {
  const r = await loadSession(file, registry, checker);
  if (!r.ok) return { error: r.findings.map((f) => `${path.basename(f.file)}:${f.line}:${f.col} ${f.message}`).join("\n") };
  return { file, date: meetingDate(r.session), items: previousItems(r.format, r.session) };
}

const norm = (v: unknown) => (typeof v === "string" ? v.trim().toLowerCase() : "");

/** Same school: the same BRIN when both have one, else the same school name. */
export function sameSchool(a: Session, b: Session): boolean {
  const ba = norm(a.meta.brin);
  const bb = norm(b.meta.brin);
  if (ba && bb) return ba === bb;
  return norm(a.meta.school) !== "" && norm(a.meta.school) === norm(b.meta.school);
}

/** The most recent earlier session of the same school in `dir` (the current file excluded). */
export async function findPrevious(dir: string, current: Session, currentFile: string | undefined, registry: FormatRegistry, checker: AnswerChecker): Promise<Previous | undefined> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".yaml") || n.endsWith(".yml"));
  } catch {
    return undefined;
  }
  const today = meetingDate(current);
  let best: { file: string; date: string; items: string[] } | undefined;
  for (const n of names) {
    const file = path.join(dir, n);
    if (currentFile && path.resolve(file) === path.resolve(currentFile)) continue;
    const r = await loadSession(file, registry, checker);
    if (!r.ok || !sameSchool(current, r.session)) continue;
    const date = meetingDate(r.session);
    if (date >= today || (best && best.date >= date)) continue;
    best = { file, date, items: previousItems(r.format, r.session) };
  }
  return best && best.items.length ? best : undefined;
}
