// A session reduced to what a rollup may show. It reads the session only through the privacy
// gate (src/privacy/gate.ts), so what a layout can print is what the gate released; on top,
// free text enters only with --include-text, and a question that any version marks stricter
// stays out (the merged plan keeps the strictest mark). Records are plain data: workers build
// them and post them to the main thread.
import path from "node:path";
import type { AnswerScalar, AnswerValue, Format, RepeatItem } from "../format/types.js";
import { FREE_TEXT_TYPES } from "../format/types.js";
import type { Session } from "../session/types.js";
import { META_SECTION } from "../format/walk.js";
import { release, type RegionSession } from "../privacy/gate.js";
import type { HeldBack } from "../privacy/held.js";
import { conversationKeyOf, type Candidate, type SelectOptions } from "../session/select.js";
import type { FormatPlan } from "./plan.js";
import { msg } from "../i18n/messages.js";

export interface RecordOptions {
  includeText: boolean;
  /**
   * The run's selection: a session it leaves out on its own (a draft, a date outside
   * --from/--to) gets no record, only what the selection counts (packed.ts, packSession).
   */
  select?: SelectOptions;
}

export interface ActionRecord {
  what: string;
  /** Role of the participant named as owner (never the name itself). */
  ownerRole?: string;
  organisation?: string;
  due?: string;
  /** Merged question id. */
  question?: string;
}

export interface SessionRecord {
  file: string;
  formatId: string;
  version: number;
  status: "draft" | "final";
  /** Meta answers by meta id (persoonlijk and intern free text removed). */
  meta: Record<string, AnswerScalar>;
  /** Visible, shareable answers by merged id, in asking order. */
  answers: [string, AnswerValue][];
  /** Merged ids of free-text answers that were given but are not shown. */
  withheld: string[];
  actions: ActionRecord[];
  followup: { action?: string; status: string }[];
  /** One conversation = format id + school (brin, else name) + date; never written out. */
  conversation?: string;
  /** meta.datum, for --from/--to even when the format keeps it out of the record. */
  datum?: string;
  updated: string;
  held: HeldBack;
  /** The session's id in the layouts: its file's base name, names scrubbed by the gate. */
  sessionId?: string;
}

/** `dir/a b.yaml` → `a b`: what names the session in a rollup (before the gate scrubs it). */
export const fileStem = (file: string): string => path.basename(file, path.extname(file));

const isFreeText = (type: string) => (FREE_TEXT_TYPES as readonly string[]).includes(type);

/** The key that makes copies of one conversation (backup/, re-exports) count once. */
export function conversationKey(session: Session): string | undefined {
  return conversationKeyOf(session.format?.id ?? "", session.meta?.brin, session.meta?.school, session.meta?.datum);
}

/** What the selection reads of a session: the fields sessionRecord gives it, without the gate. */
export function sessionCandidate(file: string, session: Session): Candidate {
  const c: Candidate = { file, updated: String(session.updated ?? ""), status: session.status };
  const conversation = conversationKey(session);
  if (conversation !== undefined) c.conversation = conversation;
  if (session.meta?.datum !== undefined) c.datum = String(session.meta.datum);
  return c;
}

export function sessionRecord(file: string, session: Session, format: Format, plan: FormatPlan, opts: RecordOptions): SessionRecord {
  const rec = recordOf(
    file,
    release(session, format, "region", { marker: msg("common.name"), fileStem: fileStem(file), freeText: opts.includeText }),
    format,
    plan,
    opts,
  );
  const c = sessionCandidate(file, session);
  if (c.conversation !== undefined) rec.conversation = c.conversation;
  if (c.datum !== undefined) rec.datum = c.datum;
  return rec;
}

/**
 * What the gate released, on the merged question ids of the format's plan (renames followed, a
 * question any version marks persoonlijk left out). The rollup and the regional summary both
 * read sessions this way.
 */
export function recordOf(file: string, r: RegionSession, format: Format, plan: FormatPlan, opts: RecordOptions): SessionRecord {
  const ids = plan.canonical.get(format.version) ?? new Map<string, string>();
  const rec: SessionRecord = {
    file,
    formatId: format.id,
    version: format.version,
    status: r.status,
    meta: {},
    answers: [],
    withheld: [],
    actions: [],
    followup: r.followup,
    updated: r.updated,
    held: r.held,
  };
  if (r.sessionId !== undefined) rec.sessionId = r.sessionId;

  for (const q of format.meta) {
    const mq = plan.byId.get(ids.get(q.id) ?? q.id);
    const value = r.meta[q.id];
    if (!mq || value === undefined || mq.privacy === "persoonlijk") continue;
    if (isFreeText(mq.question.type) && mq.privacy !== "open") continue;
    rec.meta[mq.id] = value;
  }

  const withheld = new Set(r.withheld);
  for (const s of format.sections) {
    for (const q of s.questions) {
      const mq = plan.byId.get(ids.get(q.id) ?? q.id);
      if (!mq || mq.sectionId === META_SECTION || mq.privacy === "persoonlijk") continue;
      if (withheld.has(q.id)) {
        rec.withheld.push(mq.id);
        continue;
      }
      const value = r.answers[q.id];
      if (value === undefined) continue;
      if (isFreeText(mq.question.type)) {
        if (opts.includeText && mq.privacy === "open") rec.answers.push([mq.id, value]);
        else rec.withheld.push(mq.id);
        continue;
      }
      if (mq.question.type === "repeat" && Array.isArray(value)) {
        const items = (value as RepeatItem[]).map((item) => {
          const out: RepeatItem = {};
          for (const field of q.fields ?? []) {
            const mf = mq.fields.find((f) => f.id === field.id);
            const v = item[field.id];
            if (!mf || mf.privacy === "persoonlijk" || v === undefined) continue;
            if (isFreeText(field.type) && !(opts.includeText && mf.privacy === "open")) continue;
            out[field.id] = v;
          }
          return out;
        });
        rec.answers.push([mq.id, items]);
        continue;
      }
      rec.answers.push([mq.id, value]);
    }
  }

  for (const a of r.actions) {
    const question = a.question !== undefined ? (ids.get(a.question) ?? a.question) : undefined;
    const ra: ActionRecord = { what: a.what ?? "" };
    if (a.ownerRole !== undefined) ra.ownerRole = a.ownerRole;
    if (a.organisation !== undefined) ra.organisation = a.organisation;
    if (a.due !== undefined) ra.due = a.due;
    if (question !== undefined) ra.question = question;
    rec.actions.push(ra);
  }
  return rec;
}
