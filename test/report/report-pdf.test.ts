// Documents must open in more than one reader: LibreOffice converts them to PDF and
// pdftotext reads the result, also for hostile answer text.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { runInProcess, tempDir, type CliResult } from "../helpers/cli.js";
import { toPdf } from "../helpers/libreoffice.js";
import { REGENBOOG, docxText, readExample, writeSession } from "../helpers/documents.js";

const hasSoffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0 && spawnSync("pdftotext", ["-v"]).status === 0;
if (!hasSoffice)
  console.warn(
    "report-pdf: soffice or pdftotext not installed — LibreOffice checks SKIPPED (CI installs libreoffice-writer and poppler-utils)",
  );

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir("afstem-pdf-")));
afterEach(() => cleanup());

/** DOCX → PDF with LibreOffice (test/helpers/libreoffice.ts) → text, for several documents at once. */
async function pdfTexts(docxs: string[], outDir: string): Promise<string[]> {
  const conv = await toPdf(docxs, outDir);
  expect(conv.status, conv.stderr).toBe(0);
  return docxs.map((docx) => {
    const pdf = path.join(outDir, path.basename(docx).replace(/\.docx$/, ".pdf"));
    const txt = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    expect(txt.status).toBe(0);
    return txt.stdout;
  });
}

/** Both LibreOffice tests' reports, converted together on first use. */
const shared = tempDir("afstem-pdf-shared-");
afterAll(() => shared.cleanup());
let converted: Promise<{ regenboog: { r: CliResult; text: string }; hostile: { r: CliResult; text: string } }> | undefined;
function convertedOnce() {
  return (converted ??= (async () => {
    const regenboog = await runInProcess(["report", REGENBOOG, "--out", path.join(shared.dir, "regenboog")]);
    const hostileFile = hostileSession(shared.dir);
    const hostile = await runInProcess(["report", hostileFile, "--out", path.join(shared.dir, "hostile")]);
    const docxs = ["regenboog", "hostile"].flatMap((d) => readdirSync(path.join(shared.dir, d)).map((f) => path.join(shared.dir, d, f)));
    const texts = regenboog.code === 0 && hostile.code === 0 ? await pdfTexts(docxs, shared.dir) : ["", ""];
    return { regenboog: { r: regenboog, text: texts[0]! }, hostile: { r: hostile, text: texts[1]! } };
  })());
}

const HOSTILE = {
  control: "Begin\u0000\u0001\u0007\u000b\u001f\ufffe einde <&> \"quotes\" 'en' ]]>",
  emoji: "Samen 🤝 sterk 👩‍🏫👨‍👩‍👧 — ✓",
  long: `${"Heel lang antwoord. ".repeat(5000)}SLOTWOORD`,
};

function hostileSession(into = dir): string {
  const s = readExample(REGENBOOG);
  s.answers.wat_gaat_goed = HOSTILE.control;
  s.answers.visie_toelichting = HOSTILE.emoji;
  s.answers.wat_kan_beter = HOSTILE.long;
  s.answers.verbeterpunten_prioriteit = ["<script>alert(1)</script>", "a & b"];
  s.notes.wat_gaat_goed = "notitie met \u0008 backspace & <tag>";
  s.meta.school = "School <&> 🏫";
  return writeSession(into, "hostile.yaml", s);
}

// Started before the first test, so LibreOffice works while the mammoth test runs; a failure
// shows in the tests that await it.
beforeAll(() => {
  if (hasSoffice) convertedOnce().catch(() => undefined);
});
afterAll(() => converted?.catch(() => undefined));

describe("documents that still open", () => {
  it("control characters, emoji, 100k characters and <&> survive mammoth", async () => {
    const file = hostileSession();
    const r = await runInProcess(["report", file, "--out", path.join(dir, "out")]);
    expect(r.code, r.stderr).toBe(0);
    const [docx] = readdirSync(path.join(dir, "out"));
    const text = await docxText(path.join(dir, "out", docx!));
    expect(text).toContain("Begin einde <&> \"quotes\" 'en' ]]>");
    expect(text).toContain("Samen 🤝 sterk 👩‍🏫👨‍👩‍👧 — ✓");
    expect(text).toContain("SLOTWOORD");
    expect(text.length).toBeGreaterThan(100_000);
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain("notitie met  backspace & <tag>");
  });

  it.skipIf(!hasSoffice)(
    "LibreOffice opens a report and the PDF says what the document says",
    async () => {
      const { r, text } = (await convertedOnce()).regenboog;
      expect(r.code).toBe(0);
      expect(readdirSync(path.join(shared.dir, "regenboog"))).toEqual(["2026-09-15-obs-de-regenboog-kernteam.docx"]);
      expect(text).toContain("OBS De Regenboog");
      expect(text).toMatch(/Vastgesteld op 15 september 2026 door/);
      expect(text).toContain("6. Knelpunten");
      expect(text).toMatch(/pagina 1 van \d/);
      expect(text).toContain("kernteam v2");
    },
    180_000,
  );

  it.skipIf(!hasSoffice)(
    "LibreOffice opens the hostile document too",
    async () => {
      const { r, text } = (await convertedOnce()).hostile;
      expect(r.code).toBe(0);
      expect(text).toContain("einde <&>");
      expect(text).toContain("SLOTWOORD");
      expect(text).toContain("<script>alert(1)</script>");
    },
    180_000,
  );
});
