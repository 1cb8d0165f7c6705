// The record cache (src/rollup/fast/cache.ts): a second rollup over an unchanged folder gives
// the same bytes from cached records, and a file edited since — even with the same size and
// its old mtime put back — is read again, never served stale.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runCli, tempDir, ROOT } from "../helpers/cli.js";

const tmp = tempDir("afstem-record-cache-");
const sessions = path.join(tmp.dir, "sessions");
const cache = path.join(tmp.dir, "cache");
const edited = path.join(sessions, "2026-09-15-obs-de-regenboog-kernteam.yaml");
let run = 0;

function rollup(env: Record<string, string> = { AFSTEM_CACHE_DIR: cache }) {
  const out = path.join(tmp.dir, `out-${++run}`);
  const r = runCli(["rollup", sessions, "--out", out, "--include-text", "--by", "gemeente"], { env });
  expect(r.code, r.stderr).toBe(0);
  const files = Object.fromEntries(
    readdirSync(out)
      .sort()
      .map((f) => [f, readFileSync(path.join(out, f), "utf8")]),
  );
  return { stdout: r.stdout.replaceAll(out, "OUT"), stderr: r.stderr, files };
}

/** Files that have an entry in the record cache's index. */
function cachedFiles(): string[] {
  const dir = path.join(cache, "rollup-records");
  return readdirSync(dir).flatMap((f) => Object.keys((JSON.parse(readFileSync(path.join(dir, f), "utf8")) as { entries: object }).entries));
}

beforeAll(async () => {
  cpSync(path.join(ROOT, "examples"), sessions, { recursive: true });
  // Whole seconds, so that the test can put an mtime back exactly.
  for (const f of readdirSync(sessions)) utimesSync(path.join(sessions, f), 1_700_000_000, 1_700_000_000);
  // Files changed in the last 3 s are not cached (the racy rule): let the copies age (ctime too).
  await new Promise((r) => setTimeout(r, 3200));
});
afterAll(() => tmp.cleanup());

describe("record cache", () => {
  it("a second rollup over an unchanged folder writes the same bytes from cached records", () => {
    const uncached = rollup({ AFSTEM_CACHE: "0" });
    const cold = rollup();
    expect(cachedFiles().sort()).toEqual(
      readdirSync(sessions)
        .map((f) => path.join(sessions, f))
        .sort(),
    );
    const warm = rollup();
    expect(Object.keys(cold.files).length).toBeGreaterThan(5);
    expect(cold).toEqual(uncached);
    expect(warm).toEqual(uncached);
  });

  it("an edit of the same size with the old mtime put back is read again", () => {
    rollup(); // cache filled
    const before = statSync(edited);
    const text = readFileSync(edited, "utf8");
    const changed = text.replace("tevredenheid_samenwerking: 4", "tevredenheid_samenwerking: 2");
    expect(changed).not.toBe(text);
    writeFileSync(edited, changed);
    utimesSync(edited, 1_700_000_000, 1_700_000_000);
    expect(statSync(edited).size).toBe(before.size);
    expect(statSync(edited).mtimeMs).toBe(before.mtimeMs);

    const after = rollup();
    expect(after).toEqual(rollup({ AFSTEM_CACHE: "0" }));
    expect(after.files["kernteam-long.csv"]).toMatch(/tevredenheid_samenwerking,[^\n]*,scale,,,2,/);
    // Changed within the last seconds: not stored, so a further edit in the same clock tick cannot hide.
    expect(cachedFiles()).not.toContain(edited);
    expect(cachedFiles().length).toBe(readdirSync(sessions).length - 1);
  });
});
