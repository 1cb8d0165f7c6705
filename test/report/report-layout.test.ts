// The school report's layout as a reader meets it: read from the DOCX itself (mammoth and the
// document XML), not from a rendering.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import path from "node:path";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { EXAMPLES, REGENBOOG, docxPart } from "../helpers/documents.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir("afstem-layout-")));
afterEach(() => cleanup());

describe("document properties", () => {
  it("names afstem as creator and last modifier, in the school report and the summary", async () => {
    const r = await runInProcess(["report", REGENBOOG, "--out", path.join(dir, "r")]);
    expect(r.code, r.stderr).toBe(0);
    const s = await runInProcess(["report", EXAMPLES, "--summary", "--out", path.join(dir, "s")]);
    expect(s.code, s.stderr).toBe(0);
    const docs = ["r", "s"].map((d) => path.join(dir, d, readdirSync(path.join(dir, d)).find((f) => f.endsWith(".docx"))!));
    for (const docx of docs) {
      const core = await docxPart(docx, /^docProps\/core\.xml$/);
      expect(core).toContain("<dc:creator>afstem</dc:creator>");
      expect(core).toContain("<cp:lastModifiedBy>afstem</cp:lastModifiedBy>");
      expect(core).not.toContain("Un-named");
    }
  });
});
