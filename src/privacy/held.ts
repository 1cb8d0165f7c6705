// What the gate held back, as counts only: every regional output reports it, so a coordinator
// sees that something was withheld and why, without seeing what.
import type { Lang } from "../format/types.js";
import { L, fill } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";

export interface HeldBack {
  /** Names replaced by [naam] in released free text. */
  namesScrubbed: number;
  /** Answers of persoonlijk questions, and the texts of notes, actions and parked topics linked to them. */
  persoonlijk: number;
  /** Answers (or repeat items) the school did not release (`share_when` did not hold). */
  notShared: number;
  /** Free-text answers marked intern: counted, never quoted. */
  intern: number;
  /** Facilitator notes and parked topics: never leave the school, only counted. */
  notes: number;
}

export interface BatchHeldBack extends HeldBack {
  /** Drafts left out (no --include-drafts). */
  drafts: number;
  /** Files that were a second copy of a conversation already counted. */
  duplicates: number;
  /** `*.conflict-*` files, never counted. */
  conflicts: number;
  /** Sessions outside --from/--to. */
  outsidePeriod: number;
  /** Groups (or cells) shown as "< k". */
  smallGroups: number;
}

export const emptyHeld = (): HeldBack => ({ namesScrubbed: 0, persoonlijk: 0, notShared: 0, intern: 0, notes: 0 });
export const emptyBatchHeld = (): BatchHeldBack => ({ ...emptyHeld(), drafts: 0, duplicates: 0, conflicts: 0, outsidePeriod: 0, smallGroups: 0 });

export function addHeld(into: HeldBack, more: HeldBack): void {
  into.namesScrubbed += more.namesScrubbed;
  into.persoonlijk += more.persoonlijk;
  into.notShared += more.notShared;
  into.intern += more.intern;
  into.notes += more.notes;
}


/** One sentence per kind of thing held back, counts only; nothing when nothing was held back. */
export function heldBackLines(h: BatchHeldBack, k: number, lang: Lang): string[] {
  const lines: string[] = [];
  const add = (n: number, t: { nl: string; en: string }) => {
    if (n > 0) lines.push(fill(L(t, lang), { n, k }));
  };
  add(h.namesScrubbed, { nl: "{n} naam/namen in vrije tekst vervangen door [naam]", en: "{n} name(s) in free text replaced by [name]" });
  add(h.persoonlijk, { nl: "{n} persoonlijk(e) antwoord(en) of notitie(s) niet meegenomen", en: "{n} personal answer(s) or note(s) left out" });
  add(h.notShared, { nl: "{n} antwoord(en) of item(s) die de school niet voor de regio vrijgaf (share_when), alleen geteld", en: "{n} answer(s) or item(s) the school did not release to the region (share_when), only counted" });
  add(h.intern, { nl: "{n} interne vrije-tekstantwoord(en) geteld, niet geciteerd", en: "{n} internal free-text answer(s) counted, not quoted" });
  add(h.notes, { nl: "{n} notitie(s) en geparkeerde onderwerp(en) blijven op school", en: "{n} note(s) and parked topic(s) stay at the school" });
  add(h.smallGroups, { nl: "{n} groep(en) of cel(len) kleiner dan {k} getoond als '< {k}' of weggelaten", en: "{n} group(s) or cell(s) smaller than {k} shown as '< {k}' or left out" });
  add(h.drafts, { nl: "{n} concept(en) niet meegenomen", en: "{n} draft(s) left out" });
  add(h.duplicates, { nl: "{n} kopie(ën) van een gesprek dat al meetelt niet meegeteld", en: "{n} copy/copies of a conversation already counted left out" });
  add(h.conflicts, { nl: "{n} conflictkopie(ën) (*.conflict-*) niet meegeteld", en: "{n} conflict copy/copies (*.conflict-*) not counted" });
  add(h.outsidePeriod, { nl: "{n} gesprek(ken) buiten de gekozen periode", en: "{n} session(s) outside the chosen period" });
  return lines;
}

/** The warning for files that are a copy of a conversation already counted (paths as shown). */
export function duplicateWarning(used: string, others: string[], lang: Lang): string {
  return fill(
    msg("privacy.held.warning-others-same-conversation-used", lang),
    { others: others.join(", "), used },
  );
}
