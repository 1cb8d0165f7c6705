// rollup --xlsx: the workbook read back with an independent reader (read-excel-file for values
// and types, the raw sheet XML via fflate for formulas, frozen panes and autofilters) and
// compared cell by cell with the CSVs of the same run, so privacy and suppression are the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { unzipSync, strFromU8 } from "fflate";
import readXlsxFile from "read-excel-file/node";
import { runInProcess, tempDir, ROOT } from "../helpers/cli.js";
import { REGENBOOG, readExample, writeSession } from "../helpers/documents.js";

const CORPUS = path.join(ROOT, "test/fixtures/rollup/corpus");
const tmp = tempDir("afstem-xlsx-");
afterAll(() => tmp.cleanup());

type Sheet = { sheet: string; data: unknown[][] };
let sheets: Sheet[];
let xml: Record<string, string>;
let out: string;
let stdout: string;

const sheet = (name: string) => sheets.find((s) => s.sheet === name)!;
const records = (name: string) => {
  const [head, ...rows] = sheet(name).data as unknown[][];
  return rows.map((r) => Object.fromEntries((head as string[]).map((h, i) => [h, r[i] ?? null])));
};
const csv = (file: string) => parse(readFileSync(path.join(out, file)), { columns: true }) as Record<string, string>[];

beforeAll(async () => {
  // The fixture corpus plus text a spreadsheet would otherwise turn into a number, date or formula.
  const src = path.join(tmp.dir, "corpus");
  cpSync(CORPUS, src, { recursive: true });
  const f = path.join(src, "2026-10-02-velsen-b-kernteam.yaml");
  writeFileSync(
    f,
    readFileSync(f, "utf8")
      .replace(`school: "Velsen B"`, `school: "0612345678"`)
      .replace(`overleg_gewenst: "Maandelijks overleg met de GGD erbij."`, `overleg_gewenst: "12-10"`)
      .replace(`gemaakte_afspraken: ["Volgend jaar weer een afstemmingsgesprek."]`, `gemaakte_afspraken: ["+31612345678"]`),
  );
  out = path.join(tmp.dir, "out");
  const r = await runInProcess(["rollup", src, "--by", "gemeente", "--include-text", "--xlsx", "--out", out]);
  expect(r.stderr).not.toContain("error");
  expect(r.code).toBe(0);
  stdout = r.stdout;
  const file = path.join(out, "kernteam.xlsx");
  sheets = (await readXlsxFile(file)) as unknown as Sheet[];
  xml = Object.fromEntries(Object.entries(unzipSync(readFileSync(file))).map(([k, v]) => [k, strFromU8(v)]));
});

describe("rollup --xlsx", () => {
  it("writes kernteam.xlsx beside the CSVs, with one sheet per layout and per repeat group", async () => {
    expect(readdirSync(out).sort()).toEqual([
      "kernteam-actions.csv",
      "kernteam-codebook.csv",
      "kernteam-long.csv",
      "kernteam-summary.csv",
      "kernteam-wide.csv",
      "kernteam.xlsx",
    ]);
    expect(stdout).toContain("kernteam.xlsx");
    expect(sheets.map((s) => s.sheet)).toEqual([
      "long",
      "wide",
      "summary",
      "actions",
      "codebook",
      "knelpunten_overzicht",
      "good_practices",
    ]);
  });

  it("has no formula cells, a frozen header row and an autofilter on every sheet", async () => {
    const files = Object.keys(xml).filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k));
    expect(files).toHaveLength(7);
    for (const k of files) {
      expect(xml[k]).not.toMatch(/<f[ >]/);
      expect(xml[k]).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
      expect(xml[k]).toMatch(/<autoFilter ref="A1:[A-Z]+\d+"\/>/);
      expect(xml[k]).toMatch(/<col [^>]*width=/);
    }
  });

  it("keeps text as text, numbers as numbers and dates as dates", async () => {
    const wide = records("wide");
    const a = wide.find((r) => r.session_id === "2026-10-01-velsen-a-kernteam")!;
    expect(a.school).toBe('=HYPERLINK("http://x","y")'); // plain text: no apostrophe needed, never run
    expect(a.format_version).toBe(2);
    expect(a.tevredenheid_samenwerking).toBe(typeof a.tevredenheid_samenwerking === "number" ? a.tevredenheid_samenwerking : NaN);
    expect(a.datum).toBeInstanceOf(Date);
    expect((a.datum as Date).toISOString().slice(0, 10)).toBe("2026-10-01");
    const b = wide.find((r) => r.session_id === "2026-10-02-velsen-b-kernteam")!;
    expect(b.school).toBe("0612345678");
    expect(b.overleg_gewenst).toBe("12-10");
    expect(b.gemaakte_afspraken).toBe("+31612345678");
    expect(b.vast_overleg).toBe(0);
    expect(b.volgend_gesprek).toBeInstanceOf(Date);
  });

  it("holds the same rows as the CSVs (the CSV's formula guard apart)", async () => {
    const unguard = (s: string) => s.replace(/^'(?=[=+\-@\t\r])/, "");
    const asCsv = (v: unknown) =>
      v === null ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "number" ? String(v) : String(v);
    for (const layout of ["long", "wide", "summary", "actions", "codebook"]) {
      const want = csv(`kernteam-${layout}.csv`);
      const got = records(layout);
      expect(got.length, layout).toBe(want.length);
      got.forEach((row, i) => {
        for (const [k, v] of Object.entries(want[i]!)) expect(asCsv(row[k]), `${layout} row ${i + 2} ${k}`).toBe(unguard(v));
      });
    }
  });

  it("with the followup layout, a followup sheet holding the CSV's rows", async () => {
    const input = path.join(tmp.dir, "followup-in");
    const dir = path.join(tmp.dir, "followup");
    mkdirSync(input);
    const s = readExample(REGENBOOG);
    s.followup = [
      { action: "Terugkoppeling na verwijzing vastleggen", status: "gedaan" },
      { action: "Presentatie in de teamvergadering", status: "loopt", note: "blijft op school" },
    ];
    writeSession(input, "2026-09-15-obs-de-regenboog-kernteam.yaml", s);
    const r = await runInProcess(["rollup", input, "--layout", "long,followup", "--xlsx", "--out", dir]);
    expect(r.code, r.stderr).toBe(0);
    const book = (await readXlsxFile(path.join(dir, "kernteam.xlsx"))) as unknown as Sheet[];
    expect(book.map((x) => x.sheet).slice(0, 3)).toEqual(["long", "followup", "codebook"]);
    const [head, ...rows] = book.find((x) => x.sheet === "followup")!.data as unknown[][];
    const want = parse(readFileSync(path.join(dir, "kernteam-followup.csv")), { columns: true }) as Record<string, string>[];
    expect(head).toEqual(Object.keys(want[0]!));
    expect(want).toHaveLength(2);
    expect(rows.map((row) => row.map((v) => (v === null ? "" : String(v))))).toEqual(want.map((w) => Object.values(w)));
  });

  it("suppresses the same small groups as the summary CSV", async () => {
    const heemskerk = records("summary").filter((r) => r.group === "heemskerk");
    expect(heemskerk.length).toBeGreaterThan(0);
    for (const r of heemskerk) {
      expect(r.sessions).toBe("<5");
      for (const k of ["n", "count", "percent", "mean", "median", "min", "max"]) expect([null, "<5"]).toContain(r[k]);
    }
    const velsen = records("summary").find((r) => r.group === "velsen" && r.question_id === "tevredenheid_samenwerking")!;
    expect(velsen).toMatchObject({ sessions: 5, n: 5, mean: 3.6, median: 4 });
  });

  it("repeat groups: one row per item with the session id and the fields wide shows", async () => {
    const items = records("knelpunten_overzicht");
    const a = items.filter((r) => r.session_id === "2026-10-01-velsen-a-kernteam");
    expect(a.map((r) => [r.item, r.partner, r.prioriteit])).toEqual([
      [1, "cjg", "hoog"],
      [2, "gemeente", "midden"],
    ]);
    const wideKeys = Object.keys(records("wide")[0]!).filter((k) => k.startsWith("knelpunten_overzicht[1]."));
    expect(Object.keys(items[0]!).slice(11)).toEqual(wideKeys.map((k) => k.slice("knelpunten_overzicht[1].".length)));
  });

  it("never shows a participant's name or a persoonlijk column", async () => {
    const all = JSON.stringify(sheets);
    expect(Object.keys(records("wide")[0]!).filter((k) => k.startsWith("casus_illustratie"))).toEqual([]);
    for (const name of ["Anna Zorgvlied", "Bram Kustlicht", "Cor Duinroos", "Dirk Wadzee"]) expect(all).not.toContain(name);
  });
});
