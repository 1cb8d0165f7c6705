// The lint result cache must never change what lint says: a hit prints what a fresh lint
// prints, and any change to a linted file, a format it extends or the language is a miss.
import { describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT, runInProcess, tempDir } from "../helpers/cli.js";

describe("lint cache", () => {
  it("reuses a result only while files, extends targets and language are unchanged", async () => {
    const t = tempDir("afstem-lintcache-");
    try {
      const cache = path.join(t.dir, "cache");
      const dir = path.join(t.dir, "f");
      mkdirSync(dir);
      copyFileSync(path.join(ROOT, "formats", "kernteam.yaml"), path.join(dir, "kernteam.yaml"));
      copyFileSync(path.join(ROOT, "formats", "kernteam-buch.yaml"), path.join(dir, "kernteam-buch.yaml"));
      const lint = (...extra: string[]) => runInProcess(["lint", dir, ...extra], { env: { AFSTEM_CACHE_DIR: cache } });
      const uncached = await runInProcess(["lint", dir], { env: { AFSTEM_CACHE: "0" } });

      const first = await lint();
      expect(readdirSync(path.join(cache, "lint")).length).toBe(1);
      const second = await lint();
      expect(first).toEqual(uncached);
      expect(second).toEqual(uncached);
      expect(second.stdout + second.stderr).toContain("2 bestanden gecontroleerd: 0 fouten, 0 waarschuwingen");

      // Same size, different content: the finding must appear (the hash, not size+mtime, decides).
      const parent = path.join(dir, "kernteam.yaml");
      const text = readFileSync(parent, "utf8");
      writeFileSync(parent, text.replace("type: scale", "type: scalE"));
      const broken = await lint();
      expect(broken.code).toBe(1);
      expect(broken.stdout + broken.stderr).toMatch(/kernteam\.yaml:\d+:\d+ {2}error/);
      expect(await lint()).toEqual(broken);

      // Restored: the earlier clean result applies again.
      writeFileSync(parent, text);
      expect(await lint()).toEqual(uncached);

      const en = await lint("--lang", "en");
      expect(en.stdout + en.stderr).toContain("2 files checked: 0 errors, 0 warnings");
    } finally {
      t.cleanup();
    }
  });
});
