// Long texts and lists in a real terminal: every line confirmed with Enter is saved at once
// (Ctrl+C costs none of them), and text pasted in one go keeps every line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { tempDir } from "../helpers/cli.js";
import { loadPty, spawnCli, MINI, typist } from "../helpers/pty.js";

const pty = await loadPty();
const ENTER = "\r";
const DOWN = "\x1b[B";
const CTRL_C = "\x03";

/** Through the meta fields and participants of the mini format to its long text ("Vertel eens."). */
async function toLongText(dir: string, school: string) {
  const run = spawnCli(pty!, ["run", MINI, "--out", dir]);
  const type = typist(run);
  await type("Naam van de school", school + ENTER);
  await type("Datum van het gesprek", "\x15" + "2026-09-15" + ENTER);
  await type("Welke partijen doen mee?", ENTER);
  await type("Naam — Intern begeleider", "Marieke" + ENTER);
  await type("Wie is aanwezig?", ENTER);
  await type("Werken jullie samen?", DOWN + ENTER); // nee
  await type("Welk cijfer?", "3" + ENTER);
  const file = path.join(dir, `2026-09-15-${school.toLowerCase().replace(/ /g, "-")}-mini.yaml`);
  return { run, type, read: () => parse(readFileSync(file, "utf8")) };
}

describe.skipIf(!pty)("long text and list lines in a terminal", () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir("afstem-pty-lines-")));
  afterAll(() => cleanup());

  it("pasted lines are all kept, in order, plain and bracketed; what is typed next lands in the next question", async () => {
    const { run, type, read } = await toLongText(dir, "De Wilg");
    // A plain paste: all in one go, Enter (CR) between the lines, no Enter after the last.
    await type("Vertel eens.", "Regel een.\rRegel twee.\r\rRegel vier.");
    await type("Regel vier.", ENTER); // the whole paste is in the field; Enter gives it
    await type("…", ENTER); // an empty line of one's own: done
    await type("Wat?", "wachttijd" + ENTER);
    expect(read().answers.verhaal).toBe("Regel een.\nRegel twee.\n\nRegel vier.");
    await type("Hoe erg?", DOWN + ENTER);
    await type("Nog een toevoegen?", ENTER);
    await type("Kleuren?", ENTER);
    await type("Hoeveel?", ENTER);
    await type("Wanneer?", ENTER);
    // A bracketed paste into a list, ending in a line break: each line an item, empty ones none.
    await type("Welke punten?", "\x1b[200~eerste\rtweede\r\rderde\r\x1b[201~");
    await type("derde", ENTER);
    await type("•", "vierde" + ENTER);
    await type("•", ENTER);
    await type("Overzicht — wat nu?", CTRL_C);
    expect(await run.exited).toBe(130);
    const s = read();
    expect(s.answers.verhaal).toBe("Regel een.\nRegel twee.\n\nRegel vier.");
    expect(s.answers.punten).toEqual([{ wat: "wachttijd", ernst: "hoog" }]);
    expect(s.answers.lijst).toEqual(["eerste", "tweede", "derde", "vierde"]);
  }, 120_000);

  it("Ctrl+C in the middle of a long text keeps the lines already confirmed with Enter", async () => {
    const { run, type, read } = await toLongText(dir, "De Linde");
    await type("Vertel eens.", "Eerste regel." + ENTER);
    await type("…", "Tweede regel." + ENTER);
    await type("…", CTRL_C);
    expect(await run.exited).toBe(130);
    expect(read().answers.verhaal).toBe("Eerste regel.\nTweede regel.");
  }, 120_000);

  it("Ctrl+C with a line typed but not confirmed with Enter keeps that line in the question's note", async () => {
    const { run, type, read } = await toLongText(dir, "De Beuk");
    await type("Vertel eens.", "Eerste regel." + ENTER);
    await type("…", "Tweede, half getypt");
    await type("Tweede, half getypt", CTRL_C);
    expect(await run.exited).toBe(130);
    const s = read();
    expect(s.answers.verhaal).toBe("Eerste regel.");
    expect(s.notes.verhaal).toBe("Getypt, niet met Enter bevestigd (gesprek onderbroken): Tweede, half getypt");
  }, 120_000);

  it("Ctrl+C after lines that do not pass the checks yet keeps them in the question's note", async () => {
    const { run, type, read } = await toLongText(dir, "De Eik");
    await type("Vertel eens.", "Kort." + ENTER); // the format wants at least ten characters
    await type("…", CTRL_C);
    expect(await run.exited).toBe(130);
    const s = read();
    expect(s.answers.verhaal).toBeUndefined();
    expect(s.notes.verhaal).toBe("Onvolledig antwoord, nog niet opgeslagen als antwoord: Kort.");
  }, 120_000);
});

describe.skipIf(!pty)("a paste into a one-line question", () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir("afstem-pty-oneline-")));
  afterAll(() => cleanup());

  it("keeps every pasted line, joined by a space, and answers only on the person's own Enter", async () => {
    const run = spawnCli(pty!, ["run", MINI, "--out", dir]);
    const type = typist(run);
    // Copied from a mail with its line break: before, only "De Wilg" was kept.
    await type("Naam van de school", "De Wilg\rlocatie Noord");
    await type("locatie Noord", ENTER);
    await type("Datum van het gesprek", "\x15" + "2026-09-15" + ENTER);
    await type("Welke partijen doen mee?", CTRL_C);
    expect(await run.exited).toBe(130);
    const file = path.join(dir, "2026-09-15-de-wilg-locatie-noord-mini.yaml");
    expect(parse(readFileSync(file, "utf8")).meta.school).toBe("De Wilg locatie Noord");
  }, 120_000);
});
