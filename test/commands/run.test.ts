// `afstem run` as a process without a terminal: usage errors, --answers, --resume of final
// sessions, the lock. (The terminal itself is exercised in pty.test.ts.)
import { afterEach, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { BIN, runInProcess, tempDir } from "../helpers/cli.js";
import { MINI } from "../helpers/pty.js";
import { EXAMPLES as ROOT_EXAMPLES } from "../helpers/documents.js";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function tmp() {
  const t = tempDir("afstem-run-");
  cleanups.push(t.cleanup);
  return t.dir;
}

const ANSWERS = `meta:
  school: De Regenboog
  datum: "2026-09-15"
participants:
  - {name: Marieke, role: ib, present: true}
answers:
  samen: ja
  hoe: samen eten
  cijfer: 4
`;

describe("afstem run without a terminal", () => {
  it("refuses with a clear message and exit 2 instead of waiting", async () => {
    const dir = tmp();
    const r = await runInProcess(["run", MINI, "--out", dir], { timeout: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("terminal nodig");
    expect(r.stderr).toContain("--answers");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("an unknown format is a usage error", async () => {
    const r = await runInProcess(["run", "bestaat-niet", "--answers", "x.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("onbekend format 'bestaat-niet'");
  });
});

describe("--answers", () => {
  it("fills a session from a partial file, without prompts", async () => {
    const dir = tmp();
    const file = path.join(dir, "antwoorden.yaml");
    writeFileSync(file, ANSWERS);
    const out = path.join(dir, "uit");
    const r = await runInProcess(["run", MINI, "--answers", file, "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const target = path.join(out, "2026-09-15-de-regenboog-mini.yaml");
    expect(r.stdout).toContain(target);
    const s = parse(readFileSync(target, "utf8"));
    expect(s.format).toEqual({ id: "mini", version: 1 });
    expect(s.answers).toEqual({ samen: true, hoe: "samen eten", cijfer: 4 });
    expect(s.status).toBe("draft");
    expect(s.history.map((h: { event: string }) => h.event)).toEqual(["import"]);
    // The same again never overwrites: the name gets -2, as for an interactive run (issue 13).
    const again = await runInProcess(["run", MINI, "--answers", file, "--out", out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(path.join(out, "2026-09-15-de-regenboog-mini-2.yaml"));
    expect(parse(readFileSync(target, "utf8")).answers).toEqual({ samen: true, hoe: "samen eten", cijfer: 4 });
  });

  it("refuses an unreadable --previous file as a conversation does: exit 2, the same message, nothing written", async () => {
    const dir = tmp();
    const file = path.join(dir, "antwoorden.yaml");
    writeFileSync(file, ANSWERS);
    const fifo = path.join(dir, "vorig.yaml");
    execFileSync("mkfifo", [fifo]);
    for (const previous of [path.join(dir, "bestaat-niet.yaml"), "/dev/zero", fifo]) {
      const out = path.join(dir, "uit");
      const r = await runInProcess(["run", MINI, "--previous", previous, "--answers", file, "--out", out], { timeout: 20_000 });
      expect(r.code, previous).toBe(2);
      expect(r.stderr).toContain(`${previous} kan niet als vorig gesprek worden gelezen`);
      expect(existsSync(out)).toBe(false);
    }
    // A readable earlier session is no obstacle.
    const good = path.join(dir, "uit", "2026-09-15-de-regenboog-mini.yaml");
    expect((await runInProcess(["run", MINI, "--answers", file, "--out", path.join(dir, "uit")])).code).toBe(0);
    const r = await runInProcess(["run", MINI, "--previous", good, "--answers", file, "--out", path.join(dir, "uit")]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("lists every problem with file:line:col, exits 1 and writes nothing", async () => {
    const dir = tmp();
    const file = path.join(dir, "fout.yaml");
    writeFileSync(file, `meta:\n  school: X\n  datum: "2026-02-31"\nanswers:\n  samen: misschien\n  cijfer: 9\n  kleurn: [rood]\n`);
    const r = await runInProcess(["run", MINI, "--answers", file, "--out", dir]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n").filter((l) => l.includes("  error  "));
    expect(lines).toHaveLength(5);
    expect(r.stderr).toContain(`${file}:2:11  error  school: Vul de naam van de school in.`);
    expect(r.stderr).toMatch(/:3:10 {2}error {2}datum: '2026-02-31' is geen geldige datum/);
    expect(r.stderr).toMatch(/:5:10 {2}error {2}samen: verwacht ja of nee/);
    expect(r.stderr).toMatch(/:6:11 {2}error {2}cijfer: 9 ligt buiten 1–5/);
    expect(r.stderr).toMatch(/:7:3 {2}error {2}onbekende vraag 'kleurn'.*bedoelt u 'kleuren'/);
    expect(readdirSync(dir)).toEqual(["fout.yaml"]);
  });
});

describe("--answers: the format from the command line, else from the file", () => {
  const example = path.join(ROOT_EXAMPLES, "2026-09-15-obs-de-regenboog-kernteam.yaml");

  it("without a format on the command line, the file's format: is used", async () => {
    const out = path.join(tmp(), "uit");
    const r = await runInProcess(["run", "--answers", example, "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const s = parse(readFileSync(path.join(out, "2026-09-15-obs-de-regenboog-kernteam.yaml"), "utf8"));
    expect(s.format).toEqual({ id: "kernteam", version: 2 });
  });

  it("a file naming another format than the command line is a usage error naming both; nothing is written", async () => {
    const out = path.join(tmp(), "uit");
    const r = await runInProcess(["run", "kernteam-buch", "--answers", example, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is een gesprek met format 'kernteam', niet 'kernteam-buch'");
    expect(existsSync(out)).toBe(false);
    // The same format on both: fine.
    expect((await runInProcess(["run", "kernteam", "--answers", example, "--out", out])).code).toBe(0);
  });

  it("no format anywhere is a usage error that says where to name one; a broken file lists its problems", async () => {
    const dir = tmp();
    const file = path.join(dir, "antwoorden.yaml");
    writeFileSync(file, ANSWERS);
    const r = await runInProcess(["run", "--answers", file, "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("antwoorden.yaml noemt geen format");
    expect(r.stderr).toContain("--answers BESTAND");
    const bad = path.join(dir, "kapot.yaml");
    writeFileSync(bad, "meta: {school: [\n");
    const b = await runInProcess(["run", "--answers", bad, "--out", dir]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/kapot\.yaml:1:\d+ {2}error/);
    expect(readdirSync(dir).sort()).toEqual(["antwoorden.yaml", "kapot.yaml"]);
  });
});

describe("without a terminal", () => {
  it("refuses with exit 2 and makes no --out folder", async () => {
    const dir = tmp();
    const out = path.join(dir, "nieuw");
    const r = await runInProcess(["run", MINI, "--out", out], { input: "" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("terminal");
    expect(existsSync(out)).toBe(false);
  });
});

describe("--resume", () => {
  it("the printed resume command keeps --previous and --lang en", async () => {
    const dir = tmp();
    const prev = path.join(ROOT_EXAMPLES, "2026-09-15-obs-de-regenboog-kernteam.yaml");
    const r = await runInProcess(["run", "kernteam", "--out", dir, "--previous", prev, "--lang", "en"], {
      env: { AFSTEM_UI: "lines" },
      input: "Test School\n",
    });
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/To continue: \S+ run kernteam --previous \S*2026-09-15-obs-de-regenboog-kernteam\.yaml --lang en --resume /);
  });

  it("the printed resume command works in a shell when paths have spaces (it said 'te veel argumenten')", async () => {
    const dir = tmp();
    const formats = path.join(dir, "my fmts");
    mkdirSync(formats);
    cpSync(MINI, path.join(formats, "mini.yaml"));
    const out = path.join(dir, "mijn gesprekken");
    const r = await runInProcess(["run", "mini", "--formats-dir", formats, "--out", out], {
      env: { AFSTEM_UI: "lines" },
      input: "De Wilg\n",
    });
    expect(r.code).toBe(130);
    const printed = /Verder gaan: afstem (run .*)$/m.exec(r.stdout)![1]!;
    expect(printed).toContain(`'${formats}'`);
    const again = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" ${printed}`], {
      input: ":stop\n",
      env: { ...process.env, AFSTEM_UI: "lines", NO_COLOR: "1" },
      encoding: "utf8",
    });
    expect(again.status, again.stderr).toBe(0);
  });

  it("the printed resume command keeps --formats-dir (a format from there was 'unknown format' without it)", async () => {
    const dir = tmp();
    const formats = path.dirname(MINI);
    const r = await runInProcess(["run", "mini", "--formats-dir", formats, "--out", dir], {
      env: { AFSTEM_UI: "lines" },
      input: "De Wilg\n",
    });
    expect(r.code).toBe(130);
    const cmd = /Verder gaan: \S+ (run .*)$/m.exec(r.stdout)?.[1];
    expect(cmd).toMatch(/--formats-dir \S*test\/fixtures\/runner /);
    const again = await runInProcess([...cmd!.split(" ")], { env: { AFSTEM_UI: "lines" }, input: ":stop\n" });
    expect(again.code, again.stderr).toBe(0);
  });
  it("a file saved before the date was known gets its proper name once the date is given; a name of one's own stays", async () => {
    const dir = tmp();
    const first = await runInProcess(["run", MINI, "--out", dir], { env: { AFSTEM_UI: "lines" }, input: "De Wilg\n" });
    expect(first.code).toBe(130);
    expect(readdirSync(dir)).toEqual(["zonder-datum-de-wilg-mini.yaml"]);
    const again = await runInProcess(["run", MINI, "--resume", path.join(dir, "zonder-datum-de-wilg-mini.yaml")], {
      env: { AFSTEM_UI: "lines" },
      input: "2026-09-15\n",
    });
    expect(again.code).toBe(130);
    expect(again.stdout).toMatch(/Opslaan in: .*2026-09-15-de-wilg-mini\.yaml/);
    expect(readdirSync(dir)).toEqual(["2026-09-15-de-wilg-mini.yaml"]);
    expect(parse(readFileSync(path.join(dir, "2026-09-15-de-wilg-mini.yaml"), "utf8")).meta).toMatchObject({
      school: "De Wilg",
      datum: "2026-09-15",
    });

    const own = tmp();
    const first2 = await runInProcess(["run", MINI, "--out", own], { env: { AFSTEM_UI: "lines" }, input: "De Linde\n" });
    expect(first2.code).toBe(130);
    const mine = path.join(own, "gesprek de linde.yaml");
    execFileSync("mv", [path.join(own, "zonder-datum-de-linde-mini.yaml"), mine]);
    const again2 = await runInProcess(["run", MINI, "--resume", mine], { env: { AFSTEM_UI: "lines" }, input: "2026-09-15\n" });
    expect(again2.code).toBe(130);
    expect(readdirSync(own)).toEqual(["gesprek de linde.yaml"]);
  });

  async function filled(dir: string): Promise<string> {
    const file = path.join(dir, "a.yaml");
    writeFileSync(file, ANSWERS);
    expect((await runInProcess(["run", MINI, "--answers", file, "--out", dir])).code).toBe(0);
    return path.join(dir, "2026-09-15-de-regenboog-mini.yaml");
  }

  it("a finalized session opens read-only; --reopen records it in the history", async () => {
    const dir = tmp();
    const file = await filled(dir);
    const s = parse(readFileSync(file, "utf8"));
    Object.assign(s, { status: "final", finalized: { at: "2026-09-15T10:00:00Z", by: ["ib"] } });
    s.answers.verhaal = "een lang verhaal";
    writeFileSync(file, JSON.stringify(s));
    const before = readFileSync(file, "utf8");
    const ro = await runInProcess(["run", MINI, "--resume", file], { env: { AFSTEM_UI: "lines" }, input: "" });
    expect(ro.code).toBe(0);
    expect(ro.stdout).toContain("alleen-lezen");
    expect(ro.stdout).toContain("--reopen");
    expect(ro.stdout).toContain("door Intern begeleider");
    expect(ro.stdout).not.toContain("2026-09-15T10:00:00Z");
    expect(readFileSync(file, "utf8")).toBe(before);
    // Issue 15, item 7: looking at a reopened session and stopping changes nothing.
    const look = await runInProcess(["run", MINI, "--resume", file, "--reopen"], { env: { AFSTEM_UI: "lines" }, input: "stop\n" });
    expect(look.code).toBe(0);
    expect(look.stdout).toContain("blijft vastgesteld");
    expect(readFileSync(file, "utf8")).toBe(before);
    // Interrupted while only looking: the hint keeps --reopen (without it the file opens read-only).
    const peek = await runInProcess(["run", MINI, "--resume", file, "--reopen"], { env: { AFSTEM_UI: "lines" }, input: "" });
    expect(peek.code).toBe(130);
    expect(peek.stdout).toMatch(/ run \S+ --reopen --resume /);
    expect(readFileSync(file, "utf8")).toBe(before);
    // The first real change makes it a draft, with the reopen in the history.
    const re = await runInProcess(["run", MINI, "--resume", file, "--reopen"], {
      env: { AFSTEM_UI: "lines" },
      input: "edit\nhoe\nanders nu\nstop\n",
    });
    expect(re.code).toBe(0);
    const after = parse(readFileSync(file, "utf8"));
    expect(after.status).toBe("draft");
    expect(after.answers.hoe).toBe("anders nu");
    expect(after.history.map((h: { event: string }) => h.event)).toEqual(["import", "resume", "reopen"]);
  });

  it("--resume of a file whose answers break the format's rules opens, says which and how to fix them; a broken file is still refused", async () => {
    const dir = tmp();
    const file = await filled(dir);
    const s = parse(readFileSync(file, "utf8"));
    s.answers.kleuren = ["rood", "groen", "blauw"]; // maxItems 2 (an old afstem let a list grow past it)
    writeFileSync(file, JSON.stringify(s));
    const r = await runInProcess(["run", MINI, "--resume", file], { env: { AFSTEM_UI: "lines" }, input: ":overzicht\nfinalize\n:stop\n" });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/:\d+:\d+ {2}error {2}kleuren: Hooguit twee\. {2}\(answer-validate\)/);
    expect(r.stdout).toContain("⚠ 1 antwoord(en) voldoen niet aan het format (hierboven). Verbeter ze in het gesprek");
    expect(r.stdout).toContain("✗ antwoord voldoet niet aan het format: Kleuren? (kleuren): Hooguit twee.");
    expect(parse(readFileSync(file, "utf8")).status).toBe("draft");
    // Not an answer's value but the file itself (an unknown question): fixed first, as before.
    s.answers.kleurn = ["rood"];
    writeFileSync(file, JSON.stringify(s));
    const broken = await runInProcess(["run", MINI, "--resume", file], { env: { AFSTEM_UI: "lines" }, input: ":stop\n" });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("kan niet worden voortgezet");
  });

  it("--resume FILE alone is enough: the format comes from the file (issue 15, item 8)", async () => {
    const dir = tmp();
    const file = await filled(dir);
    const r = await runInProcess(["run", "--resume", file, "--formats-dir", path.dirname(MINI)], {
      env: { AFSTEM_UI: "lines" },
      input: ":stop\n",
    });
    expect(r.code).toBe(0);
    // The flags the run needs again are kept (--formats-dir: a format from there).
    expect(r.stdout).toContain(`Verder gaan: afstem run mini --formats-dir test/fixtures/runner --resume ${file}`);
  });

  it("--resume with a path relative to the working folder opens that file, shown as typed", async () => {
    const dir = tmp();
    const file = await filled(dir);
    const r = await runInProcess(["run", "--resume", path.basename(file), "--formats-dir", path.dirname(MINI)], {
      cwd: dir,
      env: { AFSTEM_UI: "lines" },
      input: ":stop\n",
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Verder gaan: afstem run mini --formats-dir ${path.dirname(MINI)} --resume ${path.basename(file)}`);
  });

  it("printed next steps say `npx afstem` when started through npx (issue 15, item 8)", async () => {
    const dir = tmp();
    const file = await filled(dir);
    const r = await runInProcess(["run", MINI, "--resume", file], { env: { AFSTEM_UI: "lines", npm_command: "exec" }, input: ":stop\n" });
    expect(r.stdout).toContain(`Verder gaan: npx afstem run ${MINI} --resume ${file}`);
  });

  it("takes over a stale lock of a dead process, with a message, and releases it at the end", async () => {
    const dir = tmp();
    const file = await filled(dir);
    writeFileSync(`${file}.lock`, "2147480000\n");
    const r = await runInProcess(["run", MINI, "--resume", file], { env: { AFSTEM_UI: "lines" }, input: ":stop\n" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("proces 2147480000 bestaat niet meer");
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("end of scripted input is Ctrl+C: saved, exit 130, with the resume command", async () => {
    const dir = tmp();
    const file = await filled(dir);
    const r = await runInProcess(["run", MINI, "--resume", file], { env: { AFSTEM_UI: "lines" }, input: "lang genoeg verhaal\n\n" });
    expect(r.code).toBe(130);
    expect(r.stdout).toContain(`--resume ${file}`);
    expect(parse(readFileSync(file, "utf8")).answers.verhaal).toBe("lang genoeg verhaal");
  });

  it("an unreadable session file is exit 2", async () => {
    const dir = tmp();
    const r = await runInProcess(["run", MINI, "--resume", path.join(dir, "nope.yaml")], { env: { AFSTEM_UI: "lines" } });
    expect(r.code).toBe(2);
  });
});
