// --formats-dir that is not a folder: a usage error, not a silent "unknown format".
import { describe, expect, it } from "vitest";
import path from "node:path";
import { runInProcess, ROOT } from "../helpers/cli.js";

describe("--formats-dir", () => {
  it.each([
    ["a missing folder", "/nonexistent-afstem-formats"],
    ["a file", path.join(ROOT, "formats", "kernteam.yaml")],
  ])("%s: exit 2 with the flag named, for every command that loads formats", async (_what, dir) => {
    for (const args of [["formats"], ["lint", path.join(ROOT, "formats")], ["validate", path.join(ROOT, "examples")]]) {
      const r = await runInProcess([...args, "--formats-dir", dir]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(`--formats-dir ${dir} is geen map`);
    }
  });
  it("a real folder still works", async () => {
    expect((await runInProcess(["formats", "--formats-dir", path.join(ROOT, "formats")])).code).toBe(0);
  });
});
