// The record cache (src/rollup/fast/cache.ts): a second rollup over an unchanged folder gives
// the same bytes from cached records, and a file edited since — even with the same size and
// its old mtime put back — is read again, never served stale. With enough files (≥ 200) the
// workers start before the files are stamped: cold, warm and partly warm runs give the same bytes.
// Drafts a run leaves out are cached as stubs, which a run with --include-drafts does not take.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
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
function cachedFiles(root = cache): string[] {
  const dir = path.join(root, "rollup-records");
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

  it("starts workers early for a big cold run and gives the same bytes cold, warm and partly warm", async () => {
    // 240 sessions of six schools' conversations on as many dates, then 210 more: enough files
    // that the workers start before the files are stamped (the cache can serve too few of them).
    const big = path.join(tmp.dir, "big");
    mkdirSync(big);
    const examples = readdirSync(path.join(ROOT, "examples"));
    const write = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const name = examples[i % examples.length]!;
        const text = readFileSync(path.join(ROOT, "examples", name), "utf8");
        const day = String(1 + (i % 28)).padStart(2, "0");
        const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, "0");
        const dated = text.replace(/^ {2}datum: "\d{4}-\d{2}-\d{2}"$/m, `  datum: "2026-${month}-${day}"`);
        expect(dated).not.toBe(text);
        const f = path.join(big, `${String(i).padStart(4, "0")}-${name}`);
        writeFileSync(f, dated);
        utimesSync(f, 1_700_000_000, 1_700_000_000);
      }
    };
    const bigRollup = (env: Record<string, string>, more: string[] = []) => {
      const out = path.join(tmp.dir, `out-${++run}`);
      const r = runCli(["rollup", big, "--out", out, "--by", "gemeente", ...more], { env });
      expect(r.code, r.stderr).toBe(0);
      return {
        stdout: r.stdout.replaceAll(out, "OUT"),
        stderr: r.stderr,
        files: Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f), "utf8")])),
      };
    };
    const bigCache = path.join(tmp.dir, "big-cache");
    write(0, 240);
    await new Promise((r) => setTimeout(r, 3200));
    const uncached = bigRollup({ AFSTEM_CACHE: "0" });
    // 160 final conversations counted, 80 drafts left out (never kept by the record store).
    expect(uncached.stdout).toMatch(/^160 .* 80 /m);
    expect(bigRollup({ AFSTEM_CACHE_DIR: bigCache })).toEqual(uncached); // cold: workers started early
    expect(bigRollup({ AFSTEM_CACHE_DIR: bigCache })).toEqual(uncached); // warm: no workers at all
    // The drafts were cached as stubs (no record made): a run that counts them reads them again.
    expect(cachedFiles(bigCache)).toHaveLength(240);
    const drafts = bigRollup({ AFSTEM_CACHE: "0" }, ["--include-drafts"]);
    expect(drafts.stdout).toMatch(/^160 .* 80 /m);
    expect(drafts.files).not.toEqual(uncached.files);
    expect(bigRollup({ AFSTEM_CACHE_DIR: bigCache }, ["--include-drafts"])).toEqual(drafts);
    expect(bigRollup({ AFSTEM_CACHE_DIR: bigCache })).toEqual(uncached);
    write(240, 450);
    await new Promise((r) => setTimeout(r, 3200));
    const more = bigRollup({ AFSTEM_CACHE: "0" });
    expect(more).not.toEqual(uncached);
    // Three workers that each read their own files (the main thread reads for one or two).
    expect(bigRollup({ AFSTEM_CACHE: "0", AFSTEM_ROLLUP_THREADS: "3" })).toEqual(more);
    expect(bigRollup({ AFSTEM_CACHE_DIR: bigCache })).toEqual(more); // 240 hits, 210 misses: early workers again
  }, 60_000);
});
