// Issue 7, "bad input", for lint and validate: each hostile file gets exactly one clear message
// naming file:line:col (where there is one), a documented exit code, no stack trace, bounded time.
import { writeFileSync, mkdirSync, readFileSync, copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runInProcess, tempDir } from "../helpers/cli.js";

const cache = tempDir("afstem-hostile-cache-");
afterAll(() => cache.cleanup());
const env = { AFSTEM_CACHE_DIR: cache.dir };
const H = "test/fixtures/hostile";

/**
 * Run, and hold every run to the common contract: no stack trace, and it ends (a hang is
 * killed by the timeout and fails on the exit code). Speed is the bench's job, not a test's:
 * on a shared 2-core machine a wall-clock bound only measures the neighbours.
 */
async function run(args: string[], opts: { cwd?: string } = {}) {
  const r = await runInProcess(args, { ...opts, env, timeout: 25_000 });
  expect(r.code, "the command did not end").not.toBeNull();
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/interne fout|internal error/);
  return r;
}

async function oneFinding(cmd: "lint" | "validate", file: string) {
  const r = await run([cmd, file, "--json"]);
  const report = JSON.parse(r.stdout) as {
    findings: { file: string; line: number; col: number; rule: string; message: string; severity: string }[];
  };
  expect(report.findings).toHaveLength(1);
  return { code: r.code, f: report.findings[0]! };
}

// [file, line:col, rule, a piece of the message, exit code]
const LINT_CASES: [string, string, string, string, number][] = [
  ["tab-indent.yaml", "4:1", "yaml-syntax", "tab gebruikt om in te springen", 1],
  ["bad-indent.yaml", "6:4", "yaml-syntax", "springt niet goed in", 1],
  ["over-indent.yaml", "5:6", "yaml-syntax", "springt niet goed in", 1],
  ["unclosed-quote.yaml", "3:8", "yaml-syntax", 'de " die hier begint wordt nergens gesloten', 1],
  ["unclosed-bracket.yaml", "4:9", "yaml-syntax", "de [ die hier begint wordt nergens gesloten met ]", 1],
  ["stray-colon.yaml", "3:8", "yaml-syntax", "een tweede ':' in een waarde; zet de waarde tussen aanhalingstekens", 1],
  ["list-document.yaml", "1:1", "yaml-not-mapping", "een lijst", 1],
  ["scalar-document.yaml", "1:1", "yaml-not-mapping", "één waarde", 1],
  ["multi-doc.yaml", "3:1", "yaml-syntax", "meer dan één YAML-document", 1],
  ["empty.yaml", "1:1", "yaml-empty", "leeg", 1],
  ["only-comments.yaml", "1:1", "yaml-empty", "alleen commentaar", 1],
  ["duplicate-keys.yaml", "8:5", "duplicate-key", "de sleutel 'minutes' komt twee keer voor", 1],
  ["billion-laughs.yaml", "5:8", "yaml-alias", "te veel aliassen", 1],
  ["tag-js-function.yaml", "3:8", "yaml-tag", "'!!js/function'", 1],
  ["tag-binary.yaml", "4:14", "yaml-tag", "'!!binary'", 1],
  ["number-for-text.yaml", "12:17", "bad-shape", "gevonden: 42", 1],
  ["unknown-key-top.yaml", "4:1", "unknown-key", "onbekende sleutel 'durration' — bedoelt u 'duration'?", 1],
  ["unknown-question-type.yaml", "11:15", "bad-value", '"slider" is niet toegestaan; kies uit: text,', 1],
  // Not UTF-8: unreadable input, exit 2, at the first bad byte (the ö of "Coördinatie").
  ["latin1.yaml", "3:10", "unreadable", "niet in UTF-8 opgeslagen", 2],
];

describe("hostile format files through lint", () => {
  it.each(LINT_CASES)("%s → %s %s", async (file, at, rule, msg, code) => {
    const { code: got, f } = await oneFinding("lint", `${H}/${file}`);
    expect(`${f.line}:${f.col}`).toBe(at);
    expect(f.rule).toBe(rule);
    expect(f.message).toContain(msg);
    expect(f.file).toBe(`${H}/${file}`);
    expect(got).toBe(code);
  });

  it("the billion-laughs file is refused quickly", async () => {
    const t0 = Date.now();
    await run(["lint", `${H}/billion-laughs.yaml`]);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("a file of 200 000 nested brackets: one message, no crash", async () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(path.join(dir, "diep.yaml"), `id: diep\nversion: 1\ntitle: ${"[".repeat(200_000)}\n`);
      const r = await run(["lint", "diep.yaml"], { cwd: dir });
      expect([1, 2]).toContain(r.code);
      expect(r.stdout.trim().split("\n").length).toBeGreaterThanOrEqual(1);
      expect(r.stdout).toMatch(/^diep\.yaml:\d+:\d+ {2}error {2}/);
    } finally {
      cleanup();
    }
  });
});

describe("a pattern that backtracks exponentially in JavaScript (issue 12)", () => {
  // Patterns run in RE2 (linear time), so the classic ReDoS shape is an ordinary, usable pattern.
  it("lints clean, and validate of a 40-character near-miss answers at once", async () => {
    const { dir, cleanup } = tempDir();
    try {
      copyFileSync(path.join(ROOT, H, "redos-pattern.yaml"), path.join(dir, "redos-pattern.yaml"));
      expect((await run(["lint", "redos-pattern.yaml"], { cwd: dir })).code).toBe(0);
      const session = [
        "afstem: 1",
        "format: {id: redos-pattern, version: 1}",
        "status: draft",
        "answers:",
        `  email: "${"a".repeat(40)}!@school.nl"`,
        "",
      ].join("\n");
      writeFileSync(path.join(dir, "gesprek.yaml"), session);
      const t0 = Date.now();
      const r = await runInProcess(["validate", "gesprek.yaml"], { cwd: dir, env: { ...env, AFSTEM_FORMATS_PATH: dir }, timeout: 20_000 });
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("email: Een adres van de school.");
    } finally {
      cleanup();
    }
  });
});

describe("encodings and odd files", () => {
  it.each([["utf8-bom.yaml"], ["utf16le.yaml"], ["utf16be.yaml"]])("%s is decoded and lints clean", async (file) => {
    const r = await run(["lint", `${H}/${file}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
  });

  it("UTF-16 findings are located by character, like UTF-8", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const text = readFileSync(path.join(ROOT, H, "unknown-key-top.yaml"), "utf8");
      writeFileSync(path.join(dir, "kladblok.yaml"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
      const r = await run(["lint", "kladblok.yaml"], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("kladblok.yaml:4:1  error  onbekende sleutel 'durration' — bedoelt u 'duration'?  (unknown-key)\n");
    } finally {
      cleanup();
    }
  });

  // Found by the property test (seed -2001103501): a mapping whose `toString` is not a function
  // made String(type) throw inside the loader, an internal error instead of a finding.
  it("a question type that is a mapping with a 'toString' key: located findings, no crash", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const text = [
        "id: x",
        "version: 1",
        "title: X",
        "sections:",
        "  - id: s",
        "    title: S",
        "    questions:",
        "      - id: q",
        "        prompt: Q?",
        "        type: {toString: []}",
        "",
      ].join("\n");
      writeFileSync(path.join(dir, "x.yaml"), text);
      const r = await run(["lint", "x.yaml"], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("x.yaml:10:15  error  type: een mapping is niet toegestaan");
      expect(`${r.stdout}${r.stderr}`).not.toMatch(/primitive|interne fout|internal error/i);
    } finally {
      cleanup();
    }
  });

  it("Latin-1 in text mode: one located line and the hint-free count; validate says the same", async () => {
    const r = await run(["lint", `${H}/latin1.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(`${H}/latin1.yaml:3:10  error  het bestand is niet in UTF-8 opgeslagen  (unreadable)\n`);
    const v = await run(["validate", `${H}/latin1.yaml`]);
    expect(v.code).toBe(2);
    expect(v.stdout).toBe(`${H}/latin1.yaml:3:10  error  het bestand is niet in UTF-8 opgeslagen  (unreadable)\n`);
  });

  it("a binary file: exit 2, located at the first NUL byte", async () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(path.join(dir, "foto.yaml"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]));
      const r = await run(["validate", "foto.yaml"], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("foto.yaml:1:5  error  dit is geen tekstbestand (bevat NUL-bytes)  (unreadable)\n");
    } finally {
      cleanup();
    }
  });

  // The cap is 10 MB (src/yaml/read-text.ts); the file is made here, never committed.
  it("a file over the size cap: exit 2 without reading it all", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const big = `id: groot\nversion: 1\ndescription: "${"x".repeat(11 * 1024 * 1024)}"\n`;
      writeFileSync(path.join(dir, "groot.yaml"), big);
      const r = await run(["lint", "groot.yaml"], { cwd: dir });
      expect(r.code).toBe(2);
      // A decimal comma in Dutch, a point in English.
      expect(r.stdout).toBe("groot.yaml:1:1  error  bestand is te groot (11,0 MB; hoogstens 10 MB)  (unreadable)\n");
      const en = await run(["--lang", "en", "lint", "groot.yaml"], { cwd: dir });
      expect(en.stdout).toMatch(/^groot\.yaml:1:1 {2}error {2}.*\(11\.0 MB; .*10 MB\) {2}\(unreadable\)\n$/);
    } finally {
      cleanup();
    }
  });

  it("a directory where a file is expected: exit 2, one message", async () => {
    const { dir, cleanup } = tempDir();
    try {
      mkdirSync(path.join(dir, "format.yaml"));
      const r = await run(["formats", "show", "format.yaml"], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("afstem: format.yaml: dit is een map, geen bestand\n");
    } finally {
      cleanup();
    }
  });

  it("a missing file: exit 2 for lint and validate", async () => {
    for (const cmd of ["lint", "validate"]) {
      const r = await run([cmd, "weg.yaml"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("afstem: weg.yaml: bestand niet gevonden\n  Controleer het pad.\n");
    }
  });

  it("a path with spaces and non-ASCII characters", async () => {
    const ok = await run(["lint", `${H}/map met spaties/één ünïcode.yaml`]);
    expect(ok.code).toBe(0);
    const { dir, cleanup } = tempDir();
    try {
      mkdirSync(path.join(dir, "Gesprekken 2026 – Zeeënweg"));
      const target = path.join(dir, "Gesprekken 2026 – Zeeënweg", "gesprek ÿ école.yaml");
      copyFileSync(path.join(ROOT, H, "session-yesno-on.yaml"), target);
      const r = await run(["validate", "Gesprekken 2026 – Zeeënweg"], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe(
        "Gesprekken 2026 – Zeeënweg/gesprek ÿ école.yaml:8:17  error  vast_overleg: verwacht ja of nee (true/false)  (answer-type)\n",
      );
    } finally {
      cleanup();
    }
  });
});

// YAML 1.1 surprises, decided per field (YAML is read as 1.2 core):
//   yesno: true/false and ja/nee/yes/no/j/n (any case) are accepted; on/off are refused;
//   number: 08 → 8, .5 → 0.5 accepted; 1:30 stays the text "1:30" and is refused;
//   scale: .5 refused (whole numbers only); date: unquoted 2026-09-29 stays a string, accepted;
//   text: an unquoted number (42) is refused — quote it; explicit tags (!!timestamp) refused.
const SESSION_CASES: [string, string, string, string][] = [
  ["session-yesno-on.yaml", "8:17", "answer-type", "vast_overleg: verwacht ja of nee (true/false)"],
  ["session-sexagesimal.yaml", "8:24", "answer-type", "aantal_consultaties: verwacht een getal"],
  ["session-scale-half.yaml", "8:30", "answer-type", "tevredenheid_samenwerking: verwacht een geheel getal"],
  ["session-number-for-text.yaml", "8:18", "answer-type", "wat_gaat_goed: verwacht tekst"],
  ["session-bad-date.yaml", "8:20", "answer-type", "'2027-02-30' is geen geldige datum"],
  ["session-unknown-key.yaml", "7:1", "unknown-key", "onbekende sleutel 'particpants' — bedoelt u 'participants'?"],
  ["session-option-code.yaml", "8:18", "answer-option", "'werkplek' is geen optie; kies uit: vindplaats, deels, werkplaats"],
  [
    "session-unknown-format.yaml",
    "2:14",
    "session-format",
    "onbekend format 'jeugdteam' (bekend: beleidsgroep, kernteam, kernteam-buch, routekaart)",
  ],
  ["session-old-version.yaml", "2:33", "session-format-version", "versie 3 bestaat niet (meer); beschikbaar: 2, 1"],
  ["session-tag-timestamp.yaml", "8:20", "yaml-tag", "'!!timestamp'"],
];

describe("hostile session files through validate", () => {
  it("YAML 1.1 spellings that are unambiguous are accepted (yes, nee, Ja, 08, .5, unquoted dates)", async () => {
    const r = await run(["validate", `${H}/session-yaml11-accepted.yaml`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
  });

  it.each(SESSION_CASES)("%s → %s %s", async (file, at, rule, msg) => {
    const { code, f } = await oneFinding("validate", `${H}/${file}`);
    expect(`${f.line}:${f.col}`).toBe(at);
    expect(f.rule).toBe(rule);
    expect(f.message).toContain(msg);
    expect(code).toBe(1);
  });

  it.each(LINT_CASES.filter(([f]) => !f.startsWith("redos") && !f.startsWith("unknown") && !f.startsWith("number")).slice(0, 15))(
    "YAML problem %s is reported the same way by validate",
    async (file, at, rule) => {
      const { f } = await oneFinding("validate", `${H}/${file}`);
      expect(`${f.line}:${f.col}`).toBe(at);
      expect(f.rule).toBe(rule);
    },
  );
});
