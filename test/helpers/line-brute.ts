// The reader's view of a line of counts beside its published total, by brute force: every value
// each entry can take, given what each entry's printed form allows (a number, "< 5", "×"). A
// hidden entry with only one possible value is pinned. Shared by the audit's randomized tests and
// the tests that read a real summary back.

/** For each entry, the values it can take in some assignment of all entries that sums to `total`. */
export function possibleLine(domains: readonly (readonly number[])[], total: number): Set<number>[] {
  const seen = domains.map(() => new Set<number>());
  const x = domains.map(() => 0);
  const rec = (i: number, sum: number): void => {
    if (i === domains.length) {
      if (sum === total) x.forEach((v, j) => seen[j]!.add(v));
      return;
    }
    for (const d of domains[i]!) if (sum + d <= total) (x[i] = d), rec(i + 1, sum + d);
  };
  rec(0, 0);
  return seen;
}

const upTo = (a: number, b: number) => Array.from({ length: Math.max(0, b - a + 1) }, (_, i) => a + i);

/** What a mark says of a count: "< k" is 1..k−1, "×" k or more (1 or more on a masked line). */
export function markDomain(mark: "small" | "hidden", k: number, total: number, masked: boolean): number[] {
  if (mark === "small") return upTo(1, k - 1);
  return upTo(masked ? 1 : k, total);
}
