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

/**
 * Keys of the groups to hide, given each group's n (groups with n = 0 are not shown at all);
 * `masked` when even with every group hidden the marks' bounds ("< k" is 1..k−1, "×" is k or
 * more) pin one beside the published total: then every hidden group shows "×" (no bounds).
 */
export function auditedGroups(
  sizes: ReadonlyMap<string, number>,
  k: number,
  preHidden?: ReadonlySet<string>,
): { hidden: Set<string>; masked: boolean } {
  const keys = [...sizes.keys()];
  const values = keys.map((g) => sizes.get(g)!);
  const hidden = protectNonzero(
    values,
    k,
    keys.map((g) => preHidden?.has(g) === true),
  );
  // The groups beside their published total, audited as a one-column table.
  const a = auditLine(values, k, hidden);
  return { hidden: new Set(keys.filter((_, i) => a.hidden[i])), masked: a.exhausted };
}

/** Keys of the groups to hide (auditedGroups). */
export function hiddenGroups(sizes: ReadonlyMap<string, number>, k: number, preHidden?: ReadonlySet<string>): Set<string> {
  return auditedGroups(sizes, k, preHidden).hidden;
}

/**
 * A line of counts beside its published total (the groups of a chapter, conversations per
 * gemeente), audited like any table (auditTable): `exhausted` when a value stays pinned with
 * every cell hidden — the caller then shows every cell as "×".
 */
export function auditLine(values: readonly number[], k: number, hidden: readonly boolean[]): { hidden: boolean[]; exhausted: boolean } {
  const a = auditTable(
    values.map((v) => [v]),
    k,
    { cell: hidden.map((h) => [h]), row: [...hidden], col: [false] },
    true,
  );
  return { hidden: values.map((_, i) => a.cell[i]![0]! || a.row[i]!), exhausted: a.exhausted };
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

function decision(n: ReadonlyMap<string, number>, hidden: ReadonlySet<string>, k: number, masked = false): Breakdown {
  const mark = (g: string) => (masked ? HIDDEN : hiddenMark(n.get(g) ?? 0, k));
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

/**
 * The key points' conversations per gemeente × school type as published: rows and columns by
 * key, the cells, and which cells and totals are hidden (protectMargins); the grand total is
 * the chapter's n.
 */
export interface ConversationsTable {
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  readonly cells: readonly (readonly number[])[];
  readonly cell: readonly (readonly boolean[])[];
  readonly row: readonly boolean[];
  readonly col: readonly boolean[];
  /** Every nonzero cell and line total "×" (no bounds), only the grand total shown. */
  readonly masked: boolean;
  /**
   * The cells are left out and only the two lines of totals are published, each decided beside
   * the grand total on its own (auditedGroups): protecting the cells would have hidden a
   * gemeente's or school type's total that its own line can show (protectMargins hid every
   * total of a usual round of 30 conversations, and with them every breakdown of the chapter).
   */
  readonly cellsOmitted?: { rowMasked: boolean; colMasked: boolean };
}

/** The --by fields that are a margin of the key points' table. */
const MARGINS = { gemeente: "row", schooltype: "col" } as const;

/** The decisions of one summary (one k), made once per chapter and per question and kept. */
export class Suppression {
  private readonly chapters = new WeakMap<ChapterFold, { groups: Breakdown; questions: Map<string, Breakdown> }>();
  private readonly tables = new WeakMap<ChapterFold, ConversationsTable | null>();

  /**
   * `key`: the chapter whose conversations per gemeente × school type the key points publish;
   * `by`: the --by field. When that field is a margin of that table (gemeente: its rows,
   * schooltype: its columns), the chapter's group sizes are the table's row (column) totals,
   * so they are decided by the table's audit — which sees every cell beside them — and every
   * heading, label and chart prints the table's decision.
   */
  constructor(
    readonly k: number,
    private readonly opts: { key?: ChapterFold; by?: string } = {},
  ) {}

  private margin(c: ChapterFold): "row" | "col" | undefined {
    return c === this.opts.key && this.opts.by ? MARGINS[this.opts.by as keyof typeof MARGINS] : undefined;
  }

  /**
   * The chapter's conversations per gemeente × school type with row, column and grand totals,
   * as the key points publish it; undefined when it is not published (one gemeente and one
   * school type, or fewer than k conversations in all). The --by groups decided on their own
   * line beside the total stay hidden here.
   */
  conversations(c: ChapterFold): ConversationsTable | undefined {
    const known = this.tables.get(c);
    if (known !== undefined) return known ?? undefined;
    const byKey = (a: string, b: string) => (a === b ? 0 : a === "" ? 1 : b === "" ? -1 : a < b ? -1 : 1);
    const rows = [...c.grid.keys()].sort(byKey);
    const cols = [...new Set([...c.grid.values()].flatMap((r) => [...r.keys()]))].sort(byKey);
    let t: ConversationsTable | null = null;
    if ((rows.length > 1 || cols.length > 1) && c.n >= this.k) {
      const cells = rows.map((g) => cols.map((s) => c.grid.get(g)?.get(s) ?? 0));
      const margin = this.margin(c);
      const line = margin ? auditedGroups(new Map(c.groups), this.k) : undefined;
      const pre = (keys: string[]) => keys.map((g) => line!.masked || line!.hidden.has(g));
      const p = protectMargins(cells, this.k, {
        ...(margin === "row" ? { row: pre(rows) } : {}),
        ...(margin === "col" ? { col: pre(cols) } : {}),
      });
      // Each line of totals on its own beside the grand total: what it may show.
      const lineOf = (keys: string[], totals: number[]) => auditedGroups(new Map(keys.map((g, i) => [g, totals[i]!])), this.k);
      const rowTot = cells.map((r) => r.reduce((a, b) => a + b, 0));
      const colTot = cols.map((_, j) => cells.reduce((s2, r) => s2 + r[j]!, 0));
      const rowLine = lineOf(rows, rowTot);
      const colLine = lineOf(cols, colTot);
      const costs = (keys: string[], flags: boolean[], l: { hidden: Set<string>; masked: boolean }) =>
        !l.masked && keys.some((g, i) => flags[i] && !l.hidden.has(g));
      if (p.masked || costs(rows, p.row, rowLine) || costs(cols, p.col, colLine)) {
        // Without the cells, rows and columns are two partitions of the one total: nothing links
        // a row to a column, so each line audited on its own is the whole audit.
        const flag = (keys: string[], l: { hidden: Set<string>; masked: boolean }) => keys.map((g) => l.hidden.has(g));
        t = {
          rows,
          cols,
          cells,
          cell: cells.map((r) => r.map((v) => v > 0)),
          row: flag(rows, rowLine),
          col: flag(cols, colLine),
          masked: false,
          cellsOmitted: { rowMasked: rowLine.masked, colMasked: colLine.masked },
        };
      } else t = { rows, cols, cells, cell: p.cell, row: p.row, col: p.col, masked: p.masked };
    }
    this.tables.set(c, t);
    return t ?? undefined;
  }

  private entry(c: ChapterFold) {
    let e = this.chapters.get(c);
    if (!e) {
      const n = new Map(c.groups);
      const margin = this.margin(c);
      const t = margin ? this.conversations(c) : undefined;
      let groups: Breakdown;
      if (t) {
        // One decision for the document: the key points' row (column) totals.
        const keys = margin === "row" ? t.rows : t.cols;
        const flags = margin === "row" ? t.row : t.col;
        const masked = t.masked || (t.cellsOmitted ? (margin === "row" ? t.cellsOmitted.rowMasked : t.cellsOmitted.colMasked) : false);
        const hidden = new Set(keys.filter((g, i) => (n.get(g) ?? 0) > 0 && (masked || flags[i])));
        groups = decision(n, hidden, this.k, masked);
      } else {
        const a = auditedGroups(n, this.k);
        groups = decision(n, a.hidden, this.k, a.masked);
      }
      e = { groups, questions: new Map() };
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
    let a = auditedGroups(n, this.k, e.groups.hidden);
    while (figurePinned(q, c, a.hidden)) {
      // Hide the smallest group still shown: it costs the reader least.
      const next = [...n].filter(([g, x]) => x > 0 && !a.hidden.has(g)).sort((a, b) => a[1] - b[1])[0];
      if (!next) break;
      a = auditedGroups(n, this.k, new Set([...a.hidden, next[0]]));
    }
    d = decision(n, a.hidden, this.k, a.masked);
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
): { cell: boolean[][]; row: boolean[]; col: boolean[]; masked: boolean } {
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
  // The lines one by one can leave a hidden value pinned by the lines together (a column total
  // beside two "< 5" cells): audit the whole table and hide more until nothing is pinned.
  // When nothing is left to hide and the marks' bounds still pin a value, the table is masked:
  // every cell and line total "×" (no bounds), only the grand total shown.
  const audited = auditTable(cells, k, { cell, row, col });
  return { cell: audited.cell, row: audited.row, col: audited.col, masked: audited.exhausted };
}

/** What a table publishes: which cells, row totals and column totals are hidden ("< k" or "×"); the grand total is published. */
export interface TableHidden {
  cell: boolean[][];
  row: boolean[];
  col: boolean[];
}

/** A hidden value of a table that the published figures pin to one value. */
export type Pinned = { kind: "cell"; r: number; c: number } | { kind: "row"; r: number } | { kind: "col"; c: number };

/** Search steps per audit before it settles for what it has found (tables of the summary need far fewer). */
const AUDIT_BUDGET = 200_000;

/**
 * The reader's view of a published table: every value a hidden cell or total can take, given the
 * published cells (a zero is shown as "–"), the published row and column totals, the grand total,
 * and what a mark says: "< k" is 1..k−1, "×" is k or more (hiddenMark). Returns the hidden values
 * that only one assignment of the hidden cells allows. Exact: bounds are propagated over the
 * lines to a fixpoint, then a search looks, for each hidden value, for a consistent table where
 * it differs from the first one found.
 */
export function pinnedHidden(cells: readonly (readonly number[])[], k: number, hidden: TableHidden): Pinned[] {
  const R = cells.length;
  const C = R ? cells[0]!.length : 0;
  const N = cells.reduce((s, r) => s + r.reduce((a, b) => a + b, 0), 0);
  const dom = (v: number, h: boolean): [number, number] => (!h ? [v, v] : v < k ? [1, k - 1] : [k, N]);
  const rowTot = cells.map((r) => r.reduce((a, b) => a + b, 0));
  const colTot = Array.from({ length: C }, (_, j) => cells.reduce((s, r) => s + r[j]!, 0));
  // Variables: the hidden nonzero cells (a zero is published as "–").
  const vars: [number, number][] = [];
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) if (hidden.cell[r]![c] && cells[r]![c]! > 0) vars.push([r, c]);
  if (!vars.length) return [];
  const lo = vars.map(([r, c]) => dom(cells[r]![c]!, true)[0]);
  const hi = vars.map(([r, c]) => dom(cells[r]![c]!, true)[1]);
  // Lines: the hidden cells of a row, a column or the whole table, their sum within [min, max].
  const lines: { vars: number[]; min: number; max: number; target?: number }[] = [];
  const line = (idx: number[], total: [number, number], known: number) =>
    lines.push({ vars: idx, min: total[0] - known, max: total[1] - known });
  const knownIn = (pick: (r: number, c: number) => boolean) => {
    let s = 0;
    for (let r = 0; r < R; r++)
      for (let c = 0; c < C; c++) if (pick(r, c) && !(hidden.cell[r]![c] && cells[r]![c]! > 0)) s += cells[r]![c]!;
    return s;
  };
  for (let r = 0; r < R; r++)
    line(
      vars.flatMap(([vr], i) => (vr === r ? [i] : [])),
      dom(rowTot[r]!, hidden.row[r] === true),
      knownIn((x) => x === r),
    );
  for (let c = 0; c < C; c++)
    line(
      vars.flatMap(([, vc], i) => (vc === c ? [i] : [])),
      dom(colTot[c]!, hidden.col[c] === true),
      knownIn((_, y) => y === c),
    );
  line(
    vars.map((_, i) => i),
    [N, N],
    knownIn(() => true),
  );
  // Bounds to a fixpoint.
  const propagate = (l: number[], h: number[]): boolean => {
    for (let changed = true; changed; ) {
      changed = false;
      for (const ln of lines) {
        let sl = 0;
        let sh = 0;
        for (const i of ln.vars) (sl += l[i]!), (sh += h[i]!);
        if (sl > ln.max || sh < ln.min) return false;
        for (const i of ln.vars) {
          const a = Math.max(l[i]!, ln.min - (sh - h[i]!));
          const b = Math.min(h[i]!, ln.max - (sl - l[i]!));
          if (a > b) return false;
          if (a !== l[i] || b !== h[i]) (sl += a - l[i]!), (sh += b - h[i]!), (l[i] = a), (h[i] = b), (changed = true);
        }
      }
    }
    return true;
  };
  if (!propagate(lo, hi)) return [];
  // The quantities a reader must not pin: each hidden cell, and each hidden row or column total.
  const quantities: { pin: Pinned; of: (x: number[]) => number }[] = [
    ...vars.map(([r, c], i) => ({ pin: { kind: "cell", r, c } as Pinned, of: (x: number[]) => x[i]! })),
    ...rowTot.flatMap((_, r) =>
      hidden.row[r]
        ? [
            {
              pin: { kind: "row", r } as Pinned,
              of: (x: number[]) => knownIn((y) => y === r) + lines[r]!.vars.reduce((s, i) => s + x[i]!, 0),
            },
          ]
        : [],
    ),
    ...colTot.flatMap((_, c) =>
      hidden.col[c]
        ? [
            {
              pin: { kind: "col", c } as Pinned,
              of: (x: number[]) => knownIn((_, y) => y === c) + lines[R + c]!.vars.reduce((s, i) => s + x[i]!, 0),
            },
          ]
        : [],
    ),
  ];
  let steps = 0;
  /** A consistent assignment in which `avoid` (if given) does not take its value `not`. */
  const solve = (l: number[], h: number[], avoid?: (x: number[]) => boolean): number[] | undefined => {
    if (++steps > AUDIT_BUDGET) return undefined;
    const i = l.findIndex((a, j) => a !== h[j]);
    if (i < 0) return avoid?.(l) === false ? undefined : l;
    for (let v = l[i]!; v <= h[i]!; v++) {
      const l2 = [...l];
      const h2 = [...h];
      l2[i] = v;
      h2[i] = v;
      if (!propagate(l2, h2)) continue;
      const s = solve(l2, h2, avoid);
      if (s) return s;
      if (steps > AUDIT_BUDGET) return undefined;
    }
    return undefined;
  };
  const first = solve([...lo], [...hi]);
  if (!first) return [];
  const seen = quantities.map((q) => new Set([q.of(first)]));
  for (let qi = 0; qi < quantities.length; qi++) {
    if (seen[qi]!.size > 1) continue;
    const q = quantities[qi]!;
    const v = q.of(first);
    // A cell: search directly on its other values; a total: any table where it differs.
    let other: number[] | undefined;
    if (q.pin.kind === "cell") {
      const i = qi;
      for (const [a, b] of [
        [lo[i]!, v - 1],
        [v + 1, hi[i]!],
      ] as const) {
        if (a > b || other) continue;
        const l = [...lo];
        const h = [...hi];
        l[i] = a;
        h[i] = b;
        if (propagate(l, h)) other = solve(l, h);
      }
    } else other = solve([...lo], [...hi], (x) => q.of(x) !== v);
    if (other) quantities.forEach((x, j) => seen[j]!.add(x.of(other)));
    else if (steps > AUDIT_BUDGET) continue; // undecided within the budget: its bounds must do
  }
  return quantities.filter((_, i) => seen[i]!.size === 1 && !(steps > AUDIT_BUDGET && lo[i] !== hi[i])).map((q) => q.pin);
}

/**
 * Protect a table whose cells, row totals, column totals and grand total are published: start
 * from `start` (small cells and totals, and what the lines' protection hid), then, while any
 * hidden value can be pinned by the published figures (pinnedHidden), hide one more — the
 * smallest published nonzero cell in its row or column, else a published total of its line —
 * and audit again. `exhausted`: something is still pinned and nothing is left to hide.
 */
export function auditTable(
  cells: readonly (readonly number[])[],
  k: number,
  start: TableHidden,
  /** Column totals that are published elsewhere and cannot be hidden (a line's total is the chapter's n). */
  fixedCols = false,
): TableHidden & { exhausted: boolean } {
  const h: TableHidden = { cell: start.cell.map((r) => [...r]), row: [...start.row], col: [...start.col] };
  const R = cells.length;
  const C = R ? cells[0]!.length : 0;
  for (let guard = 0; guard < R * C + R + C + 1; guard++) {
    const pins = pinnedHidden(cells, k, h);
    if (!pins.length) return { ...h, exhausted: false };
    const p = pins[0]!;
    const candidates: [number, number][] = [];
    for (let r = 0; r < R; r++)
      for (let c = 0; c < C; c++) {
        const inLine = p.kind === "cell" ? r === p.r || c === p.c : p.kind === "row" ? r === p.r : c === p.c;
        if (inLine && !h.cell[r]![c] && cells[r]![c]! > 0) candidates.push([r, c]);
      }
    candidates.sort((a, b) => cells[a[0]]![a[1]]! - cells[b[0]]![b[1]]!);
    if (candidates.length) {
      const [r, c] = candidates[0]!;
      h.cell[r]![c] = true;
      continue;
    }
    // No cell of its lines left: hide a published total of its lines, else any published cell,
    // else the smallest published row or column total.
    if (p.kind !== "col" && !h.row[p.r]) h.row[p.r] = true;
    else if (p.kind !== "row" && !h.col[p.c] && !fixedCols) h.col[p.c] = true;
    else {
      const any: [number, number][] = [];
      for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) if (!h.cell[r]![c] && cells[r]![c]! > 0) any.push([r, c]);
      any.sort((a, b) => cells[a[0]]![a[1]]! - cells[b[0]]![b[1]]!);
      if (any.length) {
        h.cell[any[0]![0]]![any[0]![1]] = true;
        continue;
      }
      const rowTot = cells.map((r) => r.reduce((a, b) => a + b, 0));
      const colTot = Array.from({ length: C }, (_, j) => cells.reduce((t, r) => t + r[j]!, 0));
      const totals = [
        ...rowTot.flatMap((v, r) => (h.row[r] || v === 0 ? [] : [{ v, hide: () => (h.row[r] = true) }])),
        ...colTot.flatMap((v, c) => (h.col[c] || v === 0 || fixedCols ? [] : [{ v, hide: () => (h.col[c] = true) }])),
      ].sort((x, y) => x.v - y.v);
      if (!totals.length) return { ...h, exhausted: true };
      totals[0]!.hide();
    }
  }
  return { ...h, exhausted: pinnedHidden(cells, k, h).length > 0 };
}
