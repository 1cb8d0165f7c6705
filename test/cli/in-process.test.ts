// runInProcess (test/helpers/cli.ts) stands in for the real CLI in most tests: it must say
// exactly what bin/afstem.js says — stdout, stderr, exit code — for help, usage errors, findings,
// located errors, colour and language. One spawned run per case, side by side.
import { describe, expect, it } from "vitest";
import { runCli, runInProcess } from "../helpers/cli.js";

const LINT = ["lint", "test/fixtures/formats/per-party-type.yaml"];
const CASES: [string[], Record<string, string | undefined>][] = [
  [["--lang", "en", "rollup", "--help"], { AFSTEM_CACHE: "0" }],
  [["rapport"], {}],
  [["report", "examples"], {}],
  [["validate", "test/fixtures/sessions", "--json"], { AFSTEM_CACHE: "0" }],
  [LINT, { AFSTEM_CACHE: "0", AFSTEM_LANG: "en" }],
  [LINT, { AFSTEM_CACHE: "0", NO_COLOR: undefined, FORCE_COLOR: "1" }],
  [["--no-color", ...LINT], { AFSTEM_CACHE: "0", NO_COLOR: undefined, FORCE_COLOR: "1" }],
  [["run", "bestaat-niet", "--answers", "x.yaml"], { NO_COLOR: undefined, FORCE_COLOR: "1" }],
];

describe("in-process equals spawned", () => {
  it.each(CASES)("afstem %j with %j", async (args, env) => {
    const spawned = runCli(args, { env });
    expect(spawned.stdout + spawned.stderr).not.toBe("");
    expect(await runInProcess(args, { env })).toEqual(spawned);
  });

  it("two invocations at once each keep their own language, working folder and environment", async () => {
    // The same relative path means a different file in each folder; the language differs too.
    const nl = { cwd: "test/fixtures", env: { AFSTEM_CACHE: "0" } };
    const en = { cwd: "test", env: { AFSTEM_CACHE: "0", AFSTEM_LANG: "en" } };
    const alone = [
      await runInProcess(["validate", "sessions", "--json"], nl),
      await runInProcess(["lint", "fixtures/formats/per-party-type.yaml"], en),
    ];
    const together = await Promise.all([
      runInProcess(["validate", "sessions", "--json"], nl),
      runInProcess(["lint", "fixtures/formats/per-party-type.yaml"], en),
    ]);
    expect(together).toEqual(alone);
    // Paths relative to each one's folder, each in its own language.
    expect(alone[0]!.stdout).toContain('"file": "sessions/final-incomplete.yaml"');
    expect(alone[0]!.stdout).toContain("vastgesteld gesprek mist het verplichte antwoord");
    expect(alone[1]!.stdout).toContain("fixtures/formats/per-party-type.yaml:13:9  error  per_party is only used with type scale");
  });

  it("leaves the working folder and the environment as they were", async () => {
    const cwd = process.cwd();
    const env = { ...process.env };
    await runInProcess(["validate", "x.yaml"], { cwd: "/tmp", env: { AFSTEM_LANG: "en", EXTRA: "1" } });
    expect(process.cwd()).toBe(cwd);
    expect(process.env).toEqual(env);
  });
});
