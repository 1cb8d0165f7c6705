// The regional summary: figures per gemeente and question, small groups suppressed, and
// nothing personal — no participant names, no persoonlijk answers, no intern quotes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { REGENBOOG, VUURTOREN, docxHtml, docxText, readExample, writeSession } from "../helpers/documents.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir("afstem-summary-")));
afterEach(() => cleanup());

const SECRET = "Geheime casus van leerling Pietje";
const INTERN = "Interne oorzaak die niet geciteerd mag worden";

/** Six final Beverwijk sessions, one final Velsen session, and a draft. */
function corpus(): string {
  const input = path.join(dir, "in");
  mkdirSync(input);
  for (let i = 0; i < 7; i++) {
    const s = readExample(REGENBOOG);
    s.meta.school = `School ${i}`;
    s.meta.brin = `10AB0${i}`; // seven different schools: copies of one conversation count once
    s.meta.gemeente = i < 6 ? "beverwijk" : "velsen";
    s.participants[0].name = `Deelnemer Naam${i}`;
    s.actions[0].who = `Actiehouder Persoon${i}`;
    s.answers.casus_illustratie = `${SECRET} ${i}`;
    s.answers.tevredenheid_samenwerking = i < 3 ? 2 : 4;
    if (i < 3) s.answers.oorzaak_ontevredenheid = `${INTERN} ${i}`;
    s.answers.visie_toelichting = `Openbare visie ${i}`;
    s.answers.verzuim_zorgen = i < 2;
    if (i < 2) s.answers.leerplicht_betrokken = true;
    writeSession(input, `s${i}.yaml`, s);
  }
  const draft = readExample(VUURTOREN);
  draft.meta.school = "Concept School";
  writeSession(input, "draft.yaml", draft);
  return input;
}

describe("afstem report --summary", () => {
  it("counts confirmed sessions per gemeente with '< 5' for small groups, and gives distributions", async () => {
    const input = corpus();
    const r = await runInProcess(["report", input, "--out", path.join(dir, "out"), "--summary"]);
    expect(r.code, r.stderr).toBe(0);
    const [name] = readdirSync(path.join(dir, "out"));
    expect(name).toBe("2026-09-15-ijmond-regionaal-overzicht.docx");
    const file = path.join(dir, "out", name!);
    const html = await docxHtml(file);
    const text = await docxText(file);
    expect(text).toContain("niet meegenomen (1)"); // the draft
    expect(text).not.toContain("Concept School");
    // Velsen (1) is small; with the total published, Beverwijk would give it away (7 − 6 = 1),
    // so Beverwijk is left out too ("×").
    expect(html).toMatch(/<td><p>Beverwijk<\/p><\/td><td><p>×<\/p><\/td>/);
    expect(html).toMatch(/<td><p>Velsen<\/p><\/td><td><p>&lt; 5<\/p><\/td>/);
    expect(html).toMatch(/<td><p>Totaal<\/p><\/td><td><p>7<\/p><\/td>/);
    // Scale: distribution with percentages and the mean with n.
    expect(html).toMatch(/2<\/p><\/td><td><p>3<\/p><\/td><td><p>43 %/);
    expect(text).toContain("gemiddeld 3,1 (n = 7)");
    // A question answered in fewer than 5 sessions is not broken down.
    expect(text).toMatch(/Is de leerplichtambtenaar structureel bij het kernteam betrokken\?\s+< 5 — minder dan 5 gesprekken/);
    // Open free text under its theme may be quoted.
    expect(text).toContain("Inloopspreekuur jeugdverpleegkundige bij het brengen");
  });

  it("contains no participant names, no action owners, no persoonlijk answers and no intern quotes", async () => {
    const input = corpus();
    expect((await runInProcess(["report", input, "--out", path.join(dir, "out"), "--summary", "--include-drafts"])).code).toBe(0);
    const [name] = readdirSync(path.join(dir, "out"));
    const text = await docxText(path.join(dir, "out", name!));
    expect(text).toContain("meegenomen (--include-drafts)");
    for (const secret of [
      "Deelnemer Naam",
      "Actiehouder Persoon",
      "Anouk de Vries",
      "Marieke Jansen",
      "Yvonne Kramer",
      SECRET,
      "Een leerling uit groep 6",
      INTERN,
      "Wachtlijst jeugd-GGZ van ruim",
    ]) {
      expect(text).not.toContain(secret);
    }
    // Actions are there, grouped by organisation.
    expect(text).toContain("Acties per organisatie");
    expect(text).toContain("Presentatie kernteam in de teamvergadering");
  });

  it("refuses to summarise only drafts (exit 1) and says how to include them", async () => {
    const input = path.join(dir, "in");
    mkdirSync(input);
    writeSession(input, "draft.yaml", readExample(VUURTOREN));
    const r = await runInProcess(["report", input, "--out", path.join(dir, "out"), "--summary"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--include-drafts");
  });
});
