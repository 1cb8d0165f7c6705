// The gate seen from outside: the real CLI over session files as a coordinator has them —
// backups, conflict copies, a period, an item the school did not release.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { EXAMPLES, REGENBOOG, docxText, readExample, writeSession } from "../helpers/documents.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir("afstem-gate-")));
afterEach(() => cleanup());

/** The examples, a stale copy in backup/, a conflict copy, and a school that kept one good practice to itself. */
function corpus(): string {
  const input = path.join(dir, "in");
  mkdirSync(path.join(input, "backup"), { recursive: true });
  for (const f of readdirSync(EXAMPLES)) copyFileSync(path.join(EXAMPLES, f), path.join(input, f));
  const old = readExample(REGENBOOG);
  old.updated = "2026-09-15T09:30:00+02:00"; // saved before the real one
  old.answers.boodschap_regiegroep = "OUDE VERSIE uit de backup";
  writeSession(path.join(input, "backup"), "2026-09-15-obs-de-regenboog-kernteam.yaml", old);
  writeSession(input, "2026-09-15-obs-de-regenboog-kernteam.conflict-laptop-2026-09-16.yaml", old);
  const s = readExample(REGENBOOG);
  s.meta.school = "OBS Het Kompas";
  s.meta.brin = "99KP00";
  s.good_practices = undefined;
  s.answers.wat_kan_beter = "Het overleg met Anouk over de jeugd-GGZ loopt nog niet.";
  s.answers.good_practices = [
    { gp_titel: "Gedeeld voorbeeld", gp_betrokkenen: ["school"], gp_delen: true },
    { gp_titel: "NIETDELEN werkwijze", gp_beschrijving: "NIETDELEN beschrijving", gp_betrokkenen: ["ggd"], gp_delen: false },
  ];
  writeSession(input, "2026-09-15-obs-het-kompas-kernteam.yaml", s);
  return input;
}

const csvText = (out: string) =>
  readdirSync(out, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".csv"))
    .map((f) =>
      (
        parseCsv(readFileSync(path.join(out, f)), {
          bom: true,
          delimiter: f.includes("excel") ? ";" : [",", ";"],
          relax_column_count: true,
        }) as string[][]
      )
        .flat()
        .join("\n"),
    )
    .join("\n");

describe("rollup through the gate", () => {
  it("counts each conversation once, names the copies, skips conflict copies and says what it held back", async () => {
    const input = corpus();
    const out = path.join(dir, "out");
    const r = await runInProcess(["rollup", input, "--out", out, "--include-text"]);
    expect(r.code, r.stderr).toBe(0);
    // 4 final conversations (Regenboog, Wegwijzer, Zandpad, Duinzicht v1) + Kompas; the backup and conflict copies do not count.
    expect(r.stdout).toContain("5 vastgestelde gesprek(ken) meegenomen");
    expect(r.stderr).toMatch(
      /let op: .*backup\/2026-09-15-obs-de-regenboog-kernteam\.yaml is hetzelfde gesprek als .*in\/2026-09-15-obs-de-regenboog-kernteam\.yaml/,
    );
    expect(r.stderr).toContain("Niet gedeeld met de regio (alleen aantallen):");
    expect(r.stderr).toContain("1 conflictkopie(ën) (*.conflict-*) niet meegeteld");
    expect(r.stderr).toContain("1 kopie(ën) van een gesprek dat al meetelt niet meegeteld");
    expect(r.stderr).toContain("1 naam/namen in vrije tekst vervangen door [naam]");
    expect(r.stderr).toMatch(/1 antwoord\(en\) of item\(s\) die de school niet voor de regio vrijgaf/);
    const text = csvText(out);
    expect(text).not.toContain("OUDE VERSIE");
    expect(text).not.toContain("NIETDELEN");
    expect(text).toContain("Gedeeld voorbeeld");
    // A participant's name goes; the field's abbreviations stay (GGZ is no name, also where a
    // persoonlijk casus of the examples mentions it).
    expect(text).toContain("Het overleg met [naam] over de jeugd-GGZ loopt nog niet.");
    expect(text).not.toContain("jeugd-[naam]");
  });

  it("without --include-text no free text leaves, so no name in it is counted as replaced", async () => {
    const out = path.join(dir, "no-text");
    const r = await runInProcess(["rollup", corpus(), "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("Niet gedeeld met de regio (alleen aantallen):");
    expect(r.stderr).not.toContain("vervangen door [naam]");
    expect(csvText(out)).not.toContain("[naam]");
  });

  it("--from/--to select a period on meta.datum, inclusive; a bad date is a usage error", async () => {
    const input = corpus();
    const r = await runInProcess(["rollup", input, "--out", path.join(dir, "p"), "--from", "2026-09-15", "--to", "2026-09-22"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("3 vastgestelde gesprek(ken) meegenomen"); // Regenboog, Kompas (15th), Wegwijzer (22nd)
    expect(r.stderr).toMatch(/\d+ gesprek\(ken\) buiten de gekozen periode/);
    const bad = await runInProcess(["rollup", input, "--out", path.join(dir, "q"), "--from", "15-09-2026"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--from verwacht een datum als JJJJ-MM-DD");
    expect((await runInProcess(["rollup", input, "--out", path.join(dir, "q"), "--from", "2026-10-01", "--to", "2026-09-01"])).code).toBe(
      2,
    );
  });

  it("--split and --excel hold no unreleased item either", async () => {
    const input = corpus();
    const out = path.join(dir, "split");
    const r = await runInProcess(["rollup", input, "--out", out, "--split", "--by", "gemeente", "--excel", "--include-text"]);
    expect(r.code, r.stderr).toBe(0);
    const text = csvText(out);
    expect(text).not.toContain("NIETDELEN");
    expect(text).not.toContain("Anouk");
  });
});

describe("names outside the answers", () => {
  it("a file named after a participant gives a session_id with the name scrubbed, in every layout", async () => {
    const input = path.join(dir, "named");
    mkdirSync(input);
    const s = readExample(REGENBOOG);
    s.followup = [{ action: "Overleg plannen", status: "gedaan" }];
    writeSession(input, "verslag Marieke Jansen en Van Dijk.yaml", s);
    const out = path.join(dir, "out-named");
    const r = await runInProcess(["rollup", input, "--out", out, "--layout", "long,wide,actions,followup", "--xlsx"]);
    expect(r.code, r.stderr).toBe(0);
    const text = csvText(out);
    expect(text).toContain("verslag [naam] en [naam]");
    expect(text).not.toMatch(/Marieke|Jansen|Dijk/);
  });

  it("an owner typed differently from the participant list still counts for the participant's role and organisation", async () => {
    const input = path.join(dir, "owners");
    mkdirSync(input);
    const s = readExample(REGENBOOG);
    s.actions = [
      { what: "Folder maken", who: "anouk de vries " },
      { what: "Overleg plannen", who: "A. de Vries" },
      { what: "Rooster delen", who: "Yilmaz" },
    ];
    writeSession(input, "2026-09-15-obs-de-regenboog-kernteam.yaml", s);
    const out = path.join(dir, "out-owners");
    const r = await runInProcess(["rollup", input, "--out", out, "--layout", "actions"]);
    expect(r.code, r.stderr).toBe(0);
    const [head, ...rows] = parseCsv(readFileSync(path.join(out, "kernteam-actions.csv")), { bom: true }) as string[][];
    const col = (name: string) => head!.indexOf(name);
    expect(rows.map((row) => [row[col("what")], row[col("owner_role")], row[col("organisation")]])).toEqual([
      ["Folder maken", "cjg", "CJG"],
      ["Overleg plannen", "cjg", "CJG"],
      ["Rooster delen", "socius", "Socius/MET"],
    ]);
  });
});

describe("report --summary through the gate", () => {
  it("one conversation once, the period in the title block, what was held back at the end", async () => {
    const input = corpus();
    const out = path.join(dir, "sum");
    const r = await runInProcess([
      "report",
      input,
      "--out",
      out,
      "--summary",
      "--from",
      "2026-09-01",
      "--to",
      "2026-12-31",
      "--min-group",
      "2",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/backup\/2026-09-15-obs-de-regenboog-kernteam\.yaml is hetzelfde gesprek als/);
    const [name] = readdirSync(out);
    const text = await docxText(path.join(out, name!));
    expect(text).toMatch(/Gesprekken\s+4/); // Duinzicht (2025) is outside the period
    expect(text).toContain("1 september 2026 – 31 december 2026 (gekozen periode)");
    expect(text).toContain("Gedeeld voorbeeld");
    expect(text).not.toContain("NIETDELEN");
    expect(text).not.toContain("OUDE VERSIE");
    expect(text).toContain("Wat niet is gedeeld");
    expect(text).toMatch(/1 conflictkopie\(ën\) \(\*\.conflict-\*\) niet meegeteld/);
    expect(text).toMatch(/1 gesprek\(ken\) buiten de gekozen periode/);
  });
});
