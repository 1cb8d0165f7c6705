// Issue 15 end to end in a pseudo-terminal: per_party scores, last year's agreements offered
// from the earlier session found beside the new file, stray typing at a scale that changes
// nothing, commands on a later line of a list, Dutch numbers, `(J/n)` with `j`.
import { MINI15 } from "../helpers/scripted.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { tempDir } from "../helpers/cli.js";
import { loadPty, spawnCli, typist } from "../helpers/pty.js";

const pty = await loadPty();
const ENTER = "\r";
const DOWN = "\x1b[B";

describe.skipIf(!pty)("issue 15 in a terminal", () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir("afstem-pty15-")));
  afterAll(() => cleanup());

  it("per_party, stray typing, list commands, Dutch numbers and last year's agreements", async () => {
    // Last year's session of the same school (same BRIN), beside where the new one goes.
    writeFileSync(
      path.join(dir, "2025-09-16-de-regenboog-mini15.yaml"),
      stringify({
        afstem: 1,
        format: { id: "mini15", version: 1 },
        status: "final",
        started: "2025-09-16T09:00:00Z",
        updated: "2025-09-16T10:30:00Z",
        finalized: { at: "2025-09-16T10:30:00Z", by: ["ib"] },
        meta: { school: "De Regenboog", brin: "99RB00", datum: "2025-09-16" },
        participants: [{ name: "Marieke", role: "ib", present: true }],
        answers: { tevreden: 3, gemaakte_afspraken: ["Maandelijks overleg"] },
        notes: {},
        skipped: [],
        parked: [],
        actions: [{ what: "Folder vertalen" }],
        timing: {},
        history: [],
      }),
    );
    const run = spawnCli(pty!, ["run", MINI15, "--out", dir, "--formats-dir", path.dirname(MINI15)]);
    const type = typist(run);
    await type("Naam van de school", "De Regenboog" + ENTER);
    await type("BRIN", "99RB00" + ENTER);
    await type("Datum van het gesprek", "\x15" + "2026-09-15" + ENTER);
    await type("Welke partijen doen mee?", DOWN + " " + ENTER);
    await type("Naam — Intern begeleider", "Marieke" + ENTER);
    await type("Naam — CJG", "Anouk" + ENTER);
    await type("Wie is aanwezig?", ENTER);
    // Stray typing at a scale (a date typed too early): shown, refused on Enter, nothing chosen.
    await type("Hoe tevreden? — Intern begeleider", "15-9-2026" + ENTER);
    await type("Getypte tekst wordt hier niet gebruikt", "4" + ENTER); // a number naming an option is a choice
    await type("Hoe tevreden? — CJG", DOWN + DOWN + ENTER); // 3
    await type("Hoe tevreden? — gezamenlijk", "4" + ENTER);
    await type("Hoeveel leerlingen?", "1.000" + ENTER);
    await type("Welke punten?", "eerste" + ENTER);
    await type("•", ":park Wachtlijst" + ENTER);
    await type("Op de parkeerplaats gezet", "");
    await type("•", "tweede" + ENTER);
    await type("•", "derde" + ENTER);
    await type("hoogstens 2 items", "\x15" + ENTER);
    await type("Vertel eens.", ENTER);
    await type("Er is een eerder gesprek van deze school", "j" + ENTER);
    await type("1/2  Maandelijks overleg", ENTER); // gedaan
    await type("Notitie (Enter = geen)", ENTER);
    await type("2/2  Folder vertalen", DOWN + ENTER); // loopt nog
    await type("Notitie (Enter = geen)", "in november" + ENTER);
    await type("Welke afspraken?", "Vast overleg" + ENTER);
    await type("•", ENTER);
    await type("Overzicht — wat nu?", ENTER);
    await type("Bevestigt Intern begeleider (Marieke) dit verslag? (J/n)", "j" + ENTER);
    await type("Bevestigt CJG (Anouk) dit verslag?", "ja" + ENTER);
    expect(await run.exited).toBe(0);
    const s = parse(readFileSync(path.join(dir, "2026-09-15-de-regenboog-mini15.yaml"), "utf8"));
    expect(s.status).toBe("final");
    expect(s.answers.tevreden).toEqual({ joint: 4, parties: { ib: 4, cjg: 3 } });
    expect(s.answers.aantal).toBe(1000);
    expect(s.answers.punten).toEqual(["eerste", "tweede"]);
    expect(s.parked.map((p: { text: string }) => p.text)).toEqual(["Wachtlijst"]);
    expect(s.followup).toEqual([
      { action: "Maandelijks overleg", status: "gedaan" },
      { action: "Folder vertalen", status: "loopt", note: "in november" },
    ]);
    expect(run.text()).toContain("kiezen");
    expect(run.text()).not.toContain("navigate");
  }, 240_000);
});
