// The foundation commands as a user runs them: formats, formats show, lint on the built-in
// formats, --help/--version, and the documented exit codes for unreadable input.
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT, runCli, runInProcess, tempDir } from "../helpers/cli.js";

const cache = tempDir("afstem-cli-cache-");
afterAll(() => cache.cleanup());
const env = { AFSTEM_CACHE_DIR: cache.dir };
const noStack = (s: string) => expect(s).not.toMatch(/^\s+at /m);

describe("built-in formats", () => {
  // Spawned: the smoke tests of `lint` and `formats` run the real bin/afstem.js.
  it("lint clean: exit 0, no findings", () => {
    const r = runCli(["lint", "formats/"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("5 bestanden gecontroleerd: 0 fouten, 0 waarschuwingen\n");
    const j = runCli(["lint", "formats/", "--json"], { env });
    expect(JSON.parse(j.stdout)).toEqual({ files: 5, errors: 0, warnings: 0, findings: [] });
  });

  it("`formats` lists them (exact text)", () => {
    const r = runCli(["formats"], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "id             versie     vragen  minuten  titel",
        "beleidsgroep   1          13      60       Trimesteroverzicht brede beleidsgroep passend onderwijs en jeugd",
        "kernteam       2 (ook 1)  35      90       Afstemmingsgesprek onderwijs en jeugdhulp verbonden (kernteam IJmond)",
        "kernteam-buch  1          36      90       Afstemmingsgesprek onderwijs en jeugdhulp verbonden (BUCH)",
        "routekaart     1          22      45       Zelfscan routekaart verbinding met onderwijs",
        "",
      ].join("\n"),
    );
  });

  it("`formats --json` gives id, version, questions and minutes per format", async () => {
    const rows = JSON.parse((await runInProcess(["formats", "--json"], { env })).stdout) as {
      id: string;
      version: number;
      questions: number;
      minutes: number;
      versions: number[];
    }[];
    expect(rows.map((r) => [r.id, r.version, r.questions, r.minutes])).toEqual([
      ["beleidsgroep", 1, 13, 60],
      ["kernteam", 2, 35, 90],
      ["kernteam-buch", 1, 36, 90],
      ["routekaart", 1, 22, 45],
    ]);
    expect(rows.find((r) => r.id === "kernteam")!.versions).toEqual([2, 1]);
  });

  it("`formats show --json kernteam-buch` has the BUCH partners and the inherited sections", async () => {
    const r = await runInProcess(["formats", "show", "--json", "kernteam-buch"], { env });
    expect(r.code).toBe(0);
    const buch = JSON.parse(r.stdout) as {
      id: string;
      extends: string;
      participants: { id: string; organisation?: string }[];
      sections: { id: string; questions: { id: string }[] }[];
    };
    const kern = JSON.parse((await runInProcess(["formats", "show", "--json", "kernteam"], { env })).stdout) as typeof buch;
    expect(buch.id).toBe("kernteam-buch");
    expect(buch.extends).toBe("kernteam");
    const roles = buch.participants.map((p) => p.id);
    // BUCH's own partners are in, the IJmond ones it removes are out.
    expect(roles).toEqual(expect.arrayContaining(["jgt", "sociaal-team", "ggd", "ib", "consulent"]));
    expect(roles).not.toContain("cjg");
    expect(roles).not.toContain("socius");
    expect(buch.participants.find((p) => p.id === "jgt")!.organisation).toBe("Jeugd- en gezinsteam");
    // Every kernteam section is inherited, in the same order.
    expect(buch.sections.map((s) => s.id)).toEqual(kern.sections.map((s) => s.id));
    // An untouched section keeps the parent's questions.
    const goed = (f: typeof buch) => f.sections.find((s) => s.id === "goed")!.questions.map((q) => q.id);
    expect(goed(buch)).toEqual(goed(kern));
  });

  it("`formats show` prints an outline", async () => {
    const r = await runInProcess(["formats", "show", "kernteam-buch"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(
      "kernteam-buch v1 — Afstemmingsgesprek onderwijs en jeugdhulp verbonden (BUCH) (90 min)  bouwt voort op kernteam",
    );
    expect(r.stdout).toContain("  * jgt  Jeugd- en gezinsteam BUCH (Jeugd- en gezinsteam)");
  });

  it("`formats show` of an unknown id: exit 2 with the known ids", async () => {
    const r = await runInProcess(["formats", "show", "kerntem"], { env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("afstem: onbekend format 'kerntem'");
    expect(r.stderr).toContain("beleidsgroep, kernteam, kernteam-buch, routekaart");
    noStack(r.stderr);
  });

  it("`formats show` of a broken file: exit 2, first finding located, points to lint", async () => {
    const r = await runInProcess(["formats", "show", "test/fixtures/formats/when-target.yaml"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^afstem: test\/fixtures\/formats\/when-target\.yaml:19:19: format '.*' bevat fouten: voorwaarde van 'q2' verwijst naar onbekende vraag 'kerteam'\n/,
    );
    expect(r.stderr).toContain("afstem lint test/fixtures/formats/when-target.yaml");
  });
});

describe("help and version", () => {
  it("--version prints the package version", async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    const r = await runInProcess(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });

  it("--help lists the commands with examples, in Dutch and in English", async () => {
    const r = await runInProcess(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["formats", "lint", "validate", "run", "report", "rollup"]) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, "m"));
    expect(r.stdout).toContain("Voorbeelden:\n  $ afstem run kernteam\n");
    const en = await runInProcess(["--lang", "en", "--help"]);
    expect(en.stdout).toContain("Examples:\n  $ afstem run kernteam\n");
  });

  it.each([["lint"], ["validate"], ["formats"]])("%s --help has examples", async (cmd) => {
    const r = await runInProcess([cmd, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Gebruik: afstem ${cmd} `)); // commander's words in Dutch too (issue 15, item 6)
    expect(r.stdout).toContain("Opties:");
    expect(r.stdout).not.toMatch(/Usage|Options:|\(default: /);
    expect(r.stdout).toMatch(new RegExp(`Voorbeelden:\\n  \\$ afstem ${cmd}`));
  });

  it.each([["run"], ["report"], ["rollup"]])(
    "%s --help names its placeholders in the help's own language, defaults as typed",
    async (cmd) => {
      const nl = (await runInProcess([cmd, "--help"])).stdout;
      const en = (await runInProcess(["--lang", "en", cmd, "--help"])).stdout;
      expect(nl).toContain("--out <map>");
      expect(nl).toContain("--lang <taal>");
      expect(en).toContain("--out <folder>");
      expect(nl).not.toMatch(/<(dir|file|folder|paths\.\.\.|field|date|list|what)>/);
      expect(en).not.toMatch(/<(map|bestand|paden\.\.\.|veld|datum|lijst|wat)>/);
      expect(`${nl}${en}`).not.toMatch(/(standaard|default): "/);
    },
  );
});

describe("global options in each command's help", () => {
  // --lang, --no-color and --formats-dir work after the command name; its help says so.
  it.each([["run"], ["report"], ["formats show"], ["lint"]])("%s --help lists the global options, and only the program's", async (cmd) => {
    const args = cmd.split(" ");
    const nl = (await runInProcess([...args, "--help"])).stdout;
    const block = nl.slice(nl.indexOf("Algemene opties:\n"), nl.indexOf("Voorbeelden:"));
    expect(
      block
        .split("\n")
        .map((l) => l.trim().split(/\s{2,}/)[0])
        .filter(Boolean),
    ).toEqual(["Algemene opties:", "-V, --version", "--lang <taal>", "--no-color", "--formats-dir <map>"]);
    const en = (await runInProcess(["--lang", "en", ...args, "--help"])).stdout;
    expect(en).toMatch(/\nGlobal Options:\n {2}-V, --version/);
  });

  it("a global option given after the command name works", async () => {
    const r = await runInProcess(["formats", "show", "kernteam", "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("* = required");
  });
});

describe("exit codes", () => {
  it("0 clean, 1 findings", async () => {
    expect((await runInProcess(["lint", "formats/kernteam.yaml"], { env })).code).toBe(0);
    expect((await runInProcess(["lint", "test/fixtures/formats/unique-id.yaml"], { env })).code).toBe(1);
  });

  it("2 for a missing path, with one located message", async () => {
    const r = await runInProcess(["lint", "bestaat-niet.yaml"], { env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("afstem: bestaat-niet.yaml: bestand niet gevonden\n  Controleer het pad.\n");
  });

  it("2 for a binary file", async () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(path.join(dir, "plaatje.yaml"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
      const r = await runInProcess(["lint", "plaatje.yaml"], { cwd: dir, env });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("plaatje.yaml:3:1  error  dit is geen tekstbestand (bevat NUL-bytes)  (unreadable)\n");
      noStack(r.stderr);
    } finally {
      cleanup();
    }
  });

  it("2 for usage errors (no path, unknown command)", async () => {
    expect((await runInProcess(["lint"])).code).toBe(2);
    expect((await runInProcess(["lnt"])).code).toBe(2);
  });

  // Tests run as root here, and root reads a chmod-000 file anyway; so the CLI is run as the
  // unprivileged user `nobody` (uid 65534). Where that is impossible the test is skipped.
  const isRoot = process.getuid?.() === 0;
  it.skipIf(!isRoot)("2 for a directory and a file without read permission (run as nobody)", () => {
    const { dir, cleanup } = tempDir();
    try {
      chmodSync(dir, 0o755);
      mkdirSync(path.join(dir, "geheim"));
      copyFileSync(path.join(ROOT, "formats", "kernteam.yaml"), path.join(dir, "geheim", "kernteam.yaml"));
      chmodSync(path.join(dir, "geheim"), 0o000);
      copyFileSync(path.join(ROOT, "formats", "kernteam.yaml"), path.join(dir, "dicht.yaml"));
      chmodSync(path.join(dir, "dicht.yaml"), 0o000);
      const asNobody = (args: string[]) => {
        const r = spawnSync(process.execPath, [BIN, ...args], {
          cwd: dir,
          uid: 65534,
          gid: 65534,
          encoding: "utf8",
          env: { PATH: process.env.PATH, NO_COLOR: "1", AFSTEM_CACHE: "0" },
        });
        return { code: r.status, stdout: r.stdout, stderr: r.stderr };
      };
      const d = asNobody(["lint", "geheim"]);
      expect(d.code).toBe(2);
      expect(d.stderr).toBe("afstem: geheim: geen leesrechten voor deze map\n");
      const f = asNobody(["lint", "dicht.yaml"]);
      expect(f.code).toBe(2);
      expect(f.stdout).toBe("dicht.yaml:1:1  error  geen leesrechten voor dit bestand  (unreadable)\n");
      const v = asNobody(["validate", "dicht.yaml"]);
      expect(v.code).toBe(2);
      noStack(d.stderr + f.stderr + v.stderr);
    } finally {
      cleanup();
    }
  });
});
