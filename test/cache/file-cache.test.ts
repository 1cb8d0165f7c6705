import { afterAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { FileCache } from "../../src/cache/file-cache.js";
import { inScope } from "../../src/util/scope.js";

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

describe("FileCache (the one on-disk cache)", () => {
  const inCache = <T>(fn: () => T): T => inScope({ lang: "nl", cwd: dir, env: { AFSTEM_CACHE_DIR: path.join(dir, "unit") } }, fn);
  const stamp = (n: number) => ({ size: n, mtimeMs: 1000 + n, ctimeMs: 2000 + n, ino: n });
  const folder = () => path.join(dir, "unit", "unit-test");
  const fresh = () => inCache(() => new FileCache<{ n: number; text: string }>("unit-test", "key"));

  it("keeps what was set in a run and what was kept from before, and drops files no longer seen", () => {
    const first = fresh();
    for (let n = 1; n <= 3; n++) inCache(() => first.set(`/s/${n}.yaml`, stamp(n), { n, text: `tekst ${n} "met" \u2028 😀` }));
    inCache(() => first.save(new Set(["/s/1.yaml", "/s/2.yaml", "/s/3.yaml"])));
    // Only the index file: the temporary file it was written to is gone.
    expect(readdirSync(folder())).toHaveLength(1);

    const second = fresh();
    expect(inCache(() => second.get("/s/2.yaml", stamp(2)))).toEqual({ n: 2, text: 'tekst 2 "met" \u2028 😀' });
    expect(inCache(() => second.get("/s/2.yaml", stamp(9)))).toBeUndefined();
    inCache(() => second.set("/s/4.yaml", stamp(4), { n: 4, text: "vier" }));
    inCache(() => second.save(new Set(["/s/1.yaml", "/s/4.yaml"])));

    const third = fresh();
    expect(inCache(() => third.get("/s/1.yaml", stamp(1)))?.n).toBe(1);
    expect(inCache(() => third.get("/s/4.yaml", stamp(4)))?.n).toBe(4);
    expect(inCache(() => third.get("/s/2.yaml", stamp(2)))).toBeUndefined();
    // Nothing set, every file gone: the index must still lose its entries.
    inCache(() => third.save(new Set()));
    expect(inCache(() => fresh().get("/s/1.yaml", stamp(1)))).toBeUndefined();
  });

  it("serves a value set as UTF-8 JSON bytes as it serves one set as an object, entries past the write buffer too", () => {
    const c = fresh();
    const big = "één 😀 ".repeat(50_000); // ~450 KB of UTF-8: past the 256 KB write buffer
    const enc = new TextEncoder();
    inCache(() => c.setJson("/s/bytes.yaml", stamp(11), enc.encode(JSON.stringify({ n: 11, text: "bytes ë \u2028" }))));
    inCache(() => c.setJson("/s/big.yaml", stamp(12), enc.encode(JSON.stringify({ n: 12, text: big }))));
    inCache(() => c.set("/s/object.yaml", stamp(13), { n: 13, text: "object ë" }));
    inCache(() => c.save(new Set(["/s/bytes.yaml", "/s/big.yaml", "/s/object.yaml"])));
    const next = fresh();
    expect(inCache(() => next.get("/s/bytes.yaml", stamp(11)))).toEqual({ n: 11, text: "bytes ë \u2028" });
    expect(inCache(() => next.get("/s/big.yaml", stamp(12)))?.text).toBe(big);
    expect(inCache(() => next.get("/s/object.yaml", stamp(13)))?.text).toBe("object ë");
  });

  it("a run that fails keeps the index as it was and leaves no temporary file", () => {
    const before = fresh();
    inCache(() => before.set("/s/keep.yaml", stamp(7), { n: 7, text: "blijft" }));
    inCache(() => before.save(new Set(["/s/keep.yaml"])));
    const failing = fresh();
    inCache(() => failing.set("/s/new.yaml", stamp(8), { n: 8, text: "half" }));
    // The entry was streamed to a temporary index file...
    expect(readdirSync(folder()).some((f) => f.includes("afstem-tmp"))).toBe(true);
    inCache(() => failing.discard());
    // ...which is gone; the index is the one from before.
    expect(readdirSync(folder()).filter((f) => f.includes("afstem-tmp"))).toEqual([]);
    expect(inCache(() => fresh().get("/s/keep.yaml", stamp(7)))?.text).toBe("blijft");
    expect(inCache(() => fresh().get("/s/new.yaml", stamp(8)))).toBeUndefined();
  });

  it("an entry whose value was edited on disk is a miss", () => {
    const c = fresh();
    inCache(() => c.set("/s/x.yaml", stamp(5), { n: 5, text: "echt" }));
    inCache(() => c.save(new Set(["/s/x.yaml"])));
    const [file] = readdirSync(folder());
    const p = path.join(folder(), file!);
    writeFileSync(p, readFileSync(p, "utf8").replace('"echt"', '"nep"'));
    expect(inCache(() => fresh().get("/s/x.yaml", stamp(5)))).toBeUndefined();
  });

  it("a cache folder that cannot be written only costs speed", () => {
    writeFileSync(path.join(dir, "not-a-folder"), "");
    const blocked = <T>(fn: () => T): T => inScope({ lang: "nl", cwd: dir, env: { AFSTEM_CACHE_DIR: path.join(dir, "not-a-folder") } }, fn);
    const c = blocked(() => new FileCache<number>("x", "k"));
    blocked(() => {
      expect(() => c.set("/s/a.yaml", stamp(1), 1)).not.toThrow();
      expect(() => c.save()).not.toThrow();
    });
  });
});
