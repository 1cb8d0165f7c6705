// Issue 7, hostile session files through the batch commands: `report` and `rollup` each run ONCE
// over the whole corpus (test/hostile/cases.ts). Every bad file is skipped with exactly one
// located line, the good ones (odd encodings, odd names, hostile text) come out safely, exit 1.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { docxPart, docxText } from "../helpers/documents.js";
import {
  CASES,
  LONG_ANSWER,
  buildCorpus,
  errorLines,
  noCrash,
  outputStem,
  runInProcessAsync,
  type Accepted,
  type AsyncResult,
  type Refused,
} from "./cases.js";

const tmp = tempDir("afstem-hostile-batch-");
afterAll(() => tmp.cleanup());
const env = { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache") };
const REFUSED = CASES.filter((c): c is Refused => c.kind === "refused");
const ACCEPTED = CASES.filter((c): c is Accepted => c.kind === "accepted");
const rel = (file: string) => `gesprekken/${file}`;

let report: AsyncResult;
let rollup: AsyncResult;
let workers: AsyncResult;
const REPORT_OUT = "verslagen – één map";
const ROLLUP_OUT = "rollup – één map";

beforeAll(async () => {
  buildCorpus(tmp.dir);
  const opts = { cwd: tmp.dir, env };
  [report, rollup] = await Promise.all([
    runInProcessAsync(["report", "gesprekken", "--out", REPORT_OUT], opts),
    runInProcessAsync(["rollup", "gesprekken", "--out", ROLLUP_OUT, "--include-drafts", "--include-text"], opts),
  ]);
  // The worker-thread engine (used from 200 files on) must say the same things.
  workers = await runInProcessAsync(["rollup", "gesprekken", "--out", "rollup-workers", "--include-drafts", "--include-text"], {
    ...opts,
    env: { ...env, AFSTEM_ROLLUP_ENGINE: "workers" },
  });
}, 120_000);

/** Each refused file: exactly one located line, as in the table; accepted files: none. */
function checkSkipped(r: AsyncResult) {
  noCrash(r);
  expect(r.code).toBe(1);
  const lines = errorLines(`${r.stdout}\n${r.stderr}`);
  for (const c of REFUSED) {
    const mine = lines.filter((l) => l.file === rel(c.file));
    expect(mine, c.file).toHaveLength(1);
    expect(`${mine[0]!.at} ${mine[0]!.rule}`, c.file).toBe(`${c.at} ${c.rule}`);
    expect(mine[0]!.message, c.file).toContain(c.msg);
  }
  expect(new Set(lines.map((l) => l.file))).toEqual(new Set(REFUSED.map((c) => rel(c.file))));
  expect(r.ms).toBeLessThan(30_000);
}

describe(`report over ${CASES.length} hostile files in one run`, () => {
  it("skips every bad file with one located line, exit 1, no stack trace", () => {
    checkSkipped(report);
    expect(report.stderr).toContain(`${ACCEPTED.length} verslagen geschreven, ${REFUSED.length} overgeslagen (fouten)`);
  });

  it("writes one document per good file, all directly inside --out (names from '../../x', 'CON', 'a/b', '*?')", () => {
    const out = path.join(tmp.dir, REPORT_OUT);
    expect(readdirSync(out).sort()).toEqual(ACCEPTED.map((c) => `${outputStem(c)}.docx`).sort());
    expect(readdirSync(out)).toContain("2026-09-29-con--kernteam.docx");
    // Nothing escaped: the temp dir holds only what the test made and the two --out folders.
    expect(existsSync(path.join(tmp.dir, "x"))).toBe(false);
    expect(existsSync(path.join(tmp.dir, "..", "x"))).toBe(false);
  });

  it.each(ACCEPTED.map((c) => [c.file, c] as const))("%s: the document opens and holds valid XML only", async (_f, c) => {
    const file = path.join(tmp.dir, REPORT_OUT, `${outputStem(c)}.docx`);
    const text = await docxText(file);
    expect(text).toContain(c.school);
    const xml = await docxPart(file, /^word\/document\.xml$/);
    // Characters XML 1.0 forbids (Word refuses the file) and broken UTF-8 never reach the package.
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ufffd]/);
  });

  it("hostile text is kept as text: formulas, bidi marks, 100 000 characters", async () => {
    const text = await docxText(
      path.join(tmp.dir, REPORT_OUT, `${outputStem(ACCEPTED.find((c) => c.file === "session-hostile-text.yaml")!)}.docx`),
    );
    expect(text).toContain("+cmd|' /C calc'!A0");
    expect(text).toContain("@SUM(A1:A9)");
    expect(text).toContain("Van rechts naar links: \u202Egnirts\u202C en een teken \u200F hier.");
    expect(text).toContain("Losse surrogaten  en  midden in een zin"); // lone surrogates dropped
    expect(text).toContain("Besturingstekens [31m rood[0m"); // control characters dropped
    const long = await docxText(
      path.join(tmp.dir, REPORT_OUT, `${outputStem(ACCEPTED.find((c) => c.file === "lang-antwoord.yaml")!)}.docx`),
    );
    expect(long).toContain(LONG_ANSWER);
  });
});

describe(`rollup over ${CASES.length} hostile files in one run`, () => {
  it("skips every bad file with one located line, exit 1, no stack trace", () => {
    checkSkipped(rollup);
    expect(rollup.stdout).toContain(`${ACCEPTED.length} concept(en) meegenomen, ${REFUSED.length} bestand(en) overgeslagen`);
  });

  it("the worker-thread engine reports the same lines", () => {
    checkSkipped(workers);
    expect(errorLines(workers.stderr)).toEqual(errorLines(rollup.stderr));
  });

  const csv = (name: string): Record<string, string>[] =>
    parse(readFileSync(path.join(tmp.dir, ROLLUP_OUT, name), "utf8"), { columns: true, bom: true });

  it("every good file is in the rollup under its file name (spaces and accents too)", () => {
    const ids = new Set(csv("kernteam-wide.csv").map((r) => r.session_id));
    for (const c of ACCEPTED) expect(ids, c.file).toContain(path.basename(c.file, ".yaml"));
    expect(ids).toContain("gesprek ÿ école");
    expect(ids.size).toBe(ACCEPTED.length);
  });

  it("no cell of any CSV starts like a formula (the guard); the text is otherwise unchanged", () => {
    for (const f of readdirSync(path.join(tmp.dir, ROLLUP_OUT))) {
      for (const row of parse(readFileSync(path.join(tmp.dir, ROLLUP_OUT, f), "utf8"), { bom: true }) as string[][]) {
        for (const cell of row) {
          expect(cell, `${f}: ${cell.slice(0, 40)}`).not.toMatch(/^[=+@\t\r]/);
          if (cell.startsWith("-")) expect(cell, f).toMatch(/^-\d+([.,]\d+)?$/);
        }
      }
    }
    const rows = csv("kernteam-long.csv").filter((r) => r.session_id === "session-hostile-text");
    const value = (q: string) => rows.filter((r) => r.question_id === q).map((r) => r.value_label);
    expect(rows[0]!.school).toBe(`'=HYPERLINK("http://example.invalid","klik")`);
    expect(value("verwachtingen_school")).toEqual([`'=HYPERLINK("http://example.invalid","klik")`]);
    expect(value("verwachtingen_partners")).toEqual(["'+cmd|' /C calc'!A0"]);
    expect(value("overleg_gewenst")).toEqual(["'@SUM(A1:A9)"]);
    expect(value("verbeterpunten_prioriteit")).toEqual(["../../x", "CON", "'-2+3"]);
    expect(value("wat_gaat_goed")).toEqual(["Besturingstekens \x01\x07\x1b[31m rood\x1b[0m \x7f en een tab\tin de tekst."]);
    // UTF-8 cannot carry a lone surrogate: it becomes U+FFFD, the rest of the text stays.
    expect(value("wat_kan_beter")).toEqual(["Losse surrogaten \uFFFD en \uFFFD midden in een zin die lang genoeg is."]);
    expect(value("visie_toelichting")).toEqual(["Van rechts naar links: \u202Egnirts\u202C en een teken \u200F hier."]);
    const long = csv("kernteam-long.csv").find((r) => r.session_id === "lang-antwoord" && r.question_id === "overleg_gewenst");
    expect(long!.value_label).toBe(LONG_ANSWER);
  });
});

describe("paths that are not session files", () => {
  it.each([["report"], ["rollup"]])("%s: a missing path is a usage error (exit 2), nothing written", async (cmd) => {
    const r = await runInProcessAsync([cmd, "gesprekken/weg.yaml", "--out", `uit-${cmd}`], { cwd: tmp.dir, env });
    noCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("afstem: gesprekken/weg.yaml: bestand niet gevonden\n  Controleer het pad.\n");
    expect(existsSync(path.join(tmp.dir, `uit-${cmd}`))).toBe(false);
  });

  it.each([["report"], ["rollup"], ["validate"]])(
    "%s: a folder named like a file (map.yaml) is searched, holds nothing: exit 2, said, no --out made",
    async (cmd) => {
      const args = cmd === "validate" ? [cmd, "gesprekken/map.yaml"] : [cmd, "gesprekken/map.yaml", "--out", `leeg-${cmd}`];
      const r = await runInProcessAsync(args, { cwd: tmp.dir, env });
      noCrash(r);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("geen sessiebestanden (.yaml of .yml) gevonden in gesprekken/map.yaml");
      expect(existsSync(path.join(tmp.dir, `leeg-${cmd}`))).toBe(false);
    },
  );
});
