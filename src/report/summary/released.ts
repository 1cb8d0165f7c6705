// The seam through which the regional summary reads sessions: the privacy gate's released
// session (src/privacy/gate.ts: no names, nothing persoonlijk, free text only from open fields
// the school released, names scrubbed) re-keyed onto the merged question ids of its format's
// plan, so versions (renames via `was`) and formats of one family line up. The summary never
// sees a raw session.
import type { AnswerValue, Format, RepeatItem } from "../../format/types.js";
import { FREE_TEXT_TYPES } from "../../format/types.js";
import type { RegionSession } from "../../privacy/gate.js";
import { META_SECTION } from "../../format/walk.js";
import { buildPlan, type FormatPlan } from "../../rollup/plan.js";
import type { SessionRecord } from "../../rollup/record.js";
import { isPartyScores, jointOf, partiesOf } from "../../session/party-scores.js";

export interface SummarySource {
  format: Format;
  /** The session as the privacy gate released it for the region. */
  session: RegionSession;
}

export interface Released {
  formatId: string;
  /** The root of the format's `extends` chain: kernteam-buch → kernteam. */
  family: string;
  version: number;
  record: SessionRecord;
  plan: FormatPlan;
  /** per_party scales: merged question id → each party's own score by role (never a name). */
  parties: Map<string, Record<string, number>>;
}

/** Per format id, one plan over the versions present (merged ids, renames followed). */
export function plansOf(formats: readonly Format[]): Map<string, FormatPlan> {
  const byId = new Map<string, Format[]>();
  for (const f of formats) {
    const list = byId.get(f.id) ?? [];
    if (!list.some((x) => x.version === f.version)) list.push(f);
    byId.set(f.id, list);
  }
  return new Map([...byId].map(([id, versions]) => [id, buildPlan(versions)]));
}

/** Root of the extends chain among the formats known here. */
export function familyOf(formats: readonly Format[]): (id: string) => string {
  const parent = new Map<string, string>();
  for (const f of formats) if (f.extends) parent.set(f.id, f.extends);
  return (id) => {
    let cur = id;
    for (let i = 0; i < 10 && parent.has(cur); i++) cur = parent.get(cur)!;
    return cur;
  };
}

const isFree = (t: string) => (FREE_TEXT_TYPES as readonly string[]).includes(t);

/** A released session on merged ids; a question any version marks persoonlijk stays out. */
export function release(src: SummarySource, plan: FormatPlan, parties: Map<string, Record<string, number>> = new Map()): SessionRecord {
  const r = src.session;
  const format = src.format;
  const ids = plan.canonical.get(format.version) ?? new Map<string, string>();
  const rec: SessionRecord = { file: "", formatId: format.id, version: format.version, status: r.status, meta: {}, answers: [], withheld: [], actions: [], followup: r.followup, updated: r.updated, held: r.held };
  for (const q of format.meta) {
    const mq = plan.byId.get(ids.get(q.id) ?? q.id);
    const v = r.meta[q.id];
    if (mq && v !== undefined && mq.privacy !== "persoonlijk") rec.meta[mq.id] = v;
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
      const v: AnswerValue | undefined = r.answers[q.id];
      if (v === undefined) continue;
      if (isFree(mq.question.type) && mq.privacy !== "open") {
        rec.withheld.push(mq.id);
        continue;
      }
      if (mq.question.type === "repeat" && Array.isArray(v)) {
        rec.answers.push([mq.id, (v as RepeatItem[]).map((item) => Object.fromEntries(Object.entries(item).filter(([f]) => mq.fields.find((x) => x.id === f)?.privacy !== "persoonlijk")))]);
        continue;
      }
      // A per_party scale counts with its joint score; the parties' own scores go beside it.
      if (isPartyScores(v)) parties.set(mq.id, Object.fromEntries(partiesOf(v)));
      rec.answers.push([mq.id, jointOf(v) as AnswerValue]);
    }
  }
  for (const a of r.actions) {
    const question = a.question !== undefined ? (ids.get(a.question) ?? a.question) : undefined;
    rec.actions.push({
      what: a.what ?? "",
      ...(a.ownerRole !== undefined ? { ownerRole: a.ownerRole } : {}),
      ...(a.organisation !== undefined ? { organisation: a.organisation } : {}),
      ...(a.due !== undefined ? { due: a.due } : {}),
      ...(question !== undefined ? { question } : {}),
    });
  }
  return rec;
}

export function releaseAll(sources: readonly SummarySource[]): Released[] {
  const formats = sources.map((s) => s.format);
  const plans = plansOf(formats);
  const family = familyOf(formats);
  return sources.map((s) => {
    const plan = plans.get(s.format.id)!;
    const parties = new Map<string, Record<string, number>>();
    return { formatId: s.format.id, family: family(s.format.id), version: s.format.version, record: release(s, plan, parties), plan, parties };
  });
}
