// A session reduced to what a rollup may show: the ONE place where privacy is applied.
// Hidden questions, persoonlijk answers, participant names, notes, parked topics and history
// never enter a record, so no layout can leak them. Free text enters only when it is `open`
// and --include-text was given; otherwise the record only notes that it was answered.
// Records are plain data: workers build them and post them to the main thread.
import type { AnswerScalar, AnswerValue, Format, RepeatItem } from "../format/types.js";
import { FREE_TEXT_TYPES } from "../format/types.js";
import type { Session } from "../session/types.js";
import { isAnswered } from "../session/condition.js";
import { isFieldVisible, visibleIds } from "../session/visibility.js";
import { META_SECTION } from "../format/walk.js";
import type { FormatPlan } from "./plan.js";
import { nameScrubber } from "./scrub.js";

export interface RecordOptions {
  includeText: boolean;
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
}

const isFreeText = (type: string) => (FREE_TEXT_TYPES as readonly string[]).includes(type);

export function sessionRecord(file: string, session: Session, format: Format, plan: FormatPlan, opts: RecordOptions): SessionRecord {
  const ids = plan.canonical.get(format.version) ?? new Map<string, string>();
  const visible = visibleIds(format, session);
  const names = [...session.participants.map((p) => p.name), ...session.actions.map((a) => a.who ?? "")];
  const scrub = nameScrubber(names);
  const rec: SessionRecord = { file, formatId: format.id, version: format.version, status: session.status, meta: {}, answers: [], withheld: [], actions: [] };

  for (const q of format.meta) {
    const mq = plan.byId.get(ids.get(q.id) ?? q.id);
    const value = session.meta[q.id];
    if (!mq || !visible.has(q.id) || !isAnswered(value) || mq.privacy === "persoonlijk") continue;
    // Open meta text (the school's name) identifies the session and is always shown.
    if (isFreeText(mq.question.type) && mq.privacy !== "open") continue;
    rec.meta[mq.id] = value!;
  }

  for (const s of format.sections) {
    for (const q of s.questions) {
      const mq = plan.byId.get(ids.get(q.id) ?? q.id);
      const value = session.answers[q.id];
      if (!mq || mq.sectionId === META_SECTION || !visible.has(q.id) || !isAnswered(value) || mq.privacy === "persoonlijk") continue;
      if (isFreeText(mq.question.type)) {
        if (opts.includeText && mq.privacy === "open") rec.answers.push([mq.id, scrubValue(value!, scrub)]);
        else rec.withheld.push(mq.id);
        continue;
      }
      if (mq.question.type === "repeat" && Array.isArray(value)) {
        const items = (value as RepeatItem[]).map((item) => {
          const out: RepeatItem = {};
          for (const field of q.fields ?? []) {
            const mf = mq.fields.find((f) => f.id === field.id);
            const v = item[field.id];
            if (!mf || mf.privacy === "persoonlijk" || !isAnswered(v) || !isFieldVisible(field, item, session)) continue;
            if (isFreeText(field.type) && !(opts.includeText && mf.privacy === "open")) continue;
            out[field.id] = isFreeText(field.type) ? (scrubValue(v!, scrub) as AnswerScalar) : v!;
          }
          return out;
        });
        rec.answers.push([mq.id, items]);
        continue;
      }
      rec.answers.push([mq.id, value!]);
    }
  }

  for (const a of session.actions) {
    const question = a.question !== undefined ? (ids.get(a.question) ?? a.question) : undefined;
    // An action recorded at a persoonlijk question may quote it: keep that it exists, not its words.
    const hidden = question !== undefined && plan.byId.get(question)?.privacy === "persoonlijk";
    const owner = a.who !== undefined ? session.participants.find((p) => p.name === a.who) : undefined;
    rec.actions.push({
      what: hidden ? "" : scrub(String(a.what ?? "")),
      ...(owner ? { ownerRole: owner.role } : {}),
      ...(a.organisation !== undefined ? { organisation: scrub(String(a.organisation)) } : {}),
      ...(a.due !== undefined ? { due: String(a.due) } : {}),
      ...(question !== undefined ? { question } : {}),
    });
  }
  return rec;
}

function scrubValue(value: AnswerValue, scrub: (s: string) => string): AnswerValue {
  if (typeof value === "string") return scrub(value);
  if (Array.isArray(value)) return (value as AnswerScalar[]).map((v) => (typeof v === "string" ? scrub(v) : v));
  return value;
}
