// The followup layout: last year's agreements and how each turned out, one row per item.
// The record carries what the privacy gate released of `followup`: the action text with every
// known name scrubbed, and never the facilitator's note (it may say anything about anyone).
import type { Cell } from "../csv/cell.js";
import type { SessionRecord } from "./record.js";

/** `status` here is the item's (gedaan/loopt/vervallen); join on session_id for the session's columns. */
export const FOLLOWUP_COLUMNS = ["session_id", "item", "action", "status"];

export function followupRows(rec: SessionRecord, sessionId: string): Cell[][] {
  return (rec.followup ?? []).map((f, i) => [sessionId, i + 1, f.action ?? "", f.status]);
}
