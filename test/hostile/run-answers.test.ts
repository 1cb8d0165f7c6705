// Issue 7, the same hostile corpus through `afstem run <fmt> --answers FILE`: one process per
// file (the command takes one), a few side by side. Findings → exit 1 with one located line and
// nothing written; unreadable → exit 2; accepted → exit 0 and the file lands inside --out.
import { existsSync, readdirSync, readFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import {
  CASES,
  LONG_ANSWER,
  buildCorpus,
  errorLines,
  isUnreadable,
  noCrash,
  outputStem,
  pooled,
  runInProcessAsync,
  type AsyncResult,
  type Case,
} from "./cases.js";

const tmp = tempDir("afstem-hostile-run-");
afterAll(() => tmp.cleanup());
const env = { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache") };
const results = new Map<string, AsyncResult>();
const outOf = (i: number) => path.join("uit – ë", String(i));

beforeAll(async () => {
  buildCorpus(tmp.dir);
  const runs = await pooled(CASES, 3, (c) => {
    const out = outOf(CASES.indexOf(c));
    mkdirSync(path.join(tmp.dir, out), { recursive: true });
    return runInProcessAsync(["run", "kernteam", "--answers", `gesprekken/${c.file}`, "--out", out], { cwd: tmp.dir, env });
  });
  CASES.forEach((c, i) => results.set(c.file, runs[i]!));
}, 180_000);

const row = (c: Case) => [c.file, c] as const;

describe(`run --answers over ${CASES.length} hostile files`, () => {
  // A session of another format than the command line names is a usage error before anything
  // else is read (commit 77bde40): the file says jeugdteam, the command line kernteam.
  const CONFLICT = "session-unknown-format.yaml";
  it("session-unknown-format.yaml: its format: differs from the command line's, exit 2, both named, nothing written", () => {
    const r = results.get(CONFLICT)!;
    noCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`gesprekken/${CONFLICT} is een gesprek met format 'jeugdteam', niet 'kernteam'`);
    expect(readdirSync(path.join(tmp.dir, outOf(CASES.findIndex((c) => c.file === CONFLICT))))).toEqual([]);
  });

  it.each(CASES.filter((c) => c.kind === "refused" && !isUnreadable(c) && c.file !== CONFLICT).map(row))(
    "%s: exit 1, one located line, nothing written",
    (_f, c) => {
      if (c.kind !== "refused") throw new Error("table");
      const r = results.get(c.file)!;
      noCrash(r);
      expect(r.code).toBe(1);
      const lines = errorLines(r.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ file: `gesprekken/${c.file}`, at: c.at, rule: c.rule });
      expect(lines[0]!.message).toContain(c.msg);
      expect(r.stderr).toContain(`1 probleem/problemen in gesprekken/${c.file}; er is niets geschreven.`);
      expect(readdirSync(path.join(tmp.dir, outOf(CASES.indexOf(c))))).toEqual([]);
      expect(r.ms).toBeLessThan(15_000);
    },
  );

  it.each(CASES.filter(isUnreadable).map(row))("%s: unreadable, exit 2, one located message with a hint", (_f, c) => {
    if (c.kind !== "refused") throw new Error("table");
    const r = results.get(c.file)!;
    noCrash(r);
    expect(r.code).toBe(2);
    const [first, hint, ...rest] = r.stderr.split("\n");
    // Located where there is a place (a byte); a file too big to read is named without one.
    const where = c.file === "groot.yaml" ? "" : `:${c.at}`;
    expect(first).toMatch(new RegExp(`^afstem: gesprekken/${c.file.replace(".", "\\.")}${where}: `));
    expect(first).toContain(c.msg);
    expect(hint).toMatch(/^ {2}\S/);
    expect(rest.filter(Boolean)).toEqual([]);
    expect(readdirSync(path.join(tmp.dir, outOf(CASES.indexOf(c))))).toEqual([]);
  });

  it.each(CASES.filter((c) => c.kind === "accepted").map(row))("%s: accepted, saved inside --out under a safe name", (_f, c) => {
    if (c.kind !== "accepted") throw new Error("table");
    const r = results.get(c.file)!;
    noCrash(r);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const dir = path.join(tmp.dir, outOf(CASES.indexOf(c)));
    expect(readdirSync(dir)).toEqual([`${outputStem(c)}.yaml`]);
    expect(r.stdout).toBe(`Opgeslagen: ${path.join(outOf(CASES.indexOf(c)), `${outputStem(c)}.yaml`)}\n`);
    const saved = parse(readFileSync(path.join(dir, `${outputStem(c)}.yaml`), "utf8")) as {
      meta: { school: string };
      started: string;
      updated: string;
    };
    expect(saved.meta.school).toBe(c.school);
    expect(saved.started <= saved.updated).toBe(true);
  });

  it("hostile answers are stored exactly, lone surrogates and control characters included", () => {
    const c = CASES.find((x) => x.file === "session-hostile-text.yaml")!;
    if (c.kind !== "accepted") throw new Error("table");
    const input = parse(readFileSync(path.join(tmp.dir, "gesprekken", c.file), "utf8")) as { answers: unknown };
    const saved = parse(readFileSync(path.join(tmp.dir, outOf(CASES.indexOf(c)), `${outputStem(c)}.yaml`), "utf8")) as {
      answers: Record<string, unknown>;
    };
    expect(saved.answers).toEqual(input.answers);
    expect(saved.answers.wat_kan_beter).toContain("\uD800");
    const long = CASES.find((x) => x.file === "lang-antwoord.yaml")!;
    const l = parse(readFileSync(path.join(tmp.dir, outOf(CASES.indexOf(long)), `${outputStem(long as never)}.yaml`), "utf8")) as {
      answers: Record<string, unknown>;
    };
    expect(l.answers.overleg_gewenst).toBe(LONG_ANSWER);
  });

  it("the whole corpus stayed inside the --out folders", () => {
    expect(readdirSync(tmp.dir).sort()).toEqual(
      ["cache", "gesprekken", "uit – ë"].filter((d) => d !== "cache" || existsSync(path.join(tmp.dir, "cache"))).sort(),
    );
  });
});

describe("run --answers: paths that are not session files", () => {
  it.each([
    ["gesprekken/map.yaml", "afstem: gesprekken/map.yaml: dit is een map, geen bestand\n"],
    ["gesprekken/weg.yaml", "afstem: gesprekken/weg.yaml: bestand niet gevonden\n  Controleer het pad.\n"],
  ])("%s: exit 2, one message", async (file, stderr) => {
    const r = await runInProcessAsync(["run", "kernteam", "--answers", file, "--out", "elders"], { cwd: tmp.dir, env });
    noCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(stderr);
    expect(existsSync(path.join(tmp.dir, "elders"))).toBe(false);
  });
});

describe("run --answers: an --out that cannot be written", () => {
  it("a folder under a regular file (ENOTDIR): exit 2, said in words, nothing lost (the answers file is the source)", async () => {
    writeFileSync(path.join(tmp.dir, "een-bestand"), "x");
    const r = await runInProcessAsync(["run", "kernteam", "--answers", "gesprekken/session-yesno-no.yaml", "--out", "een-bestand/uit"], {
      cwd: tmp.dir,
      env,
    });
    noCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "afstem: kan niet schrijven in een-bestand/uit: een deel van het pad is een bestand, geen map (ENOTDIR)\n  Kies met --out een map waarin u mag schrijven; het antwoordbestand zelf is ongewijzigd.\n",
    );
  });
});

// The full 50 MB case (the cap is 10 MB; 12 MB runs always, in the corpus above).
describe.runIf(process.env.AFSTEM_BIG === "1")("a 50 MB session file (AFSTEM_BIG=1)", () => {
  it("run --answers, report and rollup refuse it quickly without reading it all", async () => {
    const big = tempDir("afstem-big-");
    try {
      buildCorpus(big.dir, 50);
      for (const args of [
        ["run", "kernteam", "--answers", "gesprekken/groot.yaml", "--out", "a"],
        ["report", "gesprekken/groot.yaml", "--out", "b"],
        ["rollup", "gesprekken/groot.yaml", "--out", "c"],
      ]) {
        const r = await runInProcessAsync(args, { cwd: big.dir, env });
        noCrash(r);
        expect(r.code).toBe(args[0] === "run" ? 2 : 1);
        expect(`${r.stdout}${r.stderr}`).toContain("bestand is te groot (50,0 MB; hoogstens 10 MB)");
        expect(r.ms).toBeLessThan(5_000);
      }
    } finally {
      big.cleanup();
    }
  });
});
