// AFSTEM_UI=lines: standard input that ends before the conversation does was reported as
// 'Gestopt (Ctrl+C).' though nobody pressed Ctrl+C. It now says the input ended, where the
// session is saved and how to continue (exit 130, as the README documents).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT, runCli, runInProcess } from "../helpers/cli.js";

const MINI = path.join(ROOT, "test", "fixtures", "runner", "mini.yaml");
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), "afstem-eof-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("run with AFSTEM_UI=lines: the input ends before the conversation does", () => {
  it("says the input ended (not Ctrl+C), where it is saved and the resume command; exit 130; the command continues", () => {
    const dir = tmp();
    const r = runCli(["run", MINI, "--out", "."], { cwd: dir, env: { AFSTEM_UI: "lines" }, input: "De Wilg\n2026-09-15\n" });
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).not.toContain("Ctrl+C).");
    const file = "2026-09-15-de-wilg-mini.yaml";
    expect(r.stdout).toMatch(
      new RegExp(
        `\\n\\nGestopt: de invoer hield op vóór het einde van het gesprek\\.\\nOpgeslagen in ${file.replace(/\./g, "\\.")}\\nVerder gaan: afstem run (\\S+) --resume ${file.replace(/\./g, "\\.")}\\n$`,
      ),
    );
    expect(parse(readFileSync(path.join(dir, file), "utf8")).meta).toEqual({ school: "De Wilg", datum: "2026-09-15" });
    const cmd = /Verder gaan: afstem (run .*)$/m.exec(r.stdout)![1]!;
    const again = runCli(cmd.split(" "), { cwd: dir, env: { AFSTEM_UI: "lines" }, input: ":stop\n" });
    expect(again.code, again.stderr).toBe(0);
  });

  it("in English too", async () => {
    const dir = tmp();
    const r = await runInProcess(["run", MINI, "--out", dir, "--lang", "en"], { env: { AFSTEM_UI: "lines" }, input: "De Wilg\n" });
    expect(r.code).toBe(130);
    expect(r.stdout).toContain("\n\nStopped: the input ended before the end of the conversation.\nSaved to ");
    expect(r.stdout).not.toContain("Ctrl+C).");
  });
});
