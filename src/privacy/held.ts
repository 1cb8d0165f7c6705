// What the gate held back, as counts only: every regional output reports it, so a coordinator
// sees that something was withheld and why, without seeing what.
import type { Lang } from "../format/types.js";
import { fill } from "../i18n/lang.js";
import { msg, type MessageKey } from "../i18n/messages.js";

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
export const emptyBatchHeld = (): BatchHeldBack => ({
  ...emptyHeld(),
  drafts: 0,
  duplicates: 0,
  conflicts: 0,
  outsidePeriod: 0,
  smallGroups: 0,
});

export function addHeld(into: HeldBack, more: HeldBack): void {
  into.namesScrubbed += more.namesScrubbed;
  into.persoonlijk += more.persoonlijk;
  into.notShared += more.notShared;
  into.intern += more.intern;
  into.notes += more.notes;
}

/**
 * One sentence per kind of thing held back, counts only; nothing when nothing was held back.
 * `mask`: printed instead of every count (a selection too small to count anything from).
 */
export function heldBackLines(h: BatchHeldBack, k: number, lang: Lang, opts: { mask?: string } = {}): string[] {
  const lines: string[] = [];
  const add = (n: number, t: MessageKey) => {
    if (n > 0) lines.push(fill(msg(t, lang), { n: opts.mask ?? n, k }));
  };
  add(h.namesScrubbed, "privacy.held.n-name-s-free-text");
  add(h.persoonlijk, "privacy.held.n-personal-answer-s-note");
  add(h.notShared, "privacy.held.n-answer-s-item-s");
  add(h.intern, "privacy.held.n-internal-free-text-answer");
  add(h.notes, "privacy.held.n-note-s-parked-topic");
  add(h.smallGroups, "privacy.held.n-group-s-cell-s");
  add(h.drafts, "privacy.held.n-draft-s-left-out");
  add(h.duplicates, "privacy.held.n-copy-copies-conversation-already");
  add(h.conflicts, "privacy.held.n-conflict-copy-copies-conflict");
  add(h.outsidePeriod, "privacy.held.n-session-s-outside-chosen");
  return lines;
}

/** The warning for files that are a copy of a conversation already counted (paths as shown). */
export function duplicateWarning(used: string, others: string[], lang: Lang): string {
  return fill(msg("privacy.held.warning-others-same-conversation-used", lang), { others: others.join(", "), used });
}
