// The per-school report model → a DOCX document.
import { Document, Packer, Paragraph, ShadingType, type FileChild } from "docx";
import type { AnswerBlock, ReportItem, ReportModel } from "../model.js";
import { reportWords } from "../words.js";
import { ReportPacker } from "./fast-pack.js";
import {
  AUTHOR,
  COLOR,
  PAGE,
  bullets,
  factsTable,
  heading,
  lines,
  numbering,
  pageFooter,
  pageHeader,
  PARAGRAPH_GAP,
  para,
  run,
  spacer,
  styles,
  table,
  TEXT_WIDTH,
  unbreakable,
  withSnippets,
  xmlSafeDeep,
} from "./parts.js";

const ANSWER_INDENT = 284;

function answer(block: AnswerBlock): FileChild[] {
  switch (block.kind) {
    case "text":
      return para(block.text, { indent: ANSWER_INDENT });
    case "bullets":
      return bullets(block.items);
    case "table":
      return [
        table(block.head, block.rows, block.weights, TEXT_WIDTH - ANSWER_INDENT),
        ...(block.caption ? para(block.caption, { indent: ANSWER_INDENT, color: COLOR.muted, size: 18 }) : []),
      ];
    case "none":
      return para(block.text, { indent: ANSWER_INDENT, italics: true, color: COLOR.muted });
  }
}

function item(it: ReportItem, personal: string, noteWord: string): FileChild[] {
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
  // A facilitator's note is marked as such, so it is never read as part of the answer.
  if (it.note) {
    lines(it.note).forEach((l, i) =>
      out.push(
        new Paragraph({
          indent: { left: ANSWER_INDENT },
          ...(l.gap ? { spacing: { after: PARAGRAPH_GAP } } : {}),
          children: [
            ...(i === 0 ? [run(`${noteWord}: `, { bold: true, color: COLOR.muted })] : []),
            run(l.text, { italics: true, color: COLOR.muted }),
          ],
        }),
      ),
    );
  }
  return out;
}

/** The first block, for the director: this year's agreements and the actions with owner and date. */
function keyPoints(m: ReportModel): FileChild[] {
  const w = m.words;
  if (!m.agreements.length && !m.actions.length) return [];
  const out: FileChild[] = [heading(w.keyPoints)];
  if (m.agreements.length)
    out.push(
      new Paragraph({ keepNext: true, spacing: { before: 60, after: 40 }, children: [run(w.keyAgreements, { bold: true })] }),
      ...bullets(m.agreements),
    );
  if (m.actions.length) {
    out.push(new Paragraph({ keepNext: true, spacing: { before: 120, after: 40 }, children: [run(w.keyActions, { bold: true })] }));
    // The date in one piece: it comes last, where a line would otherwise break after "31-03-".
    out.push(
      ...bullets(
        m.actions.map((a) => {
          const text = [a.what, [a.who, a.organisation].filter(Boolean).join(", ")].filter(Boolean).join(" — ");
          if (!a.due) return text;
          return [...(text ? [run(`${text} — `)] : []), unbreakable(a.due)];
        }),
      ),
    );
  }
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
  const children: FileChild[] = [...titleBlock(m), ...keyPoints(m)];
  children.push(heading(w.participants));
  children.push(
    table(
      w.participantHead,
      m.participants.map((p) => [p.name, p.role, p.organisation, p.present]),
      [0.24, 0.38, 0.25, 0.13],
    ),
  );
  if (m.followup.length) {
    children.push(heading(w.followup));
    children.push(
      table(
        w.followupHead,
        m.followup.map((f) => [f.action, f.status, f.note]),
        [0.5, 0.15, 0.35],
      ),
    );
  }
  for (const s of m.sections) {
    children.push(heading(s.title));
    for (const it of s.items) children.push(...item(it, w.personal, w.note));
  }
  children.push(heading(w.parked));
  if (m.parked.length) children.push(...bullets(m.parked.map((p) => (p.question ? `${p.text} (${w.atQuestion} ${p.question})` : p.text))));
  else children.push(...para(w.parkedNone, { italics: true, color: COLOR.muted }));
  children.push(heading(w.actions));
  if (m.actions.length) {
    children.push(
      table(
        w.actionHead,
        m.actions.map((a) => [a.what, a.who, a.organisation, a.due, a.question]),
        [0.33, 0.15, 0.15, 0.13, 0.24],
      ),
    );
  } else children.push(...para(w.actionsNone, { italics: true, color: COLOR.muted }));
  children.push(spacer(0));
  const school = m.facts[0]?.[1] ?? "";
  return new Document({
    ...AUTHOR,
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

/** Two reports that differ in every text and use every list a report uses: the template and its check. */
export function sampleReport(i: 0 | 1): ReportModel {
  // Markup characters: the start-up check then covers escaping too.
  const t = (s: string) => `${s} ${i} <&"'>`;
  return {
    title: t("Verslag"),
    facts: [[t("School"), t("De Linde")]],
    draft: i === 0,
    ...(i === 1 ? { finalLine: t("Vastgesteld") } : {}),
    participants: [{ name: t("A"), role: t("B"), organisation: t("C"), present: "ja" }],
    sections: [
      {
        id: "s",
        title: t("1. Sectie"),
        items: [
          {
            id: "q",
            number: "1.1",
            prompt: t("Vraag"),
            privacy: "persoonlijk",
            answer: { kind: "bullets", items: [t("punt")] },
            note: t("notitie"),
          },
        ],
      },
    ],
    parked: [{ text: t("geparkeerd"), question: "1.1" }],
    actions: [{ what: t("actie"), who: t("wie"), organisation: t("org"), due: "2026-01-01", question: "1.1" }],
    agreements: [t("afspraak")],
    followup: [],
    footer: t("kernteam v1"),
    words: reportWords(i === 0 ? "nl" : "en"),
  };
}

/** Once per thread; null: docx did not behave as the fast packer expects, so docx packs every report. */
let packer: ReportPacker | null | undefined;

export async function renderReport(m: ReportModel): Promise<Buffer> {
  if (packer === undefined)
    packer = ReportPacker.create((i, snippets) => withSnippets(snippets, () => reportDocument(sampleReport(i)))) ?? null;
  const safe = xmlSafeDeep(m);
  // Snippets (parts.ts) only for the fast packer: docx's own Packer cannot write them.
  const doc = packer ? withSnippets(true, () => reportDocument(safe)) : reportDocument(safe);
  if (!packer) return Packer.toBuffer(doc);
  // A document the template does not fit is built again, in plain docx: pack() has already formatted this one.
  return packer.pack(doc) ?? Packer.toBuffer(reportDocument(safe));
}
