// The real CLI in a pseudo-terminal, typed into as a facilitator would: Ctrl+C and the saved
// file, resume, going back to change an answer, finalizing, the lock against a second runner.
// Skipped cleanly where node-pty cannot spawn.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { loadPty, spawnCli, MINI, typist } from "../helpers/pty.js";

const pty = await loadPty();
const ENTER = "\r";
const DOWN = "\x1b[B";
const UP = "\x1b[A";
const CTRL_C = "\x03";

/** Wait for a prompt that appears after everything seen so far, then type. */

describe.skipIf(!pty)("afstem run in a terminal", () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir("afstem-pty-")));
  afterAll(() => cleanup());
  const file = () => path.join(dir, "2026-09-15-de-regenboog-mini.yaml");
  const read = () => parse(readFileSync(file(), "utf8"));

  it("answers the first questions; Ctrl+C saves them and exits 130 with the resume command", async () => {
    const run = spawnCli(pty!, ["run", MINI, "--out", dir]);
    const type = typist(run);
    await type("Naam van de school", "X" + ENTER);
    await type("Vul de naam van de school in.", "\x7fDe Regenboog" + ENTER); // refused, text kept: erase and retype
    await type("Datum van het gesprek", "\x15".repeat(1) + "15-9-2026" + ENTER);
    await type("Welke partijen doen mee?", ENTER);
    await type("Naam — Intern begeleider", "Marieke" + ENTER);
    await type("Wie is aanwezig?", ENTER);
    await type("Sectie 1/2 · Eerste deel · vraag 1/8", "");
    await type("Werken jullie samen?", ENTER);
    await type("Hoe dan?", "samen eten" + ENTER);
    await type("Welk cijfer?", CTRL_C);
    expect(await run.exited).toBe(130);
    expect(run.text()).toContain(`--resume ${file()}`);
    const s = read();
    expect(s.meta).toEqual({ school: "De Regenboog", datum: "2026-09-15" });
    expect(s.participants).toEqual([{ name: "Marieke", role: "ib", organisation: "School", present: true }]);
    expect(s.answers).toEqual({ samen: true, hoe: "samen eten" });
  }, 120_000);

  it("resumes at the open question, goes back to change an answer, finishes and finalizes; a second runner is refused", async () => {
    const run = spawnCli(pty!, ["run", MINI, "--resume", file()]);
    const type = typist(run);
    await type("Welk cijfer?", DOWN + DOWN + ENTER); // 3
    await type("Vertel eens.", "");
    // While this runner holds the session, a second one is refused.
    const second = await runInProcess(["run", MINI, "--resume", file()], { env: { AFSTEM_UI: "lines" }, input: "" });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/al geopend door een andere afstem \(proces \d+\)/);
    expect(read().answers.cijfer).toBe(3);
    run.write(":terug" + ENTER);
    await type("Welk cijfer?", UP + ENTER); // 3 → 2
    await type("Vertel eens.", "Een verhaal over samenwerking" + ENTER);
    await type("…", ENTER);
    await type("Wat?", "wachttijd" + ENTER);
    await type("Hoe erg?", DOWN + ENTER);
    await type("Nog een toevoegen?", ENTER);
    await type("Kleuren?", ENTER);
    await type("Hoeveel?", ENTER);
    await type("Wanneer?", ENTER);
    await type("Welke punten?", ":notitie nog bespreken" + ENTER);
    await type("Notitie opgeslagen", "");
    await type("Welke punten?", ENTER);
    await type("Overzicht — wat nu?", ENTER);
    await type("Bevestigt Intern begeleider (Marieke) dit verslag?", ENTER);
    expect(await run.exited).toBe(0);
    expect(run.text()).toContain("Vastgesteld");
    const s = read();
    expect(s.status).toBe("final");
    expect(s.finalized.by).toEqual(["ib"]);
    expect(s.answers).toMatchObject({
      samen: true,
      hoe: "samen eten",
      cijfer: 2,
      verhaal: "Een verhaal over samenwerking",
      punten: [{ wat: "wachttijd", ernst: "hoog" }],
    });
    expect(s.notes).toEqual({ lijst: "nog bespreken" });
    expect(s.history.map((h: { event: string }) => h.event)).toEqual(["start", "resume", "finalize"]);
    expect(s.timing.een).toBeGreaterThanOrEqual(0);
  }, 180_000);

  it("the built-in kernteam format: through the meta fields and participants to the first section", async () => {
    const run = spawnCli(pty!, ["run", "kernteam", "--out", dir]);
    const type = typist(run);
    await type("Naam van de school", "OBS De Test" + ENTER);
    await type("Vestigingscode (BRIN)", "12ab" + ENTER);
    await type("Een vestigingscode is 4 of 6 tekens", "\x7f\x7fAB" + ENTER);
    await type("Gemeente", ENTER);
    await type("Regio", ENTER);
    await type("Schooltype", ENTER);
    await type("Datum van het gesprek", "\x15" + "2026-09-22" + ENTER);
    await type("Welke partijen doen mee?", ENTER);
    for (const role of ["CJG", "Socius/MET", "GGD", "Intern begeleider"]) await type(`Naam — ${role}`, ENTER);
    await type("Wie is aanwezig?", ENTER);
    await type(/Sectie 1\/\d+ · Wat gaat goed\? · vraag 1\/\d+ · sectie 00:\d\d\/10:00 · totaal \d\d:\d\d\/90:00/, "");
    await type("Hoe tevreden zijn jullie", CTRL_C);
    expect(await run.exited).toBe(130);
    const s = parse(readFileSync(path.join(dir, "2026-09-22-obs-de-test-kernteam.yaml"), "utf8"));
    expect(s.meta).toMatchObject({
      school: "OBS De Test",
      brin: "12AB",
      gemeente: "beverwijk",
      regio: "ijmond",
      schooltype: "PO",
      datum: "2026-09-22",
    });
    expect(s.participants.map((p: { role: string }) => p.role)).toEqual(["cjg", "socius", "ggd", "ib"]);
  }, 180_000);
});
