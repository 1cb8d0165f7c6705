// duration is "minutes, integer > 0" (README): a fraction is a wrong-type error at the value.
import { mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "../helpers/cli.js";

const cache = tempDir("afstem-lint-duration-");
afterAll(() => cache.cleanup());
const env = { AFSTEM_CACHE_DIR: cache.dir };

async function at(file: string, line: number, lang = "nl") {
  const r = await runInProcess(["--lang", lang, "lint", file, "--json"], { env });
  const found = (JSON.parse(r.stdout) as { findings: { line: number; col: number; severity: string; message: string; rule: string }[] })
    .findings;
  return found.filter((f) => f.line === line && f.rule !== "timebox-sum").map((f) => [`${f.line}:${f.col}`, f.severity, f.rule, f.message]);
}

describe("duration", () => {
  const file = path.join("test", "fixtures", "format-gaps", "bad", "e-ajv.yaml");
  it("1.5 minutes is an error: a whole number of minutes is wanted", async () => {
    expect(await at(file, 4)).toEqual([["4:11", "error", "wrong-type", "duration: verwacht een geheel getal, gevonden: 1.5"]]);
    expect(await at(file, 4, "en")).toEqual([["4:11", "error", "wrong-type", "duration: expected an integer, found: 1.5"]]);
  });

  it("a whole number stays fine, and 0 or less is still refused", async () => {
    expect(await at(path.join("formats", "kernteam.yaml"), 12)).toEqual([]); // duration: 90
    const meta = path.join("test", "fixtures", "format-gaps", "bad", "c-meta.yaml");
    expect((await at(meta, 4)).map((r) => r[2])).toEqual(["bad-value"]);
  });
});

// One finding per problem, at the value that is wrong: a duration or minutes written with a
// wrong value is not also "missing", no timebox sum is made against it, and a version that is
// no integer is not also "version 0" of another file.
describe("one finding per problem", () => {
  const dir = tempDir("afstem-lint-one-");
  afterAll(() => dir.cleanup());
  const format = (head: string, minutes = "    minutes: 20\n") =>
    `id: nd\n${head}title: T\nsections:\n  - id: s1\n    title: S1\n${minutes}    questions:\n      - {id: a, type: text, prompt: P}\n`;
  async function lint(name: string, text: string, extra: Record<string, string> = {}) {
    // Each case in a folder of its own: same-id files side by side are a clash of their own.
    const cwd = mkdtempSync(path.join(dir.dir, "case-"));
    writeFileSync(path.join(cwd, name), text);
    for (const [n, t] of Object.entries(extra)) writeFileSync(path.join(cwd, n), t);
    const r = await runInProcess(["lint", name, "--json"], { cwd, env });
    return (
      JSON.parse(r.stdout) as { findings: { line: number; col: number; severity: string; rule: string; message: string }[] }
    ).findings.map((f) => `${f.line}:${f.col} ${f.severity} ${f.rule}`);
  }

  it('duration 0, "90", -5: only the schema\'s finding at the value', async () => {
    expect(await lint("d0.yaml", format("version: 1\nduration: 0\n"))).toEqual(["3:11 error bad-value"]);
    expect(await lint("d90.yaml", format('version: 1\nduration: "90"\n'))).toEqual(["3:11 error wrong-type"]);
    expect(await lint("dneg.yaml", format("version: 1\nduration: -5\n"))).toEqual(["3:11 error bad-value"]);
    // Without a duration at all it is still missing.
    expect(await lint("dnone.yaml", format("version: 1\n"))).toEqual(["1:1 error duration-missing"]);
  });

  it("a section without minutes: section-minutes, no timebox sum of 0 minutes; minutes: 0 only the schema's finding", async () => {
    expect(await lint("m.yaml", format("version: 1\nduration: 20\n", ""))).toEqual(["6:5 error section-minutes"]);
    expect(await lint("m0.yaml", format("version: 1\nduration: 20\n", "    minutes: 0\n"))).toEqual(["8:14 error bad-value"]);
  });

  it('version "2" in two files: the wrong type, not "versie 0 staat ook in"', async () => {
    const v = format('version: "2"\nduration: 20\n').replace("id: nd", "id: dubbel");
    const found = await lint("a.yaml", v, { "b.yaml": v });
    expect(found).toEqual(["2:10 error wrong-type"]);
  });
});
