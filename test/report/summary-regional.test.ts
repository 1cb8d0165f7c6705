// The redesigned regional summary read back (mammoth and the document XML) against a corpus
// with known numbers: key points, the breakdown by gemeente, the partner × priority cross
// table, de-duplicated quotes, actions per declared organisation (overdue counted), alt text on
// every chart, --split organisatie, --previous, and LibreOffice's PDF (pages, images).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { startLibreOffice, toPdf, type Conversion } from "../helpers/libreoffice.js";
import { REGENBOOG, docxHtml, docxPart, docxText, readExample, writeSession } from "../helpers/documents.js";

const tmp = tempDir("afstem-regional-");
afterAll(() => tmp.cleanup());

/** Beverwijk: 6 sessions scoring 2,3,4,4,5,5 (mean 3,8); Velsen: 5 sessions scoring 4,4,4,4,5 (4,2). */
const SCORES: [string, number][] = [
  ...[2, 3, 4, 4, 5, 5].map((s) => ["beverwijk", s] as [string, number]),
  ...[4, 4, 4, 4, 5].map((s) => ["velsen", s] as [string, number]),
];

function corpus(dir: string, scores: [string, number][], shift = 0): string {
  mkdirSync(dir, { recursive: true });
  scores.forEach(([gemeente, score], i) => {
    const s = readExample(REGENBOOG);
    s.meta.school = `School ${gemeente} ${i}`;
    s.meta.brin = `${10 + i}XX0${shift}`;
    s.meta.gemeente = gemeente;
    s.answers.tevredenheid_samenwerking = Math.max(1, score - shift);
    // One action long overdue (CJG), one far ahead (School via the IB'er's role), one at Socius/MET.
    s.actions[0].due = "2020-01-15";
    s.actions[1].due = "2099-06-01";
    s.actions[2].due = "2099-07-01";
    writeSession(dir, `s${i}.yaml`, s);
  });
  return dir;
}

const hasSoffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0 && spawnSync("pdfimages", ["-v"]).status === 0;

let out: string;
let file: string;
/** LibreOffice's PDF of the summary, started as soon as the summary exists: it runs beside the other tests. */
let converted: Promise<Conversion> | undefined;

let html: string;
let text: string;
let xml: string;

beforeAll(async () => {
  if (hasSoffice) void startLibreOffice(); // starts while the summary is written
  const input = corpus(path.join(tmp.dir, "in"), SCORES);
  out = path.join(tmp.dir, "out");
  const r = await runInProcess(["report", input, "--out", out, "--summary"], { timeout: 120_000 });
  expect(r.code, r.stderr).toBe(0);
  file = path.join(out, readdirSync(out).find((f) => f.endsWith(".docx"))!);
  if (hasSoffice) converted = toPdf([file], tmp.dir);
}, 120_000);
afterAll(() => converted); // never leave LibreOffice running behind the temp folder's removal

beforeAll(async () => {
  html = await docxHtml(file);
  text = await docxText(file);
  xml = await docxPart(file, /^word\/document\.xml$/);
});

describe("report --summary (regional redesign)", () => {
  it("opens with the key points: conversations per gemeente × school type, top and bottom scales, knelpunten, actions", async () => {
    const kern = text.indexOf("Kernpunten");
    expect(kern).toBeGreaterThan(0);
    expect(kern).toBeLessThan(text.indexOf("Per gemeente: gemiddelden en percentages"));
    expect(html).toMatch(/<td><p>Beverwijk<\/p><\/td><td><p>6<\/p><\/td><td><p>6<\/p><\/td>/);
    expect(html).toMatch(/<td><p>Velsen<\/p><\/td><td><p>5<\/p><\/td><td><p>5<\/p><\/td>/);
    expect(text).toContain("Hoogst scorende schaalvragen");
    // (23 + 21) / 11 = 4,0
    expect(text).toMatch(
      /4,0 — Hoe tevreden zijn jullie over de samenwerking tussen school en kernteam in het afgelopen schooljaar\? \(n = 11\)/,
    );
    // Coded knelpunten: CJG named twice per session (22 items, 11 of them 'hoog'), gemeente once.
    expect(html).toMatch(/<td><p>CJG<\/p><\/td><td><p>22<\/p><\/td><td><p>11<\/p><\/td><td><p>11<\/p><\/td>/);
    expect(html).toMatch(/<td><p>Gemeente<\/p><\/td><td><p>11<\/p><\/td><td><p>11<\/p><\/td><td><p>11<\/p><\/td>/);
    // Actions mapped onto declared organisations (the IB'er's "OBS De Regenboog" → School); CJG's are overdue.
    expect(html).toMatch(/<td><p>CJG<\/p><\/td><td><p>11<\/p><\/td><td><p>11<\/p><\/td><td><p>–<\/p><\/td>/);
    expect(html).toMatch(/<td><p>School<\/p><\/td><td><p>11<\/p><\/td><td><p>0<\/p><\/td><td><p>01-06-2099<\/p><\/td>/);
    expect(html).toMatch(/<td><p>Socius\/MET<\/p><\/td><td><p>11<\/p><\/td><td><p>0<\/p><\/td>/);
    expect(text).not.toContain("OBS De Regenboog");
  });

  it("breaks every scale down by gemeente beside the region", async () => {
    expect(html).toMatch(/<td><p>Regio \(n = 11\)<\/p><\/td><td><p>4,0<\/p><\/td>/);
    expect(html).toMatch(/<td><p>Beverwijk \(n = 6\)<\/p><\/td><td><p>3,8<\/p><\/td>/);
    expect(html).toMatch(/<td><p>Velsen \(n = 5\)<\/p><\/td><td><p>4,2<\/p><\/td>/);
  });

  it("shows the coded repeat group as a partner × priority table", async () => {
    expect(text).toContain("Knelpunten naar partij en prioriteit");
    // CJG: 11 hoog + 11 midden; Gemeente: 11 hoog; total 33 items.
    expect(html).toMatch(/<td><p>CJG<\/p><\/td><td><p>11<\/p><\/td><td><p>11<\/p><\/td><td><p>0<\/p><\/td><td><p>22<\/p><\/td>/);
    expect(html).toMatch(/<td><p>Totaal<\/p><\/td><td><p>22<\/p><\/td><td><p>11<\/p><\/td><td><p>0<\/p><\/td><td><p>33<\/p><\/td>/);
  });

  it("quotes boodschap_regiegroep once (de-duplicated) with the school type, and good practices by party", async () => {
    expect(text).toContain("Wat willen jullie meegeven aan de regiegroep Passend Onderwijs en Jeugd?");
    const quote = "De samenwerking op school is goed, maar de wachttijden";
    // once in the main part, once in the appendix — not once per session
    expect(text.split(quote).length - 1).toBe(2);
    expect(text).toMatch(/handelingsadvies voor school tijdens het wachten\.” \(PO\)/);
    expect(html).toMatch(
      /<td><p>Ouders<\/p><\/td><td><p>1<\/p><\/td><td><p>Inloopspreekuur jeugdverpleegkundige bij het brengen<\/p><\/td>/,
    );
  });

  it("gives every chart alt text and a caption, and never a name", async () => {
    const drawings = [...xml.matchAll(/<wp:docPr\b[^>]*>/g)].map((m) => m[0]);
    expect(drawings.length).toBeGreaterThanOrEqual(3);
    for (const d of drawings) expect(d).toMatch(/descr="[^"]{20,}"/);
    expect(xml).toContain("Gestapelde staafgrafiek van");
    for (const name of ["Anouk de Vries", "Mehmet Yılmaz", "Marieke Jansen", "Sanne Bakker"]) expect(text).not.toContain(name);
  });

  it.skipIf(!hasSoffice)(
    "converts to PDF with LibreOffice: a few pages, with the charts drawn as images",
    async () => {
      const conv = (await converted)!;
      expect(conv.status, conv.stderr).toBe(0);
      const pdf = path.join(tmp.dir, path.basename(file).replace(/\.docx$/, ".pdf"));
      const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout;
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(pages).toBeLessThanOrEqual(25);
      const images = spawnSync("pdfimages", ["-list", pdf], { encoding: "utf8" })
        .stdout.split("\n")
        .filter((l) => /\simage\s/.test(l));
      expect(images.length).toBeGreaterThanOrEqual(3);
    },
    200_000,
  );
});

describe("report --summary --split organisatie and --previous", () => {
  it("writes one document per declared organisation, each with only its own actions", async () => {
    const input = path.join(tmp.dir, "in");
    const split = path.join(tmp.dir, "split");
    const r = await runInProcess(["report", input, "--out", split, "--summary", "--split", "organisatie"], { timeout: 180_000 });
    expect(r.code, r.stderr).toBe(0);
    const names = readdirSync(split).sort();
    expect(names.some((n) => /-cjg\.docx$/i.test(n))).toBe(true);
    expect(names.some((n) => /-ggd\.docx$/i.test(n))).toBe(true);
    const cjg = await docxText(path.join(split, names.find((n) => /-cjg\.docx$/i.test(n))!));
    expect(cjg).toContain("Versie voor CJG");
    expect(cjg).toContain("Afspraak over terugkoppeling na verwijzing");
    expect(cjg).not.toContain("Presentatie kernteam in de teamvergadering");
    expect(cjg).not.toContain("Voorstel weerbaarheidstraining");
    expect(cjg).toContain("Knelpunten waarbij de sleutel bij CJG ligt");
    const socius = await docxText(path.join(split, names.find((n) => /socius/i.test(n))!));
    expect(socius).toContain("Voorstel weerbaarheidstraining");
    expect(socius).not.toContain("Afspraak over terugkoppeling na verwijzing");
  }, 200_000);

  it("--previous shows the change since the previous round (3,0 → 4,0)", async () => {
    // Previous round: every score one lower → region 3,0 → now 4,0.
    const prev = corpus(path.join(tmp.dir, "prev"), SCORES, 1);
    const o = path.join(tmp.dir, "cmp");
    const r = await runInProcess(["report", path.join(tmp.dir, "in"), "--out", o, "--summary", "--previous", prev], { timeout: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const h = await docxHtml(path.join(o, readdirSync(o)[0]!));
    expect(h).toMatch(/<td><p>Regio \(n = 11\)<\/p><\/td><td><p>3,0 → 4,0<\/p><\/td>/);
    expect(h).toMatch(/<td><p>Beverwijk \(n = 6\)<\/p><\/td><td><p>2,8 → 3,8<\/p><\/td>/);
  }, 200_000);

  it("refuses --split with anything but organisatie, and --by with an unknown field (exit 2)", async () => {
    expect(
      (await runInProcess(["report", path.join(tmp.dir, "in"), "--out", path.join(tmp.dir, "x"), "--summary", "--split", "school"])).code,
    ).toBe(2);
    expect(
      (await runInProcess(["report", path.join(tmp.dir, "in"), "--out", path.join(tmp.dir, "x"), "--summary", "--by", "kleur"])).code,
    ).toBe(2);
  });
});
