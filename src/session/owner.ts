// Who owns an action, and so which organisation it is for: the organisation as recorded, else
// the owner's (a participant, matched by ownerOf: owners are typed by hand), else the one the
// format declares for that participant's role. The school's report and the privacy gate both
// fill an action's organisation this way.
import type { Format } from "../format/types.js";
import { ownerOf } from "../privacy/names.js";
import type { ActionItem, Session, SessionParticipant } from "./types.js";

/** The participant an action's `who` names, if exactly one fits. */
export function actionOwner(a: ActionItem, session: Session): SessionParticipant | undefined {
  return a.who !== undefined ? ownerOf(String(a.who), session.participants ?? []) : undefined;
}

/** The organisation as recorded (not blank), else undefined. */
export function recordedOrganisation(a: ActionItem): string | undefined {
  return a.organisation !== undefined && String(a.organisation).trim() ? String(a.organisation) : undefined;
}

/** The owner's organisation: the participant's own, else the one the format gives the role (`nl`, else `en`). */
export function ownerOrganisation(owner: SessionParticipant | undefined, format: Format, lang: "nl" | "en" = "nl"): string | undefined {
  if (!owner) return undefined;
  if (owner.organisation !== undefined && String(owner.organisation).trim()) return owner.organisation;
  const org = format.participants.find((p) => p.id === owner.role)?.organisation;
  return org?.[lang] ?? org?.nl ?? org?.en;
}
