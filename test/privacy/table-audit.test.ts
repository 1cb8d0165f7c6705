// No hidden cell of a published table can be recomputed: the key points' gemeente × school type
// table (cells, row and column totals, grand total) is checked by brute force over every
// assignment of the hidden cells that agrees with what is published — a number, "–" (0),
// "< k" (1..k−1), "×" (k or more; with the whole table masked: anything from 1) — and every
// row, column and grand total. No hidden cell or hidden total may have one possible value.
import { describe, expect, it } from "vitest";
import { Suppression, auditedGroups, hiddenMark, pinnedHidden, protectMargins } from "../../src/report/summary/suppress.js";
import type { ChapterFold } from "../../src/report/summary/fold.js";
import { markDomain, possibleLine } from "../helpers/line-brute.js";

const K = 5;

/** Hidden values of a line beside its published total that only one assignment allows (brute force). */
function linePins(values: readonly number[], h: readonly boolean[], masked: boolean): number[] {
  const N = values.reduce((a, b) => a + b, 0);
  const domains = values.map((v, i) => (!h[i] ? [v] : markDomain(v < K && !masked ? "small" : "hidden", K, N, masked)));
  const seen = possibleLine(domains, N);
  return values.flatMap((_, i) => (h[i] && seen[i]!.size === 1 ? [i] : []));
}

/** Every value each hidden cell and hidden total can take, by brute force (small tables). */
function possible(cells: number[][], p: ReturnType<typeof protectMargins>, k: number) {
  const R = cells.length;
  const C = cells[0]!.length;
  const N = cells.flat().reduce((a, b) => a + b, 0);
  const dom = (v: number, h: boolean): number[] => {
    if (v === 0) return [0]; // published as "–"
    if (p.masked) return Array.from({ length: N }, (_, i) => i + 1); // every cell and line total "×"
    if (!h) return [v];
    return v < k ? Array.from({ length: k - 1 }, (_, i) => i + 1) : Array.from({ length: N - k + 1 }, (_, i) => i + k);
  };
  const rowTot = cells.map((r) => r.reduce((a, b) => a + b, 0));
  const colTot = cells[0]!.map((_, j) => cells.reduce((s, r) => s + r[j]!, 0));
  const rowDom = rowTot.map((v, r) => new Set(dom(v, p.row[r]!)));
  const colDom = colTot.map((v, c) => new Set(dom(v, p.col[c]!)));
  const seen = new Map<string, Set<number>>();
  const note = (key: string, v: number) => seen.set(key, (seen.get(key) ?? new Set()).add(v));
  const x = cells.map((r) => r.map(() => 0));
  const rec = (i: number, sum: number): void => {
    if (i === R * C) {
      if (sum !== N) return;
      for (let r = 0; r < R; r++) if (!rowDom[r]!.has(x[r]!.reduce((a, b) => a + b, 0))) return;
      for (let c = 0; c < C; c++) if (!colDom[c]!.has(x.reduce((s, row) => s + row[c]!, 0))) return;
      x.forEach((row, r) => row.forEach((v, c) => p.cell[r]![c] && cells[r]![c]! > 0 && note(`cell ${r},${c}`, v)));
      x.forEach(
        (row, r) =>
          p.row[r] &&
          note(
            `row ${r}`,
            row.reduce((a, b) => a + b, 0),
          ),
      );
      colTot.forEach(
        (_, c) =>
          p.col[c] &&
          note(
            `col ${c}`,
            x.reduce((s, row) => s + row[c]!, 0),
          ),
      );
      return;
    }
    const r = Math.floor(i / C);
    const c = i % C;
    for (const v of dom(cells[r]![c]!, p.cell[r]![c]!)) {
      if (sum + v > N) break;
      x[r]![c] = v;
      rec(i + 1, sum + v);
    }
  };
  rec(0, 0);
  return seen;
}

function pinnedByBruteForce(cells: number[][], k = K): string[] {
  const p = protectMargins(cells, k);
  return [...possible(cells, p, k)].filter(([, vs]) => vs.size === 1).map(([key, vs]) => `${key} = ${[...vs][0]}`);
}

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("audit of a published table with row, column and grand totals", () => {
  it("the tester's edge case: PO only in Beverwijk and Velsen, both < 5, VO total < 5, 12 in all", () => {
    // (onbekend): VO 1; Beverwijk: PO 4, VO 2; Velsen: PO 4, VO 1. Before: PO total "×" and
    // VO total "< 5" gave PO ≥ 8, so Beverwijk-PO = Velsen-PO = 4 and VO = 4.
    const cells = [
      [0, 1],
      [4, 2],
      [4, 1],
    ];
    expect(pinnedByBruteForce(cells)).toEqual([]);
  });

  it("pinnedHidden finds what the lines one by one miss", () => {
    const cells = [
      [0, 1],
      [4, 2],
      [4, 1],
    ];
    const pins = pinnedHidden(cells, K, {
      cell: [
        [false, true],
        [true, true],
        [true, true],
      ],
      row: [true, true, true],
      col: [true, true],
    });
    expect(pins).toContainEqual({ kind: "cell", r: 1, c: 0 });
  });

  it("randomized: no hidden cell or total of a generated table has a single possible value", () => {
    const runs = Number(process.env.AFSTEM_AUDIT_RUNS ?? 200);
    const random = rng(20260514);
    const failures: string[] = [];
    let tried = 0;
    for (let run = 0; run < runs; run++) {
      const R = 2 + Math.floor(random() * 2);
      const C = 2 + Math.floor(random() * 2);
      const cells = Array.from({ length: R }, () =>
        Array.from({ length: C }, () =>
          random() < 0.25 ? 0 : random() < 0.6 ? 1 + Math.floor(random() * 4) : 5 + Math.floor(random() * 3),
        ),
      );
      // Every row and column holds some conversation (a gemeente or school type without any is not a row).
      if (cells.some((r) => r.every((v) => v === 0)) || cells[0]!.some((_, j) => cells.every((r) => r[j] === 0))) continue;
      // Below k in all the summary prints no such table (conversationsTable).
      if (cells.flat().reduce((a, b) => a + b, 0) < K) continue;
      tried++;
      const pins = pinnedByBruteForce(cells);
      if (pins.length) failures.push(`${JSON.stringify(cells)}: ${pins.join(", ")}`);
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(runs / 2);
  }, 120_000);

  it("randomized: a --by gemeente (schooltype) group's n is the key points' row (column) total — one decision, nothing pinned", () => {
    const random = rng(20261203);
    const failures: string[] = [];
    let tried = 0;
    for (let run = 0; run < 300; run++) {
      const by = run % 2 ? "gemeente" : "schooltype";
      const R = 2 + Math.floor(random() * 2);
      const C = 2 + Math.floor(random() * 2);
      const cells = Array.from({ length: R }, () =>
        Array.from({ length: C }, () =>
          random() < 0.25 ? 0 : random() < 0.6 ? 1 + Math.floor(random() * 4) : 5 + Math.floor(random() * 3),
        ),
      );
      if (cells.some((r) => r.every((v) => v === 0)) || cells[0]!.some((_, j) => cells.every((r) => r[j] === 0))) continue;
      const N = cells.flat().reduce((a, b) => a + b, 0);
      if (N < K) continue;
      tried++;
      const rowKeys = cells.map((_, r) => `g${r}`);
      const colKeys = cells[0]!.map((_, c) => `t${c}`);
      const grid = new Map(rowKeys.map((g, r) => [g, new Map(colKeys.flatMap((t, c) => (cells[r]![c]! > 0 ? [[t, cells[r]![c]!]] : [])))]));
      const margin =
        by === "gemeente"
          ? rowKeys.map((g, r) => [g, cells[r]!.reduce((a, b) => a + b, 0)] as const)
          : colKeys.map((t, c) => [t, cells.reduce((s, row) => s + row[c]!, 0)] as const);
      const c = { n: N, grid, groups: new Map(margin) } as unknown as ChapterFold;
      const sup = new Suppression(K, { key: c, by });
      // Asked in either order, the same decision.
      const d = run % 3 ? sup.groups(c) : (sup.conversations(c), sup.groups(c));
      const t = sup.conversations(c)!;
      const flags = by === "gemeente" ? t.row : t.col;
      const keys = by === "gemeente" ? t.rows : t.cols;
      // What the key points print as that group's total, and what every heading prints as its n.
      const lineMasked = t.cellsOmitted ? (by === "gemeente" ? t.cellsOmitted.rowMasked : t.cellsOmitted.colMasked) : t.masked;
      for (const [g, v] of margin) {
        const i = keys.indexOf(g);
        const inTable = t.masked ? "×" : flags[i] ? (lineMasked ? "×" : hiddenMark(v, K)) : String(v);
        if (d.nText(g) !== inTable) failures.push(`${by} ${JSON.stringify(cells)}: ${g} ${d.nText(g)} ≠ ${inTable}`);
      }
      if (t.cellsOmitted) {
        // Only the two lines of totals are published: each beside the grand total.
        const rowTot = cells.map((r) => r.reduce((a, b) => a + b, 0));
        const colTot = cells[0]!.map((_, j) => cells.reduce((s2, r) => s2 + r[j]!, 0));
        const pins = [
          ...linePins(rowTot, t.row, t.cellsOmitted.rowMasked).map((i) => `row ${i}`),
          ...linePins(colTot, t.col, t.cellsOmitted.colMasked).map((j) => `col ${j}`),
        ];
        if (pins.length) failures.push(`${by} ${JSON.stringify(cells)} (cells left out): ${pins.join(", ")}`);
        continue;
      }
      // The key points read with those n's (the same marks): no hidden value has one possible value.
      const p = { cell: t.cell.map((r) => [...r]), row: [...t.row], col: [...t.col], masked: t.masked };
      const pins = [
        ...possible(
          t.cells.map((r) => [...r]),
          p,
          K,
        ),
      ].filter(([, vs]) => vs.size === 1);
      if (pins.length) failures.push(`${by} ${JSON.stringify(cells)}: ${pins.map(([key, vs]) => `${key} = ${[...vs][0]}`).join(", ")}`);
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(100);
  }, 120_000);

  it("randomized: no group of a chapter (a line beside its published total) can be recomputed", () => {
    const random = rng(7);
    const failures: string[] = [];
    for (let run = 0; run < 500; run++) {
      const values = Array.from({ length: 2 + Math.floor(random() * 4) }, () =>
        random() < 0.5 ? 1 + Math.floor(random() * 4) : 5 + Math.floor(random() * 4),
      );
      const N = values.reduce((a, b) => a + b, 0);
      if (N < K) continue;
      const { hidden, masked } = auditedGroups(new Map(values.map((v, i) => [`g${i}`, v])), K);
      const h = values.map((_, i) => hidden.has(`g${i}`));
      const pinned = linePins(values, h, masked);
      if (pinned.length) failures.push(`${JSON.stringify(values)}: ${pinned.join(",")}`);
    }
    expect(failures).toEqual([]);
  });
});
