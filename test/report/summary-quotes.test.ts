// A quote written the same in several conversations is quoted once; it carries a school type only
// when every one of them is of that type (it was the type of the first session read).
import { afterAll, expect, it } from "vitest";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { REGENBOOG, docxText, readExample, writeSession } from "../helpers/documents.js";

const tmp = tempDir("afstem-summary-quotes-");
afterAll(() => tmp.cleanup());

it("a text five PO and five VO schools wrote is quoted without a school type; one only VO schools wrote says (VO)", async () => {
  const dir = path.join(tmp.dir, "in");
  mkdirSync(dir);
  for (let i = 0; i < 10; i++) {
    const s = readExample(REGENBOOG);
    s.meta.school = `School ${i}`;
    s.meta.brin = `${10 + i}AB00`;
    s.meta.schooltype = i % 2 ? "PO" : "VO";
    s.meta.datum = `2026-09-1${i}`;
    if (i % 2 === 0) s.answers.boodschap_regiegroep = "Alleen het voortgezet onderwijs zegt dit.";
    writeSession(dir, `s${i}.yaml`, s);
  }
  const out = path.join(tmp.dir, "out");
  const r = await runInProcess(["report", dir, "--out", out, "--summary"], { timeout: 120_000 });
  expect(r.code, r.stderr).toBe(0);
  const text = await docxText(path.join(out, readdirSync(out)[0]!));
  const quotes = text.split("\n").filter((l) => l.startsWith("“"));
  const mixed = quotes.filter((l) => l.includes("De lijnen zijn kort"));
  expect(mixed.length).toBeGreaterThan(0);
  for (const l of mixed) expect(l).toMatch(/”$/);
  expect(quotes).toContain("“Alleen het voortgezet onderwijs zegt dit.” (VO)");
}, 120_000);
