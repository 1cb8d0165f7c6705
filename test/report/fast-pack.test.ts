// The report packer formats only what differs per report and reuses docx's output for the
// rest. It relies on docx internals, so this pins it to the installed docx: if an upgrade
// changes how docx writes a part, these fail (and the command falls back to Packer.toBuffer).
import { describe, expect, it } from "vitest";
import { unzipSync, strFromU8 } from "fflate";
import { Document, Packer } from "docx";
import { FormatRegistry, formatDirs } from "../../src/format/registry.js";
import { loadSessions } from "../../src/store/batch.js";
import { buildReport } from "../../src/report/build-report.js";
import { reportDocument, renderReport, sampleReport } from "../../src/report/docx/render-report.js";
import { ReportPacker } from "../../src/report/docx/fast-pack.js";
import { withSnippets, xmlSafeDeep } from "../../src/report/docx/parts.js";
import type { ReportModel } from "../../src/report/model.js";
import { EXAMPLES, REGENBOOG, VUURTOREN } from "../helpers/documents.js";
import { readdirSync } from "node:fs";
import path from "node:path";

async function models(): Promise<ReportModel[]> {
  const registry = await FormatRegistry.load(formatDirs());
  const files = [
    REGENBOOG,
    VUURTOREN,
    ...readdirSync(EXAMPLES)
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => path.join(EXAMPLES, f)),
  ];
  const out: ReportModel[] = [];
  for await (const r of loadSessions([...new Set(files)], registry)) {
    if (!r.ok) continue;
    out.push(buildReport(r.format, r.session, "nl"), buildReport(r.format, r.session, "en"));
  }
  // Edge cases: no list at all (numbering.xml then differs), and markup characters everywhere.
  const s = sampleReport(0);
  out.push({ ...s, agreements: [], parked: [], actions: [], sections: [] });
  const odd = `Tom & Jerry <b>"x" 'y'</b> \u0001\uD800 ]]> {bullet-0} 😀\r\nregel\ttwee`;
  out.push({ ...s, title: odd, facts: [[odd, odd]], footer: odd, agreements: [odd], parked: [{ text: odd, question: odd }] });
  return out;
}

/** The package's files; core.xml without the time of writing, which docx takes from the clock. */
function files(buf: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, data] of Object.entries(unzipSync(buf)))
    out.set(name, strFromU8(data).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, "$1"));
  return out;
}

describe("ReportPacker (fast path for report DOCX)", () => {
  const packer = ReportPacker.create((i, snippets) => withSnippets(snippets, () => reportDocument(sampleReport(i))));

  it("accepts the installed docx: a failure here means docx changed, and every report is slow again", () => {
    expect(packer).toBeDefined();
  });

  it("writes exactly the files, in the order and with the content, that Packer.toBuffer writes", async () => {
    const all = await models();
    expect(all.length).toBeGreaterThan(4);
    for (const raw of all) {
      const m = xmlSafeDeep(raw);
      const theirs = files(await Packer.toBuffer(reportDocument(m)));
      // Plain docx paragraphs, and the snippets the command uses with this packer.
      for (const snippets of [false, true]) {
        const mine = packer!.pack(withSnippets(snippets, () => reportDocument(m)));
        expect(mine, m.title).toBeDefined();
        const ours = files(mine!);
        expect([...ours.keys()]).toEqual([...theirs.keys()]);
        for (const [name, xml] of theirs) expect(ours.get(name), `${m.title}: ${name} (snippets ${snippets})`).toBe(xml);
      }
    }
  });

  it("leaves a document of another shape to docx", () => {
    const other = new Document({ sections: [{ children: [] }] });
    expect(packer!.pack(other)).toBeUndefined();
  });

  it("gives the same bytes for the same report (fixed zip dates; core.xml carries docx's time of writing)", async () => {
    const m = sampleReport(1);
    const a = await renderReport(m);
    const b = await renderReport(m);
    const strip = (buf: Buffer) => {
      const f = unzipSync(buf);
      delete f["docProps/core.xml"];
      return f;
    };
    expect(strip(a)).toEqual(strip(b));
    // Every entry is dated 1980-01-01 00:00, not the time of writing.
    expect(a.readUInt16LE(10)).toBe(0);
    expect(a.readUInt16LE(12)).toBe(33);
  });
});
