// Issue 7, end to end on the real CLI (AFSTEM_UI=lines, driven line by line): the output folder
// disappears (a pulled USB stick) or becomes unwritable (chattr +i; root ignores chmod) in the
// middle of a conversation; the session file is edited by hand while the runner has it open;
// a second runner on the same file. Nothing acknowledged is lost, everything is explained.
import { MINI_START as START } from "../helpers/scripted.js";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { Runner } from "../helpers/line-runner.js";
import type { Session } from "../../src/session/types.js";
import { MINI } from "../helpers/pty.js";

const dirs: (() => void)[] = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));
function temp(): string {
  const t = tempDir("afstem-disk-");
  dirs.push(t.cleanup);
  return t.dir;
}

const NAME = "2026-09-15-de-regenboog-mini.yaml";
const noTrace = (r: Runner) => expect(r.err).not.toMatch(/\n\s+at |interne fout/);

/** Can this file system make a folder immutable (so that even root cannot write in it)? */
function canChattr(dir: string): boolean {
  const probe = path.join(dir, "probe");
  mkdirSync(probe);
  const ok = spawnSync("chattr", ["+i", probe]).status === 0;
  if (ok) spawnSync("chattr", ["-i", probe]);
  return ok;
}

describe("the output folder fails in the middle of a conversation", () => {
  it("USB stick pulled out (folder gone): explained, asked for another folder, saved there, all answers kept", async () => {
    const base = temp();
    const out = path.join(base, "usb stick");
    const elsewhere = path.join(base, "Documenten – ë");
    const r = new Runner(["run", MINI, "--out", out]);
    r.send(...START);
    await r.until("[saved 6]");
    rmSync(out, { recursive: true, force: true });
    r.send("ja");
    await r.until("? Waar zal afstem het gesprek opslaan?");
    expect(r.out).toContain(
      `⚠ Opslaan in ${path.join(out, NAME)} lukt niet: de map bestaat niet (meer) — is een USB-stick of netwerkschijf losgekoppeld? (ENOENT).`,
    );
    r.send(elsewhere);
    await r.until("Vanaf nu slaat afstem elk antwoord daar op.");
    r.send("samen eten");
    await r.until("[saved 7]");
    expect(await r.end()).toBe(130);
    noTrace(r);
    // Quoted as a shell needs it: the folder has a space.
    expect(r.out).toContain(`Verder gaan: afstem run ${MINI} --resume '${path.join(elsewhere, NAME)}'`);
    const s = parse(readFileSync(path.join(elsewhere, NAME), "utf8")) as Session;
    expect(s.answers).toEqual({ samen: true, hoe: "samen eten" });
    expect(s.participants.map((p) => p.name)).toEqual(["Marieke", "Anouk"]);
    expect(readdirSync(elsewhere)).toEqual([NAME]); // lock released
  });

  it("nowhere to save (empty answer): the session is printed as YAML on stdout, again at the end; exit 1 after Ctrl+C (nothing saved)", async () => {
    const base = temp();
    const out = path.join(base, "weg");
    const r = new Runner(["run", MINI, "--out", out]);
    r.send(...START);
    await r.until("[saved 6]");
    rmSync(out, { recursive: true, force: true });
    r.send("ja");
    await r.until("? Waar zal afstem het gesprek opslaan?");
    r.send("");
    await r.until("Kopieer de tekst hierboven naar een .yaml-bestand.");
    r.send("samen eten");
    await r.until("? Welk cijfer?");
    // 130 means "everything saved"; here nothing could be (issue 13, as the README says).
    expect(await r.end()).toBe(1);
    noTrace(r);
    const marker = "# afstem: dit gesprek kon niet worden opgeslagen";
    expect(r.out.split(marker)).toHaveLength(3);
    const last = r.out.slice(r.out.lastIndexOf(marker), r.out.indexOf("\n\nGestopt: de invoer hield op"));
    const s = parse(last) as Session;
    expect(s.answers).toEqual({ samen: true, hoe: "samen eten" });
    expect(r.out).toContain("Niet opgeslagen op schijf: het gesprek staat hierboven als tekst (YAML).");
  });

  it("read-only folder (chattr +i, where the file system supports it): the answers go to the folder the user gives", async (ctx) => {
    const base = temp();
    if (!canChattr(base)) ctx.skip();
    const out = path.join(base, "alleen-lezen");
    const elsewhere = path.join(base, "elders");
    const r = new Runner(["run", MINI, "--out", out]);
    try {
      r.send(...START);
      await r.until("[saved 6]");
      expect(spawnSync("chattr", ["+i", out]).status).toBe(0);
      r.send("ja");
      await r.until("? Waar zal afstem het gesprek opslaan?");
      expect(r.out).toContain("lukt niet: u mag in deze map niet schrijven (EPERM).");
      r.send(elsewhere);
      await r.until("Vanaf nu slaat afstem elk antwoord daar op.");
      r.send(":stop");
    } finally {
      await r.end(); // ends the input: a stuck runner stops as after Ctrl+C
      spawnSync("chattr", ["-i", out]);
    }
    expect(await r.done).toBe(0);
    noTrace(r);
    expect((parse(readFileSync(path.join(elsewhere, NAME), "utf8")) as Session).answers).toEqual({ samen: true });
    // The original file is the last version that could be written there; its lock could not be removed.
    expect((parse(readFileSync(path.join(out, NAME), "utf8")) as Session).answers).toEqual({});
  });
});

describe("two writers on one session", () => {
  it("an edit by hand while the runner has the file open: explained, the edit kept, ours in a conflict file", async () => {
    const out = temp();
    const r = new Runner(["run", MINI, "--out", out]);
    r.send(...START, "ja");
    await r.until("[saved 7]");
    const file = path.join(out, NAME);
    const edited = readFileSync(file, "utf8").replace("samen: true", "samen: false # coördinator");
    writeFileSync(file, edited);
    r.send("samen eten");
    await r.until("[saved 8]");
    expect(r.out).toContain(
      `⚠ ${file} is gewijzigd door iemand of iets anders (met de hand, of door een synchronisatiemap) sinds afstem het opsloeg.`,
    );
    const conflict = readdirSync(out).find((f) => /^2026-09-15-de-regenboog-mini\.conflict-\d{8}-\d{6}\.yaml$/.test(f))!;
    expect(r.out).toContain(`Die versie blijft ongemoeid. Dit gesprek gaat verder in ${path.join(out, conflict)}.`);
    // A .conflict file is never counted: the user is told how to have the conversation counted.
    expect(r.out).toContain("Een .conflict-bestand telt in report en rollup nooit mee.");
    expect(r.out).toContain(`houd er één en geef dat de naam ${file} (verwijder het andere); dan telt het gesprek mee.`);
    expect(r.out).not.toContain("zien anders beide");
    expect(await r.end()).toBe(130);
    noTrace(r);
    expect(readFileSync(file, "utf8")).toBe(edited);
    expect((parse(readFileSync(path.join(out, conflict), "utf8")) as Session).answers).toEqual({ samen: true, hoe: "samen eten" });
    expect(r.out).toContain(`--resume ${path.join(out, conflict)}`);
    expect(readdirSync(out).sort()).toEqual([NAME, conflict].sort());
  });

  it("a second runner on the same file is refused with what to do", async () => {
    const out = temp();
    const a = new Runner(["run", MINI, "--out", out]);
    a.send(...START);
    await a.until("[saved 6]");
    const file = path.join(out, NAME);
    const b = await runInProcess(["run", MINI, "--resume", file], { env: { AFSTEM_UI: "lines" } });
    expect(b.code).toBe(2);
    expect(b.stderr).toBe(
      `afstem: ${file} is al geopend door een andere afstem (proces ${b.stderr.match(/proces (\d+)/)![1]})\n` +
        `  Sluit dat gesprek eerst af (:stop of Ctrl+C) en probeer het dan opnieuw. Is er zeker geen ander afstem-venster open (ook niet op een andere computer met dezelfde map), verwijder dan ${file}.lock.\n`,
    );
    expect(await a.end()).toBe(130);
  });
});
