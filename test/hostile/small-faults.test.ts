// Issue 13, the smaller faults, each on the real CLI (or the real renderer).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { runCliAsync } from "./cases.js";
import { REGENBOOG, docxPart, readExample, writeSession } from "../report/fixtures.js";

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
    writeSession(path.join(dir, "in/d1"), "a1.yaml", s);
    writeSession(path.join(dir, "in/d2"), "a1.yaml", s);
    writeSession(path.join(dir, "in/d1"), "a1-2.yaml", s);
    const r = await runCliAsync(["rollup", "in", "--out", "uit", "--layout", "wide"], { cwd: dir, env });
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
    const model = buildReport({ ...fmt, title: { nl: "Titel\uFFFE met \u0001 rare \uFFFF tekens \uD800", en: "x" } } as typeof fmt, s, "nl");
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
    writeSession(path.join(dir, "in"), "b.yaml", { ...s, status: "draft", meta: rest });
    const r = await runCliAsync(["rollup", "in", "--out", "uit", "--split", "--by", "school", "--include-drafts"], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(dir, "uit")).sort()).toEqual(["_zonder-school", "school-onbekend"]);
  }, 30_000);

  it("library messages are worded: a collection as a key, too deep nesting, a wrong 'afstem:'", async () => {
    const dir = fresh();
    const lines = readFileSync(REGENBOOG, "utf8").split("\n");
    const at = lines.indexOf("answers:");
    writeFileSync(path.join(dir, "sleutel.yaml"), [...lines.slice(0, at + 1), "  ? [a, b]", "  : x", ...lines.slice(at + 1)].join("\n"));
    writeFileSync(path.join(dir, "diep.yaml"), [...lines.slice(0, at + 1), ...Array.from({ length: 4000 }, (_, k) => `${" ".repeat(2 + k)}k:`), `${" ".repeat(4002)}x`, ...lines.slice(at + 1)].join("\n"));
    writeFileSync(path.join(dir, "soort.yaml"), lines.join("\n").replace(/^afstem: 1$/m, "afstem: 2"));
    const r = await runCliAsync(["validate", "sleutel.yaml", "diep.yaml", "soort.yaml"], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "diep.yaml:1:1  error  YAML-fout: het bestand is te diep genest (duizenden niveaus in elkaar); zo'n bestand maakt afstem niet  (yaml-syntax)\n" +
        "sleutel.yaml:22:5  error  YAML-fout: een sleutel moet een naam zijn, geen lijst of mapping  (yaml-syntax)\n" +
        "soort.yaml:1:9  error  2 is niet toegestaan; hier hoort 1  (bad-value)\n",
    );
    expect(r.stderr).toBe("3 bestanden gecontroleerd: 3 fouten, 0 waarschuwingen\n");
  }, 30_000);
});
