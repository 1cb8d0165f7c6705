// The codebook's `was` column: older ids of a question, for reading sessions of older versions.
import { describe, expect, it } from "vitest";
import { FormatRegistry, formatDirs } from "../../src/format/registry.js";
import { buildPlan } from "../../src/rollup/plan.js";
import { CODEBOOK_COLUMNS, codebookRows } from "../../src/rollup/codebook.js";

describe("codebook", () => {
  it("`was` gives the older ids the newest version declares, also when no older version is installed", async () => {
    const registry = await FormatRegistry.load(formatDirs());
    const v2 = registry.get("kernteam", 2)!;
    const rowOf = (plan: ReturnType<typeof buildPlan>) => {
      const rows = codebookRows(plan, new Set([1, 2]), false, "nl");
      const row = rows.find((r) => r[CODEBOOK_COLUMNS.indexOf("question_id")] === "tevredenheid_samenwerking")!;
      return { versions: row[CODEBOOK_COLUMNS.indexOf("versions")], was: row[CODEBOOK_COLUMNS.indexOf("was")] };
    };
    // Only v2 (a region that never installed the archived v1): the declaration is all there is.
    expect(rowOf(buildPlan([v2]))).toEqual({ versions: "v2", was: "tevredenheid" });
    // Both versions: the id is named once.
    expect(rowOf(buildPlan([v2, registry.get("kernteam", 1)!]))).toEqual({ versions: "v1 v2", was: "tevredenheid" });
  });
});
