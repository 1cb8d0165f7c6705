// The seam through which the regional summary reads sessions: the privacy gate's released
// session (src/privacy/gate.ts: no names, nothing persoonlijk, free text only from open fields
// the school released, names scrubbed) re-keyed onto the merged question ids of its format's
// plan, so versions (renames via `was`) and formats of one family line up. The summary never
// sees a raw session.
import type { AnswerValue, Format } from "../../format/types.js";
import type { RegionSession } from "../../privacy/gate.js";
import { buildPlan, type FormatPlan } from "../../rollup/plan.js";
import { recordOf, type SessionRecord } from "../../rollup/record.js";
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

/**
 * A released session on merged ids, read the way the rollup reads it (rollup/record.ts), with
 * the released free text kept for quoting. A per_party scale counts by its joint score; the
 * parties' own scores go into `parties`, by role.
 */
function summaryRecord(src: SummarySource, plan: FormatPlan, parties: Map<string, Record<string, number>> = new Map()): SessionRecord {
  const rec = recordOf("", src.session, src.format, plan, { includeText: true });
  rec.answers = rec.answers.map(([id, v]): [string, AnswerValue] => {
    if (!isPartyScores(v)) return [id, v];
    parties.set(id, Object.fromEntries(partiesOf(v)));
    return [id, jointOf(v) as AnswerValue];
  });
  return rec;
}

/** One released session on the plan of its format id (plans over the versions to be summarised). */
export function releaseOne(s: SummarySource, plan: FormatPlan, family: string): Released {
  const parties = new Map<string, Record<string, number>>();
  return { formatId: s.format.id, family, version: s.format.version, record: summaryRecord(s, plan, parties), plan, parties };
}
