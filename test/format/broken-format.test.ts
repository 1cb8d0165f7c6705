// One rule for broken formats (issue 12): a format with lint errors never loads, in any
// command; each command that needs it says where it is and how many errors lint reports, and
// a batch skips just the sessions of that format (one located line each) and goes on.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runInProcess, tempDir } from "../helpers/cli.js";

const tmp = tempDir("afstem-broken-");
afterAll(() => tmp.cleanup());
const CORPUS = path.join(ROOT, "test", "fixtures", "rollup", "corpus");
let env: Record<string, string>;

const LOKET = [
  "id: loket",
  "version: 1",
  "title: Loket",
  "duration: 10",
  "sections:",
  "  - id: s1",
  "    title: Sectie",
  "    minutes: 10",
  "    questions:",
  '      - {id: code, type: text, prompt: Code, validate: {pattern: "[0-9", maxLength: -1}}',
  "",
].join("\n");

beforeAll(async () => {
  const formats = path.join(tmp.dir, "formats");
  const sessions = path.join(tmp.dir, "gesprekken");
  mkdirSync(formats);
  mkdirSync(sessions);
  writeFileSync(path.join(formats, "loket.yaml"), LOKET);
  writeFileSync(path.join(formats, "kind.yaml"), "id: kind\nversion: 1\nextends: loket\ntitle: Kind\n");
  writeFileSync(path.join(formats, "kapot.yaml"), "id: kapot\nversion: [1\n");
  for (const f of readdirSync(CORPUS).slice(0, 3)) copyFileSync(path.join(CORPUS, f), path.join(sessions, f));
  const session = (id: string) => `afstem: 1\nformat: {id: ${id}, version: 1}\nstatus: draft\nmeta: {}\nanswers:\n  code: "12"\n`;
  for (const id of ["loket", "kind", "kapot"]) writeFileSync(path.join(sessions, `2026-10-09-x-${id}.yaml`), session(id));
  env = { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache"), AFSTEM_FORMATS_PATH: formats };
});

const cli = async (args: string[], lang?: string) => {
  const r = await runInProcess(lang ? ["--lang", lang, ...args] : args, { cwd: tmp.dir, env });
  expect(r.stderr).not.toMatch(/^\s+at |SyntaxError|interne fout/m);
  return r;
};

const EXPECTED = [
  "gesprekken/2026-10-09-x-kapot.yaml:2:14  error  format 'kapot' in formats/kapot.yaml heeft 1 fout; voer afstem lint formats/kapot.yaml uit  (session-format-broken)",
  "gesprekken/2026-10-09-x-kind.yaml:2:14  error  format 'loket' in formats/loket.yaml heeft 2 fouten; voer afstem lint formats/loket.yaml uit  (session-format-broken)",
  "gesprekken/2026-10-09-x-loket.yaml:2:14  error  format 'loket' in formats/loket.yaml heeft 2 fouten; voer afstem lint formats/loket.yaml uit  (session-format-broken)",
];

describe("a format with lint errors never loads", () => {
  it("lint reports the errors the message counts (an invalid pattern and maxLength -1 are lint errors)", async () => {
    const r = await cli(["lint", "formats/loket.yaml", "--json"]);
    expect(r.code).toBe(1);
    const rules = (JSON.parse(r.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule).sort();
    expect(rules).toEqual(["bad-value", "validate-pattern"]);
  });

  it("validate, twice (the second run from the cache): one located line per session of a broken format, the rest checked, exit 1", async () => {
    for (let i = 0; i < 2; i++) {
      const r = await cli(["validate", "gesprekken"]);
      expect(r.code).toBe(1);
      expect(r.stdout.split("\n").filter((l) => l.includes("  error  "))).toEqual(EXPECTED);
    }
  });

  it("speaks English with --lang en", async () => {
    const r = await cli(["validate", "gesprekken/2026-10-09-x-loket.yaml"], "en");
    expect(r.stdout).toContain(
      "format 'loket' in formats/loket.yaml has 2 errors; run afstem lint formats/loket.yaml  (session-format-broken)",
    );
  });

  it("report skips the sessions of broken formats and writes the others, exit 1", async () => {
    const r = await cli(["report", "gesprekken", "--out", "verslagen"]);
    expect(r.code).toBe(1);
    for (const line of EXPECTED) expect(`${r.stdout}\n${r.stderr}`).toContain(line.replace(/ {2}\(session-format-broken\)$/, ""));
    expect(readdirSync(path.join(tmp.dir, "verslagen"))).toHaveLength(3);
  });

  it("rollup (simple and worker engine) does the same", async () => {
    for (const engine of ["simple", "workers"]) {
      const r = await runInProcess(["rollup", "gesprekken", "--out", `rollup-${engine}`, "--include-drafts"], {
        cwd: tmp.dir,
        env: { ...env, AFSTEM_ROLLUP_ENGINE: engine },
      });
      expect(r.stderr).not.toMatch(/^\s+at |SyntaxError/m);
      expect(r.code, engine).toBe(1);
      for (const line of EXPECTED) expect(`${r.stdout}\n${r.stderr}`, engine).toContain(line.replace(/ {2}\(session-format-broken\)$/, ""));
    }
  });

  it("run and formats show refuse it by id with the same message (exit 2), also through extends", async () => {
    writeFileSync(path.join(tmp.dir, "antwoorden.yaml"), "code: '12'\n");
    for (const args of [
      ["run", "loket", "--answers", "antwoorden.yaml", "--out", "uit"],
      ["formats", "show", "kind"],
      ["run", "formats/kind.yaml", "--answers", "antwoorden.yaml", "--out", "uit"],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toBe(
        "afstem: format 'loket' in formats/loket.yaml heeft 2 fouten; voer afstem lint formats/loket.yaml uit\n",
      );
    }
    const k = await cli(["formats", "show", "kapot"]);
    expect(k.code).toBe(2);
    expect(k.stderr).toBe("afstem: format 'kapot' in formats/kapot.yaml heeft 1 fout; voer afstem lint formats/kapot.yaml uit\n");
  });

  it("formats lists each format that would be refused as unusable, and a file that does not parse by its name (twice: the second from the cache)", async () => {
    const noId = path.join(tmp.dir, "formats", "zonder-id.yaml");
    writeFileSync(noId, "title: [\n");
    // A format without `version:` has no version to list (the loader's stand-in 0 is none).
    const noVersion = path.join(tmp.dir, "formats", "zonder-versie.yaml");
    writeFileSync(
      noVersion,
      readFileSync(path.join(ROOT, "formats", "kernteam.yaml"), "utf8")
        .replace(/^version: .*\n/m, "")
        .replace(/^id: kernteam$/m, "id: zonder-versie"),
    );
    try {
      for (let i = 0; i < 2; i++) {
        const r = await cli(["formats"]);
        expect(r.code).toBe(0);
        const line = (id: string) => r.stdout.split("\n").find((l) => l.startsWith(`${id} `));
        expect(line("loket")).toMatch(/^loket +1 +— +— +✗ onbruikbaar \(2 fouten\): zie afstem lint formats\/loket\.yaml$/);
        // Through extends: where lint says why is the parent's file.
        expect(line("kind")).toMatch(/^kind +1 +— +— +✗ onbruikbaar \(2 fouten\): zie afstem lint formats\/loket\.yaml$/);
        expect(line("kapot")).toMatch(/^kapot +— +— +— +✗ onbruikbaar \(1 fout\): zie afstem lint formats\/kapot\.yaml$/);
        expect(line("zonder-id.yaml")).toMatch(
          /^zonder-id\.yaml +— +— +— +✗ onbruikbaar \(1 fout\): zie afstem lint formats\/zonder-id\.yaml$/,
        );
        expect(line("kernteam")).toMatch(/^kernteam +2 \(ook 1\) +35 +90 +Afstemmingsgesprek/);
        expect(line("zonder-versie")).toMatch(
          /^zonder-versie +— +— +— +✗ onbruikbaar \(1 fout\): zie afstem lint formats\/zonder-versie\.yaml$/,
        );
      }
      const json = JSON.parse((await cli(["formats", "--json"])).stdout) as { id: string; broken?: string; errors?: number }[];
      expect(json.filter((x) => x.broken).map((x) => [x.id, x.broken, x.errors])).toEqual([
        ["kapot", "lint-errors", 1],
        ["kind", "lint-errors", 2],
        ["loket", "lint-errors", 2],
        ["zonder-id.yaml", "lint-errors", 1],
        ["zonder-versie", "lint-errors", 1],
      ]);
      const unversioned = json.find((x) => x.id === "zonder-versie") as Record<string, unknown>;
      expect(unversioned.version).toBeUndefined();
      expect(unversioned.versions).toEqual([]);
      const en = await cli(["formats"], "en");
      expect(en.stdout).toMatch(/^loket +1 +— +— +✗ unusable \(2 errors\): see afstem lint formats\/loket\.yaml$/m);
    } finally {
      rmSync(noId);
      rmSync(noVersion);
    }
  });

  it("once the format is fixed it loads again at once (the cached verdicts follow the file)", async () => {
    writeFileSync(
      path.join(tmp.dir, "formats", "loket.yaml"),
      LOKET.replace('pattern: "[0-9", maxLength: -1', 'pattern: "^[0-9]+$", maxLength: 4'),
    );
    const r = await cli(["validate", "gesprekken"]);
    expect(r.stdout).not.toContain("format 'loket'");
    expect(r.stdout).toContain("format 'kapot' in formats/kapot.yaml heeft 1 fout");
  });
});

describe("formats --json of a format whose extends does not resolve", () => {
  it("gives every unusable entry broken, errors (lint's count) and see, and never another format's title", async () => {
    const bf = path.join(tmp.dir, "bf");
    mkdirSync(bf);
    const files: Record<string, string> = {
      "c1.yaml": "id: c1\nextends: c2\n",
      "c2.yaml": "id: c2\nextends: c1\n",
      "c3.yaml": "id: c3\nversion: 1\nextends: c4\ntitle: Drie\n",
      "c4.yaml": "id: c4\nversion: 1\nextends: c3\ntitle: Vier\n",
      "c5.yaml": "id: c5\nversion: 1\nextends: nergens\n",
      "c6.yaml": "id: c6\nversion: 1\nextends: c3\n",
    };
    for (const [f, text] of Object.entries(files)) writeFileSync(path.join(bf, f), text);
    const r = await runInProcess(["formats", "--formats-dir", "bf", "--json"], {
      cwd: tmp.dir,
      env: { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache-bf") },
    });
    expect(r.code, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { id: string; title?: string; broken?: string; errors?: number; see?: string }[]).filter((x) =>
      /^c\d$/.test(x.id),
    );
    // Before: c1 "title": "c2" and c2 "title": "c1", and no errors key on either.
    expect(rows.map((x) => [x.id, x.broken, x.errors, x.see, x.title])).toEqual([
      ["c1", "extends-cycle", 2, "bf/c1.yaml", undefined],
      ["c2", "extends-cycle", 2, "bf/c2.yaml", undefined],
      ["c3", "extends-cycle", 1, "bf/c3.yaml", "Drie"],
      ["c4", "extends-cycle", 1, "bf/c4.yaml", "Vier"],
      ["c5", "extends-target", 1, "bf/c5.yaml", undefined],
      ["c6", "extends-cycle", 1, "bf/c6.yaml", undefined],
    ]);
    // The counts are lint's own.
    const lint = await runInProcess(["lint", "--formats-dir", "bf", "bf/c1.yaml", "bf/c5.yaml", "--json"], {
      cwd: tmp.dir,
      env: { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache-bf") },
    });
    expect((JSON.parse(lint.stdout) as { errors: number }).errors).toBe(3);
  });
});

describe("a copy of a built-in format whose YAML does not parse", () => {
  // Before: the built-in routekaart was used (formats show exit 0, run wrote a session on it),
  // and formats listed the copy apart, under its file name.
  const dir = () => path.join(tmp.dir, "ov");
  const ovCli = (args: string[]) =>
    runInProcess([...args, "--formats-dir", "ov"], { cwd: tmp.dir, env: { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache-ov") } });
  const MESSAGE = "format 'routekaart' in ov/routekaart.yaml heeft 2 fouten; voer afstem lint ov/routekaart.yaml uit";

  beforeAll(() => {
    mkdirSync(dir());
    const text = readFileSync(path.join(ROOT, "formats", "routekaart.yaml"), "utf8").replace(/^duration:/m, "title: [\nduration:");
    writeFileSync(path.join(dir(), "routekaart.yaml"), text);
    writeFileSync(path.join(tmp.dir, "rk.yaml"), "school: De Klimop\n");
  });

  it("shadows the built-in one: formats show, run and validate refuse it with the same message", async () => {
    for (let i = 0; i < 2; i++) {
      const show = await ovCli(["formats", "show", "routekaart"]);
      expect(show.code).toBe(2);
      expect(show.stderr).toBe(`afstem: ${MESSAGE}\n`);
    }
    const run = await ovCli(["run", "routekaart", "--answers", "rk.yaml", "--out", "uit-ov"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`afstem: ${MESSAGE}\n`);
    expect(existsSync(path.join(tmp.dir, "uit-ov"))).toBe(false);
    writeFileSync(
      path.join(tmp.dir, "rk-sessie.yaml"),
      "afstem: 1\nformat: {id: routekaart, version: 1}\nstatus: draft\nmeta: {}\nanswers: {}\n",
    );
    const validate = await ovCli(["validate", "rk-sessie.yaml"]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(`rk-sessie.yaml:2:14  error  ${MESSAGE}  (session-format-broken)`);
  });

  it("formats lists it under the id it declares, as unusable, and not the built-in one", async () => {
    const r = await ovCli(["formats"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n").filter((l) => l.includes("routekaart"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^routekaart +— +— +— +✗ onbruikbaar \(2 fouten\): zie afstem lint ov\/routekaart\.yaml$/);
    const json = (JSON.parse((await ovCli(["formats", "--json"])).stdout) as Record<string, unknown>[]).filter((x) =>
      String(x.id).startsWith("routekaart"),
    );
    expect(json).toEqual([{ id: "routekaart", broken: "lint-errors", errors: 2, see: "ov/routekaart.yaml", source: "ov/routekaart.yaml" }]);
  });

  it("shadows only the version it declares: a broken kernteam version 1 leaves version 2 usable", async () => {
    const v1 = path.join(dir(), "kernteam-v1.yaml");
    writeFileSync(v1, "id: kernteam\nversion: 1\ntitle: [\n");
    try {
      const r = await ovCli(["validate", path.join(ROOT, "examples")]);
      expect(r.code).toBe(1);
      const errors = r.stdout.split("\n").filter((l) => l.includes("  error  "));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(
        "2025-09-30-het-duinzicht-college-kernteam.yaml:2:14  error  format 'kernteam' in ov/kernteam-v1.yaml heeft 1 fout",
      );
      expect((await ovCli(["formats", "show", "kernteam"])).code).toBe(0);
    } finally {
      rmSync(v1);
    }
  });
});

describe("extends of a format whose YAML does not parse", () => {
  // Before: lint said "format 'kapot' om op voort te bouwen is niet gevonden", though it is there.
  const run = (args: string[], lang?: string) =>
    runInProcess(lang ? ["--lang", lang, ...args] : args, { cwd: tmp.dir, env: { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache-ext") } });
  const KIND = [
    "id: kind2",
    "version: 1",
    "extends: kapot",
    "title: Kind",
    "duration: 10",
    "sections:",
    "  - id: s",
    "    title: S",
    "    minutes: 10",
    "    questions:",
    "      - {id: a, type: text, prompt: A}",
    "",
  ].join("\n");

  beforeAll(() => {
    mkdirSync(path.join(tmp.dir, "ext"));
    writeFileSync(path.join(tmp.dir, "ext", "kapot.yaml"), "id: kapot\nversion: 1\ntitle: [\n");
    writeFileSync(path.join(tmp.dir, "ext", "kind2.yaml"), KIND);
    // A child of a built-in format whose copy in the folder does not parse (see above).
    writeFileSync(
      path.join(tmp.dir, "ov", "route-kind.yaml"),
      KIND.replace("kind2", "route-kind").replace("extends: kapot", "extends: routekaart"),
    );
  });
  afterAll(() => rmSync(path.join(tmp.dir, "ov", "route-kind.yaml"), { force: true }));

  it("lint (the file and the folder) says where the parent is and how many errors it has, in Dutch and English", async () => {
    const line =
      "ext/kind2.yaml:3:10  error  format 'kapot' om op voort te bouwen staat in ext/kapot.yaml, dat 1 fout heeft; voer afstem lint ext/kapot.yaml uit  (extends-target)";
    const file = await run(["lint", "ext/kind2.yaml"]);
    expect(file.code).toBe(1);
    expect(file.stdout).toBe(`${line}\n`);
    const folder = await run(["lint", "ext"]);
    expect(folder.stdout.split("\n")).toContain(line);
    const en = await run(["lint", "ext/kind2.yaml"], "en");
    expect(en.stdout).toContain(
      "format 'kapot' to extend is in ext/kapot.yaml, which has 1 error; run afstem lint ext/kapot.yaml  (extends-target)",
    );
    const route = await run(["lint", "ov/route-kind.yaml", "--formats-dir", "ov"]);
    expect(route.stdout).toContain(
      "format 'routekaart' om op voort te bouwen staat in ov/routekaart.yaml, dat 2 fouten heeft; voer afstem lint ov/routekaart.yaml uit  (extends-target)",
    );
  });

  it("formats lists the child as unusable, pointing at the parent's file; formats show names the parent", async () => {
    const list = await run(["formats", "--formats-dir", "ext"]);
    expect(list.stdout).toMatch(/^kind2 +1 +— +— +✗ onbruikbaar \(1 fout\): zie afstem lint ext\/kapot\.yaml$/m);
    const show = await run(["formats", "show", "kind2", "--formats-dir", "ext"]);
    expect(show.code).toBe(2);
    expect(show.stderr).toBe("afstem: format 'kapot' in ext/kapot.yaml heeft 1 fout; voer afstem lint ext/kapot.yaml uit\n");
  });
});

describe("a copy of a built-in format that cannot be decoded (not UTF-8, NUL bytes)", () => {
  // Before: the copy was ignored and the built-in routekaart used (formats show exit 0, validate
  // checked against it), formats listed the copy apart under its file name, and extends of such
  // a parent said "niet gevonden".
  const run = (args: string[]) =>
    runInProcess([...args, "--formats-dir", "lat"], { cwd: tmp.dir, env: { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache-lat") } });
  const message = (id: string, file: string) => `format '${id}' in lat/${file} heeft 1 fout; voer afstem lint lat/${file} uit`;

  beforeAll(() => {
    mkdirSync(path.join(tmp.dir, "lat"));
    const text = readFileSync(path.join(ROOT, "formats", "routekaart.yaml"), "utf8").replace(
      /^title:.*$/m,
      "title: Mijn aangepaste routekaart é",
    );
    writeFileSync(path.join(tmp.dir, "lat", "routekaart.yaml"), Buffer.from(text, "latin1"));
    writeFileSync(path.join(tmp.dir, "lat", "nul.yaml"), "id: nul\nversion: 1\ntitle: N\0ul\n");
    writeFileSync(path.join(tmp.dir, "lat", "ouder.yaml"), Buffer.from("id: ouder\nversion: 1\ntitle: Oudé\n", "latin1"));
    writeFileSync(
      path.join(tmp.dir, "lat", "kind3.yaml"),
      "id: kind3\nversion: 1\nextends: ouder\ntitle: Kind\nduration: 10\nsections:\n  - id: s\n    title: S\n    minutes: 10\n    questions:\n      - {id: a, type: text, prompt: A}\n",
    );
    writeFileSync(
      path.join(tmp.dir, "rk-lat.yaml"),
      "afstem: 1\nformat: {id: routekaart, version: 1}\nstatus: draft\nmeta: {}\nanswers: {}\n",
    );
  });

  it("shadows the built-in one: formats show and validate refuse it, pointing at the file (twice: the second from the cache)", async () => {
    for (let i = 0; i < 2; i++) {
      const show = await run(["formats", "show", "routekaart"]);
      expect(show.code).toBe(2);
      expect(show.stderr).toBe(`afstem: ${message("routekaart", "routekaart.yaml")}\n`);
    }
    const nul = await run(["formats", "show", "nul"]);
    expect(nul.code).toBe(2);
    expect(nul.stderr).toBe(`afstem: ${message("nul", "nul.yaml")}\n`);
    const validate = await run(["validate", "rk-lat.yaml"]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(`rk-lat.yaml:2:14  error  ${message("routekaart", "routekaart.yaml")}  (session-format-broken)`);
  });

  it("formats lists it under the id it declares, as unusable, and not the built-in one", async () => {
    const r = await run(["formats"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines.filter((l) => l.includes("routekaart"))).toEqual([
      expect.stringMatching(/^routekaart +— +— +— +✗ onbruikbaar \(1 fout\): zie afstem lint lat\/routekaart\.yaml$/),
    ]);
    expect(lines).toContainEqual(expect.stringMatching(/^nul +— +— +— +✗ onbruikbaar \(1 fout\): zie afstem lint lat\/nul\.yaml$/));
    expect(r.stdout).not.toContain(".yaml  ");
  });

  it("extends of such a parent names its file and its error count, not 'niet gevonden'", async () => {
    const lint = await run(["lint", "lat/kind3.yaml"]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain(
      "lat/kind3.yaml:3:10  error  format 'ouder' om op voort te bouwen staat in lat/ouder.yaml, dat 1 fout heeft; voer afstem lint lat/ouder.yaml uit  (extends-target)",
    );
    const show = await run(["formats", "show", "kind3"]);
    expect(show.code).toBe(2);
    expect(show.stderr).toBe(`afstem: ${message("ouder", "ouder.yaml")}\n`);
  });
});
