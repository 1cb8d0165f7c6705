// per_party in the regional summary: each party's own mean beside the joint score, and the
// spread between the parties — by role, never by name; a role scored too rarely is "< k".
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { REGENBOOG, docxText, readExample, writeSession } from "../helpers/documents.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir("afstem-party-")));
afterEach(() => cleanup());

describe("report --summary with per_party scores", () => {
  it("shows each party's mean and the mean gap, by role, for the region", async () => {
    const input = path.join(dir, "in");
    mkdirSync(input);
    for (let i = 0; i < 6; i++) {
      const s = readExample(REGENBOOG);
      s.meta.school = `School ${i}`;
      s.meta.brin = `10AB0${i}`;
      // CJG always 4, GGD always 2 (gap 2); Socius only twice (too rare to show).
      s.answers.tevredenheid_samenwerking = { joint: 3, parties: { cjg: 4, ggd: 2, ...(i < 2 ? { socius: 3 } : {}) } };
      writeSession(input, `s${i}.yaml`, s);
    }
    const out = path.join(dir, "out");
    const r = await runInProcess(["report", input, "--out", out, "--summary"]);
    expect(r.code, r.stderr).toBe(0);
    const text = await docxText(path.join(out, readdirSync(out)[0]!));
    expect(text).toMatch(/Eigen score per partij \(gemiddeld\): CJG 4,0 \(n = 6\) · GGD 2,0 \(n = 6\) · Socius\/MET < 5\./);
    expect(text).toContain("Gemiddeld verschil tussen de hoogste en laagste partijscore: 2,0 (n = 6)");
    for (const name of ["Anouk de Vries", "Mehmet", "Sanne Bakker"]) expect(text).not.toContain(name);
  });
});
