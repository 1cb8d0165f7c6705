// Which copy of a conversation counts: the newest save; on a tie, the original file name.
import { describe, expect, it } from "vitest";
import { selectSessions, type Candidate } from "../../src/session/select.js";

const c = (file: string, updated: string): Candidate => ({
  file,
  updated,
  status: "final",
  conversation: "kernteam\u0000OBS\u00002026-09-11",
});
const opts = { includeDrafts: false };

describe("one conversation, several files", () => {
  it("the newest save wins wherever it is", () => {
    const items = [c("in/x (conflict copy).yaml", "2026-09-11T12:00:00Z"), c("in/x.yaml", "2026-09-11T11:00:00Z")];
    const sel = selectSessions(items, (t) => t, opts);
    expect(sel.kept.map((t) => t.file)).toEqual(["in/x (conflict copy).yaml"]);
  });
  it("on a tie the copy a sync tool or the system made does not win, though its name sorts first", () => {
    const items = [
      c("in/backup/x.yaml", "2026-09-11T11:00:00Z"),
      c("in/x (conflict copy).yaml", "2026-09-11T11:00:00Z"),
      c("in/x (1).yaml", "2026-09-11T13:00:00+02:00"),
      c("in/x.yaml", "2026-09-11T11:00:00Z"),
    ];
    const sel = selectSessions(items, (t) => t, opts);
    expect(sel.kept.map((t) => t.file)).toEqual(["in/x.yaml"]);
    // The backup copy, met first with the same name, loses to the shorter path too.
    expect(sel.duplicates).toEqual([{ used: "in/x.yaml", others: ["in/backup/x.yaml", "in/x (conflict copy).yaml", "in/x (1).yaml"] }]);
  });
  it("items that are record numbers: record 0, the older copy, does not win for being falsy", () => {
    const records = [c("t1/a.yaml", "2023-10-26T10:00:00Z"), c("t1/backup/b.yaml", "2021-01-01T10:00:00Z")];
    const sel = selectSessions([0, 1], (i) => records[i]!, opts);
    expect(sel.kept).toEqual([0]);
    const reversed = [records[1]!, records[0]!];
    expect(selectSessions([0, 1], (i) => reversed[i]!, opts).kept).toEqual([1]);
  });
});
