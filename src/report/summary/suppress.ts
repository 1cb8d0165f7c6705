// Small-group suppression for the summary's breakdowns, on the privacy gate's rules
// (src/privacy/suppress.ts): a group resting on fewer than k answers is shown as "< k", and
// when what is published beside it (the region's figure) would give it away, further groups
// are hidden ("×") so nothing can be recomputed.
import { protectLine, smallMark } from "../../privacy/suppress.js";
import { HIDDEN } from "../model.js";

/** Keys of the groups to hide, given each group's n (groups with n = 0 are not shown at all). */
export function hiddenGroups(sizes: ReadonlyMap<string, number>, k: number): Set<string> {
  const keys = [...sizes.keys()];
  const p = protectLine(
    keys.map((g) => sizes.get(g)!),
    k,
    { minPrimary: 1 },
  );
  return new Set(keys.filter((_, i) => p.hidden[i]));
}

/** What a hidden group shows: "< k" when it is small itself, "×" when hidden to protect another. */
export const hiddenMark = (n: number, k: number) => (n < k ? smallMark(k) : HIDDEN);

export const marker = smallMark;
