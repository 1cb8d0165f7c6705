// The per-school report model → a DOCX document.
import { Document, Packer, Paragraph, ShadingType, type FileChild } from "docx";
import type { AnswerBlock, ReportItem, ReportModel } from "../model.js";
import { COLOR, PAGE, bullets, factsTable, heading, numbering, pageFooter, pageHeader, para, run, spacer, styles, table, TEXT_WIDTH, xmlSafeDeep } from "./parts.js";

const ANSWER_INDENT = 284;

function fractions(weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  return weights.map((w) => w / sum);
}

function answer(block: AnswerBlock): FileChild[] {
  switch (block.kind) {
    case "text":
      return para(block.text, { indent: ANSWER_INDENT });
    case "bullets":
      return bullets(block.items);
    case "table":
      return [table(block.head, block.rows, fractions(block.weights), TEXT_WIDTH - ANSWER_INDENT)];
    case "none":
      return para(block.text, { indent: ANSWER_INDENT, italics: true, color: COLOR.muted });
  }
}

function item(it: ReportItem, personal: string): FileChild[] {
  const prompt = new Paragraph({
    keepNext: true,
    spacing: { before: 200, after: 60 },
    children: [
      run(`${it.number}\u2002`, { bold: true, color: COLOR.muted }),
      run(it.prompt, { bold: true }),
      ...(it.privacy === "persoonlijk" ? [run(`\u2002(${personal})`, { italics: true, color: COLOR.muted, size: 17 })] : []),
    ],
  });
  const out: FileChild[] = [prompt, ...answer(it.answer)];
  if (it.note) out.push(...para(it.note, { indent: ANSWER_INDENT, italics: true, color: COLOR.muted }));
  return out;
}

function titleBlock(m: ReportModel): FileChild[] {
  const out: FileChild[] = [new Paragraph({ style: "Title", children: [run(m.title)] })];
  if (m.draft) {
    out.push(
      new Paragraph({
        shading: { type: ShadingType.CLEAR, color: "auto", fill: COLOR.draftFill },
        spacing: { before: 60, after: 180 },
        children: [run(m.words.draftBanner, { bold: true, color: COLOR.draft })],
      }),
    );
  }
  out.push(factsTable(m.facts));
  if (m.finalLine) out.push(new Paragraph({ spacing: { before: 160 }, children: [run(m.finalLine, { italics: true })] }));
  return out;
}

export function reportDocument(m: ReportModel): Document {
  const w = m.words;
  const children: FileChild[] = [...titleBlock(m)];
  children.push(heading(w.participants));
  children.push(table(w.participantHead, m.participants.map((p) => [p.name, p.role, p.organisation, p.present]), [0.24, 0.38, 0.25, 0.13]));
  for (const s of m.sections) {
    children.push(heading(s.title));
    for (const it of s.items) children.push(...item(it, w.personal));
  }
  children.push(heading(w.parked));
  if (m.parked.length) children.push(...bullets(m.parked.map((p) => (p.question ? `${p.text} (${w.atQuestion} ${p.question})` : p.text))));
  else children.push(...para(w.parkedNone, { italics: true, color: COLOR.muted }));
  children.push(heading(w.actions));
  if (m.actions.length) {
    children.push(table(w.actionHead, m.actions.map((a) => [a.what, a.who, a.organisation, a.due, a.question]), [0.33, 0.15, 0.15, 0.13, 0.24]));
  } else children.push(...para(w.actionsNone, { italics: true, color: COLOR.muted }));
  children.push(spacer(0));
  const school = m.facts[0]?.[1] ?? "";
  return new Document({
    creator: "afstem",
    title: m.title,
    styles,
    numbering,
    sections: [
      {
        properties: { page: PAGE },
        headers: { default: pageHeader(m.title, m.draft ? w.draftHeader : undefined) },
        footers: { default: pageFooter(`${m.footer}${school ? ` · ${school}` : ""}`, w.page, w.of) },
        children,
      },
    ],
  });
}

export async function renderReport(m: ReportModel): Promise<Buffer> {
  return Packer.toBuffer(reportDocument(xmlSafeDeep(m)));
}
