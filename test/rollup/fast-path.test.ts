// The fast path must never change a byte: the subset YAML reader either returns exactly what
// the `yaml` package returns or gives up, and all three engines write identical files (with the
// record cache off, so that each engine really reads every file).
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { parseSubset } from "../../src/rollup/fast/yaml-subset.js";
import { runInProcess, tempDir, ROOT } from "../helpers/cli.js";

const full = (text: string) => parse(text, { version: "1.2", schema: "core", uniqueKeys: true }) as unknown;

function filesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => path.join(dir, f));
}

describe("subset YAML reader", () => {
  it("reads every example and fixture session exactly like yaml", async () => {
    const files = [...filesIn(path.join(ROOT, "examples")), ...filesIn(path.join(ROOT, "test/fixtures/rollup/corpus"))];
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      const fast = parseSubset(text);
      expect(fast, f).toBeDefined();
      expect(fast, f).toEqual(full(text));
      // and the same session as afstem writes it (yaml.stringify, block style)
      const again = stringify(full(text), { lineWidth: 0, aliasDuplicateObjects: false });
      expect(parseSubset(again), f).toEqual(full(again));
    }
  });

  it("reads the same files with Windows line ends, tabs, comments and blank lines like yaml, or gives up", async () => {
    // The reader works on ranges of the file's text: line ends and skipped lines must not shift a value.
    const files = [...filesIn(path.join(ROOT, "examples")), ...filesIn(path.join(ROOT, "test/fixtures/rollup/corpus"))];
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      for (const variant of [
        text.replace(/\n/g, "\r\n"),
        text.replace(/\n/g, "\n\n   \n# note\n"),
        text.replace(/: /, ":\t"),
        text.replace(/\n/, "  # comment\n"),
        `${text}\n\t\n`,
        text.replace(/\n$/, ""),
      ]) {
        const fast = parseSubset(variant);
        if (fast !== undefined) expect(fast, `${f} ${JSON.stringify(variant.slice(0, 40))}`).toEqual(full(variant));
      }
      expect(parseSubset(text.replace(/\n/g, "\r\n")), f).toBeDefined();
    }
  });

  it("keeps white space YAML does not trim (no-break, ideographic) as content, or gives up", () => {
    // JavaScript's trim() strips these; YAML does not: `a: 640\u3000` is a string there.
    const spaces = ["\u00a0", "\u3000", "\u2028", "\u2000", "\ufeff", "\u000b", "\t", "\r"];
    const shapes = [
      "a: 640X\n",
      "a: [Xx]\n",
      "a: Xx\nb: 1\n",
      "a:\n  - Xx\n",
      "X\na: 1\n",
      "a: |\n  regel\nX\n  twee\nb: 1\n",
      'a: "x"X\n',
      "a: {b: Xc}\n",
    ];
    let read = 0;
    for (const shape of shapes) {
      for (const w of spaces) {
        const text = shape.replace("X", w);
        const fast = parseSubset(text);
        if (fast === undefined) continue;
        read++;
        expect(fast, JSON.stringify(text)).toEqual(full(text));
      }
    }
    expect(parseSubset("a: 640\u3000\n")).toEqual({ a: "640\u3000" });
    expect(read).toBeGreaterThan(0);
  });

  it("reads keys that are also names of Object.prototype as plain keys", () => {
    const text = "constructor: 1\ntoString: x\nhasOwnProperty:\n  - a\n";
    expect(parseSubset(text)).toEqual(full(text));
  });

  it("gives up rather than guess", async () => {
    for (const text of [
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "a: 0x1F\n",
      "a: .inf\n",
      "a: 1\na: 2\n",
      'a: "open\n  quote"\n',
      "a: plain\n  continued\n",
      "- 1\n",
      "a: |+\n  x\n\n",
      "a:\n\t- 1\n",
      "? a\n: b\n",
      "--- \na: 1\n",
      // a duplicate key in a long mapping (the reader switches to a set after 16 keys)
      `${Array.from({ length: 20 }, (_, i) => `k${i}: ${i}`).join("\n")}\nk3: 2\n`,
    ]) {
      expect(parseSubset(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it("property: any session-like data written by yaml reads back identically, or not at all", async () => {
    const scalar = fc.oneof(
      fc.string({ unit: "binary", maxLength: 30 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(
        "ja",
        "nee",
        "true",
        "1e3",
        "-2+3",
        "=A1",
        "a: b",
        "# x",
        "x #y",
        "- z",
        "",
        " ",
        "2026-09-15",
        "0o17",
        "~",
        "NULL",
        "'q'",
        '"dq"',
      ),
    );
    const key = fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/);
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        scalar,
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(key, tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    let read = 0;
    const runs = 1500;
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 }), fc.boolean(), (data, flowStyle) => {
        const text = stringify(data, {
          lineWidth: 0,
          aliasDuplicateObjects: false,
          ...(flowStyle ? { collectionStyle: "flow" as const } : {}),
        });
        const fast = parseSubset(text);
        if (fast !== undefined) {
          read++;
          expect(fast).toEqual(full(text));
        }
      }),
      { numRuns: runs },
    );
    // The reader must take a good share of inputs (binary strings with tabs etc. make it give up), or this proves nothing.
    expect(read / runs).toBeGreaterThan(0.15);
  });
});

describe("engines", () => {
  const tmp = tempDir("afstem-engines-");
  afterAll(() => tmp.cleanup());
  it("simple, fast and workers write byte-identical files", async () => {
    // A file the main thread cannot read as text for the workers (Latin-1: they read it again
    // and say why, as the other engines do) and one with a byte order mark.
    const odd = path.join(tmp.dir, "odd");
    mkdirSync(odd);
    const example = readFileSync(path.join(ROOT, "examples", readdirSync(path.join(ROOT, "examples"))[0]!), "utf8");
    writeFileSync(path.join(odd, "latin1.yaml"), Buffer.from(`${example}# café\n`, "latin1"));
    writeFileSync(path.join(odd, "bom.yaml"), `\ufeff${example}`);
    const args = [
      path.join(ROOT, "examples"),
      path.join(ROOT, "test/fixtures/rollup"),
      odd,
      "--include-text",
      "--include-drafts",
      "--by",
      "gemeente",
    ];
    const outputs = [];
    for (const engine of ["simple", "fast", "workers"] as const) {
      const out = path.join(tmp.dir, engine);
      const r = await runInProcess(["rollup", ...args, "--out", out], { env: { AFSTEM_ROLLUP_ENGINE: engine, AFSTEM_CACHE: "0" } });
      expect(r.code, r.stderr).toBe(1); // the two invalid fixtures, the Latin-1 file
      outputs.push({
        stderr: r.stderr,
        files: Object.fromEntries(
          readdirSync(out)
            .sort()
            .map((f) => [f, readFileSync(path.join(out, f), "utf8")]),
        ),
      });
    }
    expect(Object.keys(outputs[0]!.files)).toHaveLength(10);
    expect(outputs[0]!.stderr).toMatch(/latin1\.yaml:\d+:\d+/);
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
  });
});
