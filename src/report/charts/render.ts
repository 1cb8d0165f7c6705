// Chart spec → SVG (Vega-Lite compiled to Vega, rendered headless: no canvas needed for SVG)
// → PNG at print resolution (resvg, a Rust rasteriser shipped as prebuilt npm binaries).
// Both libraries load lazily, on the first chart. Fonts: resvg does not see text without a
// font file, so a system sans (DejaVu, Liberation) is loaded when present; without any font
// the PNG lacks its labels but the SVG (what Word and LibreOffice show) keeps them, and a
// failing rasteriser means no chart at all, never a failed report.
import { existsSync } from "node:fs";
import type { ChartSpec } from "./spec.js";
import { scope } from "../../util/scope.js";

export interface RenderedChart {
  svg: Buffer;
  png: Buffer;
  /** Size in CSS pixels (96 per inch) at which the image is placed. */
  width: number;
  height: number;
}

const FONT_FILES = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
  "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
  "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans.ttf",
  "/Library/Fonts/Arial.ttf",
  "C:\\Windows\\Fonts\\arial.ttf",
];

let fonts: { fontFiles: string[]; loadSystemFonts: boolean; defaultFontFamily: string } | undefined;
function fontOptions() {
  if (!fonts) {
    // One regular face is enough (resvg synthesises bold); every file is parsed again per chart.
    const files = FONT_FILES.filter((f) => existsSync(f) && !/Bold/.test(f)).slice(0, 1);
    const family = files.some((f) => /DejaVu/.test(f))
      ? "DejaVu Sans"
      : files.some((f) => /Liberation/.test(f))
        ? "Liberation Sans"
        : "Arial";
    // Without a known file, let resvg scan the system (slower, and may find nothing).
    fonts = { fontFiles: files, loadSystemFonts: files.length === 0, defaultFontFamily: family };
  }
  return fonts;
}

type Libs = { vl: typeof import("vega-lite"); vega: typeof import("vega"); Resvg: typeof import("@resvg/resvg-js").Resvg };
let libs: Promise<Libs> | undefined;
function load(): Promise<Libs> {
  libs ??= Promise.all([import("vega-lite"), import("vega"), import("@resvg/resvg-js")]).then(([vl, vega, r]) => ({
    vl,
    vega,
    Resvg: r.Resvg,
  }));
  return libs;
}

/** The chart as SVG only (what a test or a web page needs). */
export async function chartSvg(chart: ChartSpec): Promise<string> {
  const { vl, vega } = await load();
  const compiled = vl.compile(chart.spec as unknown as Parameters<typeof vl.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** SVG and a PNG at `dpi` (300: print quality). */
export async function renderChart(chart: ChartSpec, dpi = 300): Promise<RenderedChart> {
  const { Resvg } = await load();
  const svg = await chartSvg(chart);
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? chart.width);
  const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? chart.height);
  const png = new Resvg(svg, { fitTo: { mode: "zoom", value: dpi / 96 }, background: "white", font: fontOptions() }).render().asPng();
  return { svg: Buffer.from(svg), png: Buffer.from(png), width, height };
}

/** renderChart, or undefined when the chart cannot be drawn here (e.g. no rasteriser binary). */
export async function tryRenderChart(chart: ChartSpec, dpi = 300): Promise<RenderedChart | undefined> {
  try {
    return await renderChart(chart, dpi);
  } catch (err) {
    if (scope().env.AFSTEM_DEBUG) process.stderr.write(`chart: ${String(err)}\n`);
    return undefined;
  }
}
