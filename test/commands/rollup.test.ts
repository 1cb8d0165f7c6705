// afstem rollup end to end over the fixture corpus (test/fixtures/rollup, known figures in
// make-corpus.py): every layout read back with csv-parse, --excel byte for byte, the formula
// guard, suppression, the v1+v2 merge, privacy, drafts, skipped files and exit codes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { runCli, runInProcess, tempDir, ROOT } from "../helpers/cli.js";
import { REGENBOOG, readExample, writeSession } from "../helpers/documents.js";

const FIX = path.join(ROOT, "test/fixtures/rollup");
const CORPUS = path.join(FIX, "corpus");
type Row = Record<string, string>;

const tmp = tempDir("afstem-rollup-");
afterAll(() => tmp.cleanup());

async function rollup(name: string, args: string[]) {
  const out = path.join(tmp.dir, name);
  const r = await runInProcess(["rollup", ...args, "--out", out]);
  const read = (file: string, excel = false): Row[] =>
    parse(readFileSync(path.join(out, file)), {
      columns: true,
      bom: true,
      delimiter: excel ? ";" : ",",
      record_delimiter: excel ? "\r\n" : "\n",
    }) as Row[];
  return { ...r, out, read };
}

describe("rollup over the fixture corpus (by gemeente, with text)", () => {
  let run: Awaited<ReturnType<typeof rollup>>;
  beforeAll(async () => {
    run = await rollup("gemeente", [CORPUS, "--by", "gemeente", "--include-text"]);
  });

  it("writes the five files and a closing line with the counts", async () => {
    expect(run.code).toBe(0);
    expect(readdirSync(run.out).sort()).toEqual([
      "kernteam-actions.csv",
      "kernteam-codebook.csv",
      "kernteam-long.csv",
      "kernteam-summary.csv",
      "kernteam-wide.csv",
    ]);
    expect(run.stdout).toContain("9 vastgestelde gesprek(ken) meegenomen, 1 concept(en) niet meegenomen");
  });

  it("summary: known figures for velsen (5 sessions, one of them v1)", async () => {
    const rows = run.read("kernteam-summary.csv").filter((r) => r.group === "velsen");
    const pick = (q: string, code = "", field = "") => rows.find((r) => r.question_id === q && r.option_code === code && r.field === field);
    expect(pick("tevredenheid_samenwerking")).toMatchObject({
      group_by: "gemeente",
      group_label: "Velsen",
      sessions: "5",
      type: "scale",
      n: "5",
      mean: "3.6",
      median: "4",
      min: "2",
      max: "5",
    });
    expect(pick("vast_overleg", "1")).toMatchObject({ option_label: "ja", n: "5", count: "4", percent: "80" });
    expect(pick("vast_overleg", "0")).toMatchObject({ option_label: "nee", n: "5", count: "1", percent: "20" });
    // A question answered by fewer than 5 of the group's sessions is a small cell: "<5" throughout.
    expect(pick("overleg_frequentie", "wekelijks")).toMatchObject({ n: "<5", count: "<5", percent: "<5" });
    expect(pick("aantal_consultaties")).toMatchObject({ n: "<5", mean: "<5", median: "<5", min: "<5", max: "<5" });
    expect(pick("werkplaats_nu", "deels")).toMatchObject({ n: "5", count: "2", percent: "40" });
    expect(pick("hulp_op_school", "smw")).toMatchObject({ n: "<5", count: "<5", percent: "<5" });
    // With --min-group 1 the same cells are published, with the known figures.
    const all = (await rollup("gemeente-k1", [CORPUS, "--by", "gemeente", "--min-group", "1", "--layout", "summary"]))
      .read("kernteam-summary.csv")
      .filter((r) => r.group === "velsen");
    const pick1 = (q: string, code = "", field = "") => all.find((r) => r.question_id === q && r.option_code === code && r.field === field);
    // the hidden answer (vast_overleg false, frequentie wekelijks) does not count
    expect(pick1("overleg_frequentie", "wekelijks")).toMatchObject({ n: "4", count: "0", percent: "0" });
    expect(pick1("overleg_frequentie", "maandelijks")).toMatchObject({ n: "4", count: "3", percent: "75" });
    expect(pick1("aantal_consultaties")).toMatchObject({ n: "3", mean: "20", median: "20", min: "10", max: "30" });
    expect(pick1("knelpunten_overzicht")).toMatchObject({ type: "repeat", n: "1", mean: "2", median: "2" });
    expect(pick1("knelpunten_overzicht", "cjg", "partner")).toMatchObject({ n: "2", count: "1", percent: "50" });
    expect(pick1("hulp_op_school", "smw")).toMatchObject({ n: "3", count: "2", percent: "66.7" });
    expect(pick("casus_illustratie")).toBeUndefined(); // persoonlijk
  });

  it("summary: a gemeente with 4 sessions is suppressed, one with 5 is not, and the run says so", async () => {
    const rows = run.read("kernteam-summary.csv");
    const heemskerk = rows.filter((r) => r.group === "heemskerk");
    expect(heemskerk.length).toBeGreaterThan(0);
    for (const r of heemskerk) {
      expect(r.sessions).toBe("<5");
      for (const k of ["n", "count", "percent", "mean", "median", "min", "max"] as const) expect(["", "<5"]).toContain(r[k]);
      expect(r.n).toBe("<5");
    }
    expect(rows.find((r) => r.group === "velsen")!.sessions).toBe("5");
    expect(run.stdout).toMatch(/onderdrukt in summary \(minder dan 5 gesprekken\): gemeente=heemskerk\n/);
    expect(run.stdout).not.toMatch(/onderdrukt.*velsen/);
  });

  it("long: the rows of one session, exactly", async () => {
    const rows = run.read("kernteam-long.csv").filter((r) => r.session_id === "2026-10-01-velsen-a-kernteam");
    const brief = rows.map((r) => [r.section, r.question_id, r.type, r.item, r.field, r.value_code, r.value_label]);
    expect(brief).toEqual([
      ["goed", "tevredenheid_samenwerking", "scale", "", "", "3", ""],
      ["goed", "wat_gaat_goed", "longtext", "", "", "", '\'=HYPERLINK("http://x","y")'],
      ["goed", "sterke_punten", "multichoice", "", "", "korte-lijnen", "Korte lijnen en snel schakelen"],
      ["goed", "sterke_punten", "multichoice", "", "", "signalering", "Vroegtijdige signalering"],
      ["beter", "wat_kan_beter", "longtext", "", "", "", "Het overleg met [naam] loopt stroef, zegt iedereen."],
      ["beter", "verbeterpunten_prioriteit", "list", "1", "", "", "'+1"],
      ["beter", "verbeterpunten_prioriteit", "list", "2", "", "", "'-2+3"],
      ["beter", "verbeterpunten_prioriteit", "list", "3", "", "", "'@SUM(A1)"],
      ["behoeften", "vast_overleg", "yesno", "", "", "1", "ja"],
      ["behoeften", "overleg_frequentie", "choice", "", "", "maandelijks", "Maandelijks"],
      ["behoeften", "aantal_consultaties", "number", "", "", "10", ""],
      ["knelpunten", "knelpunten_overzicht", "choice", "1", "partner", "cjg", "CJG"],
      ["knelpunten", "knelpunten_overzicht", "choice", "1", "prioriteit", "hoog", "Hoog"],
      ["knelpunten", "knelpunten_overzicht", "choice", "2", "partner", "gemeente", "Gemeente"],
      ["knelpunten", "knelpunten_overzicht", "choice", "2", "prioriteit", "midden", "Midden"],
      ["werkplaats", "werkplaats_nu", "choice", "", "", "deels", "Deels werkplaats (soms hulp op school)"],
      ["werkplaats", "hulp_op_school", "multichoice", "", "", "smw", "Schoolmaatschappelijk werk"],
      ["afspraken", "gemaakte_afspraken", "list", "1", "", "", "Volgend jaar weer een afstemmingsgesprek."],
      ["afspraken", "volgend_gesprek", "date", "", "", "2027-09-01", ""],
    ]);
    expect(rows[0]).toMatchObject({
      format: "kernteam",
      format_version: "2",
      status: "final",
      school: '\'=HYPERLINK("http://x","y")',
      gemeente: "velsen",
      regio: "ijmond",
      schooltype: "PO",
      datum: "2026-10-01",
      question: "Hoe tevreden zijn jullie over de samenwerking tussen school en kernteam in het afgelopen schooljaar?",
    });
  });

  it("wide: one row per session, 0/1 per option, repeats flattened, v1 merged into the v2 column", async () => {
    const rows = run.read("kernteam-wide.csv");
    expect(rows.map((r) => r.session_id)).toEqual(
      readdirSync(CORPUS)
        .filter((f) => !f.includes("concept"))
        .map((f) => f.replace(".yaml", "")),
    );
    const old = rows.find((r) => r.session_id === "2025-10-01-velsen-oud-kernteam")!;
    expect(old).toMatchObject({
      format_version: "1",
      tevredenheid_samenwerking: "2",
      "sterke_punten.korte-lijnen": "1",
      "sterke_punten.signalering": "0",
      vast_overleg: "1",
      overleg_frequentie: "maandelijks",
      aantal_consultaties: "",
    });
    expect(Object.keys(old)).not.toContain("tevredenheid");
    const a = rows.find((r) => r.session_id === "2026-10-01-velsen-a-kernteam")!;
    expect(a).toMatchObject({
      "knelpunten_overzicht[1].partner": "cjg",
      "knelpunten_overzicht[2].prioriteit": "midden",
      "hulp_op_school.smw": "1",
      "hulp_op_school.groepstraining": "0",
      verbeterpunten_prioriteit: "'+1\n-2+3\n@SUM(A1)",
      wat_gaat_goed: '\'=HYPERLINK("http://x","y")',
    });
    expect(Object.keys(a)).not.toContain("knelpunten_overzicht[1].omschrijving"); // intern free text
    expect(Object.keys(a)).not.toContain("casus_illustratie"); // persoonlijk
    const b = rows.find((r) => r.session_id === "2026-10-02-velsen-b-kernteam")!;
    expect(b).toMatchObject({ vast_overleg: "0", overleg_frequentie: "", "hulp_op_school.smw": "" });
  });

  it("actions: owner role, never the owner's name; an action at a persoonlijk question keeps no words", async () => {
    const rows = run.read("kernteam-actions.csv");
    expect(rows).toEqual([
      expect.objectContaining({
        session_id: "2026-10-01-velsen-a-kernteam",
        action: "1",
        what: "'-2+3 afspraken vastleggen met [naam]",
        owner_role: "cjg",
        organisation: "CJG",
        due: "2026-11-01",
        section: "beter",
        question_id: "wat_kan_beter",
        question: "Wat kan er beter in de samenwerking?",
      }),
      expect.objectContaining({
        session_id: "2026-10-01-velsen-a-kernteam",
        action: "2",
        what: "",
        owner_role: "ib",
        due: "2026-10-15",
        question_id: "casus_illustratie",
      }),
    ]);
    expect(Object.keys(rows[0]!)).not.toContain("who");
  });

  it("codebook: columns, options, privacy and the versions each question exists in", async () => {
    const rows = run.read("kernteam-codebook.csv");
    expect(rows.find((r) => r.question_id === "tevredenheid_samenwerking")).toEqual({
      column: "tevredenheid_samenwerking",
      question_id: "tevredenheid_samenwerking",
      field: "",
      section: "goed",
      question: "Hoe tevreden zijn jullie over de samenwerking tussen school en kernteam in het afgelopen schooljaar?",
      type: "scale",
      privacy: "open",
      option_code: "",
      option_label: "",
      min: "1",
      max: "5",
      versions: "v1 v2",
      was: "tevredenheid",
    });
    expect(rows.find((r) => r.question_id === "aantal_consultaties")).toMatchObject({ versions: "v2", was: "" });
    expect(rows.find((r) => r.question_id === "sterke_punten" && r.option_code === "ouders")).toMatchObject({
      column: "sterke_punten.ouders",
      option_label: "Gezamenlijke aanpak richting ouders",
    });
    expect(rows.find((r) => r.question_id === "casus_illustratie")).toMatchObject({ column: "", privacy: "persoonlijk" });
    expect(rows.find((r) => r.question_id === "knelpunten_overzicht" && r.field === "partner" && r.option_code === "cjg")).toMatchObject({
      column: "knelpunten_overzicht[n].partner",
      privacy: "intern",
    });
  });

  it("privacy: no persoonlijk text, intern text or participant name in any file", async () => {
    const all = readdirSync(run.out)
      .map((f) => readFileSync(path.join(run.out, f), "utf8"))
      .join("\n");
    for (const secret of [
      "PERSOONLIJK-CASUS-TEKST",
      "PERSOONLIJK-ACTIE-TEKST",
      "INTERN-OORZAAK-TEKST",
      "INTERN-KNELPUNT-TEKST",
      "Priscilla",
      "Vandersteen",
      "Anna Zorgvlied",
      "Bram Kustlicht",
      "Cor Duinroos",
      "Dirk Wadzee",
    ]) {
      expect(all, secret).not.toContain(secret);
    }
  });
});

describe("rollup defaults", () => {
  it("without --include-text no free text, by regio; drafts only with --include-drafts", async () => {
    const run = await rollup("default", [CORPUS]);
    expect(run.code).toBe(0);
    const long = run.read("kernteam-long.csv");
    expect(long.some((r) => ["text", "longtext", "list"].includes(r.type!))).toBe(false);
    expect(Object.keys(run.read("kernteam-wide.csv")[0]!)).not.toContain("wat_gaat_goed");
    const summary = run.read("kernteam-summary.csv");
    expect(new Set(summary.map((r) => r.group))).toEqual(new Set(["ijmond"]));
    expect(summary.find((r) => r.question_id === "tevredenheid_samenwerking")).toMatchObject({
      sessions: "9",
      n: "9",
      mean: "3.11",
      median: "3",
      min: "1",
      max: "5",
    });
    expect(summary.find((r) => r.question_id === "wat_gaat_goed")).toMatchObject({ n: "9", count: "" });
    expect(long.some((r) => r.status === "draft")).toBe(false);

    const drafts = await rollup("drafts", [CORPUS, "--include-drafts", "--layout", "long"]);
    expect(drafts.stdout).toContain("9 vastgestelde gesprek(ken) meegenomen, 1 concept(en) meegenomen");
    expect(drafts.read("kernteam-long.csv").some((r) => r.status === "draft")).toBe(true);
    expect(readdirSync(drafts.out).sort()).toEqual(["kernteam-codebook.csv", "kernteam-long.csv"]);
  });

  it("--excel: BOM, semicolons, decimal comma, CRLF, byte for byte", async () => {
    const run = await rollup("excel", [CORPUS, "--by", "gemeente", "--excel", "--layout", "summary"]);
    const buf = readFileSync(path.join(run.out, "kernteam-summary.csv"));
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString("utf8").slice(1);
    expect(
      text.startsWith(
        "group_by;group;group_label;sessions;section;question_id;field;question;type;option_code;option_label;n;count;percent;mean;median;min;max\r\n",
      ),
    ).toBe(true);
    expect(text).toContain(
      "\r\ngemeente;velsen;Velsen;5;goed;tevredenheid_samenwerking;;Hoe tevreden zijn jullie over de samenwerking tussen school en kernteam in het afgelopen schooljaar?;scale;;;5;;;3,6;4;2;5\r\n",
    );
    expect(text).toContain(
      "\r\ngemeente;velsen;Velsen;5;werkplaats;hulp_op_school;;Welke hulp wordt nu al op school geboden?;multichoice;smw;Schoolmaatschappelijk werk;<5;<5;<5;;;;\r\n",
    ); // answered by 3 of Velsen's 5: a small cell
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("--split writes one set per value of --by", async () => {
    const run = await rollup("split", [CORPUS, "--by", "gemeente", "--split", "--layout", "wide"]);
    expect(run.code).toBe(0);
    expect(readdirSync(run.out).sort()).toEqual(["gemeente-heemskerk", "gemeente-velsen"]);
    expect(run.read("gemeente-velsen/kernteam-wide.csv")).toHaveLength(5);
    expect(run.read("gemeente-heemskerk/kernteam-wide.csv")).toHaveLength(4);
  });

  it("invalid files are listed path:line:col and skipped with exit 1", async () => {
    const run = await rollup("invalid", [FIX]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/invalid\/2026-10-05-ongeldig-kernteam\.yaml:\d+:\d+ {2}error {2}.+ {2}\(answer-type\)/);
    expect(run.stderr).toMatch(/invalid\/2026-10-06-kapot-kernteam\.yaml:2:\d+ {2}error {2}.+ {2}\(yaml-syntax\)/);
    expect(run.stdout).toContain("2 bestand(en) overgeslagen");
    expect(run.read("kernteam-wide.csv")).toHaveLength(9);
  });

  it("usage errors exit 2", async () => {
    expect((await rollup("u1", [CORPUS, "--layout", "long,breed"])).code).toBe(2);
    expect((await rollup("u2", [CORPUS, "--min-group", "0"])).code).toBe(2);
    expect((await rollup("u3", [CORPUS, "--by", "leerling"])).code).toBe(2);
    expect((await rollup("u4", [path.join(FIX, "bestaat-niet")])).code).toBe(2);
    const notADir = await runInProcess(["rollup", CORPUS, "--out", path.join(FIX, "make-corpus.py")]);
    expect(notADir.code).toBe(2);
    expect(notADir.stderr).toContain("make-corpus.py is een bestand, geen map");
  });

  // Spawned: the smoke test of `rollup` runs the real bin/afstem.js.
  it("npx afstem rollup examples --out out/ writes every file", () => {
    const out = path.join(tmp.dir, "examples");
    const run = runCli(["rollup", "examples", "--out", out]);
    expect(run.code).toBe(0);
    for (const f of ["kernteam", "kernteam-buch"]) {
      for (const l of ["long", "wide", "summary", "actions", "codebook"])
        expect(existsSync(path.join(out, `${f}-${l}.csv`)), `${f}-${l}`).toBe(true);
    }
  });
});

describe("a group without a value", () => {
  it("is named the same on stdout and in the summary CSV: (onbekend)", async () => {
    const input = path.join(tmp.dir, "no-gemeente");
    mkdirSync(input);
    const s = readExample(REGENBOOG);
    delete s.meta.gemeente;
    writeSession(input, "2026-09-15-obs-de-regenboog-kernteam.yaml", s);
    const r = await rollup("no-gemeente-out", [input, "--by", "gemeente"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/onderdrukt in summary \(minder dan 5 gesprekken\): gemeente=\(onbekend\)\n/);
    expect(new Set(r.read("kernteam-summary.csv").map((row) => row.group_label))).toEqual(new Set(["(onbekend)"]));
  });
});

describe("--split folder names", () => {
  it("a value with nothing to keep ('..') gets its own name; a real 'onbekend' keeps school-onbekend", async () => {
    const input = path.join(tmp.dir, "split-odd");
    mkdirSync(input);
    [
      ["..", "11AA"],
      ["onbekend", "22BB"],
      ["*?:", "33CC"],
    ].forEach(([school, brin], i) => {
      const s = readExample(REGENBOOG);
      s.meta.school = school;
      s.meta.brin = brin;
      writeSession(input, `s${i}.yaml`, s);
    });
    const r = await rollup("split-odd-out", [input, "--split", "--by", "school"]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(r.out).sort()).toEqual(["school-_tekens", "school-_tekens-2", "school-onbekend"]);
  });
});
