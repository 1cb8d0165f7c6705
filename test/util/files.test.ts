import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expandPaths, safeNamePart, sessionFileName } from "../../src/util/files.js";
import { tempDir } from "../helpers/cli.js";

// What Windows, macOS and Linux all accept: no separators, no reserved characters or names,
// no trailing dot or space, not empty, a sane length.
function portable(name: string): boolean {
  if (!name || name.length > 200) return false;
  if (/[<>:"/\\|?*\u0000-\u001f]/.test(name)) return false;
  if (/[. ]$/.test(name)) return false;
  const stem = name.split(".")[0]!;
  return !/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i.test(stem);
}

describe("file names from free text", () => {
  it("known hostile names", () => {
    expect(safeNamePart("../../x")).toBe("x");
    expect(safeNamePart("CON")).toBe("con-");
    expect(safeNamePart("a/b")).toBe("a-b");
    expect(safeNamePart("*?")).toBe("onbekend");
    expect(safeNamePart("OBS De Regenboog")).toBe("obs-de-regenboog");
    expect(safeNamePart("Basisschool 't Ĳsselmeer – Velsen")).toBe("basisschool-t-ijsselmeer-velsen");
    expect(sessionFileName({ school: "De Wegwijzer", datum: "2026-09-22" }, "kernteam", ".yaml")).toBe(
      "2026-09-22-de-wegwijzer-kernteam.yaml",
    );
    expect(sessionFileName({ datum: "../../etc" }, "kernteam", ".docx")).toBe("zonder-datum-gesprek-kernteam.docx");
  });

  it("any school name gives a portable file name that stays inside --out", () => {
    const out = path.resolve("/tmp/uit");
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), fc.string({ maxLength: 20 }), (school, datum) => {
        const name = sessionFileName({ school, datum }, "kernteam", ".docx");
        expect(portable(name)).toBe(true);
        const full = path.resolve(out, name);
        expect(path.dirname(full)).toBe(out);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("input folders", () => {
  it("a symlinked subfolder is searched like a real one; a loop of links ends, each folder once", async () => {
    const t = tempDir("afstem-files-links-");
    try {
      const real = path.join(t.dir, "echt");
      const input = path.join(t.dir, "in");
      mkdirSync(real);
      mkdirSync(input);
      for (const f of ["a.yaml", "b.yml"]) writeFileSync(path.join(real, f), "x: 1\n");
      writeFileSync(path.join(input, "c.yaml"), "x: 1\n");
      symlinkSync("../echt", path.join(input, "gekoppeld"));
      symlinkSync("../in", path.join(real, "terug")); // a loop back to the input folder
      const files = await expandPaths([input]);
      expect(files.map((f) => path.relative(input, f))).toEqual(["c.yaml", "gekoppeld/a.yaml", "gekoppeld/b.yml"]);
    } finally {
      t.cleanup();
    }
  });
});
