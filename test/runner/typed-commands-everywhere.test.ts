// A typed command works at every prompt of the conversation that takes one (README, "Opdrachten"):
// `?` at the participants step crashed afstem ("interne fout: Cannot read properties of undefined
// (reading 'label')", exit 2), and `?` at a multiple-choice question was stored as an answer
// (`kleuren: [""]`) and took the next line as the next question's answer.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT, runCli, tempDir } from "../helpers/cli.js";
import { loadFixture, MINI15, MINI15_START, MINI_START, script, type Fixture, type ScriptResult } from "../helpers/scripted.js";

const MINI = path.join(ROOT, "test", "fixtures", "runner", "mini.yaml");
/** The line of the command list that names `?` itself. */
const LIST = "?                      deze lijst";

describe("? at the participants step, the real CLI (AFSTEM_UI=lines)", () => {
  it("shows the command list and asks again; the parties, names and presence are then saved", () => {
    const { dir, cleanup } = tempDir("afstem-typed-");
    try {
      // kernteam: school, BRIN, gemeente, regio, schooltype, datum; then `?` at "Welke partijen doen mee?".
      const input = ["School K", "", "", "", "", "2026-11-10", "?", "", "Anna", "Bram", "Cor", "Dirk", ""].join("\n");
      const r = runCli(["run", "kernteam", "--out", "."], { cwd: dir, env: { AFSTEM_UI: "lines" }, input: `${input}\n` });
      expect(r.stderr).not.toContain("interne fout");
      expect(r.code).toBe(130); // the input ended before the conversation did; everything saved
      const at = r.stdout.indexOf("? Welke partijen doen mee?");
      expect(at).toBeGreaterThan(0);
      const after = r.stdout.slice(at);
      expect(after).toContain(LIST);
      // Asked again after the list.
      expect(after.indexOf("? Welke partijen doen mee?", 1)).toBeGreaterThan(after.indexOf(LIST));
      const s = parse(readFileSync(path.join(dir, "2026-11-10-school-k-kernteam.yaml"), "utf8"));
      expect(s.participants.map((p: { name: string }) => p.name)).toEqual(["Anna", "Bram", "Cor", "Dirk"]);
      expect(s.participants.every((p: { present: boolean }) => p.present)).toBe(true);
    } finally {
      cleanup();
    }
  });
});

// Every prompt kind: meta (text, date), the parties, a name, who is present, yes/no, text,
// scale, long text (first and later lines), a repeat's fields and "Nog een toevoegen?",
// multiple choice, number, date, list, the overview; the repeat's "Wat nu?" menu reached from
// the overview; a per-party scale (each party and the joint score).
let mini: Fixture;
let mini15: Fixture;
beforeAll(async () => {
  mini = await loadFixture(MINI);
  mini15 = await loadFixture(MINI15);
});
const THROUGH = [...MINI_START, "1", "Samen", "3", "Een lange tekst hier", "", "x", "1", "2", "1", "5", "2026-10-01", "a", ""];
/** Name, format, the lines, and the lines that answer a pick list inside an action (README: no commands there). */
const SCRIPTS: [string, () => Fixture, string[], number[]][] = [
  ["mini, every question type and the overview", () => mini, [...THROUGH, ":stop"], []],
  // Overview → "een antwoord wijzigen…" → "Welk antwoord wijzigen?" Knelpunten → "Wat nu?" →
  // change → "Welk item wijzigen?" 1 → its fields → keep.
  [
    "mini, a repeat's menu from the overview",
    () => mini,
    [...THROUGH, "2", "7", "3", "1", "y", "", "1", ":stop"],
    [THROUGH.length + 1, THROUGH.length + 3],
  ],
  ["mini15, a per-party scale", () => mini15, [...MINI15_START, "3", "4", "3", "5", "x", "", "y", "", "z", "", ":stop"], []],
];
const outcome = (r: ScriptResult) => {
  const { meta, participants, answers } = r.state.session;
  return { meta, participants, answers, outcome: r.outcome };
};

/** Commands that keep the prompt open, and what each shows (`:help`: the help text, or that there is none). */
const KEEP: [string, RegExp][] = [
  ["?", new RegExp(LIST.replace("?", "\\?"))],
  [":help", /Bij deze vraag is geen toelichting\.|Vertel over de vorm\./],
  [":notitie n", /✓ Notitie opgeslagen\./],
  [":foo", /onbekende opdracht ':foo'/],
];

describe("a command that keeps the prompt open, typed at every prompt of the conversation", () => {
  for (const [name, fx, lines, picks] of SCRIPTS)
    it(`${name}: ?, :help, :notitie, an unknown command show what they do there and change no answer`, async () => {
      const want = outcome(await script(fx(), lines));
      for (const [cmd, shows] of KEEP)
        for (let k = 0; k < lines.length; k++) {
          if (picks.includes(k)) continue;
          const where = `${cmd} before line ${k} (${JSON.stringify(lines[k])})`;
          const r = await script(fx(), [...lines.slice(0, k), cmd, ...lines.slice(k)]);
          expect(outcome(r), where).toEqual(want);
          expect(r.left, where).toEqual([]);
          expect(r.out, where).toMatch(shows);
        }
    });
});
