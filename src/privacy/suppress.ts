// Small groups stay small: a count resting on fewer than k sessions is published as "< k",
// and no such cell can be recomputed from what is published beside it. When a line (a row or
// column whose total is known) would give a hidden cell away — it is the only hidden cell, or
// the bounds pin it to one value — the next smallest cell is hidden as well ("complementary
// suppression"); when no cell is left to hide, the total is hidden. Pure functions.

export interface ProtectedLine {
  /** Cells shown as "< k" (primary) or hidden to protect them (secondary). */
  hidden: boolean[];
  /** Hidden because the count itself is small (shown as "< k"). */
  small: boolean[];
  /** The line's total must not be published either. */
  totalHidden: boolean;
}

/** Feasible range of each hidden cell given the known line total and the published cells. */
function pinned(values: number[], hidden: boolean[], small: boolean[], k: number, minPrimary: number): boolean {
  const idx = values.map((_, i) => i).filter((i) => hidden[i]);
  if (idx.length === 0) return false;
  if (idx.length === 1) return true;
  const shown = values.filter((v, i) => !hidden[i] && v >= k);
  const cap = shown.length ? Math.min(...shown) : Infinity;
  const lo = (i: number) => (small[i] ? minPrimary : k);
  const hi = (i: number) => (small[i] ? k - 1 : Math.max(k, cap));
  const rest = idx.reduce((s, i) => s + values[i]!, 0);
  for (const i of idx) {
    let othersLo = 0;
    let othersHi = 0;
    for (const j of idx)
      if (j !== i) {
        othersLo += lo(j);
        othersHi += hi(j);
      }
    const a = Math.max(lo(i), rest - othersHi);
    const b = Math.min(hi(i), rest - othersLo);
    if (a >= b) return true;
  }
  return false;
}

/**
 * Protect one line of counts whose total is published (or can be known).
 * `minPrimary`: the smallest value a small cell can have (1 for group sizes, 0 for answer counts).
 */
export function protectLine(
  values: readonly number[],
  k: number,
  opts: { minPrimary?: number; preHidden?: readonly boolean[] } = {},
): ProtectedLine {
  const minPrimary = opts.minPrimary ?? 0;
  const small = values.map((v) => v < k && (v > 0 || minPrimary === 0));
  const hidden = values.map((_, i) => small[i]! || opts.preHidden?.[i] === true);
  let totalHidden = false;
  if (hidden.some(Boolean)) {
    const vals = [...values];
    while (pinned(vals, hidden, small, k, minPrimary)) {
      // Hide the smallest published cell: it costs the reader least.
      let next = -1;
      for (let i = 0; i < vals.length; i++) if (!hidden[i] && (next < 0 || vals[i]! < vals[next]!)) next = i;
      if (next < 0) {
        totalHidden = true;
        break;
      }
      hidden[next] = true;
    }
  }
  return { hidden, small, totalHidden };
}

/** Protect a table whose row and column totals are known (e.g. gemeente × schooltype). */
export function protectGrid(cells: readonly (readonly number[])[], k: number, minPrimary = 1): { hidden: boolean[][]; small: boolean[][] } {
  const rows = cells.length;
  const cols = rows ? cells[0]!.length : 0;
  // Empty cells of a cross table are real zeros, not small groups.
  const small = cells.map((r) => r.map((v) => v > 0 && v < k));
  const hidden = small.map((r) => [...r]);
  for (let changed = true, guard = 0; changed && guard < 100; guard++) {
    changed = false;
    for (let r = 0; r < rows; r++) {
      const p = protectLine(cells[r]!, k, { minPrimary, preHidden: hidden[r] });
      p.hidden.forEach((h, c) => {
        if (h && !hidden[r]![c]) (hidden[r]![c] = true), (changed = true);
      });
    }
    for (let c = 0; c < cols; c++) {
      const col = cells.map((row) => row[c]!);
      const p = protectLine(col, k, { minPrimary, preHidden: hidden.map((row) => row[c]!) });
      p.hidden.forEach((h, r) => {
        if (h && !hidden[r]![c]) (hidden[r]![c] = true), (changed = true);
      });
    }
  }
  return { hidden, small };
}

/** The published form of a small or protected count. */
export const smallMark = (k: number) => `< ${k}`;
