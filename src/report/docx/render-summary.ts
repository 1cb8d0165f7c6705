// The regional summary model → a DOCX document.
import { Document, Packer, Paragraph, type FileChild } from "docx";
import type { QuestionSummary, SummaryModel } from "../model.js";
import { fill } from "../../i18n/lang.js";
import { COLOR, PAGE, TEXT_WIDTH, bullets, factsTable, heading, numbering, pageFooter, pageHeader, para, run, spacer, styles, table, xmlSafeDeep } from "./parts.js";

function question(q: QuestionSummary, small: string): FileChild[] {
  const prompt = new Paragraph({ keepNext: true, spacing: { before: 200, after: 60 }, children: [run(q.prompt, { bold: true })] });
  switch (q.kind) {
    case "small":
      return [prompt, ...para(`< 5 — ${small}`, { italics: true, color: COLOR.muted, indent: 284 })];
    case "mean":
      return [prompt, ...para(q.mean + ` (n = ${q.n})`, { indent: 284 })];
    case "distribution":
      return [prompt];
  }
}

function distribution(q: Extract<QuestionSummary, { kind: "distribution" }>, head: [string, string, string]): FileChild[] {
  const out: FileChild[] = [table(head, q.rows.map((r) => [r.label, String(r.count), r.percent]), [0.6, 0.2, 0.2], TEXT_WIDTH, [1, 2])];
  if (q.mean) out.push(...para(q.mean, { italics: true, color: COLOR.muted, after: 60 }));
  return out;
}

export function summaryDocument(m: SummaryModel): Document {
  const w = m.words;
  const children: FileChild[] = [new Paragraph({ style: "Title", children: [run(m.title)] }), factsTable(m.facts)];
  children.push(...para(w.privacyNote, { italics: true, color: COLOR.muted }));

  children.push(heading(w.overview));
  for (const c of m.counts) {
    children.push(heading(c.heading, 2));
    children.push(table([c.labelHead, w.countHead], c.rows.map(([k, n]) => [k, String(n)]), [0.7, 0.3], TEXT_WIDTH, [1]));
  }

  for (const f of m.formats) {
    children.push(heading(`${w.figures}: ${f.title}`));
    for (const s of f.sections) {
      children.push(heading(s.title, 2));
      for (const q of s.questions) {
        children.push(...question(q, w.small));
        if (q.kind === "distribution") children.push(...distribution(q, w.distributionHead));
      }
    }
  }

  children.push(heading(w.themes));
  for (const t of m.themes) {
    children.push(heading(t.tag.charAt(0).toUpperCase() + t.tag.slice(1), 2));
    if (t.sessions === "< 5") {
      children.push(...para(`< 5 — ${w.small}`, { italics: true, color: COLOR.muted }));
      continue;
    }
    children.push(...para(fill(w.themeSessions, { n: t.sessions }), { color: COLOR.muted }));
    const list = (title: string, quotes: string[]) => {
      if (!quotes.length) return;
      children.push(new Paragraph({ keepNext: true, spacing: { before: 120, after: 40 }, children: [run(title, { bold: true })] }));
      children.push(...bullets(quotes.map((q) => `“${q}”`)));
    };
    list(w.knelpunten, t.knelpunten);
    list(w.goodPractices, t.goodPractices);
    if (t.closedKnelpunten) children.push(...para(fill(w.closedKnelpunten, { n: t.closedKnelpunten }), { italics: true, color: COLOR.muted }));
  }

  children.push(heading(w.actions));
  if (!m.actions.length) children.push(...para(w.actionsNone, { italics: true, color: COLOR.muted }));
  for (const g of m.actions) {
    children.push(heading(g.organisation, 2));
    children.push(table(w.actionHead, g.items.map((i) => [i.what, i.due, i.school]), [0.58, 0.14, 0.28]));
  }
  children.push(spacer(0));

  return new Document({
    creator: "afstem",
    title: m.title,
    styles,
    numbering,
    sections: [{ properties: { page: PAGE }, headers: { default: pageHeader(m.title) }, footers: { default: pageFooter(m.footer, w.page, w.of) }, children }],
  });
}

export async function renderSummary(m: SummaryModel): Promise<Buffer> {
  return Packer.toBuffer(summaryDocument(xmlSafeDeep(m)));
}
