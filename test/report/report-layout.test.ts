// The school report's layout as a reader meets it: read from the DOCX itself (mammoth and the
// document XML), not from a rendering.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { EXAMPLES, REGENBOOG, docxPart, docxText, readExample, writeSession } from "../helpers/documents.js";
import { TEXT_WIDTH } from "../../src/report/docx/parts.js";
import { textWidth } from "../../src/report/docx/widths.js";
import { shorten } from "../../src/report/words.js";
import { toPdf } from "../helpers/libreoffice.js";

const DUINZICHT = path.join(EXAMPLES, "2025-09-30-het-duinzicht-college-kernteam.yaml");
const hasSoffice = spawnSync("soffice", ["--version"]).status === 0 && spawnSync("pdftotext", ["-v"]).status === 0;

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir("afstem-layout-")));
afterEach(() => cleanup());

interface DocTable {
  grid: number[];
  /** Per row, per cell, its paragraphs' texts joined by "\n"; row 0 is the header. */
  rows: string[][];
}

/** Every table of a DOCX, read from word/document.xml: its column widths and its text. */
async function tablesOf(docx: string): Promise<DocTable[]> {
  const xml = await docxPart(docx, /^word\/document\.xml$/);
  const text = (p: string) =>
    [...p.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>|<w:noBreakHyphen\/>/g)]
      .map((m) =>
        (m[1] ?? "-")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&apos;/g, "'")
          .replace(/&amp;/g, "&"),
      )
      .join("");
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) => ({
    grid: [...t[1]!.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1])),
    rows: [...t[1]!.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) =>
        [...c[1]!.matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)].map((p) => text(p[0])).join("\n"),
      ),
    ),
  }));
}

/** Cell margins, left and right (parts.ts). */
/** The tables of the school's report of session `s` (written as the Regenboog example's file). */
async function reportTables(s: unknown): Promise<DocTable[]> {
  const r = await runInProcess([
    "report",
    writeSession(dir, "2026-09-15-obs-de-regenboog-kernteam.yaml", s),
    "--out",
    path.join(dir, "out"),
  ]);
  expect(r.code, r.stderr).toBe(0);
  return tablesOf(path.join(dir, "out", "2026-09-15-obs-de-regenboog-kernteam.docx"));
}

const MARGINS = 2 * 90;
const SHORT = /^[\d\s./:–-]{1,12}$/;

/** The parts of a cell that must stay whole: its words, or a date or number as a whole. */
const unitsOf = (cell: string) => cell.split("\n").flatMap((l) => (SHORT.test(l.trim()) ? [l.trim()] : l.split(/\s+/).filter(Boolean)));

/** What in `t` is broken mid-word (or a date mid-date): "column: word", header in bold. */
function brokenWords(t: DocTable, allowed: string[] = []): string[] {
  const out: string[] = [];
  t.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      for (const u of unitsOf(cell))
        if (!allowed.includes(u) && textWidth(u, r === 0) + MARGINS > t.grid[c]!) out.push(`${t.rows[0]![c]}: ${u}`);
    }),
  );
  return out;
}

/** Lines `text` takes when wrapped at spaces in a column `width` wide. */
function linesIn(text: string, width: number, bold: boolean): number {
  let n = 1;
  let used = 0;
  for (const w of text
    .split(/\s+/)
    .filter(Boolean)
    .map((x) => textWidth(x, bold))) {
    if (used && used + textWidth(" ", bold) + w > width - MARGINS) {
      n++;
      used = w;
    } else used += (used ? textWidth(" ", bold) : 0) + w;
  }
  return n;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("column widths", () => {
  it("measures text at least as wide as DejaVu Sans at 9.5 pt, the widest font LibreOffice falls back to", () => {
    // DejaVu Sans advance widths (thousandths of an em) × 190 twips.
    expect(textWidth("Mehmet")).toBeGreaterThanOrEqual(((863 + 615 + 634 + 974 + 615 + 392) / 1000) * 190);
    expect(textWidth("Deadline", true)).toBeGreaterThanOrEqual(((830 + 678 + 675 + 716 + 343 + 343 + 712 + 678) / 1000) * 190);
    expect(textWidth("01-12-2026")).toBeGreaterThanOrEqual(((8 * 636 + 2 * 361) / 1000) * 190);
  });

  it("keeps every word and date whole in every table of every example report, within the page", async () => {
    expect((await runInProcess(["report", EXAMPLES, "--out", path.join(dir, "out")])).code).toBe(0);
    for (const f of readdirSync(path.join(dir, "out"))) {
      for (const t of await tablesOf(path.join(dir, "out", f))) {
        expect(sum(t.grid), f).toBeLessThanOrEqual(TEXT_WIDTH);
        expect(brokenWords(t), `${f}: ${t.rows[0]!.join(" | ")}`).toEqual([]);
      }
    }
  });

  it("lets one over-long organisation break without squeezing names, dates and the other columns", async () => {
    const s = readExample(REGENBOOG);
    const long = "Jeugdgezondheidszorgorganisatieverband";
    s.actions[2].organisation = long;
    const t = (await reportTables(s)).find((x) => x.rows[0]![0] === "Wat")!;
    expect(t.rows[0]).toEqual(["Wat", "Wie", "Organisatie", "Deadline", "Bij vraag"]);
    expect(sum(t.grid)).toBeLessThanOrEqual(TEXT_WIDTH);
    // Before: "Mariek/e", "Mehm/et", "01-11-/2026", "samenwerkin/g" — every column scaled down with the long word.
    expect(brokenWords(t, [long])).toEqual([]);
    expect(t.rows.map((row) => row[3])).toContain("01-12-2026");
  });

  it("keeps the 'Wat' column and the 'Deadline' header whole when every action text is long, too", async () => {
    const s = readExample(REGENBOOG);
    s.actions = s.actions.map((a: Record<string, unknown>, i: number) => ({
      ...a,
      what: `Actie ${i + 1}: zorg dat de terugkoppeling na verwijzing binnen twee weken geregeld is en vastgelegd wordt in het werkplan`,
      ...(i === 2 ? { organisation: "Samenwerkingsverband Passend Onderwijs IJmond-Zuid Jeugdgezondheidszorgorganisatieverband" } : {}),
    }));
    const t = (await reportTables(s)).find((x) => x.rows[0]![0] === "Wat")!;
    expect(brokenWords(t, ["Jeugdgezondheidszorgorganisatieverband"])).toEqual([]);
    // The long texts get the room the weights give them, not only their longest word.
    expect(t.grid[0]).toBeGreaterThan(textWidth("terugkoppeling") + MARGINS);
  });

  it("keeps the names on one line and 'Wat' wide when one organisation is over-long (the name column was squeezed)", async () => {
    const s = readExample(REGENBOOG);
    const long = "Jeugdgezondheidszorgorganisatieverband";
    const what = "Zorg dat de terugkoppeling na verwijzing binnen twee weken geregeld is en vastgelegd wordt in het werkplan";
    s.actions = s.actions.map((a: Record<string, unknown>) => ({ ...a, what }));
    s.actions[0].organisation = long;
    const r = await runInProcess(["report", writeSession(dir, "2026-09-15-cw-kernteam.yaml", s), "--out", path.join(dir, "out")]);
    expect(r.code, r.stderr).toBe(0);
    const t = (await tablesOf(path.join(dir, "out", "2026-09-15-obs-de-regenboog-kernteam.docx"))).find((x) => x.rows[0]![0] === "Wat")!;
    expect(sum(t.grid)).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(brokenWords(t, [long])).toEqual([]);
    // Before: 2275 / 1034 / 3212 / 1358 / 1758 — a third of the table for the long word, "Anouk / de Vries" in two lines.
    for (const row of t.rows.slice(1)) expect(linesIn(row[1]!, t.grid[1]!, false), row[1]).toBe(1);
    expect(t.grid[2]).toBeLessThan(TEXT_WIDTH / 3);
    expect(linesIn(what, t.grid[0]!, false)).toBeLessThanOrEqual(6);
  });

  it("keeps the participants' names on one line when an over-long organisation would fit whole (the word took the room)", async () => {
    const long = "Jeugdgezondheidszorgorganisatieverband";
    const s = readExample(REGENBOOG);
    for (const a of s.actions.slice(0, 2)) a.organisation = long;
    s.participants[2].organisation = long;
    const file = "2026-09-15-obs-de-regenboog-kernteam";
    for (const [out, session] of [
      ["plain", REGENBOOG],
      ["long", writeSession(dir, `${file}.yaml`, s)],
    ] as const) {
      const r = await runInProcess(["report", session, "--out", path.join(dir, out)]);
      expect(r.code, r.stderr).toBe(0);
    }
    const deelnemers = async (out: string) =>
      (await tablesOf(path.join(dir, out, `${file}.docx`))).find((x) => x.rows[0]!.join("|") === "Naam|Rol|Organisatie|Aanwezig")!;
    const plain = await deelnemers("plain");
    const t = await deelnemers("long");
    expect(t.rows.map((row) => row[2])).toContain(long);
    expect(sum(t.grid)).toBeLessThanOrEqual(TEXT_WIDTH);
    // Before: 1485 / 2531 / 4344 / 1278 — the whole word kept (every word fitted, so it was not
    // treated as over-long) and "Anouk de / Vries", "Mehmet / Yılmaz" in two lines.
    for (const row of t.rows.slice(1)) expect(linesIn(row[0]!, t.grid[0]!, false), row[0]).toBe(1);
    expect(t.grid[2]).toBeLessThan(TEXT_WIDTH / 3);
    expect(brokenWords(t, [long])).toEqual([]);
    // The long word takes nothing from the other columns: each is as wide as without it.
    for (const i of [0, 1, 3]) expect(t.grid[i], t.rows[0]![i]).toBeGreaterThanOrEqual(plain.grid[i]!);
  });

  it("gives 'Wat' a share of the width, not only its longest word, when names and organisations are long too", async () => {
    const s = readExample(REGENBOOG);
    const people = [
      ["Anouk de Vries", "CJG"],
      ["Marieke Jansen-van den Heuvel-Oosterhuis", "OBS De Regenboog"],
      ["Joost van Dijk", "Samenwerkingsverband Passend Onderwijs IJmond-Zuid"],
      ["Extern Bureau Koppelteken", "Jeugdgezondheidszorgorganisatieverband"],
    ];
    const what = (i: number) =>
      `Actie ${i + 1}: zorg dat de terugkoppeling na verwijzing binnen twee weken geregeld is en vastgelegd wordt in het werkplan`;
    s.actions = Array.from({ length: 12 }, (_, i) => ({
      ...s.actions[i % 3],
      what: what(i),
      who: people[i % 4]![0],
      organisation: people[i % 4]![1],
    }));
    const t = (await reportTables(s)).find((x) => x.rows[0]![0] === "Wat")!;
    expect(sum(t.grid)).toBeLessThanOrEqual(TEXT_WIDTH);
    // Before: 'Wat' exactly as wide as "terugkoppeling", each action nine lines tall.
    expect(linesIn(what(11), t.grid[0]!, false)).toBeLessThanOrEqual(6);
    // Only the over-long word breaks mid-word; a name may end a line after its hyphen, as Word and LibreOffice do.
    const split = { ...t, rows: t.rows.map((row) => row.map((c) => c.replace(/(?<=\p{L}-)(?=\p{L})/gu, " "))) };
    expect(brokenWords(split, ["Jeugdgezondheidszorgorganisatieverband"])).toEqual([]);
    expect(t.rows.map((row) => row[3])).toContain("01-11-2026");
  });

  it("gives a yes/no column with a long question as header room for it (it stood in five lines, 8 characters wide)", async () => {
    expect((await runInProcess(["report", REGENBOOG, "--out", path.join(dir, "out")])).code).toBe(0);
    const tables = await tablesOf(path.join(dir, "out", "2026-09-15-obs-de-regenboog-kernteam.docx"));
    const header = "Mag dit voorbeeld in de regio gedeeld worden?";
    const t = tables.find((x) => x.rows[0]!.includes(header))!;
    const col = t.rows[0]!.indexOf(header);
    // Three words of 20 letters ("jeugdverpleegkundige") in the other columns leave room for four lines in DejaVu Sans.
    expect(linesIn(header, t.grid[col]!, true)).toBeLessThanOrEqual(4);
    expect(brokenWords(t)).toEqual([]);
    // With ordinary words beside it, three lines.
    const s = readExample(REGENBOOG);
    s.answers.good_practices[0].gp_titel = "Inloopspreekuur op het schoolplein";
    s.answers.good_practices[0].gp_betrokkenen = ["ggd", "ouders"];
    s.answers.good_practices[0].gp_beschrijving = "Eens per maand staat de verpleegkundige op het plein bij het brengen.";
    const r = await runInProcess([
      "report",
      writeSession(dir, "2026-09-15-obs-de-regenboog-kernteam.yaml", s),
      "--out",
      path.join(dir, "out2"),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const t2 = (await tablesOf(path.join(dir, "out2", "2026-09-15-obs-de-regenboog-kernteam.docx"))).find((x) =>
      x.rows[0]!.includes(header),
    )!;
    expect(linesIn(header, t2.grid[col]!, true)).toBeLessThanOrEqual(3);
  });
});

describe("dates in the 'Afspraken en acties' block", () => {
  it("are one unit: Word's no-break hyphen, so a line never ends in '31-03-'", async () => {
    expect((await runInProcess(["report", DUINZICHT, "--out", path.join(dir, "out")])).code).toBe(0);
    const docx = path.join(dir, "out", "2025-09-30-het-duinzicht-college-kernteam.docx");
    const xml = await docxPart(docx, /^word\/document\.xml$/);
    const block = xml.slice(0, xml.indexOf(">Deelnemers<"));
    expect(block).toContain(
      '<w:t xml:space="preserve">31</w:t><w:noBreakHyphen/><w:t xml:space="preserve">03</w:t><w:noBreakHyphen/><w:t xml:space="preserve">2026</w:t>',
    );
    // No date with a plain (breakable) hyphen left in the block.
    expect(block).not.toMatch(/\d\d-\d\d-\d{4}/);
    // A reader of the text (mammoth) gets the no-break hyphen as U+2011, which looks the same.
    expect(await docxText(docx)).toContain("Ouderavond mentale gezondheid organiseren — Linda van der Meer, GGD — 31\u201103\u20112026");
  });

  it.skipIf(!hasSoffice)(
    "stay on one line in LibreOffice, whose PDF text has plain hyphens",
    async () => {
      expect((await runInProcess(["report", DUINZICHT, "--out", path.join(dir, "out")])).code).toBe(0);
      const conv = await toPdf([path.join(dir, "out", "2025-09-30-het-duinzicht-college-kernteam.docx")], dir);
      expect(conv.status, conv.stderr).toBe(0);
      const pdf = spawnSync("pdftotext", ["-layout", path.join(dir, "2025-09-30-het-duinzicht-college-kernteam.pdf"), "-"], {
        encoding: "utf8",
      });
      const lines = pdf.stdout.split("\n").slice(
        0,
        pdf.stdout.split("\n").findIndex((l) => /^\s*Deelnemers/.test(l)),
      );
      // Was "… GGD — 31-03-" with "2026" on the next line.
      expect(lines.some((l) => /\b31-03-2026\b/.test(l))).toBe(true);
      expect(lines.filter((l) => /\d-\s*$/.test(l))).toEqual([]);
    },
    180_000,
  );
});

describe("blank lines in a long answer", () => {
  /** The space after the paragraph whose text starts with `start`: its own w:spacing, else the document's 80. */
  const spaceAfter = (xml: string, start: string) => {
    const p = [...xml.matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((x) => new RegExp(`<w:t[^>]*>${start}`).test(x));
    expect(p, start).toBeDefined();
    return Number(/<w:spacing [^>]*w:after="(\d+)"/.exec(p!)?.[1] ?? 80);
  };

  it("keep the paragraph break visible: more space after the line before them than between lines", async () => {
    const s = readExample(REGENBOOG);
    s.answers.wat_kan_beter =
      "Eerste alinea over de terugkoppeling.\n\nTweede alinea over de wachttijden.\nDerde regel, in dezelfde alinea.";
    s.notes.wat_kan_beter = "Notitie een.\n\n\nNotitie twee.";
    s.answers.good_practices[0].gp_beschrijving = "Cel een.\n\nCel twee.\nCel drie.";
    const r = await runInProcess([
      "report",
      writeSession(dir, "2026-09-15-obs-de-regenboog-kernteam.yaml", s),
      "--out",
      path.join(dir, "out"),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const xml = await docxPart(path.join(dir, "out", "2026-09-15-obs-de-regenboog-kernteam.docx"), /^word\/document\.xml$/);
    // Before: 80 after every line, the blank line gone.
    expect(spaceAfter(xml, "Eerste alinea")).toBeGreaterThanOrEqual(2 * spaceAfter(xml, "Tweede alinea"));
    expect(spaceAfter(xml, "Tweede alinea")).toBe(spaceAfter(xml, "Derde regel"));
    expect(spaceAfter(xml, "Notitie een")).toBeGreaterThanOrEqual(160);
    // In a table cell, where lines have no space between them.
    expect(spaceAfter(xml, "Cel een")).toBeGreaterThan(0);
    expect(spaceAfter(xml, "Cel twee")).toBe(0);
  });
});

describe("a question beside its number", () => {
  it("is shortened after a whole word, in the action table and at a parked topic", async () => {
    expect((await runInProcess(["report", REGENBOOG, "--out", path.join(dir, "out")])).code).toBe(0);
    const text = await docxText(path.join(dir, "out", "2026-09-15-obs-de-regenboog-kernteam.docx"));
    // Was "… kunnen worden, en wa…" and "… of in de…" cut inside a word.
    expect(text).toContain("8.3 Welke hulp zou (ook) op school geboden kunnen worden, en…");
    expect(text).not.toMatch(/en wa…/);
    expect(text).toContain("(bij vraag 6.3 Welke knelpunten ervaren jullie in de samenwerking of in de…)");
  });

  it("keeps a short text, and cuts inside only a first word longer than half the room", () => {
    expect(shorten("Wat kan er beter?", 60)).toBe("Wat kan er beter?");
    expect(shorten("een twee drie vier", 12)).toBe("een twee…");
    expect(shorten("een twee, drie", 10)).toBe("een twee…");
    expect(shorten("Jeugdgezondheidszorgorganisatieverband", 12)).toBe("Jeugdgezond…");
  });
});

describe("document properties", () => {
  it("names afstem as creator and last modifier, in the school report and the summary", async () => {
    const r = await runInProcess(["report", REGENBOOG, "--out", path.join(dir, "r")]);
    expect(r.code, r.stderr).toBe(0);
    const s = await runInProcess(["report", EXAMPLES, "--summary", "--out", path.join(dir, "s")]);
    expect(s.code, s.stderr).toBe(0);
    const docs = ["r", "s"].map((d) => path.join(dir, d, readdirSync(path.join(dir, d)).find((f) => f.endsWith(".docx"))!));
    for (const docx of docs) {
      const core = await docxPart(docx, /^docProps\/core\.xml$/);
      expect(core).toContain("<dc:creator>afstem</dc:creator>");
      expect(core).toContain("<cp:lastModifiedBy>afstem</cp:lastModifiedBy>");
      expect(core).not.toContain("Un-named");
    }
  });
});
