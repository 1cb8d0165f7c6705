// The followup layout: last year's agreements and how each turned out, one row per item.
// The facilitator's note is never written (it may say anything about anyone); the action
// text goes through the same name scrubber as the actions layout.
import type { Cell } from "../csv/cell.js";
import type { Session } from "../session/types.js";
import type { SessionRecord } from "./record.js";
import { nameScrubber } from "./scrub.js";

/** `status` here is the item's (gedaan/loopt/vervallen); join on session_id for the session's columns. */
export const FOLLOWUP_COLUMNS = ["session_id", "item", "action", "status"];

export interface FollowupRecord {
  action: string;
  status: string;
}

/** A record that may carry the session's followup (records are built in record.ts; this rides along). */
export type WithFollowup = { followup?: FollowupRecord[] };

/** Add the session's followup to its record: text scrubbed of participant names, no notes. */
export function attachFollowup<T extends object>(rec: T, session: Session): T & WithFollowup {
  const items = session.followup ?? [];
  if (!items.length) return rec;
  const scrub = nameScrubber([...session.participants.map((p) => p.name), ...session.actions.map((a) => a.who ?? "")]);
  return { ...rec, followup: items.map((f) => ({ action: scrub(String(f.action ?? "")), status: String(f.status) })) };
}

export function followupRows(rec: SessionRecord & WithFollowup, sessionId: string): Cell[][] {
  return (rec.followup ?? []).map((f, i) => [sessionId, i + 1, f.action, f.status]);
}
