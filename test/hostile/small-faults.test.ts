// Issue 13, the smaller faults, each on the real CLI (or the real renderer).
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT, tempDir } from "../helpers/cli.js";
import { runInProcessAsync } from "./cases.js";
import { REGENBOOG, docxPart, readExample, writeSession } from "../helpers/documents.js";

const tmp = tempDir("afstem-small-");
afterAll(() => tmp.cleanup());
const env = { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache") };
let n = 0;
const fresh = () => {
  const d = path.join(tmp.dir, `c${n++}`);
  mkdirSync(d, { recursive: true });
  return d;
};

describe("smaller faults", () => {
  it("session_id is unique: d1/a1, d2/a1 and d1/a1-2 never give a1-2 twice", async () => {
    const dir = fresh();
    const s = readExample(REGENBOOG);
    mkdirSync(path.join(dir, "in/d1"), { recursive: true });
    mkdirSync(path.join(dir, "in/d2"), { recursive: true });
    // Three schools (copies of one conversation would count once).
    writeSession(path.join(dir, "in/d1"), "a1.yaml", { ...s, meta: { ...s.meta, brin: "11AA00" } });
    writeSession(path.join(dir, "in/d2"), "a1.yaml", { ...s, meta: { ...s.meta, brin: "22BB00" } });
    writeSession(path.join(dir, "in/d1"), "a1-2.yaml", { ...s, meta: { ...s.meta, brin: "33CC00" } });
    const r = await runInProcessAsync(["rollup", "in", "--out", "uit", "--layout", "wide"], { cwd: dir, env });
    expect(r.code).toBe(0);
    const rows = parseCsv(readFileSync(path.join(dir, "uit/kernteam-wide.csv"), "utf8"), { columns: true }) as { session_id: string }[];
    const ids = rows.map((x) => x.session_id);
    expect(new Set(ids).size).toBe(3);
    expect(ids.sort()).toEqual(["a1", "a1-2", "a1-3"]); // input order: d1/a1, d1/a1-2, d2/a1
  }, 30_000);

  it("a format title with U+FFFE and control characters still gives valid XML in docProps/core.xml and the document", async () => {
    const { renderReport } = await import("../../src/report/docx/render-report.js");
    const { buildReport } = await import("../../src/report/build-report.js");
    const { FormatRegistry, formatDirs } = await import("../../src/format/registry.js");
    const reg = await FormatRegistry.load(formatDirs());
    const s = readExample(REGENBOOG);
    const fmt = reg.get("kernteam", 2)!;
    const model = buildReport(
      { ...fmt, title: { nl: "Titel\uFFFE met \u0001 rare \uFFFF tekens \uD800", en: "x" } } as typeof fmt,
      s,
      "nl",
    );
    const file = path.join(fresh(), "x.docx");
    writeFileSync(file, await renderReport(model));
    const core = await docxPart(file, /docProps\/core\.xml$/);
    expect(core).toContain(">Titel met  rare  tekens </dc:title>");
    const all = await docxPart(file, /\.xml$/);
    expect(all).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  }, 30_000);

  it("--split: sessions without a value go to _zonder-<field>/, never beside a real 'onbekend' as -2", async () => {
    const dir = fresh();
    const s = readExample(REGENBOOG);
    mkdirSync(path.join(dir, "in"));
    writeSession(path.join(dir, "in"), "a.yaml", { ...s, meta: { ...s.meta, school: "Onbekend" } });
    const { school: _drop, ...rest } = s.meta;
    writeSession(path.join(dir, "in"), "b.yaml", { ...s, status: "draft", meta: { ...rest, brin: "22BB00" } });
    const r = await runInProcessAsync(["rollup", "in", "--out", "uit", "--split", "--by", "school", "--include-drafts"], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(dir, "uit")).sort()).toEqual(["_zonder-school", "school-onbekend"]);
  }, 30_000);

  it("library messages are worded: a collection as a key, too deep nesting, a wrong 'afstem:'", async () => {
    const dir = fresh();
    const lines = readFileSync(REGENBOOG, "utf8").split("\n");
    const at = lines.indexOf("answers:");
    writeFileSync(path.join(dir, "sleutel.yaml"), [...lines.slice(0, at + 1), "  ? [a, b]", "  : x", ...lines.slice(at + 1)].join("\n"));
    writeFileSync(
      path.join(dir, "diep.yaml"),
      [
        ...lines.slice(0, at + 1),
        ...Array.from({ length: 4000 }, (_, k) => `${" ".repeat(2 + k)}k:`),
        `${" ".repeat(4002)}x`,
        ...lines.slice(at + 1),
      ].join("\n"),
    );
    writeFileSync(path.join(dir, "soort.yaml"), lines.join("\n").replace(/^afstem: 1$/m, "afstem: 2"));
    const r = await runInProcessAsync(["validate", "sleutel.yaml", "diep.yaml", "soort.yaml"], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "diep.yaml:1:1  error  YAML-fout: het bestand is te diep genest (duizenden niveaus in elkaar); zo'n bestand maakt afstem niet  (yaml-syntax)\n" +
        "sleutel.yaml:22:5  error  YAML-fout: een sleutel moet een naam zijn, geen lijst of mapping  (yaml-syntax)\n" +
        "soort.yaml:1:9  error  afstem: 2 is niet toegestaan; hier hoort 1  (bad-value)\n",
    );
    expect(r.stderr).toBe("3 bestanden gecontroleerd: 3 fouten, 0 waarschuwingen\n");
  }, 30_000);

  it("--formats-dir: a copy of a built-in format is a warning, two files with one id and version an error; both named", async () => {
    const dir = fresh();
    mkdirSync(path.join(dir, "fmt"));
    const text = readFileSync(path.join(ROOT, "formats/kernteam.yaml"), "utf8").replace(/^# yaml-language-server.*$/m, "");
    writeFileSync(path.join(dir, "fmt/a.yaml"), text);
    writeFileSync(path.join(dir, "fmt/b.yaml"), text);
    const r = await runInProcessAsync(["--formats-dir", "fmt", "lint", "fmt"], { cwd: dir, env });
    expect(r.code).toBe(1);
    const rules = r.stdout
      .trim()
      .split("\n")
      .filter((l) => l.endsWith("(format-duplicate)"));
    expect(rules.map((l) => l.split("  ").slice(0, 2).join("  "))).toEqual([
      "fmt/a.yaml:3:10  error",
      "fmt/a.yaml:3:10  warning",
      "fmt/b.yaml:3:10  error",
    ]);
    expect(rules[1]).toContain("bestaat ook ingebouwd (");
    const f = await runInProcessAsync(["--formats-dir", "fmt", "formats"], { cwd: dir, env });
    expect(f.stdout).toContain("⚠ fmt/b.yaml wordt niet gebruikt: format kernteam versie 2 komt al uit fmt/a.yaml");
  }, 30_000);

  it("formats: a cycle of extends is listed as unusable, not as normal formats", async () => {
    const dir = fresh();
    mkdirSync(path.join(dir, "fmt"));
    writeFileSync(path.join(dir, "fmt/a.yaml"), "id: a\nversion: 1\nextends: b\n");
    writeFileSync(path.join(dir, "fmt/b.yaml"), "id: b\nversion: 1\nextends: a\n");
    const r = await runInProcessAsync(["--formats-dir", "fmt", "formats"], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^a +1 +— +— +✗ onbruikbaar \(extends-cycle\): zie afstem lint fmt\/a\.yaml$/m);
    expect(r.stdout).toMatch(/^b +1 +— +— +✗ onbruikbaar \(extends-cycle\)/m);
    const j = JSON.parse((await runInProcessAsync(["--formats-dir", "fmt", "formats", "--json"], { cwd: dir, env })).stdout) as {
      id: string;
      broken?: string;
    }[];
    expect(j.filter((x) => x.broken).map((x) => x.id)).toEqual(["a", "b"]);
  }, 30_000);

  it("a well-formed but wrong cache entry is not trusted", async () => {
    const dir = fresh();
    const cache = path.join(dir, "cache");
    const e = { AFSTEM_CACHE_DIR: cache };
    expect((await runInProcessAsync(["validate", path.join(ROOT, "examples")], { cwd: dir, env: e })).code).toBe(0);
    // Change every cached format's id, keeping the entry's shape and stamp.
    const folder = path.join(cache, "formats");
    let edited = 0;
    for (const f of readdirSync(folder)) {
      const idx = JSON.parse(readFileSync(path.join(folder, f), "utf8"));
      for (const entry of Object.values(idx.entries) as { value: { id?: string } }[]) {
        if (entry.value?.id) {
          entry.value.id = "iets-anders";
          edited++;
        }
      }
      writeFileSync(path.join(folder, f), JSON.stringify(idx));
    }
    expect(edited).toBeGreaterThan(0);
    const r = await runInProcessAsync(["validate", path.join(ROOT, "examples")], { cwd: dir, env: e });
    expect(r.stderr).not.toContain("onbekend format");
    expect(r.code).toBe(0);
  }, 30_000);
});

describe("system errors in words (util/sys-error.ts)", () => {
  const EXAMPLE = path.join(ROOT, "examples", "2026-09-15-obs-de-regenboog-kernteam.yaml");

  it("a symlink loop: words and a hint, not only 'kan het bestand niet lezen (ELOOP)'", async () => {
    const dir = fresh();
    symlinkSync("b.yaml", path.join(dir, "a.yaml"));
    symlinkSync("a.yaml", path.join(dir, "b.yaml"));
    const r = await runInProcessAsync(["run", "kernteam", "--answers", "a.yaml"], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain("de symbolische koppelingen in dit pad verwijzen in een kring naar elkaar (ELOOP)");
    expect(r.stdout + r.stderr).not.toContain("kan het bestand niet lezen");
  });

  it("a lock on a full disk says the disk is full, with a hint about space (not about permissions)", async () => {
    const dir = fresh();
    copyFileSync(EXAMPLE, path.join(dir, "s.yaml"));
    const r = await runInProcessAsync(["run", "kernteam", "--resume", "s.yaml", "--reopen"], {
      cwd: dir,
      env: { ...env, AFSTEM_UI: "lines", AFSTEM_TEST_WRITE_FAULT: "ENOSPC", AFSTEM_TEST_WRITE_FAULT_MATCH: ".lock" },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("kan het slot s.yaml.lock niet aanmaken: de schijf is vol (ENOSPC)");
    expect(r.stderr).toContain("Maak ruimte vrij");
    expect(r.stderr).not.toContain("mag schrijven");
  });

  // Root writes anyway: the CLI runs as `nobody` (skipped where that is impossible).
  it.skipIf(process.getuid?.() !== 0)(
    "report into a folder the user may not write in: one message, exit 2 (as rollup)",
    () => {
      const dir = fresh();
      for (const d of [tmp.dir, dir]) chmodSync(d, 0o755);
      const out = path.join(dir, "dicht");
      mkdirSync(out);
      chmodSync(out, 0o555);
      const cache = path.join(dir, "cache");
      mkdirSync(cache);
      chownSync(cache, 65534, 65534);
      const r = spawnSync(process.execPath, [BIN, "report", path.join(ROOT, "examples"), "--out", out], {
        cwd: dir,
        uid: 65534,
        gid: 65534,
        encoding: "utf8",
        env: { PATH: process.env.PATH, NO_COLOR: "1", AFSTEM_CACHE_DIR: cache },
      });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.match(/u mag in deze map niet schrijven \(EACCES\)/g)).toHaveLength(1);
      expect(r.stderr).toContain("Geef met --out een map op waarin u mag schrijven");
      expect(readdirSync(out)).toEqual([]);
    },
    60_000,
  );
});
