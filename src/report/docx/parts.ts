// Building blocks shared by both documents: house style, clean text, tables with a shaded
// header row, page header and footer. Imported only by the report command (docx is heavy).
import {
  AlignmentType,
  BorderStyle,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  NoBreakHyphen,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IStylesOptions,
  type INumberingOptions,
  type IParagraphOptions,
  type IXmlableObject,
  type ITableCellOptions,
  type ParagraphChild,
} from "docx";
import { RAW, escapeAll, xmlOf } from "./fast-pack.js";
import { fitWidths } from "./widths.js";

export const COLOR = {
  ink: "222222",
  heading: "1F3864",
  muted: "6B6B6B",
  rule: "BFBFBF",
  headFill: "DCE4F0",
  draft: "B00020",
  draftFill: "FBE9EB",
};
/** A4 with 2 cm margins: 21 cm − 4 cm of text width, in twips. */
export const TEXT_WIDTH = 11906 - 2 * 1134;
export const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 },
};
const FONT = "Calibri";

/** Who wrote the document, in docProps/core.xml (docx writes "Un-named" as last modifier without it). */
export const AUTHOR = { creator: "afstem", lastModifiedBy: "afstem" } as const;

/**
 * XML 1.0 cannot carry most control characters or lone surrogates; a document containing
 * one does not open. Tabs become spaces; line breaks are handled by `lines()`.
 */
export function clean(text: string): string {
  // Nearly every text is clean already (the model went through xmlSafeDeep): one scan, no copies.
  if (!NEEDS_CLEANING.test(text)) return text;
  return xmlSafe(text.replace(/\r\n?/g, "\n").replace(/\t/g, " "));
}
const NEEDS_CLEANING = /[\u0000-\u0009\u000B-\u001F\u007F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Only characters XML 1.0 can carry (no control characters, U+FFFE/U+FFFF, lone surrogates). */
export function xmlSafe(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");
}

/**
 * Every string in a report model made XML-safe, before any of it reaches docx: also the texts
 * docx writes outside the body (the title in docProps/core.xml, headers, footers).
 */
export function xmlSafeDeep<T>(value: T): T {
  if (typeof value === "string") return xmlSafe(value) as T;
  if (Array.isArray(value)) return value.map((v) => xmlSafeDeep(v)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = xmlSafeDeep(v);
    return out as T;
  }
  return value;
}

/** A line of text, and whether a blank line followed it: there a new paragraph begins. */
export interface Line {
  text: string;
  gap: boolean;
}

/** Text split into its non-empty lines, each a paragraph of its own; blank lines become `gap`s. */
export function lines(text: string): Line[] {
  const out: Line[] = [];
  for (const l of clean(text).split("\n")) {
    if (l.trim() !== "") out.push({ text: l.trimEnd(), gap: false });
    else if (out.length) out[out.length - 1]!.gap = true;
  }
  if (out.length) out[out.length - 1]!.gap = false;
  return out.length ? out : [{ text: "", gap: false }];
}

/** Space after a line that ends a paragraph (a blank line in the text): clearly more than between its lines. */
export const PARAGRAPH_GAP = 200;

export const styles: IStylesOptions = {
  default: {
    document: { run: { font: FONT, size: 21, color: COLOR.ink }, paragraph: { spacing: { after: 80, line: 276 } } },
    // outlineLevel is what puts a heading in Word's navigation pane.
    heading1: {
      run: { font: FONT, size: 30, bold: true, color: COLOR.heading },
      paragraph: { outlineLevel: 0, keepNext: true, spacing: { before: 360, after: 140 } },
    },
    heading2: {
      run: { font: FONT, size: 24, bold: true, color: COLOR.heading },
      paragraph: { outlineLevel: 1, keepNext: true, spacing: { before: 240, after: 100 } },
    },
    title: {
      run: { font: FONT, size: 34, bold: true, color: COLOR.heading },
      paragraph: { spacing: { after: 160, line: 300, lineRule: LineRuleType.AUTO } },
    },
  },
};

export const numbering: INumberingOptions = {
  config: [
    {
      reference: "bullet",
      levels: [
        {
          level: 0,
          format: LevelFormat.BULLET,
          text: "•",
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: 720, hanging: 280 } } },
        },
      ],
    },
  ],
};

export function run(text: string, opts: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {}): TextRun {
  return new TextRun({ text: clean(text), ...opts });
}

type RunLook = { bold?: boolean; italics?: boolean; color?: string; size?: number };

/**
 * A run that never breaks at its hyphens, for a date ("31-03-2026") in running text: Word and
 * LibreOffice break a line after a plain hyphen. Word's own no-break hyphen (w:noBreakHyphen)
 * shows as a hyphen, and a PDF made from it has "-" in its text.
 */
export function unbreakable(text: string, look: RunLook = {}): TextRun {
  const children = clean(text)
    .split("-")
    .flatMap((part, i) => (i ? [new NoBreakHyphen(), part] : [part]))
    .filter((c) => c !== "");
  return new TextRun({ ...look, children });
}
type ParagraphLook = Omit<IParagraphOptions, "children" | "text" | "numbering">;

// Snippets: a report has hundreds of one-run paragraphs in a handful of looks. With snippets on
// (only while the fast packer builds a document: it alone can write them), docx formats each
// look once, with a marker for the text, and every paragraph of that look is that XML with its
// own text put in. test/report/fast-pack.test.ts checks the result equals docx's own XML.
let snippetsOn = false;

/** Runs `build` with snippets on or off; off is plain docx, which any packer can write. */
export function withSnippets<T>(on: boolean, build: () => T): T {
  const was = snippetsOn;
  snippetsOn = on;
  try {
    return build();
  } finally {
    snippetsOn = was;
  }
}

/** A paragraph whose XML is already written: still a w:p to docx (a table cell must end in one). */
class WrittenParagraph extends Paragraph {
  constructor(readonly xml: string) {
    super({});
  }
  override prepForXml(): IXmlableObject {
    return { [RAW]: this.xml } as unknown as IXmlableObject;
  }
}

const MARK = "\uE000";
/** Per look: the XML before and after the text, or null when this look cannot be a snippet. */
const looks = new Map<string, [string, string] | null>();

function lookOf(p: ParagraphLook, r: RunLook): [string, string] | null {
  const key = JSON.stringify([p, r]);
  let look = looks.get(key);
  if (look === undefined) {
    look = null;
    try {
      const parts = xmlOf(new Paragraph({ ...p, children: [run(MARK, r)] }).prepForXml({ stack: [] } as never) as never).split(MARK);
      if (parts.length === 2) look = [parts[0]!, parts[1]!];
    } catch {
      look = null;
    }
    looks.set(key, look);
  }
  return look;
}

/** One paragraph of one run of `text` (one line). */
export function textParagraph(text: string, p: ParagraphLook = {}, r: RunLook = {}): Paragraph {
  const look = snippetsOn ? lookOf(p, r) : null;
  return look ? new WrittenParagraph(look[0] + escapeAll(clean(text)) + look[1]) : new Paragraph({ ...p, children: [run(text, r)] });
}

export function heading(text: string, level: 1 | 2 = 1): Paragraph {
  return textParagraph(text, { heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 });
}

export function para(
  text: string,
  opts: { bold?: boolean; italics?: boolean; color?: string; size?: number; indent?: number; after?: number } = {},
): Paragraph[] {
  const { indent, after, ...look } = opts;
  const p: ParagraphLook = { ...(indent ? { indent: { left: indent } } : {}), ...(after !== undefined ? { spacing: { after } } : {}) };
  return lines(text).map((l) => textParagraph(l.text, l.gap ? { ...p, spacing: { after: PARAGRAPH_GAP } } : p, look));
}

/** Bullet points: each a text, or runs of its own (a date kept whole, see `unbreakable`). */
export function bullets(items: (string | ParagraphChild[])[], indent = 0): Paragraph[] {
  return items.map(
    (t) =>
      new Paragraph({
        numbering: { reference: "bullet", level: 0 },
        indent: { left: 720 + indent, hanging: 280 },
        spacing: { after: 40 },
        children: typeof t === "string" ? [run(t)] : t,
      }),
  );
}

const line = { style: BorderStyle.SINGLE, size: 4, color: COLOR.rule };
const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };

/** A table cell whose XML is already written; the table still sees its width and span options. */
class WrittenCell extends TableCell {
  constructor(
    options: ITableCellOptions,
    private readonly xml: string,
  ) {
    super(options);
  }
  override prepForXml(): IXmlableObject {
    return { [RAW]: this.xml } as unknown as IXmlableObject;
  }
}

/** Per cell look (width, header or not): the XML before and after the cell's paragraphs. */
const cellLooks = new Map<string, [string, string] | null>();

function cellLook(key: string, options: ITableCellOptions): [string, string] | null {
  let look = cellLooks.get(key);
  if (look === undefined) {
    look = null;
    try {
      const parts = xmlOf(
        new TableCell({ ...options, children: [new WrittenParagraph(MARK)] }).prepForXml({ stack: [] } as never) as never,
      ).split(MARK);
      if (parts.length === 2) look = [parts[0]!, parts[1]!];
    } catch {
      look = null;
    }
    cellLooks.set(key, look);
  }
  return look;
}

/** In a table cell, where lines have no space between them. */
const CELL_PARAGRAPH_GAP = 120;

function cell(text: string, width: number, head: boolean, right = false): TableCell {
  const children = lines(text).map((l) =>
    textParagraph(
      l.text,
      { spacing: { after: l.gap ? CELL_PARAGRAPH_GAP : 0 }, ...(right ? { alignment: AlignmentType.RIGHT } : {}) },
      head ? { bold: true, size: 19 } : { size: 19 },
    ),
  );
  const look = {
    width: { size: width, type: WidthType.DXA },
    margins: { top: 50, bottom: 50, left: 90, right: 90 },
    ...(head ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: COLOR.headFill } } : {}),
  };
  if (snippetsOn && children.every((c) => c instanceof WrittenParagraph)) {
    const around = cellLook(`${width}|${head}`, { ...look, children: [] });
    if (around)
      return new WrittenCell(
        { width: look.width, children },
        around[0] + children.map((c) => (c as WrittenParagraph).xml).join("") + around[1],
      );
  }
  return new TableCell({ ...look, children });
}

/** A table with a shaded header row that repeats on every page; widths fit the content, shared out by `weights`. */
export function table(head: string[], rows: string[][], weights?: number[], total = TEXT_WIDTH, rightAligned: number[] = []): Table {
  const widths = fitWidths(head, rows, weights ?? head.map(() => 1), total);
  return new Table({
    width: { size: total, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    columnWidths: widths,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: head.map((h, i) => cell(h, widths[i]!, true, rightAligned.includes(i))),
      }),
      ...rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, widths[i]!, false, rightAligned.includes(i))) }),
      ),
    ],
  });
}

/** Label/value rows without a grid: the title block. */
export function factsTable(facts: [string, string][]): Table {
  const widths = [Math.floor(TEXT_WIDTH * 0.28), Math.ceil(TEXT_WIDTH * 0.72)];
  const rule = { style: BorderStyle.SINGLE, size: 2, color: "D9D9D9" };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: rule, bottom: rule, left: none, right: none, insideHorizontal: rule, insideVertical: none },
    rows: facts.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: widths[0]!, type: WidthType.DXA },
              margins: { top: 50, bottom: 50, left: 0, right: 90 },
              children: [textParagraph(label, { spacing: { after: 0 } }, { bold: true, color: COLOR.muted })],
            }),
            new TableCell({
              width: { size: widths[1]!, type: WidthType.DXA },
              margins: { top: 50, bottom: 50, left: 90, right: 0 },
              children: [textParagraph(value, { spacing: { after: 0 } })],
            }),
          ],
        }),
    ),
  });
}

export function spacer(after = 120): Paragraph {
  return new Paragraph({ spacing: { after }, children: [] });
}

export function pageHeader(title: string, mark?: string): Header {
  const children = [run(title, { color: COLOR.muted, size: 16 })];
  if (mark) children.push(run(`\u2003${mark}`, { bold: true, color: COLOR.draft, size: 20 }));
  return new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children })] });
}

export function pageFooter(left: string, page: string, of: string): Footer {
  const small = { color: COLOR.muted, size: 16 };
  return new Footer({
    children: [
      new Paragraph({
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: COLOR.rule, space: 4 } },
        tabStops: [{ type: "right", position: TEXT_WIDTH }],
        children: [
          run(left, small),
          new TextRun({ text: `\t${page} `, ...small }),
          new TextRun({ children: [PageNumber.CURRENT], ...small }),
          new TextRun({ text: ` ${of} `, ...small }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], ...small }),
        ],
      }),
    ],
  });
}
