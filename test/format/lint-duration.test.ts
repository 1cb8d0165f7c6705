// duration is "minutes, integer > 0" (README): a fraction is a wrong-type error at the value.
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
