// `afstem validate`: the examples are clean; each broken session gives its finding at the
// offending node (line:col), with the format's own message where it has one.
import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli, runInProcess, tempDir } from "../helpers/cli.js";

const cache = tempDir("afstem-validate-cache-");
afterAll(() => cache.cleanup());
const env = { AFSTEM_CACHE_DIR: cache.dir };

type Row = [string, "error" | "warning", string, string];
const EXPECT: Record<string, Row[]> = {
  "wrong-type": [["15:24", "error", "answer-type", "aantal_consultaties: verwacht een getal"]],
  "unknown-option": [["14:33", "error", "answer-option", "sterke_punten: 'snelheid' is geen optie; kies uit: korte-lijnen,"]],
  "scale-range": [["14:30", "error", "answer-range", "tevredenheid_samenwerking: 7 ligt buiten 1–5"]],
  // The format's own `message` for its validate rule, at the value.
  "validate-message": [["6:9", "error", "answer-validate", "brin: Een vestigingscode is 4 of 6 tekens, bijv. 12AB of 12AB00."]],
  "unknown-question": [
    ["14:3", "error", "unknown-question", "onbekende vraag 'wat_gaat_goedd' in format kernteam v2 — bedoelt u 'wat_gaat_goed'?"],
  ],
  "final-incomplete": [
    ["3:9", "error", "required-missing", "vastgesteld gesprek mist het verplichte antwoord op 'wat_kan_beter'"],
    ["11:66", "error", "participant-missing", "verplichte deelnemer 'cjg'"],
  ],
  "unknown-format": [["2:14", "error", "session-format", "onbekend format 'kernteem' — bedoelt u 'kernteam'?"]],
  "format-version": [["2:33", "error", "session-format-version", "format 'kernteam' versie 7 bestaat niet (meer); beschikbaar: 2, 1"]],
  "unknown-role": [
    ["12:33", "error", "participant-role", "onbekende rol 'ibb'; rollen: cjg, socius, ggd, ib, consulent, leerplicht — bedoelt u 'ib'?"],
  ],
};

describe("validate", () => {
  // Spawned: the smoke test of `validate` runs the real bin/afstem.js.
  it("the examples validate clean", () => {
    const r = runCli(["validate", "examples/"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^\d+ bestanden gecontroleerd: 0 fouten, 0 waarschuwingen\n$/);
  });

  it.each(Object.entries(EXPECT))("%s", async (name, rows) => {
    const rel = path.join("test", "fixtures", "sessions", `${name}.yaml`);
    const r = await runInProcess(["validate", rel, "--json"], { env });
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      findings: { file: string; line: number; col: number; severity: string; rule: string; message: string }[];
    };
    expect(report.findings.map((f) => [`${f.line}:${f.col}`, f.severity, f.rule])).toEqual(rows.map((x) => x.slice(0, 3)));
    report.findings.forEach((f, i) => {
      expect(f.file).toBe(rel);
      expect(f.message).toContain(rows[i]![3]);
    });
  });

  it("text mode: one line per finding and the count", async () => {
    const r = await runInProcess(["validate", "test/fixtures/sessions/unknown-role.yaml", "test/fixtures/sessions/scale-range.yaml"], {
      env,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "test/fixtures/sessions/scale-range.yaml:14:30  error  tevredenheid_samenwerking: 7 ligt buiten 1–5  (answer-range)\n" +
        "test/fixtures/sessions/unknown-role.yaml:12:33  error  onbekende rol 'ibb'; rollen: cjg, socius, ggd, ib, consulent, leerplicht — bedoelt u 'ib'?  (participant-role)\n",
    );
    expect(r.stderr).toBe("2 bestanden gecontroleerd: 2 fouten, 0 waarschuwingen\n");
  });

  it("a whole folder of broken sessions: every file, every finding", async () => {
    const r = await runInProcess(["validate", "test/fixtures/sessions", "--json"], { env });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { files: number; findings: unknown[] };
    expect(report.files).toBe(Object.keys(EXPECT).length);
    expect(report.findings.length).toBe(Object.values(EXPECT).flat().length);
  });
});

describe("a conflict copy", () => {
  it("is checked, and a warning names it: report and rollup never count it", async () => {
    const t = tempDir("afstem-validate-conflict-");
    try {
      const src = path.join(ROOT, "examples", "2026-09-15-obs-de-regenboog-kernteam.yaml");
      copyFileSync(src, path.join(t.dir, "2026-09-15-obs-de-regenboog-kernteam.yaml"));
      copyFileSync(src, path.join(t.dir, "2026-09-15-obs-de-regenboog-kernteam.conflict-20260915-113005.yaml"));
      const r = await runInProcess(["validate", t.dir], { cwd: t.dir, env });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(
        "2026-09-15-obs-de-regenboog-kernteam.conflict-20260915-113005.yaml:1:1  warning  conflictkopie: report en rollup tellen dit bestand nooit mee",
      );
      expect(r.stdout).toContain("(conflict-copy)");
      expect(r.stdout.match(/conflict-copy/g)).toHaveLength(1);
      expect(r.stdout + r.stderr).toMatch(/2 bestanden gecontroleerd: 0 fouten, 1 waarschuwing/);
    } finally {
      t.cleanup();
    }
  });
});
