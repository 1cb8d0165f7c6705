// A question renamed between versions (`was`) is one item in the summary whichever versions the
// sessions use: kernteam v1 answers `tevredenheid`, kernteam-buch v1 (which extends kernteam v2)
// answers `tevredenheid_samenwerking`. With no kernteam v2 session in the set, the summary used
// to merge over the versions present only and reported the question twice; --previous then
// compared this round with half of the last one.
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { EXAMPLES, REGENBOOG, docxText, readExample, writeSession } from "../helpers/documents.js";

const tmp = tempDir("afstem-summary-versions-");
afterAll(() => tmp.cleanup());

const V1 = path.join(EXAMPLES, "2025-09-30-het-duinzicht-college-kernteam.yaml");
const BUCH = path.join(EXAMPLES, "2026-10-06-ikc-het-zandpad-kernteam-buch.yaml");
const PROMPT = "Hoe tevreden zijn jullie over de samenwerking";

/** Five sessions of an example, each at its own school, with `answer` set to `score`. */
function sessions(dir: string, example: string, answer: string, score: number, tag: string): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 5; i++) {
    const s = readExample(example);
    s.meta.school = `School ${tag} ${i}`;
    s.meta.brin = `${10 + i}${tag}00`;
    s.answers[answer] = score;
    writeSession(dir, `${tag}${i}.yaml`, s);
  }
}

async function summaryText(args: string[]): Promise<string> {
  const out = path.join(tmp.dir, `out${Math.random().toString(36).slice(2)}`);
  const r = await runInProcess(["report", ...args, "--out", out, "--summary"], { timeout: 120_000 });
  expect(r.code, r.stderr).toBe(0);
  return docxText(path.join(out, readdirSync(out).find((f) => f.endsWith(".docx"))!));
}

/** The key points' mean lines of the renamed question. */
const meanLines = (text: string) => text.split("\n").filter((l) => l.includes(` — ${PROMPT}`));

describe("summary: renamed questions merge over every installed version", () => {
  const prev = path.join(tmp.dir, "prev");
  sessions(prev, V1, "tevredenheid", 4, "AA");
  sessions(prev, BUCH, "tevredenheid_samenwerking", 2, "BB");

  it("kernteam v1 and kernteam-buch v1 only: one item, n = 10, mean 3,0", async () => {
    const text = await summaryText([prev]);
    expect(meanLines(text)).toEqual([expect.stringMatching(/^3,0 — .*\(n = 10\)$/)]);
  }, 120_000);

  it("--previous with only old versions is keyed on the newest ids: 3,0 → 5,0", async () => {
    const cur = path.join(tmp.dir, "cur");
    sessions(cur, REGENBOOG, "tevredenheid_samenwerking", 5, "CC");
    const text = await summaryText([cur, "--previous", prev]);
    expect(meanLines(text)).toEqual([expect.stringMatching(/^3,0 → 5,0 — .*\(n = 5\)$/)]);
  }, 120_000);
});
