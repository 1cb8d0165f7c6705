import { afterAll, describe, expect, it } from "vitest";
import { readdirSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { runInProcess, tempDir } from "../helpers/cli.js";

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const cacheDir = path.join(dir, "cache");
const formats = path.join(dir, "formats");
mkdirSync(formats);

const format = (title: string) => `id: mini
version: 1
title: ${title}
duration: 10
sections:
  - id: s
    title: S
    minutes: 10
    questions:
      - {id: q, type: text, prompt: Q}
`;

describe("format cache", () => {
  const env = { AFSTEM_CACHE_DIR: cacheDir, AFSTEM_FORMATS_PATH: formats };

  it("a second run reads the cache, and an edit of the same size is still seen", async () => {
    writeFileSync(path.join(formats, "mini.yaml"), format("Titel A"));
    const first = await runInProcess(["formats", "--json"], { env });
    expect(first.code).toBe(0);
    expect(readdirSync(path.join(cacheDir, "formats")).length).toBeGreaterThan(0);
    const titles = (out: string) => (JSON.parse(out) as { id: string; title: string }[]).find((f) => f.id === "mini")?.title;
    expect(titles(first.stdout)).toBe("Titel A");
    // Same length, written at once: size and (maybe) mtime equal; the content hash differs.
    writeFileSync(path.join(formats, "mini.yaml"), format("Titel B"));
    expect(titles((await runInProcess(["formats", "--json"], { env })).stdout)).toBe("Titel B");
  });

  it("a corrupt cache file is ignored", async () => {
    for (const f of readdirSync(path.join(cacheDir, "formats"))) writeFileSync(path.join(cacheDir, "formats", f), "{niet json");
    const r = await runInProcess(["formats", "--json"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"mini"');
  });

  it("AFSTEM_CACHE=0 writes no cache", async () => {
    const other = path.join(dir, "cache2");
    await runInProcess(["formats"], { env: { ...env, AFSTEM_CACHE_DIR: other, AFSTEM_CACHE: "0" } });
    expect(() => readdirSync(other)).toThrow();
  });
});
