// The one privacy gate. Given a session, its format and an audience, it returns only what may
// leave: `school` gets the session as it is (the school's own report); `region` gets a
// released copy for every regional output (summary, rollup layouts, codebook, workbook).
// No regional export reads a session directly: they all read what this returns.
//
// Rules for `region` (README, "Privacy"):
// 1. participant names never; action owners never (their role and organisation instead);
// 2. persoonlijk answers never; notes, actions and parked topics at a persoonlijk question
//    are counted, never quoted;
// 3. free text only from `open` fields, with every name the session knows scrubbed;
// 4. `share_when`: an answer (or a repeat item, judged on its own fields) is `intern` unless
//    the school released it.
// Notes and parked topics never leave (only their number). Pure: plain data in and out.
import type { AnswerScalar, AnswerValue, Format, Question, RepeatItem } from "../format/types.js";
import { FREE_TEXT_TYPES } from "../format/types.js";
import type { Session } from "../session/types.js";
import { evaluate, isAnswered, type AnswerLookup } from "../session/condition.js";
import { answerLookup, itemLookup, visibleIds } from "../session/visibility.js";
import { presentScores } from "../session/party-scores.js";
import { emptyHeld, type HeldBack } from "./held.js";
import { nameScrubber, namesInText, type Scrubber } from "./names.js";
import { actionOwner, ownerOrganisation, recordedOrganisation } from "../session/owner.js";

export type Audience = "school" | "region";

export interface RegionAction {
  /** Scrubbed text; absent when the action was recorded at a persoonlijk question. */
  what?: string;
  /** Role id of the owner when the owner is a participant (never the name). */
  ownerRole?: string;
  /** The owner's organisation: as recorded (scrubbed), else the participant's, else the role's. */
  organisation?: string;
  due?: string;
  /** Question id (this format version's) it was recorded at. */
  question?: string;
}

export interface RegionFollowup {
  action?: string;
  status: string;
}

/** A session as it may leave the school. */
export interface RegionSession {
  format: { id: string; version: number };
  status: "draft" | "final";
  updated: string;
  /** Meta answers that may leave (free text only when open, scrubbed). */
  meta: Record<string, AnswerScalar>;
  /** Answers by question id of the session's format version: visible, released, scrubbed. */
  answers: Record<string, AnswerValue>;
  /** Ids of free-text questions that were answered but are not released (intern, not shared). */
  withheld: string[];
  actions: RegionAction[];
  followup: RegionFollowup[];
  /** Number of facilitator notes and parked topics (their text never leaves). */
  notes: number;
  parked: number;
  held: HeldBack;
  /**
   * The session's id in regional outputs (the rollup's session_id): its file's base name
   * without extension, with every name the session knows scrubbed — a file is often named
   * after the people in it. Only when release() was given that name (`fileStem`).
   */
  sessionId?: string;
}

const FREE = new Set<string>(FREE_TEXT_TYPES);
const isFree = (q: Question) => FREE.has(q.type);

/** Every name the session knows: participants, action owners, and names in persoonlijk text. */
export function knownNames(session: Session, format: Format): string[] {
  const names: string[] = [];
  for (const p of session.participants ?? []) if (p?.name) names.push(String(p.name));
  for (const a of session.actions ?? []) if (a?.who) names.push(String(a.who));
  const texts = (v: unknown): string[] =>
    typeof v === "string" ? [v] : Array.isArray(v) ? v.flatMap(texts) : v && typeof v === "object" ? Object.values(v).flatMap(texts) : [];
  const persoonlijk = (q: Question, v: unknown) => {
    if (v === undefined) return;
    if (q.privacy === "persoonlijk" && (isFree(q) || q.type === "repeat")) for (const t of texts(v)) names.push(...namesInText(t));
    else if (q.type === "repeat" && Array.isArray(v)) {
      for (const f of q.fields ?? [])
        if (f.privacy === "persoonlijk" && isFree(f))
          for (const item of v) names.push(...texts((item as RepeatItem)?.[f.id]).flatMap(namesInText));
    }
  };
  for (const q of format.meta) persoonlijk(q, session.meta?.[q.id]);
  for (const s of format.sections) for (const q of s.questions) persoonlijk(q, session.answers?.[q.id]);
  return names;
}

function scrubValue(v: AnswerValue, scrub: Scrubber): AnswerValue {
  if (typeof v === "string") return scrub(v);
  if (Array.isArray(v)) return (v as AnswerScalar[]).map((x) => (typeof x === "string" ? scrub(x) : x));
  return v;
}

export interface RegionOptions {
  /** What replaces a name (default `[naam]`). */
  marker?: string;
  /** The session file's base name, released scrubbed as `sessionId`. */
  fileStem?: string;
  /**
   * `false`: the caller prints no free-text answers (a rollup without --include-text), so they
   * are not released at all — listed in `withheld` like text the school kept, but not counted
   * as held back — and never scrubbed: scrubbing text nobody sees was a fifth of a rollup's
   * work, and its names were counted as replaced though nothing left (issue 16).
   */
  freeText?: boolean;
}

export function release(session: Session, format: Format, audience: "school"): Session;
export function release(session: Session, format: Format, audience: "region", opts?: RegionOptions): RegionSession;
export function release(session: Session, format: Format, audience: Audience, opts: RegionOptions = {}): Session | RegionSession {
  if (audience === "school") return session;
  const { marker = "[naam]", fileStem, freeText = true } = opts;
  const held = emptyHeld();
  const scrub = nameScrubber(knownNames(session, format), marker);
  const visible = visibleIds(format, session);
  // Consent is judged on answers that apply: a hidden `mag_delen: true` releases nothing.
  const lookup = answerLookup(format, session);
  const shared = (q: Question, get: (id: string) => AnswerValue | undefined) => !q.shareWhen || evaluate(q.shareWhen, get);
  const out: RegionSession = {
    format: { id: format.id, version: format.version },
    status: session.status,
    updated: String(session.updated ?? ""),
    meta: {},
    answers: {},
    withheld: [],
    actions: [],
    followup: [],
    notes: 0,
    parked: 0,
    held,
  };

  for (const q of format.meta) {
    const v = session.meta[q.id];
    if (!visible.has(q.id) || !isAnswered(v)) continue;
    if (q.privacy === "persoonlijk") {
      held.persoonlijk++;
      continue;
    }
    if (isFree(q)) {
      if (q.privacy !== "open" || !shared(q, lookup)) continue;
      out.meta[q.id] = typeof v === "string" ? scrub(v) : v!;
    } else out.meta[q.id] = v!;
  }

  const persoonlijkIds = new Set<string>();
  for (const s of format.sections) {
    for (const q of s.questions) {
      if (q.privacy === "persoonlijk") persoonlijkIds.add(q.id);
      const v = session.answers[q.id];
      if (!visible.has(q.id) || !isAnswered(v)) continue;
      if (q.privacy === "persoonlijk") {
        held.persoonlijk++;
        continue;
      }
      if (q.type === "repeat" && Array.isArray(v)) {
        // A repeat's share_when is judged per item, on the item's own fields.
        out.answers[q.id] = (v as RepeatItem[]).map((item) => releaseItem(q, item, lookup, freeText ? scrub : undefined, held));
        continue;
      }
      const released = shared(q, lookup);
      if (isFree(q)) {
        if (q.privacy === "open" && released) {
          if (freeText) out.answers[q.id] = scrubValue(v!, scrub);
          else out.withheld.push(q.id);
        } else {
          out.withheld.push(q.id);
          if (!released) held.notShared++;
          else held.intern++;
        }
        continue;
      }
      // Coded answers (choice, scale, yes/no, number, date): aggregated even when intern.
      // A per_party scale: only present parties' own scores (validate warns about others).
      out.answers[q.id] = q.perParty ? presentScores(v!, session.participants) : v!;
    }
  }

  for (const a of session.actions ?? []) {
    const atPersoonlijk = a.question !== undefined && persoonlijkIds.has(a.question);
    if (atPersoonlijk) held.persoonlijk++;
    const owner = actionOwner(a, session);
    const recorded = recordedOrganisation(a);
    const org = recorded !== undefined ? scrub(recorded) : ownerOrganisation(owner, format);
    // Set one by one, not spread from small objects: this runs for every action of every session.
    const ra: RegionAction = {};
    if (!atPersoonlijk) ra.what = scrub(String(a.what ?? ""));
    if (owner) ra.ownerRole = owner.role;
    if (org !== undefined) ra.organisation = org;
    if (a.due !== undefined) ra.due = String(a.due);
    if (a.question !== undefined) ra.question = a.question;
    out.actions.push(ra);
  }
  const followup = (session as { followup?: unknown }).followup;
  if (Array.isArray(followup)) {
    for (const f of followup as { action?: unknown; status?: unknown }[]) {
      if (!f || typeof f !== "object") continue;
      out.followup.push({ ...(typeof f.action === "string" ? { action: scrub(f.action) } : {}), status: String(f.status ?? "") });
    }
  }
  out.notes = Object.keys(session.notes ?? {}).length;
  out.parked = (session.parked ?? []).length;
  held.notes += out.notes + out.parked;
  if (fileStem !== undefined) out.sessionId = scrub(fileStem);
  held.namesScrubbed = scrub.count;
  return out;
}

/** `scrub` undefined: free-text fields are not released (RegionOptions.freeText). */
function releaseItem(q: Question, item: RepeatItem, session: AnswerLookup, scrub: Scrubber | undefined, held: HeldBack): RepeatItem {
  // The item's own fields first (a hidden field is no answer), then the session's answers that apply.
  const get = itemLookup(q.fields ?? [], item, session);
  // The item's consent is judged on the item's own fields (`share_when: {q: gp_delen, is: true}`).
  const itemReleased = !q.shareWhen || evaluate(q.shareWhen, get);
  if (!itemReleased) held.notShared++;
  const out: RepeatItem = {};
  for (const f of q.fields ?? []) {
    const v = item[f.id];
    if (!isAnswered(v as AnswerValue) || (f.when && !evaluate(f.when, get))) continue;
    if (f.privacy === "persoonlijk" || q.privacy === "persoonlijk") {
      held.persoonlijk++;
      continue;
    }
    if (isFree(f)) {
      const fieldReleased = itemReleased && (!f.shareWhen || evaluate(f.shareWhen, get));
      if (f.privacy === "open" && q.privacy === "open" && fieldReleased) {
        if (scrub) out[f.id] = scrubValue(v as AnswerValue, scrub) as AnswerScalar;
      } else if (itemReleased && fieldReleased) held.intern++;
      continue;
    }
    out[f.id] = v!;
  }
  return out;
}
