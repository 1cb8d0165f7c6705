// The regional summary model → a DOCX document. The model is a flow of blocks; charts are
// drawn here (SVG with a PNG fallback, both from src/report/charts/render.ts) and carry their
// alt text. Headings keep with what follows; table rows never split and header rows repeat.
import { Document, ImageRun, LineRuleType, Packer, PageBreak, Paragraph, type FileChild } from "docx";
import type { SummaryBlock, SummaryModel } from "../model.js";
import type { RenderedChart } from "../charts/render.js";
import type { ChartSpec } from "../charts/spec.js";
import {
  AUTHOR,
  COLOR,
  PAGE,
  TEXT_WIDTH,
  bullets,
  factsTable,
  heading,
  numbering,
  pageFooter,
  pageHeader,
  para,
  run,
  spacer,
  styles,
  table,
  xmlSafeDeep,
} from "./parts.js";

/** Text width in CSS pixels (twips / 15). */
const MAX_PX = Math.floor(TEXT_WIDTH / 15);

// The same chart is drawn once per process, also across the documents of --split.
const drawn = new Map<string, Promise<RenderedChart | undefined>>();
async function draw(chart: ChartSpec): Promise<RenderedChart | undefined> {
  const key = JSON.stringify(chart.spec);
  let p = drawn.get(key);
  if (!p) {
    p = import("../charts/render.js").then((m) => m.tryRenderChart(chart));
    drawn.set(key, p);
  }
  return p;
}

async function chartParas(chart: ChartSpec, n: number): Promise<Paragraph[]> {
  const r = await draw(chart);
  if (!r) return [new Paragraph({ spacing: { after: 60 }, children: [run(chart.alt, { italics: true, color: COLOR.muted, size: 18 })] })];
  const scale = Math.min(1, MAX_PX / r.width);
  const transformation = { width: Math.round(r.width * scale), height: Math.round(r.height * scale) };
  const altText = { name: `chart-${n}`, description: chart.alt, title: chart.caption };
  const image = new ImageRun({ type: "svg", data: r.svg, fallback: { type: "png", data: r.png }, transformation, altText });
  return [
    // An explicit auto line rule: LibreOffice otherwise clips the image to one line's height.
    new Paragraph({
      keepNext: true,
      keepLines: true,
      spacing: { before: 60, after: 0, line: 240, lineRule: LineRuleType.AUTO },
      children: [image],
    }),
    new Paragraph({ spacing: { after: 100 }, children: [run(chart.caption, { italics: true, color: COLOR.muted, size: 17 })] }),
  ];
}

async function blocks(list: SummaryBlock[], counter: { n: number }): Promise<FileChild[]> {
  const out: FileChild[] = [];
  for (const b of list) {
    switch (b.kind) {
      case "heading":
        out.push(
          b.level === 3
            ? new Paragraph({
                keepNext: true,
                keepLines: true,
                spacing: { before: 200, after: 60 },
                children: [run(b.text, { bold: true })],
              })
            : heading(b.text, b.level),
        );
        break;
      case "para":
        out.push(
          ...para(b.text, {
            ...(b.bold ? { bold: true } : {}),
            ...(b.italics ? { italics: true } : {}),
            ...(b.muted ? { color: COLOR.muted } : {}),
            after: 60,
          }),
        );
        break;
      case "bullets":
        out.push(...bullets(b.items));
        break;
      case "table":
        out.push(table(b.table.head, b.table.rows, b.table.weights, TEXT_WIDTH, b.table.right ?? []));
        out.push(spacer(60));
        break;
      case "chart":
        out.push(...(await chartParas(b.chart, ++counter.n)));
        break;
      case "pageBreak":
        out.push(new Paragraph({ children: [new PageBreak()] }));
        break;
    }
  }
  return out;
}

export async function summaryDocument(m: SummaryModel): Promise<Document> {
  const w = m.words;
  const counter = { n: 0 };
  const children: FileChild[] = [new Paragraph({ style: "Title", children: [run(m.title)] })];
  if (m.subtitle) children.push(...para(m.subtitle, { bold: true, color: COLOR.heading }));
  children.push(factsTable(m.facts));
  children.push(...para(w.privacyNote, { italics: true, color: COLOR.muted }));
  children.push(...(await blocks(m.main, counter)));
  if (m.appendix.length) {
    children.push(new Paragraph({ children: [new PageBreak()] }));
    children.push(heading(w.appendix));
    children.push(...(await blocks(m.appendix, counter)));
  }
  children.push(spacer(0));
  return new Document({
    ...AUTHOR,
    title: m.title,
    styles,
    numbering,
    sections: [
      {
        properties: { page: PAGE },
        headers: { default: pageHeader(m.subtitle ? `${m.title} · ${m.subtitle}` : m.title) },
        footers: { default: pageFooter(m.footer, w.page, w.of) },
        children,
      },
    ],
  });
}

export async function renderSummary(m: SummaryModel): Promise<Buffer> {
  return Packer.toBuffer(await summaryDocument(xmlSafeDeep(m)));
}
