// --previous: a figure whose rounded value did not change still shows its trend ("4,0 → 4,0"),
// so that a figure without an arrow means only "no comparable figure last round".
import { afterAll, expect, it } from "vitest";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { REGENBOOG, docxText, readExample, writeSession } from "../helpers/documents.js";

const tmp = tempDir("afstem-summary-trend-");
afterAll(() => tmp.cleanup());

function round(dir: string, scores: number[], tag: string): string {
  mkdirSync(dir, { recursive: true });
  scores.forEach((score, i) => {
    const s = readExample(REGENBOOG);
    s.meta.school = `School ${tag} ${i}`;
    s.meta.brin = `${10 + i}${tag}00`;
    s.answers.tevredenheid_samenwerking = score;
    writeSession(dir, `${tag}${i}.yaml`, s);
  });
  return dir;
}

it("an unchanged rounded figure prints its arrow: 3,6 → 3,6 (3,6 → 3,62)", async () => {
  const prev = round(path.join(tmp.dir, "prev"), [3, 3, 4, 4, 4], "AA"); // 3,6
  const cur = round(path.join(tmp.dir, "cur"), [3, 3, 4, 4, 4, 3, 4, 4], "BB"); // 3,625 → "3,6"
  const out = path.join(tmp.dir, "out");
  const r = await runInProcess(["report", cur, "--previous", prev, "--out", out, "--summary"], { timeout: 120_000 });
  expect(r.code, r.stderr).toBe(0);
  const text = await docxText(path.join(out, readdirSync(out).find((f) => f.endsWith(".docx"))!));
  const line = text.split("\n").find((l) => l.includes(" — Hoe tevreden zijn jullie over de samenwerking"));
  expect(line).toMatch(/^3,6 → 3,6 — .*\(n = 8\)$/);
}, 120_000);

it("the key points' knelpunten and each party's own score show last round beside this one", async () => {
  // Last round: every school one knelpunt at the gemeente, parties' scores ib 2, cjg 3; now the
  // example's three (gemeente 1, cjg 2) and ib 4, cjg 5.
  const make = (dir: string, tag: string, last: boolean) => {
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 5; i++) {
      const s = readExample(REGENBOOG);
      s.meta.school = `School ${tag} ${i}`;
      s.meta.brin = `${10 + i}${tag}00`;
      if (last) s.answers.knelpunten_overzicht = s.answers.knelpunten_overzicht.slice(0, 1);
      s.answers.tevredenheid_samenwerking = { joint: 4, parties: last ? { ib: 2, cjg: 3 } : { ib: 4, cjg: 5 } };
      writeSession(dir, `${tag}${i}.yaml`, s);
    }
    return dir;
  };
  const prev = make(path.join(tmp.dir, "kp-prev"), "CC", true);
  const cur = make(path.join(tmp.dir, "kp-cur"), "DD", false);
  const out = path.join(tmp.dir, "kp-out");
  const r = await runInProcess(["report", cur, "--previous", prev, "--out", out, "--summary"], { timeout: 120_000 });
  expect(r.code, r.stderr).toBe(0);
  const text = await docxText(path.join(out, readdirSync(out).find((f) => f.endsWith(".docx"))!));
  // Gemeente: 5 knelpunten in 5 conversations, 5 of them high, as last round.
  expect(text).toMatch(/\nGemeente\n+5 → 5\n+5 → 5\n+5 → 5\n/);
  // CJG named now only: no figure last round to compare with.
  expect(text).toMatch(/\nCJG\n+10\n+5\n+5\n/);
  expect(text).toMatch(/Eigen score per partij \(gemiddeld\): [^\n]*CJG 3,0 → 5,0 \(n = 5\)/);
}, 120_000);
