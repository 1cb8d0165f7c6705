// `validate` per score, per repeat item and per parked topic (an outside review): a score from a
// party that was not there, an answer to a hidden repeat field, a repeat's item count beside an
// error in one item, a parked topic at an unknown question — each located, and report, rollup and
// summary leave out what validate says does not count, with all three rollup engines agreeing.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess, tempDir, ROOT } from "../helpers/cli.js";
import { docxHtml, docxText } from "../helpers/documents.js";

const tmp = tempDir("afstem-validate-items-");
afterAll(() => tmp.cleanup());
const FIXTURES = path.join("test", "fixtures", "validate-items");
const SESSIONS = path.join(FIXTURES, "sessions");
const env = { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache"), AFSTEM_FORMATS_PATH: path.join(ROOT, FIXTURES, "format") };
const session = (name: string) => path.join(SESSIONS, `${name}.yaml`);
const both = [session("absent-party"), session("hidden-field")];

type Finding = { line: number; col: number; severity: string; rule: string; message: string };
async function findings(name: string, lang = "nl"): Promise<{ code: number | null; rows: string[][] }> {
  const r = await runInProcess(["validate", session(name), "--json", "--lang", lang], { env });
  const all = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
  return { code: r.code, rows: all.map((f) => [`${f.line}:${f.col}`, f.severity, f.rule, f.message]) };
}

/** The rollup's long and wide files over `files`, by all three engines, which must agree byte for byte. */
async function rollup(name: string, files: string[]): Promise<Record<string, string>> {
  const outputs: Record<string, string>[] = [];
  for (const engine of ["simple", "fast", "workers"] as const) {
    const out = path.join(tmp.dir, `${name}-${engine}`);
    const r = await runInProcess(["rollup", ...files, "--out", out, "--layout", "long,wide", "--min-group", "1", "--include-text"], {
      env: { ...env, AFSTEM_ROLLUP_ENGINE: engine, AFSTEM_CACHE: "0" },
    });
    expect(r.code, r.stderr).toBe(0);
    outputs.push(Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f), "utf8")])));
  }
  expect(outputs[1]).toEqual(outputs[0]);
  expect(outputs[2]).toEqual(outputs[0]);
  return outputs[0]!;
}
type Row = Record<string, string>;
const csv = (text: string) => parseCsv(text, { columns: true, bom: true }) as Row[];

describe("per_party: only a present party's own score counts", () => {
  it("a score from a party that was not present, or from a role no participant has, is a warning at its key", async () => {
    const r = await findings("absent-party");
    expect(r.code).toBe(0); // warnings only: the file is kept as it is
    expect(r.rows).toEqual([
      [
        "12:41",
        "warning",
        "party-absent",
        "tevreden: score van 'ggd', maar die partij was niet aanwezig (present: false): de score telt niet mee",
      ],
      ["12:49", "warning", "party-absent", "tevreden: score van 'cjg', maar die rol staat niet bij de deelnemers: de score telt niet mee"],
    ]);
    expect((await findings("absent-party", "en")).rows.map((x) => x[3])).toEqual([
      "tevreden: score from 'ggd', but that party was not present (present: false): the score does not count",
      "tevreden: score from 'cjg', but no participant has that role: the score does not count",
    ]);
    expect((await findings("hidden-field")).rows.filter((x) => x[2] === "party-absent")).toEqual([]); // both there
  });

  it("the school report shows present parties' scores only", async () => {
    const out = path.join(tmp.dir, "report-party");
    const r = await runInProcess(["report", ...both, "--out", out], { env });
    expect(r.code, r.stderr).toBe(0);
    const table = async (file: string) =>
      [...(await docxHtml(path.join(out, file))).matchAll(/<table>([\s\S]*?)<\/table>/g)]
        .map((m) => m[1]!)
        .find((t) => t.includes("Gezamenlijk"))!;
    const absent = await table("2025-09-14-obs-verborgen-toets.docx");
    expect(absent).toMatch(/Gezamenlijk.*3 van 5.*Intern begeleider.*4/);
    expect(absent).not.toContain("GGD");
    expect(absent).not.toContain("Centrum voor Jeugd en Gezin");
    expect(await table("2025-09-15-obs-zichtbaar-toets.docx")).toMatch(/Intern begeleider.*4.*Centrum voor Jeugd en Gezin.*2/);
  });

  it("the regional summary counts present parties only", async () => {
    const out = path.join(tmp.dir, "summary-party");
    const r = await runInProcess(["report", ...both, "--summary", "--min-group", "1", "--out", out], { env });
    expect(r.code, r.stderr).toBe(0);
    const text = await docxText(path.join(out, readdirSync(out)[0]!));
    // ib 4 and 4; cjg only from the session where it was there; ggd not at all.
    expect(text).toContain(
      "Eigen score per partij (gemiddeld): School 4,0 (n = 2) · CJG 2,0 (n = 1). Gemiddeld verschil tussen de hoogste en laagste partijscore: 2,0 (n = 1).",
    );
    expect(text).not.toMatch(/GGD \d/);
  });

  it("rollup long and wide (all three engines alike) have present parties' scores only", async () => {
    const files = await rollup("party", both);
    const long = csv(files["toets-long.csv"]!).filter((x) => x.question_id === "tevreden");
    const roles = (id: string) => long.filter((x) => x.session_id === id).map((x) => [x.role, x.value_code]);
    expect(roles("absent-party")).toEqual([
      ["", "3"],
      ["ib", "4"],
    ]);
    expect(roles("hidden-field")).toEqual([
      ["", "4"],
      ["ib", "4"],
      ["cjg", "2"],
    ]);
    const wide = csv(files["toets-wide.csv"]!).find((x) => x.session_id === "absent-party")!;
    expect(wide).toMatchObject({ tevreden: "3", "tevreden.ib": "4", "tevreden.ggd": "", "tevreden.cjg": "" });
  });
});

describe("repeat fields: a condition per item", () => {
  it("an answer to a field whose condition does not hold for its item is a warning at the field's line", async () => {
    const r = await findings("hidden-field");
    expect(r.code).toBe(0);
    // Item 1 has prioriteit 3 (its toelichting is asked); item 2 has prioriteit 2.
    expect(r.rows).toEqual([
      [
        "17:7",
        "warning",
        "answer-hidden",
        "knelpunt_lijst, item 2: 'toelichting' is beantwoord, maar de voorwaarde ervan geldt niet voor dit item: het antwoord telt niet mee",
      ],
    ]);
    expect((await findings("hidden-field", "en")).rows[0]![3]).toBe(
      "knelpunt_lijst, item 2: 'toelichting' is answered, but its condition does not hold for this item: the answer does not count",
    );
  });

  it("the report and the rollup (all engines) leave that answer out, and keep the one whose condition holds", async () => {
    const out = path.join(tmp.dir, "report-hidden");
    const r = await runInProcess(["report", session("hidden-field"), "--out", out], { env });
    expect(r.code, r.stderr).toBe(0);
    const text = await docxText(path.join(out, "2025-09-15-obs-zichtbaar-toets.docx"));
    expect(text).toContain("ZICHTBARE-TOELICHTING");
    expect(text).not.toContain("VERBORGEN-TOELICHTING");
    const all = Object.values(await rollup("hidden", [session("hidden-field")])).join("\n");
    expect(all).toContain("ZICHTBARE-TOELICHTING");
    expect(all).not.toContain("VERBORGEN-TOELICHTING");
  });
});

describe("every finding of a list answer", () => {
  it("a repeat's item count and its other fields' rules beside an error in one item; a multichoice's count beside an unknown code", async () => {
    const r = await findings("max-items");
    expect(r.code).toBe(1);
    expect(r.rows).toEqual([
      ["9:5", "error", "answer-validate", "knelpunt_lijst: hoogstens 3 items"],
      ["9:34", "error", "answer-option", "knelpunt_lijst: 'politie' is geen optie; kies uit: cjg, ggd"],
      ["10:22", "error", "answer-validate", "knelpunt_lijst: hoogstens 30 tekens"],
      ["13:10", "error", "answer-validate", "sterk: Kies een of twee."],
      ["13:30", "error", "answer-option", "sterk: 'snelheid' is geen optie; kies uit: lijnen, gezichten, 3"],
    ]);
  });
});

describe("parked topics", () => {
  it("one at an unknown question is a warning, like a note or an action; the participants step is known", async () => {
    const r = await findings("parked-unknown");
    expect(r.code).toBe(0);
    expect(r.rows).toEqual([["13:15", "warning", "unknown-question", "geparkeerd onderwerp verwijst naar onbekende vraag 'nergens'"]]);
    expect((await findings("parked-unknown", "en")).rows[0]![3]).toBe("parked topic refers to unknown question 'nergens'");
  });
});
