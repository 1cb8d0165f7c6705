// The key points' "Open acties per organisatie" counts the actions of the same conversations as
// the rest of the key points (the school conversations' family), not a beleidsgroep report's,
// and says which date decides "over de deadline". The chapter "Acties" counts every format.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { ROOT, runInProcess, tempDir } from "../helpers/cli.js";
import { REGENBOOG, docxHtml, readExample, writeSession } from "../helpers/documents.js";

const tmp = tempDir("afstem-key-actions-");
afterAll(() => tmp.cleanup());

/** A beleidsgroep report with 5 actions (Samenwerkingsverband PO), of the tester's corpus. */
const BELEIDSGROEP = path.join(ROOT, "test/fixtures/summary/2025-10-16-noord-kennemerland-beleidsgroep.yaml");

/** Five kernteam conversations, 3 actions each: CJG's overdue, School's and Socius/MET's far ahead. */
function kernteam(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 5; i++) {
    const s = readExample(REGENBOOG);
    s.meta.school = `School ${i}`;
    s.meta.brin = `${10 + i}XX00`;
    s.actions[0].due = "2020-01-15";
    s.actions[1].due = "2099-06-01";
    s.actions[2].due = "2099-07-01";
    writeSession(dir, `k${i}.yaml`, s);
  }
  return dir;
}

async function summary(dir: string, env: Record<string, string> = {}): Promise<string> {
  const out = path.join(tmp.dir, `out-${Math.random().toString(36).slice(2)}`);
  const r = await runInProcess(["report", dir, "--out", out, "--summary"], { timeout: 120_000, env });
  expect(r.code, r.stderr).toBe(0);
  return docxHtml(path.join(out, readdirSync(out).find((f) => f.endsWith(".docx"))!));
}

/** The rows of the first table after a heading text, as cell texts. */
function tableAfter(html: string, marker: string): string[][] {
  const at = html.indexOf(marker);
  expect(at, marker).toBeGreaterThanOrEqual(0);
  const table = html.slice(at).match(/<table>([\s\S]*?)<\/table>/)![1]!;
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1]!.matchAll(/<t[dh]>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, "").trim()),
  );
}

/** The rows of the last table before a text (a table's caption). */
function tableBefore(html: string, marker: string): string[][] {
  const at = html.indexOf(marker);
  expect(at, marker).toBeGreaterThanOrEqual(0);
  return tableAfter(html.slice(html.slice(0, at).lastIndexOf("<table>"), at), "<table>");
}

const total = (rows: string[][]) => rows.find((r) => r[0] === "Totaal" || r[0] === "Total")!;

describe("key points: open actions per organisation", () => {
  let only: string;
  let mixed: string;
  beforeAll(async () => {
    only = await summary(kernteam(path.join(tmp.dir, "only")));
    const dir = kernteam(path.join(tmp.dir, "mixed"));
    copyFileSync(BELEIDSGROEP, path.join(dir, path.basename(BELEIDSGROEP)));
    mixed = await summary(dir);
  }, 120_000);

  it("counts only the school conversations' actions, as the rest of the key points", () => {
    const key = tableAfter(mixed, "Open acties per organisatie");
    expect(key).toEqual(tableAfter(only, "Open acties per organisatie"));
    expect(total(key).slice(1, 3)).toEqual(["15", "5"]);
  });

  it("the chapter Acties counts every format's actions", () => {
    expect(total(tableBefore(mixed, "Alle formats samen."))[1]).toBe("20");
  });

  it("names the date that decides 'over de deadline', in Dutch and in English", async () => {
    const year = new Date().getFullYear();
    expect(mixed).toMatch(new RegExp(`Over de deadline: deadline vóór \\d{1,2} \\p{L}+ ${year}`, "u"));
    const en = await summary(path.join(tmp.dir, "mixed"), { AFSTEM_LANG: "en" });
    expect(en).toMatch(new RegExp(`Overdue: due before .*${year}`));
    expect(total(tableAfter(en, "Open actions by organisation")).slice(1, 3)).toEqual(["15", "5"]);
  }, 120_000);
});
