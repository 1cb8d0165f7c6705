// Stopping during the participant names lost the parties not yet named: the file held only the
// ones named so far, and resuming jumped to the first section without asking the other names
// (the per-party scale then asked only those). The parties chosen are now saved at once (with
// empty names) and resuming goes on at the next name, then who is present.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "../helpers/cli.js";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), "afstem-resume-names-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const FILE = path.join("l3", "2026-09-21-obs-drie-kernteam.yaml");
const START = "OBS Drie\n\n3\n1\n1\n2026-09-21\n\nAnouk\n";
const roles = (f: string) => parse(readFileSync(f, "utf8")).participants.map((p: { role: string; name: string }) => [p.role, p.name]);

describe("run: stopped during the participant names", () => {
  it("keeps the parties chosen and resumes at the next name, then who is present", () => {
    const dir = tmp();
    const first = runCli(["run", "kernteam", "--out", "l3"], { cwd: dir, env: { AFSTEM_UI: "lines" }, input: START });
    expect(first.code, first.stderr).toBe(130);
    const file = path.join(dir, FILE);
    expect(roles(file)).toEqual([
      ["cjg", "Anouk"],
      ["socius", ""],
      ["ggd", ""],
      ["ib", ""],
    ]);
    expect(parse(readFileSync(file, "utf8")).position).toBe("participants");

    // Stop again after one more name: still all four parties, and the next resume asks GGD.
    const second = runCli(["run", "--resume", FILE], { cwd: dir, env: { AFSTEM_UI: "lines" }, input: "Mehmet\n:stop\n" });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("Naam — Socius/MET");
    expect(second.stdout).not.toContain("Welke partijen");
    expect(second.stdout).not.toContain("Naam — CJG");
    expect(roles(file)).toEqual([
      ["cjg", "Anouk"],
      ["socius", "Mehmet"],
      ["ggd", ""],
      ["ib", ""],
    ]);

    const third = runCli(["run", "--resume", FILE], { cwd: dir, env: { AFSTEM_UI: "lines" }, input: "Sara\nPiet\n\n3\n" });
    expect(third.code, third.stderr).toBe(130);
    const out = third.stdout;
    expect(out).not.toContain("Naam — Socius/MET");
    const ggd = out.indexOf("Naam — GGD");
    const ib = out.indexOf("Naam — Intern begeleider");
    const present = out.indexOf("Wie is aanwezig?");
    expect(ggd).toBeGreaterThan(0);
    expect(ib).toBeGreaterThan(ggd);
    expect(present).toBeGreaterThan(ib);
    // The first section's per-party scale asks every party, CJG first.
    expect(out.slice(present)).toContain("— CJG");
    expect(out.slice(present)).toContain("— Socius/MET");
    expect(roles(file)).toEqual([
      ["cjg", "Anouk"],
      ["socius", "Mehmet"],
      ["ggd", "Sara"],
      ["ib", "Piet"],
    ]);
    expect(parse(readFileSync(file, "utf8")).participants.every((p: { present: boolean }) => p.present)).toBe(true);
  });
});
