// Issue 7, "a full disk or read-only output directory": the runner with a scripted UI and a
// session target whose disk "fills up" (ENOSPC, EROFS, ...) after a few saves. The answers stay
// in memory, the user is told at once, asked for another place, and, failing that, shown the
// session as YAML. Nothing acknowledged or typed afterwards is ever lost.
import { MINI_START as START } from "../helpers/scripted.js";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadFormatRef } from "../../src/format/registry.js";
import type { Format } from "../../src/format/types.js";
import { AnswerChecker } from "../../src/session/answer-check.js";
import { readSessionFile } from "../../src/session/io.js";
import type { Session } from "../../src/session/types.js";
import { createLineUi } from "../../src/ui/line-ui.js";
import { converse } from "../../src/runner/loop.js";
import { newSession, startState } from "../../src/conversation/start.js";
import { SessionTarget } from "../../src/store/session-target.js";
import { SafeSaver, saveFailure, type SaveTarget } from "../../src/store/safe-save.js";
import type { RunnerState } from "../../src/conversation/types.js";
import { tempDir } from "../helpers/cli.js";
import { MINI } from "../helpers/pty.js";

let format: Format;
let checker: AnswerChecker;
beforeAll(async () => {
  format = (await loadFormatRef(MINI)).format;
  checker = await AnswerChecker.create();
});
const dirs: (() => void)[] = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));
function temp(): string {
  const t = tempDir("afstem-full-");
  dirs.push(t.cleanup);
  return t.dir;
}

const T0 = Date.UTC(2026, 8, 15, 9, 0, 0);
const errno = (code: string) => Object.assign(new Error(`${code}: simulated, write`), { code });

/** A real SessionTarget in `dir` whose disk refuses every save from save number `from` on, with `code`. */
class FullDisk implements SaveTarget {
  saves = 0;
  constructor(
    readonly real: SessionTarget,
    private readonly dir: string,
    private readonly from: number,
    private readonly code: string,
  ) {}
  get file() {
    return this.real.file;
  }
  save(state: RunnerState): string {
    this.saves++;
    // Only the original disk is full; a place the user picks afterwards works.
    if (this.saves >= this.from && (!this.real.file || path.dirname(this.real.file) === this.dir)) throw errno(this.code);
    return this.real.save(state);
  }
  moveTo(file: string, state: RunnerState): string {
    return this.real.moveTo(file, state);
  }
}

async function script(lines: string[], dir: string, failFrom: number, code = "ENOSPC") {
  const queue = [...lines];
  let out = "";
  let printed = "";
  const ui = createLineUi(async () => queue.shift(), { write: (t: string) => ((out += t), true) });
  const target = new FullDisk(new SessionTarget(dir, format.id, { onTakeover: () => {} }), dir, failFrom, code);
  const saver = new SafeSaver(target, { ui, formatRef: "mini", out: (t) => void (printed += t) });
  let clock = T0;
  let state = startState(format, newSession(format, T0), T0, false);
  let outcome = "interrupted";
  try {
    const r = await converse(state, {
      ui,
      checker,
      now: () => (clock += 1000),
      save: (s) => void saver.save((state = s)),
      settle: () => saver.settle(),
    });
    outcome = r.outcome;
  } catch (err) {
    if ((err as Error).name !== "ExitPromptError") throw err;
  }
  const saved = saver.finish();
  target.real.release();
  return { out, printed, state, outcome, saved, left: queue, target };
}

/** The last YAML block printed (everything after the last `# afstem:` header). */
function lastPrinted(printed: string): Session {
  const i = printed.lastIndexOf("# afstem: dit gesprek kon niet worden opgeslagen");
  expect(i).toBeGreaterThanOrEqual(0);
  return parse(printed.slice(i)) as Session;
}

describe("a failed autosave", () => {
  it("ENOSPC: says so at once, asks for another folder, saves everything there and goes on saving there", async () => {
    const dir = temp();
    const elsewhere = temp();
    // Saves 1-6: school, datum, the parties chosen, their names; the 7th (the answer 'ja') hits the full disk.
    const r = await script([...START, "ja", elsewhere, "samen eten", "3"], dir, 7);
    expect(r.out).toContain(`⚠ Opslaan in ${path.join(dir, "2026-09-15-de-regenboog-mini.yaml")} lukt niet: de schijf is vol (ENOSPC).`);
    expect(r.out).toContain("Uw antwoorden zijn niet verloren: afstem houdt ze vast.");
    expect(r.out).toContain("? Waar zal afstem het gesprek opslaan? Typ een map of bestandsnaam (leeg = toon het gesprek hier als tekst)");
    const moved = path.join(elsewhere, "2026-09-15-de-regenboog-mini.yaml");
    expect(r.out).toContain(`✓ Opgeslagen in ${moved}. Vanaf nu slaat afstem elk antwoord daar op.`);
    expect(r.saved).toBe(true);
    expect(r.printed).toBe("");
    const s = (await readSessionFile(moved)).session!;
    expect(s.answers).toEqual({ samen: true, hoe: "samen eten", cijfer: 3 });
    expect(s.participants.map((p) => p.name)).toEqual(["Marieke", "Anouk"]);
    // One conversation, one file: the old copy (unchanged since afstem wrote it) is removed (issue 13).
    expect(existsSync(path.join(dir, "2026-09-15-de-regenboog-mini.yaml"))).toBe(false);
  });

  it("EROFS, then a place that fails too (ENOTDIR), then empty: the session is printed as YAML and the conversation goes on", async () => {
    const dir = temp();
    const blocker = path.join(temp(), "een-bestand");
    writeFileSync(blocker, "geen map");
    const r = await script([...START, "ja", path.join(blocker, "gesprek.yaml"), "", "samen eten", "3"], dir, 7, "EROFS");
    expect(r.out).toContain("lukt niet: de schijf of map is alleen-lezen (EROFS).");
    expect(r.out).toContain(
      "✗ Ook dat lukt niet: een deel van het pad is een bestand, geen map (ENOTDIR). Probeer een andere plek (bijvoorbeeld een USB-stick), of laat leeg.",
    );
    expect(r.out).toContain("Kopieer de tekst hierboven naar een .yaml-bestand.");
    // Printed once when asked, once more at the end with the answers given since.
    expect(r.printed.match(/# afstem: dit gesprek kon niet worden opgeslagen/g)).toHaveLength(2);
    expect(r.printed).toContain(
      "# Sla alles vanaf deze regel op als 2026-09-15-de-regenboog-mini.yaml; verder gaan: afstem run mini --resume 2026-09-15-de-regenboog-mini.yaml",
    );
    expect(r.saved).toBe(false);
    const s = lastPrinted(r.printed);
    expect(s.answers).toEqual({ samen: true, hoe: "samen eten", cijfer: 3 });
    expect(s.meta).toEqual({ school: "De Regenboog", datum: "2026-09-15" });
    // Asked once per failure streak, not after every answer.
    expect(r.out.match(/\? Waar zal afstem het gesprek opslaan/g)).toHaveLength(2);
  });

  it("the very first save fails (no file yet): a folder typed then gets the file under its usual name", async () => {
    const dir = temp();
    const elsewhere = path.join(temp(), "nieuwe map – ë");
    const r = await script(["De Regenboog", elsewhere, "2026-09-15"], dir, 1, "EACCES");
    expect(r.out).toContain("⚠ Opslaan in de gekozen map lukt niet: u mag in deze map niet schrijven (EACCES).");
    expect(readdirSync(elsewhere)).toEqual(["zonder-datum-de-regenboog-mini.yaml"]);
    const s = (await readSessionFile(path.join(elsewhere, "zonder-datum-de-regenboog-mini.yaml"))).session!;
    expect(s.meta).toEqual({ school: "De Regenboog", datum: "2026-09-15" });
  });

  it("never overwrites a file the user names that already exists; asks again", async () => {
    const dir = temp();
    const elsewhere = temp();
    const taken = path.join(elsewhere, "bestaat.yaml");
    writeFileSync(taken, "van iemand anders\n");
    const r = await script([...START, "ja", taken, path.join(elsewhere, "nieuw.yaml"), "samen eten"], dir, 7);
    expect(r.out).toContain(`✗ Ook dat lukt niet: ${taken} bestaat al; afstem overschrijft geen ander bestand.`);
    expect((await readSessionFile(path.join(elsewhere, "nieuw.yaml"))).session!.answers).toEqual({ samen: true, hoe: "samen eten" });
  });

  it("Ctrl+C at the question where to save: the session is printed, not lost", async () => {
    const dir = temp();
    const r = await script([...START, "ja"], dir, 7, "EIO");
    expect(r.outcome).toBe("interrupted");
    expect(r.saved).toBe(false);
    expect(r.printed.match(/# afstem:/g)).toHaveLength(1);
    expect(lastPrinted(r.printed).answers).toEqual({ samen: true });
  });

  it("when the disk works again the next save goes to the usual place and says so", async () => {
    const dir = temp();
    mkdirSync(dir, { recursive: true });
    let failing = true;
    const real = new SessionTarget(dir, format.id, { onTakeover: () => {} });
    const target: SaveTarget = {
      get file() {
        return real.file;
      },
      save: (s) => {
        if (failing && real.file) throw errno("ENOSPC");
        return real.save(s);
      },
      moveTo: (f, s) => real.moveTo(f, s),
    };
    let out = "";
    const ui = createLineUi(async () => undefined, { write: (t: string) => ((out += t), true) });
    const saver = new SafeSaver(target, { ui, formatRef: "mini", out: () => {} });
    const state = startState(format, newSession(format, T0), T0, false);
    expect(saver.save(state)).toBeDefined();
    expect(saver.save(state)).toBeUndefined();
    expect(saver.pending).toBe(true);
    failing = false;
    expect(saver.save(state)).toBe(real.file);
    expect(out).toContain(`✓ Weer opgeslagen in ${real.file}.`);
    expect(saver.finish()).toBe(true);
    real.release();
  });

  it.each([
    ["ENOSPC", "de schijf is vol (ENOSPC)"],
    ["EROFS", "de schijf of map is alleen-lezen (EROFS)"],
    ["EDQUOT", "uw schijfruimte (quotum) is op (EDQUOT)"],
    ["ENOENT", "de map bestaat niet (meer) — is een USB-stick of netwerkschijf losgekoppeld? (ENOENT)"],
  ])("%s is explained in words", (code, words) => {
    expect(saveFailure(errno(code))).toBe(words);
  });
});
