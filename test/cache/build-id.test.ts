// The one build id: no cache may outlive the code that wrote it (issue 12, item 3: a hand edit
// of a built file left `afstem lint` printing the old message).
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildId, codeStamp } from "../../src/cache/build-id.js";
import { tempDir } from "../helpers/cli.js";

describe("build id", () => {
  it("changes with any compiled file's content, time, name or presence, not with bench/ or other files", () => {
    const t = tempDir("afstem-buildid-");
    try {
      const dir = `${t.dir}/`;
      const put = (rel: string, text: string) => {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), text);
        utimesSync(path.join(dir, rel), 1_700_000_000, 1_700_000_000);
      };
      put("util/suggest.js", "export const a = 1;\n");
      put("cli/main.js", "export {};\n");
      const first = codeStamp(dir);
      expect(codeStamp(dir)).toBe(first);
      put("bench/bench.js", "x");
      put("util/notes.md", "not code");
      expect(codeStamp(dir)).toBe(first);
      // Same size, same mtime (a hand edit that kept the time): only a content hash would see it,
      // which is why the time of an ordinary edit counts.
      put("util/suggest.js", "export const a = 2;\n");
      expect(codeStamp(dir)).toBe(first);
      utimesSync(path.join(dir, "util/suggest.js"), 1_700_000_000, 1_700_000_001.5);
      const edited = codeStamp(dir);
      expect(edited).not.toBe(first);
      put("util/suggest.js", "export const a = 22;\n");
      expect(codeStamp(dir)).not.toBe(first);
      put("util/suggest.js", "export const a = 1;\n");
      expect(codeStamp(dir)).toBe(first);
      put("util/extra.js", "");
      expect(codeStamp(dir)).not.toBe(first);
    } finally {
      t.cleanup();
    }
  });

  it("is the version and the stamp of dist/", () => {
    expect(buildId()).toMatch(/^\d+\.\d+\.\d+.*\+[0-9a-f]{16}\d+$/);
  });
});
