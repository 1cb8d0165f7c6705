// Issue 13, bounded work per input: a session with 100,000 unknown answer keys (1.9 MB) used to
// take 255 s to validate (the yaml package's duplicate-key check and a position lookup per
// finding were both quadratic). Now both are linear, and the output shows the first 100
// findings of a file, then "… en N meer".
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers/cli.js";
import { runInProcessAsync } from "./cases.js";

const tmp = tempDir("afstem-huge-");
afterAll(() => tmp.cleanup());

function hugeSession(keys: number, duplicate = false): string {
  const lines = readFileSync(path.join(ROOT, "examples/2026-09-15-obs-de-regenboog-kernteam.yaml"), "utf8").split("\n");
  const at = lines.indexOf("answers:");
  const extra = Array.from({ length: keys }, (_, i) => `  onbekend_${i}: x`);
  if (duplicate) extra.push("  onbekend_7: y");
  return [...lines.slice(0, at + 1), ...extra, ...lines.slice(at + 1)].join("\n");
}

it("validate: 100,000 unknown answer keys in seconds; 100 findings shown, then '… en 99900 meer'", async () => {
  const file = path.join(tmp.dir, "groot.yaml");
  writeFileSync(file, hugeSession(100_000));
  const r = await runInProcessAsync(["validate", "groot.yaml"], {
    cwd: tmp.dir,
    env: { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache") },
    timeout: 120_000,
  });
  expect(r.code).toBe(1);
  const lines = r.stdout.trimEnd().split("\n");
  expect(lines).toHaveLength(101);
  expect(lines[0]).toBe("groot.yaml:22:3  error  onbekende vraag 'onbekend_0' in format kernteam v2  (unknown-question)");
  expect(lines[100]).toBe("groot.yaml: … en 99900 meer");
  expect(r.stderr).toBe("1 bestand gecontroleerd: 100000 fouten, 0 waarschuwingen\n");
  // 255 s before; about 5 s of CPU now. Generous for a shared, loaded test machine.
  expect(r.ms).toBeLessThan(60_000);
}, 130_000);

it("a duplicate key among 100,000 is still found, at the second one", async () => {
  const file = path.join(tmp.dir, "dubbel.yaml");
  writeFileSync(file, hugeSession(100_000, true));
  const r = await runInProcessAsync(["validate", "dubbel.yaml"], {
    cwd: tmp.dir,
    env: { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache") },
    timeout: 120_000,
  });
  expect(r.code).toBe(1);
  expect(r.stdout).toBe("dubbel.yaml:100022:3  error  de sleutel 'onbekend_7' komt twee keer voor in dezelfde mapping  (duplicate-key)\n");
  expect(r.ms).toBeLessThan(60_000);
}, 130_000);
