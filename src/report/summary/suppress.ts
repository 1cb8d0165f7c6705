// Small-group suppression for the summary's breakdowns, on the privacy gate's rules
// (src/privacy/suppress.ts): a group resting on fewer than k answers is shown as "< k", and
// when what is published beside it (the region's n and figure, the other groups) would give
// it away, further groups are hidden ("×") so nothing can be recomputed.
//
// This is the one place that decides, per chapter and per (question, breakdown); every output
// that prints a group's n or figure (key points, matrix rows, breakdown headings and cells,
// chart bars and alt text, appendix) reads the same decision, so one table cannot give away
// what another hides.
import type { MergedQuestion } from "../../rollup/plan.js";
import { protectLine, smallMark } from "../../privacy/suppress.js";
import { HIDDEN } from "../model.js";
import { emptyTally, type ChapterFold, type Tally } from "./fold.js";

/**
 * Protect one line of counts beside its published total; zeros are shown as zeros ("–", or not
 * at all) and are never taken as the cell that protects another.
 */
function protectNonzero(values: readonly number[], k: number, preHidden: readonly boolean[] = []): boolean[] {
  const idx = values.map((_, i) => i).filter((i) => values[i]! > 0);
  const p = protectLine(
    idx.map((i) => values[i]!),
    k,
    { minPrimary: 1, preHidden: idx.map((i) => preHidden[i] === true) },
  );
  const out = values.map(() => false);
  idx.forEach((i, j) => {
    out[i] = p.hidden[j]!;
  });
  return out;
}

/** Keys of the groups to hide, given each group's n (groups with n = 0 are not shown at all). */
export function hiddenGroups(sizes: ReadonlyMap<string, number>, k: number, preHidden?: ReadonlySet<string>): Set<string> {
  const keys = [...sizes.keys()];
  const hidden = protectNonzero(
    keys.map((g) => sizes.get(g)!),
    k,
    keys.map((g) => preHidden?.has(g) === true),
  );
  return new Set(keys.filter((_, i) => hidden[i]));
}

/** What a hidden group shows: "< k" when it is small itself, "×" when hidden to protect another. */
export const hiddenMark = (n: number, k: number) => (n < k ? smallMark(k) : HIDDEN);

export const marker = smallMark;

/** One suppression decision over the groups of a breakdown. */
export interface Breakdown {
  /** Sessions (or answers) per group. */
  readonly n: ReadonlyMap<string, number>;
  /** Groups whose n and figures are not shown. */
  readonly hidden: ReadonlySet<string>;
  /** A group's n as printed: the number, "< k" or "×". */
  nText(group: string): string;
  /** What a hidden group shows in place of a figure: "< k" or "×". */
  mark(group: string): string;
}

function decision(n: ReadonlyMap<string, number>, hidden: ReadonlySet<string>, k: number): Breakdown {
  const mark = (g: string) => hiddenMark(n.get(g) ?? 0, k);
  return { n, hidden, mark, nText: (g) => (hidden.has(g) ? mark(g) : String(n.get(g) ?? 0)) };
}

/** The tallies of some groups added up. */
function sumOf(tallies: (Tally | undefined)[]): Tally {
  const t = emptyTally();
  for (const x of tallies) {
    if (!x) continue;
    t.n += x.n;
    t.sum += x.sum;
    t.yes += x.yes;
    for (const [c, v] of x.options) t.options.set(c, (t.options.get(c) ?? 0) + v);
    for (const [c, v] of x.nums) t.nums.set(c, (t.nums.get(c) ?? 0) + v);
  }
  return t;
}

/**
 * The ways a set of groups' figures can be pinned: each figure the summary prints for a group,
 * as a count out of the group's answers. The hidden groups' combined count follows from the
 * region's figure minus the shown groups'; at 0 or at all of their answers (0 % / 100 %, every
 * answer the same scale value) every hidden group has that figure too.
 */
function aspects(q: MergedQuestion, t: Tally, region: Tally): { count: number; regionAtBound: boolean }[] {
  const type = q.question.type;
  const atBound = (c: number, n: number) => c === 0 || c === n;
  if (type === "yesno") return [{ count: t.yes, regionAtBound: atBound(region.yes, region.n) }];
  if (type === "scale" || type === "number") {
    // The mean (and the scale chart's bars) is pinned when all hidden answers are one value.
    const values = [...new Set([...region.nums.keys()])];
    return values.map((v) => ({
      count: (t.nums.get(v) ?? 0) === t.n ? t.n : -1,
      regionAtBound: (region.nums.get(v) ?? 0) === region.n,
    }));
  }
  // choice / multichoice: a percentage per option the region has.
  return [...region.options]
    .filter(([, c]) => c > 0)
    .map(([code, c]) => ({ count: t.options.get(code) ?? 0, regionAtBound: atBound(c, region.n) }));
}

/** Whether a hidden group's figure follows from the region's and the shown groups' figures. */
function figurePinned(q: MergedQuestion, c: ChapterFold, hidden: ReadonlySet<string>): boolean {
  const fig = c.figures.get(q.id);
  if (!fig) return false;
  const groups = [...hidden].filter((g) => (fig.byGroup.get(g)?.n ?? 0) > 0);
  if (!groups.length) return false;
  const h = sumOf(groups.map((g) => fig.byGroup.get(g)));
  // A figure the region itself has at its bound says the same of every group: it is published
  // as the region's (resting on ≥ k answers), and hiding groups cannot change that.
  return aspects(q, h, fig.all).some((a) => !a.regionAtBound && (a.count === 0 || a.count === h.n));
}

/** The decisions of one summary (one k), made once per chapter and per question and kept. */
export class Suppression {
  private readonly chapters = new WeakMap<ChapterFold, { groups: Breakdown; questions: Map<string, Breakdown> }>();

  constructor(readonly k: number) {}

  private entry(c: ChapterFold) {
    let e = this.chapters.get(c);
    if (!e) {
      const n = new Map(c.groups);
      e = { groups: decision(n, hiddenGroups(n, this.k), this.k), questions: new Map() };
      this.chapters.set(c, e);
    }
    return e;
  }

  /** The chapter's conversations per --by group, beside its total. */
  groups(c: ChapterFold): Breakdown {
    return this.entry(c).groups;
  }

  /**
   * One question broken down by --by: its answers per group beside the region's. A group
   * whose conversations are hidden stays hidden here; then small answer counts are hidden
   * and protected, and groups are hidden until no hidden group's figure is pinned.
   */
  question(c: ChapterFold, q: MergedQuestion): Breakdown {
    const e = this.entry(c);
    let d = e.questions.get(q.id);
    if (d) return d;
    const fig = c.figures.get(q.id);
    const n = new Map([...c.groups.keys()].map((g) => [g, fig?.byGroup.get(g)?.n ?? 0]));
    let hidden = hiddenGroups(n, this.k, e.groups.hidden);
    while (figurePinned(q, c, hidden)) {
      // Hide the smallest group still shown: it costs the reader least.
      const next = [...n].filter(([g, x]) => x > 0 && !hidden.has(g)).sort((a, b) => a[1] - b[1])[0];
      if (!next) break;
      hidden = hiddenGroups(n, this.k, new Set([...hidden, next[0]]));
    }
    d = decision(n, hidden, this.k);
    e.questions.set(q.id, d);
    return d;
  }
}

/**
 * A cross table whose margins are published too (conversations per gemeente × school type, with
 * row, column and grand totals): the row totals and the column totals are each a line beside
 * the grand total, and every row and column a line beside its total. A hidden total must not
 * follow from its cells either, so a row (column) whose total is hidden keeps a cell hidden.
 * Repeated until nothing changes; `pre` hides row or column totals decided elsewhere (the
 * chapter's --by groups, when the rows or columns are those groups).
 */
export function protectMargins(
  cells: readonly (readonly number[])[],
  k: number,
  pre: { row?: readonly boolean[]; col?: readonly boolean[] } = {},
): { cell: boolean[][]; row: boolean[]; col: boolean[] } {
  const rows = cells.length;
  const cols = rows ? cells[0]!.length : 0;
  const rowTot = cells.map((r) => r.reduce((a, b) => a + b, 0));
  const colTot = Array.from({ length: cols }, (_, j) => cells.reduce((s, r) => s + r[j]!, 0));
  const cell = cells.map((r) => r.map((v) => v > 0 && v < k));
  const row = rowTot.map((v, i) => (v > 0 && v < k) || pre.row?.[i] === true);
  const col = colTot.map((v, j) => (v > 0 && v < k) || pre.col?.[j] === true);
  const merge = (into: boolean[], from: boolean[]) => {
    let changed = false;
    from.forEach((h, i) => {
      if (h && !into[i]) (into[i] = true), (changed = true);
    });
    return changed;
  };
  /** A hidden total whose nonzero cells are all shown: hide its smallest cell. */
  const keepOneHidden = (values: number[], hidden: boolean[]): number => {
    if (values.some((v, i) => v > 0 && hidden[i])) return -1;
    let next = -1;
    values.forEach((v, i) => {
      if (v > 0 && (next < 0 || v < values[next]!)) next = i;
    });
    return next;
  };
  for (let changed = true, guard = 0; changed && guard < 100; guard++) {
    changed = false;
    changed = merge(row, protectNonzero(rowTot, k, row)) || changed;
    changed = merge(col, protectNonzero(colTot, k, col)) || changed;
    for (let r = 0; r < rows; r++) {
      const values = [...cells[r]!];
      if (row[r]) {
        const j = keepOneHidden(values, cell[r]!);
        if (j >= 0) (cell[r]![j] = true), (changed = true);
      } else changed = merge(cell[r]!, protectNonzero(values, k, cell[r])) || changed;
    }
    for (let j = 0; j < cols; j++) {
      const values = cells.map((r) => r[j]!);
      const hidden = cell.map((r) => r[j]!);
      if (col[j]) {
        const i = keepOneHidden(values, hidden);
        if (i >= 0) (cell[i]![j] = true), (changed = true);
      } else if (merge(hidden, protectNonzero(values, k, hidden))) {
        hidden.forEach((h, i) => {
          cell[i]![j] = h;
        });
        changed = true;
      }
    }
  }
  return { cell, row, col };
}
