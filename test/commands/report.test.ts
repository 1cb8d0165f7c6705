// afstem report end to end: the real CLI writes DOCX files that an independent reader
// (mammoth) and the raw document XML confirm.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runCli, runInProcess, tempDir } from "../helpers/cli.js";
import {
  EXAMPLES,
  REGENBOOG,
  VUURTOREN,
  docxHtml,
  docxPart,
  docxText,
  readExample,
  styledParagraphs,
  writeSession,
} from "../helpers/documents.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir("afstem-report-")));
afterEach(() => cleanup());

const out = () => path.join(dir, "out");
const regenboogDocx = () => path.join(out(), "2026-09-15-obs-de-regenboog-kernteam.docx");

describe("afstem report: one document per session", () => {
  // Spawned: the smoke test of `report` runs the real bin/afstem.js, without a TTY.
  it("writes every example silently (no TTY), named <datum>-<school>-<format>.docx", () => {
    const r = runCli(["report", EXAMPLES, "--out", out()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("");
    const names = readdirSync(out()).sort();
    expect(names).toContain("2026-09-15-obs-de-regenboog-kernteam.docx");
    expect(names.filter((n) => n.endsWith(".docx"))).toHaveLength(readdirSync(EXAMPLES).filter((n) => n.endsWith(".yaml")).length);
    expect(names.every((n) => !n.startsWith("."))).toBe(true); // no temp files left behind
  });

  it("has a title block, participants, sections in order, parked topics and an action table", async () => {
    expect((await runInProcess(["report", REGENBOOG, "--out", out()])).code).toBe(0);
    const html = await docxHtml(regenboogDocx());
    const text = await docxText(regenboogDocx());
    expect(text).toContain("Afstemmingsgesprek onderwijs en jeugdhulp verbonden (kernteam IJmond)");
    for (const fact of ["OBS De Regenboog", "99RB00", "Beverwijk", "15 september 2026", "Vastgesteld"]) expect(text).toContain(fact);
    // Issue 15: the people who confirmed, by name and role.
    expect(text).toMatch(
      /Vastgesteld op 15 september 2026 door Anouk de Vries \(CJG \(Centrum voor Jeugd en Gezin\)\), .*Sanne Bakker \(GGD .* en Marieke Jansen \(Intern begeleider \/ zorgcoördinator\)\./,
    );
    // Headings in the format's order, then parked topics and actions.
    const h1 = [...html.matchAll(/<h1>(.*?)<\/h1>/g)].map((m) => m[1]);
    expect(h1).toEqual([
      "Afspraken en acties",
      "Deelnemers",
      "1. Wat gaat goed?",
      "2. Wat kan beter?",
      "3. Visie",
      "4. Verwachtingen van elkaar",
      "5. Behoeften",
      "6. Knelpunten",
      "7. Good practices",
      "8. De school als werkplaats",
      "9. Afspraken en acties",
      "Geparkeerde onderwerpen",
      "Acties",
    ]);
    // Participants table: header row, then each participant with role label and presence.
    const tables = [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((m) => m[1]!);
    const participants = tables.find((t) => t.includes("Anouk de Vries"))!;
    expect(participants).toMatch(/Naam.*Rol.*Organisatie.*Aanwezig/);
    expect(participants).toMatch(/Rob Visser.*Leerplichtambtenaar.*Gemeente Beverwijk.*nee/);
    // Answers: labels not codes, scale with end labels, lists as bullets, notes.
    expect(text).toContain("4 van 5 (1 = Zeer ontevreden, 5 = Zeer tevreden)");
    expect(text).toContain("Om de zes weken");
    expect(text).not.toMatch(/^zeswekelijks$/m); // the code itself never shows
    expect(html).toMatch(/<ul><li>Korte lijnen en snel schakelen<\/li><li>Vaste gezichten op school<\/li>/);
    expect(text).toContain("Scores liepen uiteen van 3 (school) tot 5 (GGD)");
    // Repeat group as a table with the field prompts as column heads and labels in cells.
    const knelpunten = tables.find((t) => t.includes("Omschrijving van het knelpunt"))!;
    expect(knelpunten).toMatch(/Omschrijving van het knelpunt.*Bij welke partij ligt de sleutel vooral\?.*Prioriteit/);
    expect(knelpunten).toMatch(/Wachtlijst jeugd-GGZ.*Gemeente.*Hoog/);
    // Hidden by a condition (score 4, not 1 or 2): left out entirely.
    expect(text).not.toContain("De samenwerking scoort laag");
    // Persoonlijk answers do appear in the school's own report, marked.
    expect(text).toContain("Een leerling uit groep 6 met ernstige angstklachten");
    expect(text).toContain("persoonlijk — alleen voor de school");
    // Parked, then the action table with its columns.
    expect(text.indexOf("Vertaalde folders CJG")).toBeGreaterThan(text.indexOf("Geparkeerde onderwerpen"));
    const acties = tables.find((t) => t.includes("Presentatie kernteam"))!;
    expect(acties).toMatch(/Wat.*Wie.*Organisatie.*Deadline.*Bij vraag/);
    expect(acties).toMatch(
      /Presentatie kernteam in de teamvergadering.*Marieke Jansen.*OBS De Regenboog.*13-10-2026.*2\.1 Wat kan er beter/,
    );
  });

  it("uses real Heading 1 styles (Word's navigation pane) and a footer with format version and page X of Y", async () => {
    expect((await runInProcess(["report", REGENBOOG, "--out", out()])).code).toBe(0);
    const xml = await docxPart(regenboogDocx(), /^word\/document\.xml$/);
    const headings = styledParagraphs(xml, "Heading1");
    expect(headings[0]).toBe("Afspraken en acties");
    expect(headings[1]).toBe("Deelnemers");
    expect(headings).toContain("6. Knelpunten");
    const styles = await docxPart(regenboogDocx(), /^word\/styles\.xml$/);
    expect(styles).toMatch(/<w:style [^>]*w:styleId="Heading1"[\s\S]*?<w:outlineLvl w:val="0"\/>/);
    const footer = await docxPart(regenboogDocx(), /^word\/footer\d*\.xml$/);
    expect(footer).toContain("kernteam v2");
    expect(footer).toMatch(/PAGE[\s\S]*NUMPAGES/);
    const header = await docxPart(regenboogDocx(), /^word\/header\d*\.xml$/);
    expect(header).not.toContain("CONCEPT");
  });

  it("marks a draft CONCEPT in the page header (every page) and says 'niet besproken' for skipped questions", async () => {
    expect((await runInProcess(["report", VUURTOREN, "--out", out()])).code).toBe(0);
    const file = path.join(out(), "2026-09-29-sbo-de-vuurtoren-kernteam.docx");
    const header = await docxPart(file, /^word\/header\d*\.xml$/);
    expect(header).toContain("CONCEPT");
    const text = await docxText(file);
    expect(text).toContain("CONCEPT — dit verslag is nog niet vastgesteld");
    expect(text).not.toContain("Vastgesteld op");
    // visie_toelichting was skipped.
    expect(text).toMatch(/Hoe zouden jullie die gezamenlijke visie in een paar zinnen omschrijven\?\s+niet besproken/);
  });

  it("writes English with --lang en", async () => {
    expect((await runInProcess(["report", VUURTOREN, "--out", out(), "--lang", "en"])).code).toBe(0);
    const text = await docxText(path.join(out(), "2026-09-29-sbo-de-vuurtoren-kernteam.docx"));
    expect(text).toContain("DRAFT — this record has not been confirmed");
    expect(text).toContain("Participants");
    expect(text).toContain("not discussed");
  });
});

describe("afstem report: batches", () => {
  it("skips a broken file, names it with its line, writes the others and exits 1", async () => {
    for (const f of readdirSync(EXAMPLES)) if (f.endsWith(".yaml")) copyFileSync(path.join(EXAMPLES, f), path.join(dir, f));
    const broken = path.join(dir, "kapot.yaml");
    writeFileSync(broken, "afstem: 1\nformat: {id: kernteam, version: 2}\nstatus: final\nmeta:\n  school: [niet gesloten\n");
    const r = await runInProcess(["report", dir, "--out", out()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/kapot\.yaml:\d+:\d+ {2}error {2}/);
    expect(readdirSync(out()).filter((n) => n.endsWith(".docx"))).toHaveLength(
      readdirSync(EXAMPLES).filter((n) => n.endsWith(".yaml")).length,
    );
    expect(r.stderr).toMatch(/verslagen geschreven, 1 overgeslagen/);
  });

  it("--summary over one broken file counts one skipped file, not two (the summary was counted as one more)", async () => {
    const only = path.join(dir, "alleen");
    mkdirSync(only);
    writeFileSync(path.join(only, "kapot.yaml"), "afstem: 1\nformat: {id: kernteam, version: 2}\nstatus: [\n");
    const r = await runInProcess(["report", only, "--out", out(), "--summary"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("geen geldige gesprekken om samen te vatten");
    expect(r.stderr).toMatch(/0 overzichten geschreven, 1 overgeslagen/);
  });

  it("never overwrites without --force, says which files were refused (exit 1), and overwrites with it", async () => {
    expect((await runInProcess(["report", REGENBOOG, "--out", out()])).code).toBe(0);
    const before = statSync(regenboogDocx()).mtimeMs;
    const again = await runInProcess(["report", REGENBOOG, "--out", out()]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("2026-09-15-obs-de-regenboog-kernteam.docx: bestaat al, niet overschreven (gebruik --force)");
    expect(statSync(regenboogDocx()).mtimeMs).toBe(before);
    const forced = await runInProcess(["report", REGENBOOG, "--out", out(), "--force"]);
    expect(forced.code).toBe(0);
  });

  it("gives two sessions with the same date, school and format distinct names", async () => {
    const s = readExample(REGENBOOG);
    writeSession(dir, "a.yaml", s);
    writeSession(dir, "b.yaml", { ...s, status: "draft", finalized: null });
    expect((await runInProcess(["report", dir, "--out", out()])).code).toBe(0);
    expect(readdirSync(out()).sort()).toEqual(["2026-09-15-obs-de-regenboog-kernteam-2.docx", "2026-09-15-obs-de-regenboog-kernteam.docx"]);
  });

  it("keeps file names inside --out whatever the school is called", async () => {
    const s = readExample(REGENBOOG);
    s.meta.school = "../../etc/passwd";
    writeSession(dir, "evil.yaml", s);
    expect((await runInProcess(["report", path.join(dir, "evil.yaml"), "--out", out()])).code).toBe(0);
    expect(readdirSync(out())).toEqual(["2026-09-15-etc-passwd-kernteam.docx"]);
    expect(existsSync(path.join(dir, "etc"))).toBe(false);
  });

  it("--jobs 2 writes the same documents as --jobs 1, with --verbose listing each file", async () => {
    const r1 = await runInProcess(["report", EXAMPLES, "--out", path.join(dir, "j1")]);
    const r2 = await runInProcess(["report", EXAMPLES, "--out", path.join(dir, "j2"), "--jobs", "2", "--verbose"]);
    expect(r1.code).toBe(0);
    expect(r2.code).toBe(0);
    const names = readdirSync(path.join(dir, "j1")).sort();
    expect(readdirSync(path.join(dir, "j2")).sort()).toEqual(names);
    expect(r2.stdout.trim().split("\n")).toHaveLength(names.length);
    expect(r2.stderr).toMatch(/^\d+ verslagen geschreven in [\d,]+ s\n$/);
    for (const n of names) expect(await docxText(path.join(dir, "j2", n))).toBe(await docxText(path.join(dir, "j1", n)));
  });

  it("usage errors exit 2: a bad --jobs, a missing path, --out that is a file", async () => {
    expect((await runInProcess(["report", EXAMPLES, "--out", out(), "--jobs", "0"])).code).toBe(2);
    const missing = await runInProcess(["report", path.join(dir, "bestaat-niet"), "--out", out()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("bestaat-niet");
    writeFileSync(path.join(dir, "file"), "x");
    expect((await runInProcess(["report", REGENBOOG, "--out", path.join(dir, "file")])).code).toBe(2);
    expect((await runInProcess(["report", REGENBOOG])).code).toBe(2);
  });
});

describe("summary-only flags", () => {
  it("--from/--to/--min-group/--include-drafts without --summary are refused, not silently ignored; --by '' is no meta field", async () => {
    for (const flags of [
      ["--from", "2026-01-01"],
      ["--to", "2026-12-31"],
      // --min-group has a default: only a typed one is refused, also when it is the default value.
      ["--min-group", "3"],
      ["--min-group", "5"],
      ["--include-drafts"],
    ]) {
      const r = await runInProcess(["report", EXAMPLES, "--out", out(), ...flags]);
      expect(r.code, flags.join(" ")).toBe(2);
      expect(r.stderr).toBe("afstem: --by, --split, --previous, --from, --to, --min-group en --include-drafts horen bij --summary\n");
      expect(existsSync(out()), flags.join(" ")).toBe(false);
    }
    const empty = await runInProcess(["report", EXAMPLES, "--out", out(), "--summary", "--by", ""]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("is geen meta-veld");
    expect(existsSync(out())).toBe(false);
  });
});

describe("--out that is a file", () => {
  it("report and rollup say the same, in one line: exit 2, the file untouched", async () => {
    const file = path.join(dir, "eenbestand");
    writeFileSync(file, "x");
    for (const cmd of ["report", "rollup"]) {
      const r = await runInProcess([cmd, EXAMPLES, "--out", "eenbestand"], { cwd: dir });
      expect(r.code, cmd).toBe(2);
      expect(r.stderr, cmd).toBe("afstem: --out eenbestand is een bestand, geen map\n");
      const en = await runInProcess(["--lang", "en", cmd, EXAMPLES, "--out", "eenbestand"], { cwd: dir });
      expect(en.stderr, cmd).toBe("afstem: --out eenbestand is a file, not a folder\n");
    }
    expect(statSync(file).isFile()).toBe(true);
  });
});

describe("--previous with a broken file", () => {
  it("says it and counts it as skipped (exit 1), as a broken file of this round; the summary is still written", async () => {
    const prev = path.join(dir, "vorig");
    mkdirSync(prev);
    copyFileSync(REGENBOOG, path.join(prev, path.basename(REGENBOOG)));
    writeFileSync(path.join(prev, "kapot.yaml"), 'school: "a" b\n');
    const r = await runInProcess(["report", EXAMPLES, "--out", out(), "--summary", "--previous", prev]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/kapot\.yaml:1:13 {2}error {2}YAML-fout/);
    expect(readdirSync(out()).filter((f) => f.endsWith(".docx"))).toHaveLength(1);
  });
});
