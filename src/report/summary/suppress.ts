// Small-group suppression for the summary's breakdowns: a group with fewer than k answers is
// shown as "< k", and when exactly one group in a row would be hidden, the next smallest is
// hidden too (complementary suppression), so no hidden figure can be recomputed from the
// region's total minus the groups shown.
// TODO(issue 11): replace with the privacy gate's helpers when they land.

/** Keys of the groups to hide, given each group's n. */
export function hiddenGroups(sizes: ReadonlyMap<string, number>, k: number): Set<string> {
  const hidden = new Set([...sizes].filter(([, n]) => n > 0 && n < k).map(([g]) => g));
  if (hidden.size === 1) {
    const next = [...sizes].filter(([g, n]) => !hidden.has(g) && n > 0).sort((a, b) => a[1] - b[1])[0];
    if (next) hidden.add(next[0]);
  }
  return hidden;
}

export const marker = (k: number) => `< ${k}`;
