import { expect, it } from "vitest";
import { runCli, runInProcess } from "./cli.js";
const cases: string[][] = [
  ["--help"], ["lint", "--help"], ["--lang", "en", "rollup", "--help"], ["nope"], ["formats"], ["formats", "--json"], ["--lang", "nl", "formats"],
  ["lint", "test/fixtures/formats/per-party-type.yaml"], ["validate", "examples"], ["report", "examples"], ["rollup", "examples", "--out", "/tmp/cmds-scratch/r", "--layout", "x"],
  ["formats", "show", "kernteam"], ["run", "bestaat-niet", "--answers", "x.yaml"], ["--version"], ["lint"], ["validate", "nope/"], [],
];
it("same", async () => {
  for (const a of cases) {
    const env = { AFSTEM_CACHE: "0" };
    const s = runCli(a, { env });
    const i = await runInProcess(a, { env });
    expect(i, a.join(" ")).toEqual(s);
  }
  for (const env of [{ NO_COLOR: undefined, FORCE_COLOR: "1", AFSTEM_CACHE: "0" }, { NO_COLOR: undefined, AFSTEM_CACHE: "0" }]) {
    for (const a of [["lint", "test/fixtures/formats/per-party-type.yaml"], ["run", "bestaat-niet", "--answers", "x.yaml"], ["--no-color", "lint", "test/fixtures/formats/per-party-type.yaml"]]) {
      expect(await runInProcess(a, { env }), a.join(" ")).toEqual(runCli(a, { env }));
    }
  }
}, 300_000);
