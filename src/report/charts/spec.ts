// Figures → Vega-Lite chart specs: pure functions, no rendering. A scale becomes diverging
// stacked bars per group (disagreement left of the centre line, agreement right of it, the
// middle value split over both sides); a choice or multichoice question becomes horizontal
// bars sorted by count. Suppressed groups (too small to show) never get a bar: the figure
// carries them so the caption can say so, the spec leaves them out. With `minGroup`, a group
// (or a choice question) answered fewer times than that is left out too, whatever the caller
// marked: no bar, no label, no alt text, and no chart when nothing is left.
import type { Lang } from "../../format/types.js";
import { fill } from "../../i18n/lang.js";
import { formatNumber } from "../words.js";
import { msg } from "../../i18n/messages.js";

export interface ScaleGroup {
  label: string;
  /** Answers per scale value (min..max); ignored when suppressed. */
  counts: Record<number, number>;
  /**
   * Not drawn: `true` for a group too small to show ("< k"); "×" for one left out so that a
   * small group beside it cannot be recomputed — not a small group itself, and counted apart.
   */
  suppressed?: boolean | "×";
}

export type Figure =
  | {
      kind: "scale";
      title: string;
      min: number;
      max: number;
      minLabel?: string;
      maxLabel?: string;
      groups: ScaleGroup[];
      minGroup?: number;
      /** What a bar stands for: a group (default) or, in one chart of several questions, a question. */
      bars?: "groups" | "questions";
    }
  | { kind: "choice"; title: string; n: number; options: { label: string; count: number }[]; minGroup?: number };

/** What a renderer needs: the spec, and the texts that go with the image. */
export interface ChartSpec {
  spec: Record<string, unknown>;
  /** Width and height in CSS pixels (96 per inch). */
  width: number;
  height: number;
  caption: string;
  alt: string;
}

const FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
const CONFIG = {
  font: FONT,
  background: "white",
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, grid: false, domainColor: "#888", tickColor: "#888" },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: "bottom", direction: "horizontal", labelLimit: 260 },
};
/** Diverging colours for up to 11 scale points: red (low) through grey to blue (high). */
const DIVERGING = ["#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#e0e0e0", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"];

export function scaleColours(points: number): string[] {
  if (points <= 1) return [DIVERGING[4]!];
  const mid = (DIVERGING.length - 1) / 2;
  return Array.from({ length: points }, (_, i) => {
    const t = i / (points - 1); // 0..1
    return DIVERGING[Math.round(t * (DIVERGING.length - 1))] ?? DIVERGING[mid]!;
  });
}

const WIDTH = 560;

/** Diverging stacked bars: one bar per shown group, percentages of its answers. */
export function scaleChart(f: Extract<Figure, { kind: "scale" }>, lang: Lang): ChartSpec | undefined {
  const shown = f.groups.filter((g) => !g.suppressed && total(g) > 0 && total(g) >= (f.minGroup ?? 1));
  if (!shown.length) return undefined;
  const values: number[] = [];
  for (let v = f.min; v <= f.max; v++) values.push(v);
  const mid = (f.min + f.max) / 2;
  const rows: Record<string, unknown>[] = [];
  for (const g of shown) {
    const n = total(g);
    const pct = (v: number) => (100 * (g.counts[v] ?? 0)) / n;
    // Start left of zero by everything below the middle plus half the middle value.
    let x = -values.filter((v) => v < mid).reduce((s, v) => s + pct(v), 0) - (values.includes(mid) ? pct(mid) / 2 : 0);
    for (const v of values) {
      const p = pct(v);
      rows.push({ group: `${g.label} (n = ${n})`, value: valueLabel(f, v), order: v, x, x2: x + p, pct: Math.round(p) });
      x += p;
    }
  }
  // A bar's label may be a question's whole text: wrapped over lines (Vega's split), not cut.
  const lines = Math.max(1, ...rows.map((r) => String(r.group).split("\n").length));
  const step = Math.max(20, 13 * lines + 6);
  const height = step * shown.length + 70;
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: WIDTH,
    height: step * shown.length,
    config: CONFIG,
    data: { values: rows },
    layer: [
      {
        mark: { type: "bar", height: 14 },
        encoding: {
          y: {
            field: "group",
            type: "nominal",
            sort: null,
            title: null,
            axis: { labelLimit: 300, labelExpr: "split(datum.label, '\\n')" },
          },
          x: {
            field: "x",
            type: "quantitative",
            title: msg("report.charts.spec.answers-left-lower-right-higher", lang),
            scale: { domain: [-100, 100] },
            axis: { labelExpr: "abs(datum.value)" },
          },
          x2: { field: "x2" },
          color: {
            field: "value",
            type: "ordinal",
            title: null,
            sort: values.map((v) => valueLabel(f, v)),
            scale: { domain: values.map((v) => valueLabel(f, v)), range: scaleColours(values.length) },
          },
          order: { field: "order" },
        },
      },
      { mark: { type: "rule", color: "#444" }, encoding: { x: { datum: 0 } } },
    ],
  };
  const perQuestion = f.bars === "questions";
  const caption = fill(
    msg(perQuestion ? "report.charts.spec.title-answers-per-question-min" : "report.charts.spec.title-answers-per-group-min", lang),
    { title: f.title, min: f.min, max: f.max },
  );
  const parts = shown.map((g) => {
    const n = total(g);
    const mean = values.reduce((s, v) => s + v * (g.counts[v] ?? 0), 0) / n;
    return fill(msg("report.charts.spec.g-mean-m-n-n", lang), { g: g.label, m: formatNumber(mean, lang, 1), n });
  });
  // Small groups ("< k") and those left out to protect them ("×") are told apart, as in the tables.
  const notShown = f.groups.filter((g) => !shown.includes(g));
  const protective = notShown.filter((g) => g.suppressed === "×").length;
  const small = notShown.length - protective;
  const alt = [
    fill(msg(perQuestion ? "report.charts.spec.stacked-bar-chart-t-per-question" : "report.charts.spec.stacked-bar-chart-t-per", lang), {
      t: f.title,
    }),
    `${parts.join("; ").replace(/\n/g, " ")}.`,
    small ? fill(msg("report.charts.spec.k-small-group-s-not", lang), { k: small }) : "",
    protective ? fill(msg("report.charts.spec.k-group-s-left-out", lang), { k: protective }) : "",
  ]
    .filter(Boolean)
    .join(" ");
  return { spec, width: WIDTH + 220, height: height + 40, caption, alt };
}

/** Horizontal bars sorted by count (largest on top). */
export function choiceChart(f: Extract<Figure, { kind: "choice" }>, lang: Lang): ChartSpec | undefined {
  if (f.n <= 0 || f.n < (f.minGroup ?? 1) || !f.options.length) return undefined;
  const sorted = [...f.options].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const rows = sorted.map((o) => ({ label: o.label, count: o.count, pct: Math.round((100 * o.count) / f.n) }));
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: WIDTH - 100,
    height: 18 * rows.length,
    config: CONFIG,
    data: { values: rows },
    encoding: {
      y: { field: "label", type: "nominal", sort: null, title: null, axis: { labelLimit: 320 } },
      x: { field: "count", type: "quantitative", title: fill(msg("report.charts.spec.number-sessions-n-n", lang), { n: f.n }) },
    },
    layer: [
      { mark: { type: "bar", color: "#4393c3", height: 12 } },
      { mark: { type: "text", align: "left", dx: 3, fontSize: 10 }, encoding: { text: { field: "count", type: "quantitative" } } },
    ],
  };
  const caption = fill(msg("report.charts.spec.title-n-n", lang), { title: f.title, n: f.n });
  const alt = `${fill(msg("report.charts.spec.bar-chart-t-sorted-count", lang), { t: f.title })} ${rows.map((r) => `${r.label} ${r.count}`).join(", ")}.`;
  return { spec, width: WIDTH + 180, height: 18 * rows.length + 60, caption, alt };
}

export function chartSpec(f: Figure, lang: Lang): ChartSpec | undefined {
  return f.kind === "scale" ? scaleChart(f, lang) : choiceChart(f, lang);
}

function total(g: ScaleGroup): number {
  return Object.values(g.counts).reduce((a, b) => a + b, 0);
}

function valueLabel(f: Extract<Figure, { kind: "scale" }>, v: number): string {
  if (v === f.min && f.minLabel) return `${v} ${f.minLabel}`;
  if (v === f.max && f.maxLabel) return `${v} ${f.maxLabel}`;
  return String(v);
}
