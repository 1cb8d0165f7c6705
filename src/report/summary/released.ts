// The ONE seam through which the regional summary reads sessions: a session becomes the data
// the region may see (a rollup SessionRecord: no names, nothing persoonlijk, free text only
// from `open` questions and name-scrubbed, hidden questions left out). The summary never
// looks at a raw session after this point.
// TODO(issue 11): when the privacy gate (src/privacy/) lands, `release` delegates to it
// (share_when, its scrubbing) and nothing else in the summary changes.
import type { Format } from "../../format/types.js";
import type { Session } from "../../session/types.js";
import { buildPlan, type FormatPlan } from "../../rollup/plan.js";
import { sessionRecord, type SessionRecord } from "../../rollup/record.js";

export interface SummarySource {
  format: Format;
  session: Session;
}

export interface Released {
  formatId: string;
  /** The root of the format's `extends` chain: kernteam-buch → kernteam. */
  family: string;
  version: number;
  record: SessionRecord;
  plan: FormatPlan;
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

export function release(src: SummarySource, plan: FormatPlan): SessionRecord {
  return sessionRecord("", src.session, src.format, plan, { includeText: true });
}

export function releaseAll(sources: readonly SummarySource[]): Released[] {
  const formats = sources.map((s) => s.format);
  const plans = plansOf(formats);
  const family = familyOf(formats);
  return sources.map((s) => {
    const plan = plans.get(s.format.id)!;
    return { formatId: s.format.id, family: family(s.format.id), version: s.format.version, record: release(s, plan), plan };
  });
}
