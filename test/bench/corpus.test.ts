// The bench's synthetic corpus: the same seed gives the same files, and every file is a valid
// session for its format (the bench's figures mean nothing over invalid input).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { ROOT, runInProcess, tempDir } from "../helpers/cli.js";

function corpus(out: string, n: number, seed: number) {
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, "dist", "bench", "corpus.js"), "--n", String(n), "--out", out, "--seed", String(seed)],
    { encoding: "utf8" },
  );
  expect(r.status, r.stderr).toBe(0);
  const names = readdirSync(out).sort();
  return new Map(names.map((f) => [f, readFileSync(path.join(out, f), "utf8")]));
}

describe("npm run corpus", () => {
  it("is deterministic for a seed, varied, and validates clean", async () => {
    const t = tempDir("afstem-corpus-");
    try {
      const a = corpus(path.join(t.dir, "a"), 50, 7);
      const b = corpus(path.join(t.dir, "b"), 50, 7);
      const c = corpus(path.join(t.dir, "c"), 50, 8);
      expect(a.size).toBe(50);
      expect([...b.entries()]).toEqual([...a.entries()]);
      expect([...c.values()].join()).not.toEqual([...a.values()].join());

      const docs = [...a.values()].map(
        (text) => parse(text) as { format: { id: string; version: number }; status: string; meta: Record<string, unknown> },
      );
      expect(new Set(docs.map((d) => d.format.id)).size).toBeGreaterThanOrEqual(3);
      expect(new Set(docs.filter((d) => d.format.id === "kernteam").map((d) => d.format.version))).toEqual(new Set([1, 2]));
      expect(new Set(docs.map((d) => d.status))).toEqual(new Set(["draft", "final"]));
      expect(new Set(docs.map((d) => d.meta.gemeente).filter(Boolean)).size).toBeGreaterThanOrEqual(3);
      for (const name of a.keys()) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.yaml$/);

      const v = await runInProcess(["validate", path.join(t.dir, "a")]);
      expect(v.stdout + v.stderr).toContain("50 bestanden gecontroleerd: 0 fouten, 0 waarschuwingen");
      expect(v.code).toBe(0);
    } finally {
      t.cleanup();
    }
  });
});
