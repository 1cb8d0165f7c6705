// Other formats beside the school conversations (issue 14, point 7): routekaart self-scans get a
// chapter of their own and are not counted as school conversations; their charts, with a bar per
// question, say so and show the scale's end labels; a section with nothing to show has no heading.
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { REGENBOOG, docxPart, docxText, readExample, writeSession } from "../helpers/documents.js";
import { chartSpec } from "../../src/report/charts/spec.js";

const tmp = tempDir("afstem-other-formats-");
afterAll(() => tmp.cleanup());

/** A routekaart self-scan: three scales and a follow-up list of free text (nothing to count). */
const selfScan = (i: number) => ({
  afstem: 1,
  format: { id: "routekaart", version: 1 },
  status: "final",
  started: `2026-10-1${i}T09:00:00+02:00`,
  updated: `2026-10-1${i}T10:00:00+02:00`,
  finalized: { at: `2026-10-1${i}T10:00:00+02:00`, by: ["teamleider"] },
  meta: { school: `Expertteam ${i}`, regio: "ijmond", gemeente: "beverwijk", datum: `2026-10-1${i}` },
  participants: [{ name: `Teamleider ${i}`, role: "teamleider", organisation: "Jeugdhulp", present: true }],
  answers: {
    uitv_verbinding: 1 + (i % 5),
    org_verbinding: 5 - (i % 3),
    bb_verbinding: 2,
    vervolg_acties: [{ actie: `Kennismaking ${i}`, niveau: "bestuur-beleid", eigenaar: `Teamleider ${i}`, gereed: "2026-11-01" }],
  },
});

/** A folder `name` with `n` kernteam conversations (the Regenboog example, one school each). */
function schools(name: string, n: number, meta: (i: number) => Record<string, string> = () => ({})): string {
  const dir = path.join(tmp.dir, name);
  mkdirSync(dir);
  for (let i = 0; i < n; i++) {
    const s = readExample(REGENBOOG);
    Object.assign(s.meta, { school: `School ${i}`, brin: `${10 + i}AB00`, datum: `2026-09-${10 + i}` }, meta(i));
    writeSession(dir, `k${i}.yaml`, s);
  }
  return dir;
}

/** `report --summary` over `dir`: the document's file and text. */
async function summaryOf(dir: string): Promise<{ file: string; text: string }> {
  const out = `${dir}-out`;
  const r = await runInProcess(["report", dir, "--out", out, "--summary"], { timeout: 120_000 });
  expect(r.code, r.stderr).toBe(0);
  const file = path.join(out, readdirSync(out)[0]!);
  return { file, text: await docxText(file) };
}

describe("routekaart self-scans beside the school conversations", () => {
  it("counts 6 school conversations in the title block and footer, not 12; no empty section heading", async () => {
    const dir = schools("in", 6);
    for (let i = 0; i < 6; i++) writeSession(dir, `r${i}.yaml`, selfScan(i));
    const { file, text } = await summaryOf(dir);
    expect(text).toMatch(/^Gesprekken\n+6\n/m);
    expect(text).toContain("routekaart v1: 6");
    const footer = await docxPart(file, /^word\/footer\d*\.xml$/);
    expect(footer).toContain("6 gesprekken");
    // The routekaart's "Vervolg" section has a scale answered by nobody here: its heading went
    // straight on to the next chapter's ("Vervolg", then "Acties per organisatie").
    expect(text).not.toMatch(/\nVervolg\n+Acties per organisatie/);
    expect(text).toMatch(/\nBestuur & beleid\n+Schaalvragen/);
  });

  it("leaves out the appendix's counts over all formats when they differ from the key points' (the difference was the other format's small groups)", async () => {
    const dir = schools("mixed", 12, (i) => ({ gemeente: i < 6 ? "beverwijk" : "velsen", schooltype: i % 3 ? "PO" : "VO" }));
    // Three self-scans in Velsen: key points Velsen 6, all formats Velsen 9.
    for (let i = 0; i < 3; i++) writeSession(dir, `r${i}.yaml`, { ...selfScan(i), meta: { ...selfScan(i).meta, gemeente: "velsen" } });
    const { text } = await summaryOf(dir);
    expect(text).not.toContain("Gesprekken per gemeente (alle formats)");
    expect(text).not.toMatch(/\nVelsen\n+9\n/);
  });

  it("with fewer school conversations than self-scans, the key points are still the school conversations'", async () => {
    const dir = schools("few", 3);
    for (let i = 0; i < 6; i++) writeSession(dir, `r${i}.yaml`, selfScan(i));
    const { text } = await summaryOf(dir);
    // The self-scans were the key points ("6 gesprekken 'Zelfscan routekaart…'") and the title's 6.
    expect(text).toMatch(/^Gesprekken\n+< 5\n/m);
    expect(text).not.toMatch(/\d+ gesprekken 'Zelfscan routekaart/);
  });

  it("three kernteam conversations beside eight self-scans: no count over all formats, no action counts that rest on the three", async () => {
    const dir = schools("three", 3);
    for (let i = 0; i < 8; i++)
      writeSession(dir, `r${i}.yaml`, { ...selfScan(i), meta: { ...selfScan(i).meta, gemeente: i < 6 ? "beverwijk" : "velsen" } });
    const { text } = await summaryOf(dir);
    // 11 over all formats beside 'routekaart v1: 8' gave the hidden 3 away; 'CJG 3' rested on them.
    expect(text).not.toContain("(alle formats)");
    expect(text).not.toMatch(/\nTotaal\n+11\n/);
    expect(text).toMatch(/\nActies per organisatie\n+< 5 — minder dan 5 gesprekken/);
    expect(text).not.toMatch(/\nCJG\n+3\n/);
  });

  it("a chart of several questions says 'per vraag', shows the scale's end labels and wraps long question texts", () => {
    const c = chartSpec(
      {
        kind: "scale",
        title: "Schaalvragen",
        min: 1,
        max: 5,
        minLabel: "Geen verbinding",
        maxLabel: "Sterke verbinding",
        bars: "questions",
        groups: [{ label: "Hoe goed is de verbinding met het\nonderwijs op het niveau van de\nuitvoering?", counts: { 2: 3, 4: 4 } }],
        minGroup: 5,
      },
      "nl",
    )!;
    expect(c.caption).toContain("per vraag");
    expect(c.alt).toContain("per vraag");
    expect(c.alt).not.toContain("\n");
    const spec = JSON.stringify(c.spec);
    expect(spec).toContain("1 Geen verbinding");
    expect(spec).toContain("5 Sterke verbinding");
    expect(spec).toContain("split(datum.label");
  });
});
