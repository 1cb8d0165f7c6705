// Issue 15 through `run --answers` and `validate`: a per_party scale as {joint, parties} or a
// plain number (joint only), and last year's followup, accepted; wrong shapes located.
import { afterEach, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { runInProcess, tempDir } from "../helpers/cli.js";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function tmp() {
  const t = tempDir("afstem-answers15-");
  cleanups.push(t.cleanup);
  return t.dir;
}

const HEAD = `format: {id: kernteam, version: 2}
meta: {school: OBS De Regenboog, brin: 99RB00, datum: "2026-09-15"}
participants:
  - {name: Marieke, role: ib, present: true}
  - {name: Anouk, role: cjg, present: true}
`;

describe("--answers with per_party and followup", () => {
  it("stores {joint, parties} and followup as given", async () => {
    const dir = tmp();
    const file = path.join(dir, "a.yaml");
    writeFileSync(
      file,
      `${HEAD}answers:\n  tevredenheid_samenwerking: {joint: 4, parties: {ib: 5, cjg: 3}}\nfollowup:\n  - {action: Maandelijks overleg, status: gedaan}\n  - {action: Scholing, status: loopt, note: in november}\n`,
    );
    const r = await runInProcess(["run", "kernteam", "--answers", file, "--out", dir]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const s = parse(readFileSync(path.join(dir, "2026-09-15-obs-de-regenboog-kernteam.yaml"), "utf8"));
    expect(s.answers.tevredenheid_samenwerking).toEqual({ joint: 4, parties: { ib: 5, cjg: 3 } });
    expect(s.followup).toEqual([
      { action: "Maandelijks overleg", status: "gedaan" },
      { action: "Scholing", status: "loopt", note: "in november" },
    ]);
  });

  it("a plain number is the joint score only", async () => {
    const dir = tmp();
    const file = path.join(dir, "a.yaml");
    writeFileSync(file, `${HEAD}answers:\n  tevredenheid_samenwerking: 3\n`);
    expect((await runInProcess(["run", "kernteam", "--answers", file, "--out", dir])).code).toBe(0);
  });

  it("refuses a party score out of range, an unknown role, a missing joint and a bad status, each located", async () => {
    const dir = tmp();
    const file = path.join(dir, "a.yaml");
    writeFileSync(
      file,
      `${HEAD}answers:\n  tevredenheid_samenwerking: {joint: 4, parties: {ib: 9, cjgg: 3}}\n  ouders_vinden_weg: {joint: 2}\nfollowup:\n  - {action: Overleg, status: klaar}\n`,
    );
    const r = await runInProcess(["run", "kernteam", "--answers", file, "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/:7:\d+ {2}error {2}tevredenheid_samenwerking: 9 ligt buiten 1–5/);
    expect(r.stderr).toMatch(/error {2}tevredenheid_samenwerking: onbekende rol 'cjgg'.*bedoelt u 'cjg'/);
    expect(r.stderr).toMatch(/:8:\d+ {2}error {2}ouders_vinden_weg: verwacht een getal/); // not a per_party question
    expect(r.stderr).toMatch(/:10:\d+ {2}error {2}/); // status klaar
    const noJoint = path.join(dir, "b.yaml");
    writeFileSync(noJoint, `${HEAD}answers:\n  tevredenheid_samenwerking: {parties: {ib: 2}}\n`);
    const r2 = await runInProcess(["run", "kernteam", "--answers", noJoint, "--out", dir]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain("de gezamenlijke score (joint) ontbreekt");
  });
});

describe("lint: per_party only on scale", () => {
  it("an error on another type", async () => {
    const r = await runInProcess(["lint", "test/fixtures/formats/per-party-type.yaml"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("per_party wordt alleen gebruikt bij type scale");
  });
});
