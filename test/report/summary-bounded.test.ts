// The regional summary's appendix stays readable however many sessions there are: per
// organisation the first K actions by due date (most overdue first) and "… en N meer" with
// where the full list is; per question the first K quotes and how many more. Same corpus,
// same document.
import { beforeAll, describe, expect, it } from "vitest";
import { FormatRegistry, formatDirs } from "../../src/format/registry.js";
import { loadSessions } from "../../src/store/batch.js";
import { buildSummary } from "../../src/report/build-summary.js";
import { ACTIONS_LISTED, QUOTES_LISTED } from "../../src/report/summary/fold.js";
import { release } from "../../src/privacy/gate.js";
import type { SummaryBlock, SummaryModel } from "../../src/report/model.js";
import type { Format } from "../../src/format/types.js";
import type { Session } from "../../src/session/types.js";
import { REGENBOOG } from "../helpers/documents.js";

const N = 300;
const TODAY = "2026-10-01";
let format: Format;
let base: Session;

beforeAll(async () => {
  const registry = await FormatRegistry.load(formatDirs());
  for await (const r of loadSessions([REGENBOOG], registry)) {
    if (!r.ok) throw new Error(JSON.stringify(r.findings));
    format = r.format;
    base = r.session;
  }
});

/** 300 schools, each with four CJG actions (due dates spread over two years) and a message. */
function corpus(): { format: Format; session: Session }[] {
  const out: { format: Format; session: Session }[] = [];
  for (let i = 0; i < N; i++) {
    const s: Session = structuredClone(base);
    s.meta = {
      ...s.meta,
      school: `School ${i}`,
      brin: `${String(10 + (i % 90)).padStart(2, "0")}AB${String(i).padStart(3, "0")}`,
      gemeente: i % 2 ? "beverwijk" : "velsen",
    };
    // 150 different messages, each given twice: counted once, also beyond the ones listed.
    s.answers = { ...s.answers, boodschap_regiegroep: `Boodschap nummer ${i % 150} aan de regiegroep over wachttijden.` };
    s.actions = [0, 1, 2, 3].map((j) => {
      // Day-of-year order differs from reading order, so "first K" must mean "earliest due".
      const day = (i * 37 + j * 101) % 700;
      const due = new Date(Date.UTC(2025, 9, 1) + day * 86_400_000).toISOString().slice(0, 10);
      return {
        what: `Actie ${i}-${j} van het CJG`,
        who: `Actiehouder Persoon${i}`,
        organisation: "CJG",
        due,
        question: "knelpunten_overzicht",
      };
    });
    out.push({ format, session: s });
  }
  return out;
}

const build = (organisation?: string): SummaryModel =>
  buildSummary(
    corpus().map(({ format: f, session }) => ({ format: f, session: release(session, f, "region") })),
    "nl",
    {
      drafts: 0,
      includeDrafts: true,
      minGroup: 5,
      today: TODAY,
      ...(organisation ? { organisation } : {}),
    },
  );

/** The blocks after a heading, up to the next heading of the same level or higher. */
function section(blocks: SummaryBlock[], text: string): SummaryBlock[] {
  const i = blocks.findIndex((b) => b.kind === "heading" && b.text === text);
  expect(i, `heading ${text}`).toBeGreaterThanOrEqual(0);
  const level = (blocks[i] as { level: number }).level;
  const end = blocks.findIndex((b, j) => j > i && b.kind === "heading" && b.level <= level);
  return blocks.slice(i + 1, end < 0 ? undefined : end);
}

describe("report --summary: a bounded appendix for a large batch", () => {
  it("lists at most K actions per organisation, the most overdue first, and says how many more and where the rest is", () => {
    const m = build();
    const cjg = section(m.appendix, `CJG (${4 * N})`);
    const table = cjg.find((b) => b.kind === "table");
    expect(table?.kind === "table" && table.table.rows.length).toBe(ACTIONS_LISTED);
    const dues = corpus()
      .flatMap(({ session }) => session.actions.map((a) => a.due!))
      .sort();
    const shown = table?.kind === "table" ? table.table.rows.map((r) => r[1]) : [];
    // Earliest due dates, in order (dd-mm-yyyy in the document).
    expect(shown).toEqual(dues.slice(0, ACTIONS_LISTED).map((d) => d.split("-").reverse().join("-")));
    expect(cjg).toContainEqual({
      kind: "para",
      muted: true,
      text: `… en ${4 * N - ACTIONS_LISTED} meer; volledige lijst: afstem rollup --layout actions`,
    });
    // The key points still count all of them, overdue ones too.
    const overdue = dues.filter((d) => d < TODAY).length;
    const orgTable = m.main.find((b) => b.kind === "table" && b.table.head[0] === "Organisatie");
    expect(orgTable?.kind === "table" && orgTable.table.rows[0]!.slice(0, 3)).toEqual(["CJG", String(4 * N), String(overdue)]);
    // No table or list anywhere in the appendix grows with the batch.
    for (const b of m.appendix) {
      if (b.kind === "table") expect(b.table.rows.length).toBeLessThanOrEqual(Math.max(ACTIONS_LISTED, 60));
      if (b.kind === "bullets") expect(b.items.length).toBeLessThanOrEqual(QUOTES_LISTED);
    }
    expect(JSON.stringify(m)).not.toContain("Actiehouder");
  });

  it("quotes the first K messages per question and counts the rest, each distinct text once", () => {
    const m = build();
    const prompt = "Wat willen jullie meegeven aan de regiegroep Passend Onderwijs en Jeugd?";
    const quotes = section(m.appendix, prompt);
    const list = quotes.find((b) => b.kind === "bullets");
    expect(list?.kind === "bullets" && list.items.length).toBe(QUOTES_LISTED);
    expect(list?.kind === "bullets" && list.items[0]).toMatch(/^“Boodschap nummer 0 aan de regiegroep/);
    expect(quotes).toContainEqual({ kind: "para", muted: true, text: `… en ${N / 2 - QUOTES_LISTED} meer.` });
    expect(JSON.stringify(m.main)).toContain(`En ${N / 2 - 5} andere; de eerste ${QUOTES_LISTED} citaten staan in de bijlage.`);
  });

  it("bounds a partner's own list (--split organisatie) the same way", () => {
    const m = build("CJG");
    const i = m.main.findIndex((b) => b.kind === "table" && b.table.head[0] === "Wat");
    const t = m.main[i];
    expect(t?.kind === "table" && t.table.rows.length).toBe(ACTIONS_LISTED);
    expect(m.main[i + 1]).toEqual({
      kind: "para",
      muted: true,
      text: `… en ${4 * N - ACTIONS_LISTED} meer; volledige lijst: afstem rollup --layout actions`,
    });
  });

  it("gives the same document for the same corpus", () => {
    expect(JSON.stringify(build())).toBe(JSON.stringify(build()));
  });
});
