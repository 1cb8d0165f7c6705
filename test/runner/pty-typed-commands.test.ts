// `?` typed in a terminal at the two checkbox prompts of a conversation: the parties ("Welke
// partijen doen mee?") crashed afstem (interne fout, exit 2), and a multiple-choice question
// stored `?` as the answer `[""]`. Both show the command list and ask again, as elsewhere.
// Skipped cleanly where node-pty cannot spawn.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { tempDir } from "../helpers/cli.js";
import { loadPty, spawnCli, MINI, typist, writeMiniDraft } from "../helpers/pty.js";

const pty = await loadPty();
const ENTER = "\r";
const CTRL_C = "\x03";
const LIST = "?                      deze lijst";

describe.skipIf(!pty)("? at a checkbox prompt, in a terminal", () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir("afstem-ptyq-")));
  afterAll(() => cleanup());

  it("at 'Welke partijen doen mee?': the command list, the same prompt again, then the parties as chosen", async () => {
    const out = path.join(dir, "nieuw");
    const run = spawnCli(pty!, ["run", MINI, "--out", out]);
    const type = typist(run, { perKey: true });
    await type("Naam van de school", `De Regenboog${ENTER}`);
    await type("Datum van het gesprek", `2026-09-15${ENTER}`);
    await type("Welke partijen doen mee?", `?${ENTER}`);
    await type(LIST, "");
    await type("Welke partijen doen mee?", ENTER);
    await type("Naam — Intern begeleider", `Marieke${ENTER}`);
    await type("Wie is aanwezig?", ENTER);
    await type("Werken jullie samen?", CTRL_C);
    expect(await run.exited).toBe(130);
    expect(run.text()).not.toContain("interne fout");
    const s = parse(readFileSync(path.join(out, "2026-09-15-de-regenboog-mini.yaml"), "utf8"));
    expect(s.participants).toEqual([{ name: "Marieke", role: "ib", organisation: "School", present: true }]);
  }, 120_000);

  it("at 'Welke partijen doen mee?': a party ticked before ? stays ticked", async () => {
    const out = path.join(dir, "ticked");
    const run = spawnCli(pty!, ["run", MINI, "--out", out]);
    const type = typist(run, { perKey: true });
    await type("Naam van de school", `De Regenboog${ENTER}`);
    await type("Datum van het gesprek", `2026-09-15${ENTER}`);
    // IB is ticked (required); CJG ticked by hand, then the command list.
    await type("Welke partijen doen mee?", `\x1b[B ?${ENTER}`);
    await type(LIST, "");
    await type("Welke partijen doen mee?", ENTER);
    await type("Naam — Intern begeleider", `Marieke${ENTER}`);
    await type("Naam — CJG", `Anouk${ENTER}`);
    await type("Wie is aanwezig?", ENTER);
    await type("Werken jullie samen?", CTRL_C);
    expect(await run.exited).toBe(130);
    const s = parse(readFileSync(path.join(out, "2026-09-15-de-regenboog-mini.yaml"), "utf8"));
    expect(s.participants.map((p: { role: string; name: string }) => [p.role, p.name])).toEqual([
      ["ib", "Marieke"],
      ["cjg", "Anouk"],
    ]);
  }, 120_000);

  it("at a multiple-choice question: the command list, no answer stored; :stop then saves and exits 0", async () => {
    const file = path.join(dir, "2026-09-15-de-regenboog-mini.yaml");
    // Only 'Kleuren?' is open: --resume asks it.
    writeMiniDraft(file, {
      answers: { samen: false, verhaal: "Een heel lang verhaal." },
      skipped: ["cijfer", "punten", "aantal", "wanneer", "lijst"],
    });
    const run = spawnCli(pty!, ["run", MINI, "--resume", file]);
    const type = typist(run, { perKey: true });
    await type("Kleuren?", `?${ENTER}`);
    await type(LIST, "");
    await type("Kleuren?", `:stop${ENTER}`);
    expect(await run.exited).toBe(0);
    const s = parse(readFileSync(file, "utf8"));
    expect(s.answers).toEqual({ samen: false, verhaal: "Een heel lang verhaal." });
    expect(s.position).toBe("kleuren");
  }, 120_000);

  it("at a multiple-choice question, the boxes ticked stay ticked after :notitie and ? (they were all emptied)", async () => {
    const file = path.join(dir, "2026-09-15-de-regenboog-mini.yaml");
    writeMiniDraft(file, {
      answers: { samen: false, verhaal: "Een heel lang verhaal." },
      skipped: ["cijfer", "punten", "aantal", "wanneer", "lijst"],
    });
    const run = spawnCli(pty!, ["run", MINI, "--resume", file]);
    const type = typist(run, { perKey: true });
    // Rood and Groen ticked, then a note typed into the list, then the command list.
    await type("Kleuren?", ` \x1b[B :notitie x${ENTER}`);
    await type("Kleuren?", `?${ENTER}`);
    await type(LIST, "");
    // Enter alone: the answer is what was ticked before the commands.
    await type("Kleuren?", ENTER);
    await type("Hoeveel?", CTRL_C);
    expect(await run.exited).toBe(130);
    const s = parse(readFileSync(file, "utf8"));
    expect(s.answers.kleuren).toEqual(["rood", "groen"]);
    expect(s.notes.kleuren).toBe("x");
  }, 120_000);
});
