// Colour (issue 15, item 10): on with FORCE_COLOR, off for NO_COLOR, --no-color and pipes.
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/cli.js";

const FILE = "test/fixtures/formats/per-party-type.yaml";
const ESC = "\u001b[";

describe("colour", () => {
  it("FORCE_COLOR colours the severity; a pipe alone does not", async () => {
    expect((await runInProcess(["lint", FILE], { env: { NO_COLOR: undefined, FORCE_COLOR: "1", AFSTEM_CACHE: "0" } })).stdout).toContain(
      `${ESC}31merror`,
    );
    expect((await runInProcess(["lint", FILE], { env: { NO_COLOR: undefined, AFSTEM_CACHE: "0" } })).stdout).not.toContain(ESC);
  });

  it("NO_COLOR and --no-color win over FORCE_COLOR", async () => {
    expect((await runInProcess(["lint", FILE], { env: { NO_COLOR: "1", FORCE_COLOR: "1", AFSTEM_CACHE: "0" } })).stdout).not.toContain(ESC);
    expect(
      (await runInProcess(["--no-color", "lint", FILE], { env: { NO_COLOR: undefined, FORCE_COLOR: "1", AFSTEM_CACHE: "0" } })).stdout,
    ).not.toContain(ESC);
  });

  it("a usage error is red on a coloured stderr", async () => {
    const r = await runInProcess(["run", "bestaat-niet", "--answers", "x.yaml"], {
      env: { NO_COLOR: undefined, FORCE_COLOR: "1", AFSTEM_CACHE: "0" },
    });
    expect(r.stderr).toContain(`${ESC}31mafstem: onbekend format`);
  });
});
