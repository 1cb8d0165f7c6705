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

  it("leaves the working folder and the environment as they were", async () => {
    const cwd = process.cwd();
    const env = { ...process.env };
    await runInProcess(["validate", "x.yaml"], { cwd: "/tmp", env: { AFSTEM_LANG: "en", EXTRA: "1" } });
    expect(process.cwd()).toBe(cwd);
    expect(process.env).toEqual(env);
  });
});
