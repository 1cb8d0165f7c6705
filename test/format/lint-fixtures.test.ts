// Every lint rule has a broken format in test/fixtures/formats/<case>.yaml; the real CLI must
// report exactly the expected finding (rule, severity) at the offending node's line:column,
// and nothing else: one clear message per problem.
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runInProcess, tempDir } from "../helpers/cli.js";

const FIXTURES = path.join(ROOT, "test", "fixtures", "formats");
const cache = tempDir("afstem-lint-cache-");
afterAll(() => cache.cleanup());
const env = { AFSTEM_CACHE_DIR: cache.dir };

type Sev = "error" | "warning";
/** case → [line:col, severity, rule, a piece of the message] (what a person reading the file would point at). */
const EXPECT: Record<string, [string, Sev, string, string][]> = {
  "yaml-syntax": [["4:8", "error", "yaml-syntax", 'de " die hier begint wordt nergens gesloten']],
  "duplicate-key": [["5:1", "error", "duplicate-key", "de sleutel 'title' komt twee keer voor"]],
  "yaml-tag": [["4:14", "error", "yaml-tag", "'!!js/function'"]],
  "yaml-empty": [["1:1", "error", "yaml-empty", "leeg"]],
  "yaml-not-mapping": [["2:1", "error", "yaml-not-mapping", "het document is een lijst"]],
  "yaml-alias": [["5:8", "error", "yaml-alias", "te veel aliassen"]],
  "unknown-key": [["12:9", "error", "unknown-key", "onbekende sleutel 'promt' — bedoelt u 'prompt'?"]],
  "required-key": [["1:1", "error", "required-key", "'version' ontbreekt"]],
  "wrong-type": [["13:19", "error", "wrong-type", 'verwacht true of false, gevonden: "ja"']],
  "bad-value": [["11:15", "error", "bad-value", "bedoelt u 'text'?"]],
  "bad-shape": [["16:15", "error", "bad-shape", "ongeldige voorwaarde"]],
  "unique-id": [["13:13", "error", "unique-id", "id 'q1' wordt al gebruikt (regel 10)"]],
  "when-target": [["19:19", "error", "when-target", "onbekende vraag 'kerteam'"]],
  "when-order": [["13:19", "error", "when-order", "'q2', die niet eerder gevraagd wordt"]],
  "when-value": [["19:39", "error", "when-value", '"dagelijks"']],
  // share_when is checked like when; a repeat's may name any of its own fields (q2 → delen).
  "share-when": [
    ["13:25", "error", "when-target", "onbekende vraag 'mag_delen'"],
    ["24:25", "error", "when-order", "'q4', die niet eerder gevraagd wordt"],
  ],
  "options-missing": [["11:15", "error", "options-missing", "geen options"]],
  "options-unused": [["13:9", "warning", "options-unused", "type text"]],
  "option-code-unique": [["15:20", "error", "option-code-unique", "optiecode '1' komt twee keer voor"]],
  "scale-range": [["13:14", "error", "scale-range", "min (5)"]],
  "number-range": [["13:14", "error", "number-range", "min (100) is groter dan max (0)"]],
  "range-unused": [["13:9", "warning", "range-unused", "type text"]],
  "labels-unused": [["13:9", "warning", "labels-unused", "type scale"]],
  "per-party-type": [["13:9", "error", "per-party-type", "alleen gebruikt bij type scale"]],
  "repeat-fields": [["11:15", "error", "repeat-fields", "'knelpunten' heeft geen fields"]],
  "repeat-nested": [["16:19", "error", "repeat-nested", "('acties')"]],
  "fields-unused": [["13:9", "warning", "fields-unused", "type repeat"]],
  "validate-keyword": [["15:11", "warning", "validate-keyword", "'maximum'"]],
  "validate-range": [["13:31", "error", "validate-range", "minLength (50) is groter dan maxLength (10)"]],
  "validate-pattern": [["10:16", "error", "validate-pattern", "ongeldige reguliere expressie"]],
  "pattern-unsupported": [["10:16", "error", "pattern-unsupported", "geen terugverwijzingen"]],
  "message-unused": [["13:9", "warning", "message-unused", "message zonder validate"]],
  "extends-target": [["3:10", "error", "extends-target", "'kerntem'"]],
  "extends-cycle": [["3:10", "error", "extends-cycle", "extends-cycle → extends-cycle"]],
  "remove-unknown": [["5:15", "warning", "remove-unknown", "'jgz-onbekend'"]],
  // Without extends nothing is inherited: one error at remove, no remove-unknown per entry.
  "remove-without-extends": [["5:9", "error", "remove-without-extends", "remove werkt alleen samen met extends"]],
  "timebox-sum": [["4:11", "warning", "timebox-sum", "30 minuten, de duur is 90"]],
  "empty-section": [["14:16", "warning", "empty-section", "'s2' heeft geen vragen"]],
  "section-minutes": [["11:5", "error", "section-minutes", "'s2' heeft geen minutes"]],
  "section-title": [["6:9", "error", "section-title", "'s1' heeft geen title"]],
  "duration-missing": [["1:1", "error", "duration-missing", "duration"]],
  "title-missing": [["1:1", "error", "title-missing", "title ontbreekt"]],
  "was-conflict": [["14:31", "error", "was-conflict", "'goed' in was van 'beter'"]],
  "no-sections": [["1:1", "error", "no-sections", "geen secties"]],
};

interface JsonFinding {
  file: string;
  line: number;
  col: number;
  severity: Sev;
  message: string;
  rule: string;
}

async function lintJson(file: string) {
  const r = await runInProcess(["lint", file, "--json"], { env });
  expect(r.stderr).not.toMatch(/^\s+at /m);
  return { code: r.code, report: JSON.parse(r.stdout) as { files: number; errors: number; warnings: number; findings: JsonFinding[] } };
}

describe("lint fixtures: one broken format per rule", () => {
  it("has a fixture for every case in the table and a table row for every fixture", async () => {
    const files = readdirSync(FIXTURES)
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => f.replace(/\.yaml$/, ""));
    expect(files.sort()).toEqual(Object.keys(EXPECT).sort());
  });

  it.each(Object.entries(EXPECT))("%s", async (name, expected) => {
    const rel = path.join("test", "fixtures", "formats", `${name}.yaml`);
    const { code, report } = await lintJson(rel);
    const got = report.findings.map((f) => [`${f.line}:${f.col}`, f.severity, f.rule]);
    expect(got).toEqual(expected.map(([at, sev, rule]) => [at, sev, rule]));
    report.findings.forEach((f, i) => {
      expect(f.file).toBe(rel);
      expect(f.message).toContain(expected[i]![3]);
    });
    // Exit 1 when there is an error, 0 for warnings only.
    expect(code).toBe(expected.some(([, sev]) => sev === "error") ? 1 : 0);
    expect(report.errors).toBe(expected.filter(([, s]) => s === "error").length);
    expect(report.warnings).toBe(expected.filter(([, s]) => s === "warning").length);
  });

  it("covers every rule id the lint code can emit", async () => {
    const rules = new Set(Object.values(EXPECT).flatMap((rows) => rows.map((r) => r[2])));
    for (const rule of [
      "yaml-syntax",
      "duplicate-key",
      "yaml-tag",
      "yaml-empty",
      "yaml-not-mapping",
      "yaml-alias",
      "unknown-key",
      "required-key",
      "wrong-type",
      "bad-value",
      "bad-shape",
      "unique-id",
      "when-target",
      "when-order",
      "when-value",
      "options-missing",
      "options-unused",
      "option-code-unique",
      "scale-range",
      "number-range",
      "range-unused",
      "labels-unused",
      "per-party-type",
      "repeat-fields",
      "repeat-nested",
      "fields-unused",
      "validate-keyword",
      "validate-range",
      "validate-pattern",
      "pattern-unsupported",
      "message-unused",
      "extends-target",
      "extends-cycle",
      "remove-unknown",
      "remove-without-extends",
      "timebox-sum",
      "empty-section",
      "section-minutes",
      "section-title",
      "duration-missing",
      "title-missing",
      "was-conflict",
      "no-sections",
    ])
      expect(rules, rule).toContain(rule);
  });
});

describe("lint text output", () => {
  it("prints path:line:col  severity  message  (rule) lines and a count on stderr", async () => {
    const r = await runInProcess(
      ["lint", "test/fixtures/formats/unknown-key.yaml", "test/fixtures/formats/when-value.yaml", "test/fixtures/formats/timebox-sum.yaml"],
      { env },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        "test/fixtures/formats/timebox-sum.yaml:4:11  warning  de tijdvakken van de secties tellen op tot 30 minuten, de duur is 90  (timebox-sum)",
        "test/fixtures/formats/unknown-key.yaml:12:9  error  onbekende sleutel 'promt' — bedoelt u 'prompt'?  (unknown-key)",
        "test/fixtures/formats/when-value.yaml:19:39  error  voorwaarde van 'q2' vergelijkt 'q1' met \"dagelijks\", maar dat kan nooit het antwoord zijn (verwacht: wekelijks, maandelijks)  (when-value)",
        "",
      ].join("\n"),
    );
    expect(r.stderr).toBe("3 bestanden gecontroleerd: 2 fouten, 1 waarschuwing\n");
  });

  it("speaks English with --lang en", async () => {
    const r = await runInProcess(["--lang", "en", "lint", "test/fixtures/formats/unknown-key.yaml"], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "test/fixtures/formats/unknown-key.yaml:12:9  error  unknown key 'promt' — did you mean 'prompt'?  (unknown-key)\n",
    );
    expect(r.stderr).toBe("1 file checked: 1 error, 0 warnings\n");
  });

  it("exits 0 for warnings only, with the warning printed", async () => {
    const r = await runInProcess(["lint", "test/fixtures/formats/empty-section.yaml"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("test/fixtures/formats/empty-section.yaml:14:16  warning  sectie 's2' heeft geen vragen  (empty-section)\n");
    expect(r.stderr).toBe("1 bestand gecontroleerd: 0 fouten, 1 waarschuwing\n");
  });

  it("reports every finding in a directory, not just the first", async () => {
    const r = await runInProcess(["lint", "test/fixtures/formats", "--json"], { env });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { files: number; findings: JsonFinding[] };
    expect(report.files).toBe(Object.keys(EXPECT).length);
    expect(report.findings.length).toBe(Object.values(EXPECT).flat().length);
  });
});
