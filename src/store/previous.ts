// Finding and reading last year's conversation of the same school on disk (run --previous, or
// the folder the session is saved in). What it agreed is worked out in conversation/previous.ts.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { FormatRegistry } from "../format/registry.js";
import type { Session } from "../session/types.js";
import { loadSession } from "./batch.js";
import type { AnswerChecker } from "../session/answer-check.js";
import { meetingDate, previousItems, sameSchool, type Previous } from "../conversation/previous.js";

export type { Previous };

export async function loadPrevious(file: string, registry: FormatRegistry, checker: AnswerChecker): Promise<Previous | { error: string }> {
  const r = await loadSession(file, registry, checker);
  if (!r.ok) return { error: r.findings.map((f) => `${path.basename(f.file)}:${f.line}:${f.col} ${f.message}`).join("\n") };
  return { file, date: meetingDate(r.session), items: previousItems(r.format, r.session) };
}

/** The most recent earlier session of the same school in `dir` (the current file excluded). */
export async function findPrevious(
  dir: string,
  current: Session,
  currentFile: string | undefined,
  registry: FormatRegistry,
  checker: AnswerChecker,
): Promise<Previous | undefined> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".yaml") || n.endsWith(".yml"));
  } catch {
    return undefined;
  }
  const today = meetingDate(current);
  let best: (Previous & { date: string }) | undefined;
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
