// Renames across format versions (`was:`, or a question keeping its id): the newer question must
// be able to hold the old answers, and one old id has one successor. Checked by lint wherever the
// versions' files are (an archief/ folder), refused by every command like any lint error, and the
// rollup's merged plan never counts a score under a yes/no question even if such a set slips through.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { FormatRegistry } from "../../src/format/registry.js";
import { buildPlan } from "../../src/rollup/plan.js";

const tmp = tempDir("afstem-renames-");
afterAll(() => tmp.cleanup());
let n = 0;

const format = (version: number, questions: string[]) =>
  [
    "id: w",
    `version: ${version}`,
    "title: W",
    "duration: 10",
    "meta:",
    "  - {id: regio, type: text, prompt: Regio, privacy: open}",
    "sections:",
    "  - id: s",
    "    title: S",
    "    minutes: 10",
    "    questions:",
    ...questions.map((q) => `      - ${q}`),
    "",
  ].join("\n");

const OLD = "{id: old, type: scale, prompt: Oud, min: 1, max: 5, privacy: open}";

/** A folder f/ with archief/w1.yaml and w2.yaml (and sessions s/ of version 1 answering old: 3). */
function setup(v1: string[], v2: string[]) {
  const dir = path.join(tmp.dir, `case${++n}`);
  mkdirSync(path.join(dir, "f", "archief"), { recursive: true });
  mkdirSync(path.join(dir, "s"));
  writeFileSync(path.join(dir, "f", "archief", "w1.yaml"), format(1, v1));
  writeFileSync(path.join(dir, "f", "w2.yaml"), format(2, v2));
  for (let i = 1; i <= 5; i++)
    writeFileSync(
      path.join(dir, "s", `s${i}.yaml`),
      "afstem: 1\nformat: {id: w, version: 1}\nstatus: final\nmeta: {regio: r}\nanswers:\n  old: 3\n",
    );
  const env = { AFSTEM_CACHE_DIR: path.join(dir, "cache") };
  const cli = async (args: string[]) => {
    const r = await runInProcess(args, { cwd: dir, env });
    expect(r.stderr).not.toMatch(/^\s+at |interne fout/m);
    return r;
  };
  return { dir, cli };
}

type Json = { findings: { file: string; line: number; col: number; rule: string; message: string }[] };

describe("renames across format versions", () => {
  it("a rename to a type that cannot hold the old answers is a lint error at the was entry, across folders", async () => {
    const { cli } = setup([OLD], ["{id: nieuw_b, type: yesno, prompt: Nieuw B, privacy: open, was: [old]}"]);
    const r = await cli(["lint", "f"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "f/w2.yaml:12:74  error  'old' in was van 'nieuw_b': 'old' was in versie 1 een scale-vraag; een yesno-vraag kan die antwoorden niet bevatten (een rollup zou ze verkeerd tellen). Haal 'old' uit was (de oude antwoorden houden dan een eigen kolom) of houd type scale  (was-type)",
    );
    expect(r.stderr).toContain("2 bestanden gecontroleerd: 1 fout, 0 waarschuwingen");
    const en = await cli(["--lang", "en", "lint", "f/w2.yaml"]);
    expect(en.stdout).toContain("'old' was a scale question in version 1; a yesno question cannot hold those answers");
  });

  it("formats, formats show and rollup refuse that version like any format with lint errors; v1 answers never become yes/no", async () => {
    const { dir, cli } = setup([OLD], ["{id: nieuw_b, type: yesno, prompt: Nieuw B, privacy: open, was: [old]}"]);
    const list = await cli(["formats", "--formats-dir", "f"]);
    expect(list.stdout).toMatch(/^w .*✗ onbruikbaar \(1 fout\): zie afstem lint f\/w2\.yaml$/m);
    const run = await cli(["formats", "show", "w", "--formats-dir", "f"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("format 'w' in f/w2.yaml heeft 1 fout; voer afstem lint f/w2.yaml uit");
    const roll = await cli(["rollup", "s", "--out", "out", "--formats-dir", "f"]);
    expect(roll.code).toBe(0);
    const wide = readFileSync(path.join(dir, "out", "w-wide.csv"), "utf8");
    expect(wide.split("\n")[0]).toMatch(/,old$/);
    expect(wide).not.toContain("nieuw_b");
    const summary = readFileSync(path.join(dir, "out", "w-summary.csv"), "utf8");
    expect(summary).not.toMatch(/yesno/);
  });

  it("a question keeping its id but changing to an incompatible type is an error at its type; compatible changes are not", async () => {
    const { cli } = setup(
      [OLD, "{id: t, type: text, prompt: T, privacy: open}", "{id: p, type: scale, prompt: P, min: 1, max: 5, privacy: open}"],
      [
        "{id: old, type: choice, prompt: Oud, privacy: open, options: [{code: '3', label: drie}]}",
        // text to longtext, a new scale range, a plain scale becoming per_party: fine.
        "{id: t2, type: longtext, prompt: T, privacy: open, was: [t]}",
        "{id: p2, type: scale, prompt: P, min: 0, max: 10, privacy: open, was: [p], per_party: true}",
      ],
    );
    const r = await cli(["lint", "f", "--json"]);
    const f = (JSON.parse(r.stdout) as Json).findings;
    expect(f.map((x) => `${path.basename(x.file)}:${x.line}:${x.col} ${x.rule}`)).toEqual(["w2.yaml:12:25 was-type"]);
    expect(f[0]!.message).toContain("'old' was in versie 1 een scale-vraag; een choice-vraag met dezelfde id");
  });

  it("two questions of one version claiming one old id: an error at the second claim", async () => {
    const { cli } = setup(
      [OLD],
      [
        "{id: a, type: scale, prompt: A, min: 1, max: 5, privacy: open, was: [old]}",
        "{id: b, type: scale, prompt: B, min: 1, max: 5, privacy: open, was: [x, old]}",
      ],
    );
    const r = await cli(["lint", "f"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "f/w2.yaml:13:81  error  'old' staat al in was van 'a' (regel 12): een oude vraag heeft maar één opvolger, dus 'b' krijgt die antwoorden nooit. Haal 'old' hier of daar weg  (was-ambiguous)",
    );
  });

  it("a was naming an old id that a version in between already renamed: an error (the one in between holds the answers); the whole history is fine", async () => {
    const { dir, cli } = setup([OLD], ["{id: score2, type: scale, prompt: Oud, min: 1, max: 5, privacy: open, was: [old]}"]);
    const v3 = (was: string) => format(3, [`{id: oordeel, type: scale, prompt: Oordeel, min: 1, max: 5, privacy: open, was: [${was}]}`]);
    writeFileSync(path.join(dir, "f", "w3.yaml"), v3("old"));
    mkdirSync(path.join(dir, "f", "archief", "v2"));
    writeFileSync(path.join(dir, "f", "archief", "v2", "w2.yaml"), readFileSync(path.join(dir, "f", "w2.yaml")));
    rmSync(path.join(dir, "f", "w2.yaml"));
    const r = await cli(["lint", "f/w3.yaml", "f/archief"]);
    expect(r.stdout).toMatch(
      /f\/w3\.yaml:12:\d+ +error +'old' in was van 'oordeel': 'old' heet sinds versie 2 'score2', en die houdt de antwoorden .* \(was-ambiguous\)/,
    );
    writeFileSync(path.join(dir, "f", "w3.yaml"), v3("score2, old"));
    const ok = await cli(["lint", "f/w3.yaml", "f/archief"]);
    expect(ok.stdout).not.toContain("was-ambiguous");
  });

  it("the merged plan keeps a question apart when the newer type cannot hold its answers", async () => {
    const { dir } = setup(
      [OLD, "{id: x, type: number, prompt: X, privacy: open}"],
      ["{id: nieuw_b, type: yesno, prompt: Nieuw B, privacy: open, was: [old]}", "{id: x, type: yesno, prompt: X, privacy: open}"],
    );
    // Loaded without lint (as a set that slipped through would be).
    const reg = await FormatRegistry.load([path.join(dir, "f")]);
    const plan = buildPlan([reg.get("w", 2)!, reg.get("w", 1)!]);
    expect(plan.canonical.get(1)).toEqual(
      new Map([
        ["regio", "regio"],
        ["old", "old"],
        ["x", "x_v1"],
      ]),
    );
    expect(plan.byId.get("old")!.question.type).toBe("scale");
    expect(plan.byId.get("old")!.versions).toEqual([1]);
    expect(plan.byId.get("nieuw_b")!.versions).toEqual([2]);
    expect(plan.byId.get("x_v1")!.question.type).toBe("number");
    expect(plan.byId.get("x")!.versions).toEqual([2]);
  });
});
