// A long text inside a repeat item (kernteam's good practices: gp_beschrijving) is saved line by
// line into its item. It was saved as the whole repeat's answer: a Ctrl+C right after a line of
// it replaced every finished item with that line, and the file could no longer be resumed.
import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { runCli, tempDir } from "../helpers/cli.js";

const tmp = tempDir("afstem-repeat-longtext-");
afterAll(() => tmp.cleanup());
const lines = (cwd: string, args: string[], input: string[]) =>
  runCli(args, { cwd, input: `${input.join("\n")}\n`, env: { AFSTEM_UI: "lines" } });

describe("a long text in a repeat item", () => {
  it("Ctrl+C after one line of the second item's description keeps the first item whole, and the file resumes", () => {
    const dir = tmp.dir;
    // Through the meta (school, three skipped, the date), the parties (Enter) and four names.
    lines(dir, ["run", "kernteam"], ["GP School", "", "", "", "", "2026-09-15", "", "Anna A", "Bert B", "Carl C", "Dora D", ""]);
    const file = path.join(dir, "2026-09-15-gp-school-kernteam.yaml");
    // To the good practices; item 1 whole; item 2: title and one line of description; then the input ends (= Ctrl+C).
    const r = lines(
      dir,
      ["run", "--resume", file],
      [":sectie 7", "GP een", "Beschrijving een", "", ":over", "1", "1", "GP twee", "Regel twee A"],
    );
    expect(r.code).toBe(130);
    const saved = parse(readFileSync(file, "utf8"));
    expect(saved.answers.good_practices).toEqual([
      { gp_titel: "GP een", gp_beschrijving: "Beschrijving een", gp_delen: true },
      { gp_titel: "GP twee", gp_beschrijving: "Regel twee A" },
    ]);
    expect(runCli(["validate", file]).code).toBe(0);
    expect(lines(dir, ["run", "--resume", file], [":stop"]).code).toBe(0);
  });
});
