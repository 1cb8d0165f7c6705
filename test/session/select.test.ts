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
      c("in/x (conflict copy).yaml", "2026-09-11T11:00:00Z"),
      c("in/x (1).yaml", "2026-09-11T13:00:00+02:00"),
      c("in/x.yaml", "2026-09-11T11:00:00Z"),
      c("in/backup/x.yaml", "2026-09-11T11:00:00Z"),
    ];
    const sel = selectSessions(items, (t) => t, opts);
    expect(sel.kept.map((t) => t.file)).toEqual(["in/x.yaml"]);
    expect(sel.duplicates).toEqual([{ used: "in/x.yaml", others: ["in/x (conflict copy).yaml", "in/x (1).yaml", "in/backup/x.yaml"] }]);
  });
});
