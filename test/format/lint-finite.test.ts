// Every number in a format is finite: `.inf`, `-.inf` and `1e309` (read as Infinity) are a lint
// error at the value, never a version 0, a "0 min" or a max that vanishes; and whether such a
// format is usable never depends on the cache (JSON turned Infinity into null there).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { FileCache } from "../../src/cache/file-cache.js";
import { inScope } from "../../src/util/scope.js";

const tmp = tempDir("afstem-finite-");
afterAll(() => tmp.cleanup());

const MANY = [
  "id: x",
  "version: 1e309",
  "title: X",
  "duration: .inf",
  "sections:",
  "  - id: s",
  "    title: S",
  "    minutes: .inf",
  "    questions:",
  "      - {id: n, type: number, prompt: N, min: 0, max: .inf, validate: {maximum: 1e400}}",
  "      - {id: m, type: number, prompt: M, min: -1e400}",
  "      - {id: t, type: text, prompt: T, validate: {maxLength: .inf}}",
  "      - {id: sc, type: scale, prompt: S, min: -.inf, max: 5}",
  "      - {id: sd, type: scale, prompt: S, min: een, max: 5}",
  "",
].join("\n");

type Json = { findings: { line: number; col: number; severity: string; rule: string; message: string }[] };

describe("non-finite numbers in a format", () => {
  it("each is a bad-value error at its value, and a scale with min: -.inf (or min: een) is not also 'needs min and max'", async () => {
    const dir = path.join(tmp.dir, "many");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "x.yaml"), MANY);
    const env = { AFSTEM_CACHE_DIR: path.join(dir, "cache") };
    const r = await runInProcess(["lint", "x.yaml", "--json"], { cwd: dir, env });
    expect(r.code).toBe(1);
    const f = (JSON.parse(r.stdout) as Json).findings;
    expect(f.map((x) => `${x.line}:${x.col} ${x.severity} ${x.rule}`)).toEqual([
      "2:10 error bad-value",
      "4:11 error bad-value",
      "8:14 error bad-value",
      "10:55 error bad-value",
      "10:81 error bad-value",
      "11:47 error bad-value",
      "12:62 error bad-value",
      "13:47 error bad-value",
      "14:47 error wrong-type",
    ]);
    expect(f[0]!.message).toBe("'version' is geen eindig getal (oneindig, of te groot voor een getal); schrijf een gewoon getal, zoals 5");
    const en = await runInProcess(["--lang", "en", "lint", "x.yaml"], { cwd: dir, env });
    expect(en.stdout).toContain(
      "x.yaml:12:62  error  'maxLength' is not a finite number (infinite, or too large for a number); write an ordinary number, such as 5  (bad-value)",
    );
  });

  it("a format with version: 1e309 is unusable with 1 error before and after lint, with or without the cache", async () => {
    const dir = path.join(tmp.dir, "cache-case");
    mkdirSync(path.join(dir, "f"), { recursive: true });
    writeFileSync(
      path.join(dir, "f", "x.yaml"),
      "id: x\nversion: 1e309\ntitle: X\nduration: 10\nsections:\n  - id: s\n    title: S\n    minutes: 10\n    questions:\n      - {id: a, type: text, prompt: A}\n",
    );
    const env = { AFSTEM_CACHE_DIR: path.join(dir, "cache") };
    const cli = (args: string[], extra: Record<string, string> = {}) => runInProcess(args, { cwd: dir, env: { ...env, ...extra } });
    const line = /^x .*✗ onbruikbaar \(1 fout\): zie afstem lint f\/x\.yaml$/m;
    expect((await cli(["formats", "--formats-dir", "f"])).stdout).toMatch(line);
    const lint = await cli(["lint", "f/x.yaml"]);
    expect(lint.stdout).toContain("f/x.yaml:2:10  error  'version' is geen eindig getal");
    expect(lint.stderr).toContain("1 bestand gecontroleerd: 1 fout, 0 waarschuwingen");
    expect((await cli(["formats", "--formats-dir", "f"])).stdout).toMatch(line);
    const show = await cli(["formats", "show", "x", "--formats-dir", "f"]);
    expect(show.code).toBe(2);
    expect(show.stderr).toContain("format 'x' in f/x.yaml heeft 1 fout; voer afstem lint f/x.yaml uit");
    expect((await cli(["formats", "--formats-dir", "f"], { AFSTEM_CACHE: "0" })).stdout).toMatch(line);
  });

  it("the file cache never stores a value JSON would change (Infinity read back as null)", () => {
    const inCache = <T>(fn: () => T): T => inScope({ lang: "nl", cwd: tmp.dir, env: { AFSTEM_CACHE_DIR: path.join(tmp.dir, "unit") } }, fn);
    const stamp = { size: 1, mtimeMs: 1 };
    const first = inCache(() => new FileCache<unknown>("finite-test", "key"));
    inCache(() => first.set("/a.yaml", stamp, { version: Number.POSITIVE_INFINITY }));
    inCache(() => first.set("/b.yaml", stamp, { version: 2 }));
    inCache(() => first.save(new Set(["/a.yaml", "/b.yaml"])));
    const second = inCache(() => new FileCache<unknown>("finite-test", "key"));
    expect(inCache(() => second.get("/a.yaml", stamp))).toBeUndefined();
    expect(inCache(() => second.get("/b.yaml", stamp))).toEqual({ version: 2 });
  });
});
