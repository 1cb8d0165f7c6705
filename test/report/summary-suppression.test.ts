// Small groups stay small in the regional summary (README, privacy rule 5), read back from the
// real document: no chart for a question or group answered fewer than --min-group times, one
// suppression decision per question and breakdown that every table, label and chart follows
// (so a hidden group's size or figure cannot be recomputed from the total and the others), and
// a summary over fewer than --min-group conversations that prints no count of them anywhere.
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { REGENBOOG, docxHtml, docxPart, docxText, readExample, writeSession } from "../helpers/documents.js";
import { chartSpec } from "../../src/report/charts/spec.js";
import { markDomain, possibleLine } from "../helpers/line-brute.js";

const tmp = tempDir("afstem-suppression-");
afterAll(() => tmp.cleanup());

interface Spec {
  gemeente: string;
  schooltype?: string;
  edit?: (s: any, i: number) => void;
}

/** One final kernteam session per spec, each on its own date from 2026-09-10 on. */
function corpus(name: string, specs: Spec[]): string {
  const dir = path.join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  specs.forEach((x, i) => {
    const s = readExample(REGENBOOG);
    s.meta.school = `School ${name} ${i}`;
    s.meta.brin = `${10 + i}XY0${i % 10}`;
    s.meta.gemeente = x.gemeente;
    s.meta.schooltype = x.schooltype ?? (i % 2 ? "PO" : "VO");
    s.meta.datum = `2026-09-${String(10 + i).padStart(2, "0")}`;
    x.edit?.(s, i);
    writeSession(dir, `s${i}.yaml`, s);
  });
  return dir;
}

/** Beverwijk 6, Velsen 5, Heemskerk 2 (the tester's c1). */
const C1: Spec[] = [
  ...Array.from({ length: 6 }, () => ({ gemeente: "beverwijk" })),
  ...Array.from({ length: 5 }, () => ({ gemeente: "velsen" })),
  ...Array.from({ length: 2 }, () => ({ gemeente: "heemskerk" })),
];

/** Run the summary; the document's text, its XML and its chart images. */
async function summary(input: string, ...args: string[]): Promise<{ text: string; xml: string; svg: string }> {
  const out = path.join(tmp.dir, `out-${path.basename(input)}-${args.join("").replace(/\W+/g, "")}`);
  const r = await runInProcess(["report", input, "--out", out, "--summary", ...args], { timeout: 120_000 });
  expect(r.code, r.stderr).toBe(0);
  const file = path.join(out, readdirSync(out).find((f) => f.endsWith(".docx"))!);
  return {
    text: await docxText(file),
    xml: await docxPart(file, /^word\/document\.xml$/),
    svg: await docxPart(file, /^word\/media\/.*\.svg$/),
  };
}

/** The alt texts of the document's drawings. */
const altTexts = (xml: string) => [...xml.matchAll(/<wp:docPr\b[^>]*descr="([^"]*)"/g)].map((m) => m[1]!);

describe("no chart for fewer than --min-group answers", () => {
  it("draws no chart, bar or alt text for a question answered in 3 conversations", async () => {
    const input = corpus(
      "c14",
      C1.map((x) => ({
        ...x,
        edit: (s: any, i: number) => {
          if (i < 3) s.answers.ouders_vinden_weg = 5;
          else delete s.answers.ouders_vinden_weg;
        },
      })),
    );
    const { text, xml, svg } = await summary(input);
    const prompt = "Hoe goed vinden ouders via de school de weg naar hulp?";
    expect(text).toContain(prompt); // the question is there, as "< 5"
    expect(altTexts(xml).length).toBeGreaterThan(0);
    for (const alt of altTexts(xml)) expect(alt).not.toContain(prompt);
    expect(xml).not.toMatch(/title="Hoe goed vinden ouders/);
    expect(svg).not.toContain("(n = 3)");
    expect(text).not.toContain("(n = 3)");
    // A group of 2 (Heemskerk) never gets a bar or a mention in a chart either.
    expect(svg).not.toContain("Heemskerk");
    for (const alt of altTexts(xml)) expect(alt).not.toContain("Heemskerk");
  });

  it("leaves out a group below minGroup even when the caller did not mark it, and the chart when none is left", () => {
    const scale = (groups: { label: string; counts: Record<number, number> }[]) =>
      chartSpec({ kind: "scale", title: "T", min: 1, max: 5, groups, minGroup: 5 }, "nl");
    const some = scale([
      { label: "Regio", counts: { 3: 4, 4: 3 } },
      { label: "Klein", counts: { 5: 3 } },
    ]);
    expect(some?.alt).toContain("Regio");
    expect(some?.alt).not.toContain("Klein");
    expect(JSON.stringify(some?.spec)).not.toContain("Klein");
    expect(scale([{ label: "Regio", counts: { 5: 3 } }])).toBeUndefined();
    expect(chartSpec({ kind: "choice", title: "T", n: 3, options: [{ label: "a", count: 3 }], minGroup: 5 }, "nl")).toBeUndefined();
  });
});

/** The rows of every table in mammoth's HTML, as cell texts. */
function tables(html: string): string[][][] {
  const un = (s: string) =>
    s
      .replace(/<[^>]+>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((t) =>
    [...t[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[dh]>([\s\S]*?)<\/t[dh]>/g)].map((c) => un(c[1]!))),
  );
}

/** "Velsen (n = 5)" → ["Velsen", "5"]. */
const nOf = (cell: string) => /^(.*) \(n = (.+)\)$/.exec(cell);

describe("one suppression decision per breakdown, read by every output", () => {
  let c1: { text: string; html: string };
  const run = async (name: string, specs: Spec[], ...args: string[]) => {
    const input = corpus(name, specs);
    const out = path.join(tmp.dir, `out-${name}`);
    const r = await runInProcess(["report", input, "--out", out, "--summary", ...args], { timeout: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(out, readdirSync(out).find((f) => f.endsWith(".docx"))!);
    return { text: await docxText(file), html: await docxHtml(file) };
  };

  it("never leaves one group hidden beside a published total (key points, breakdown heads, matrix rows)", async () => {
    c1 ??= await run("c1", C1, "--by", "gemeente");
    const { html } = c1;
    // Key points: Beverwijk 6 | Heemskerk < 5 | Velsen × | Totaal 13 — not Velsen 5 (13 − 6 − 5 = 2).
    // The cross table's cells are left out (protecting them hid every gemeente's total, and with
    // them every breakdown): without Heemskerk's two cells (≥ 1 each), 13 − 6 = 7 is Heemskerk 1
    // or 2 beside Velsen 6 or 5, so Beverwijk's 6 can be shown.
    const kp = tables(html).find((t) => t[0]![0] === "Gemeente" && t.some((r) => r[0] === "Heemskerk"))!;
    expect(kp[0]).toEqual(["Gemeente", "Gesprekken"]);
    const total = (g: string) => kp.find((r) => r[0] === g)!.at(-1);
    expect(total("Beverwijk")).toBe("6");
    expect(total("Heemskerk")).toBe("< 5");
    expect(total("Velsen")).toBe("×");
    expect(total("Totaal")).toBe("13");
    expect(linePinned(kp)).toEqual([]);
    // Every line of group sizes beside a region total: none or at least two groups hidden, and a
    // group hidden in one line is hidden in all of them.
    let lines = 0;
    const velsen = new Set<string>();
    for (const t of tables(html)) {
      const heads = t[0]!.map(nOf).filter((m) => m !== null);
      const rows = t.map((r) => nOf(r[0]!)).filter((m) => m !== null);
      for (const line of [heads, rows]) {
        if (!line.some((m) => m[1] === "Regio")) continue;
        lines++;
        const groups = line.filter((m) => m[1] !== "Regio");
        const hidden = groups.filter((m) => !/^\d+$/.test(m[2]!));
        expect(hidden.length === 0 || hidden.length >= 2, JSON.stringify(line.map((m) => m[0]))).toBe(true);
        for (const m of groups) if (m[1] === "Velsen") velsen.add(m[2]!);
      }
    }
    expect(lines).toBeGreaterThan(3);
    expect([...velsen]).toEqual(["×"]);
  });

  it("hides a further group when the shown ones and the region pin the hidden groups at 0 % or 100 %", async () => {
    // Region 12 of 13 ja (92 %); Beverwijk 5 of 6 (83 %) would leave Velsen and Heemskerk 7 of 7.
    const specs = C1.map((x, i) => ({ ...x, edit: (s: any) => void (s.answers.visie_vastgelegd = i !== 0) }));
    const { text, html } = await run("bounds", specs, "--by", "gemeente");
    expect(text).toContain("92 %");
    expect(text).not.toContain("83 %");
    const matrix = tables(html).find((t) => t[0]!.some((h) => h.startsWith("Is de gezamenlijke werkwijze vastgelegd")))!;
    const col = matrix[0]!.findIndex((h) => h.startsWith("Is de gezamenlijke werkwijze vastgelegd"));
    const cell = (g: string) => matrix.find((r) => r[0]!.startsWith(`${g} (`))![col];
    expect(cell("Regio")).toBe("92 %");
    for (const g of ["Beverwijk", "Velsen"]) expect(cell(g)).toBe("×");
    expect(cell("Heemskerk")).toBe("< 5");
  });

  it("protects the school-type margin of the key points: one SBO school is not 13 − 6 − 6", async () => {
    const specs: Spec[] = C1.map((x, i) => ({ ...x, schooltype: i === 0 ? "SBO" : i % 2 ? "PO" : "VO" }));
    const { html } = await run("sbo", specs, "--by", "schooltype");
    // The school types' totals: a line of their own (cells left out) or the cross table's foot.
    const line = tables(html).find((t) => t[0]![0] === "Schooltype");
    const kp = tables(html).find((t) => t[0]![0] === "Gemeente" && t.some((r) => r[0] === "Heemskerk"))!;
    const totals = line ? ["", ...line.slice(1).map((r) => r[1]!)] : kp.find((r) => r[0] === "Totaal")!;
    expect(totals.at(-1)).toBe("13");
    const shown = totals.slice(1, -1).filter((x) => /^\d+$/.test(x));
    expect(shown.length).toBeLessThanOrEqual(1);
    expect(totals.slice(1, -1)).toContain("< 5");
    if (line) expect(linePinned(line)).toEqual([]);
  });
});

describe("a summary over fewer than --min-group conversations", () => {
  it("prints no count of them anywhere, nor one that gives it away beside the number of files", async () => {
    // 13 conversations on 2026-09-10 … 2026-09-22; the period holds 4 of them, 9 lie outside.
    const input = corpus("period", C1);
    const out = path.join(tmp.dir, "out-period");
    const r = await runInProcess(["report", input, "--out", out, "--summary", "--from", "2026-09-15", "--to", "2026-09-18"], {
      timeout: 120_000,
    });
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(out, readdirSync(out).find((f) => f.endsWith(".docx"))!);
    const text = await docxText(file);
    const footer = await docxPart(file, /^word\/footer\d*\.xml$/);
    expect(text).toMatch(/Gesprekken\s+< 5/);
    expect(text).toContain("buiten de gekozen periode");
    // Without the dates of the period, no 4 (the selection) and no 9 (13 − 4) is left.
    const rest = `${text}\n${footer.replace(/<[^>]+>/g, " ")}`
      .replace(/\d+ september 2026/g, "")
      .replace(/(<|&lt;|minder dan|fewer than) 5/g, "");
    const found = [...rest.matchAll(/(^|[^\d.,-])[49]([^\d.,-]|$)/gm)].map((m) => rest.slice(Math.max(0, m.index - 50), m.index + 20));
    expect(found).toEqual([]);
    expect(rest).not.toMatch(/\d+ gesprek/);
    expect(rest).not.toMatch(/v2: \d/);
    expect(footer).toContain("&lt; 5 gesprekken");
    expect(text).toMatch(/niet meegenomen \(×\)/);
  });
});

/**
 * A line of totals as printed (label, n; the last row "Totaal"): the hidden values that only one
 * assignment allows, by brute force over "< 5" (1..4) and "×" (5 or more; 1 or more when every
 * hidden one is "×").
 */
function linePinned(t: string[][], k = 5): string[] {
  const body = t.slice(1, -1);
  const N = Number(t.at(-1)![1]);
  const marks = body.map((r) => r[1]!);
  const masked = marks.every((x) => x === "×" || /^\d+$/.test(x)) && marks.includes("×") && !marks.includes("< 5");
  const shown = (x: string) => /^\d+$/.test(x);
  const seen = possibleLine(
    marks.map((x) => (shown(x) ? [Number(x)] : markDomain(x === "< 5" ? "small" : "hidden", k, N, masked))),
    N,
  );
  return body.flatMap((r, i) => (!shown(marks[i]!) && seen[i]!.size === 1 ? [`${r[0]} = ${[...seen[i]!][0]}`] : []));
}

/**
 * Every table the key points' gemeente × school type table can stand for, given what it shows
 * and the group sizes printed elsewhere: the values each hidden cell and hidden total can take.
 * Cells: a number, "–" (0), "< 5" (1..4), "×" (5 or more; 1 or more when every line is "×").
 */
function readerValues(kp: string[][], published: Map<string, string>, k = 5): Map<string, Set<number>> {
  const body = kp.slice(1, -1);
  const foot = kp.at(-1)!;
  const N = Number(foot.at(-1));
  const masked = kp.slice(1).every((r) => r.slice(1, -1).every((x) => x === "–" || x === "×")) && body.every((r) => r.at(-1) === "×");
  const dom = (x: string): number[] => {
    const upTo = (a: number, b: number) => Array.from({ length: Math.max(0, b - a + 1) }, (_, i) => a + i);
    if (x === "–") return [0];
    if (x === "< 5") return upTo(1, k - 1);
    if (x === "×") return masked ? upTo(1, N) : upTo(k, N);
    return [Number(x)];
  };
  const inter = (a: number[], b: number[]) => a.filter((v) => b.includes(v));
  const cells = body.map((r) => r.slice(1, -1).map(dom));
  // A row total is constrained by the key points and by the group's n printed elsewhere.
  const rowDom = body.map((r) => inter(dom(r.at(-1)!), published.has(r[0]!) ? dom(published.get(r[0]!)!) : dom(r.at(-1)!)));
  const colDom = foot.slice(1, -1).map(dom);
  const R = cells.length;
  const C = cells[0]!.length;
  const seen = new Map<string, Set<number>>();
  const note = (key: string, v: number) => seen.set(key, (seen.get(key) ?? new Set()).add(v));
  const x = cells.map((r) => r.map(() => 0));
  const rec = (i: number, sum: number): void => {
    if (i === R * C) {
      if (sum !== N) return;
      const rows = x.map((r) => r.reduce((a, b) => a + b, 0));
      const cols = x[0]!.map((_, c) => x.reduce((s, r) => s + r[c]!, 0));
      if (rows.some((v, r) => !rowDom[r]!.includes(v)) || cols.some((v, c) => !colDom[c]!.includes(v))) return;
      x.forEach((row, r) =>
        row.forEach((v, c) => body[r]![c + 1] !== "–" && !/^\d+$/.test(body[r]![c + 1]!) && note(`${body[r]![0]} × ${kp[0]![c + 1]}`, v)),
      );
      rows.forEach((v, r) => !/^\d+$/.test(body[r]!.at(-1)!) && note(`${body[r]![0]} total`, v));
      cols.forEach((v, c) => !/^\d+$/.test(foot[c + 1]!) && note(`total ${kp[0]![c + 1]}`, v));
      return;
    }
    const r = Math.floor(i / C);
    const c = i % C;
    for (const v of cells[r]![c]!) {
      if (sum + v > N) break;
      x[r]![c] = v;
      rec(i + 1, sum + v);
    }
  };
  rec(0, 0);
  return seen;
}

describe("one decision per group size for the whole document (key points and breakdowns read together)", () => {
  // The tester's edge case: (onbekend) VO 1; Beverwijk PO 4, VO 3; Velsen PO 5, VO 1; 14 in all.
  const EDGE: Spec[] = [
    { gemeente: "", schooltype: "VO", edit: (s: any) => void delete s.meta.gemeente },
    ...Array.from({ length: 4 }, () => ({ gemeente: "beverwijk", schooltype: "PO" })),
    ...Array.from({ length: 3 }, () => ({ gemeente: "beverwijk", schooltype: "VO" })),
    ...Array.from({ length: 5 }, () => ({ gemeente: "velsen", schooltype: "PO" })),
    { gemeente: "velsen", schooltype: "VO" },
  ];

  it("prints every gemeente's n as the key points do, and the two together pin no hidden cell", async () => {
    const input = corpus("edge", EDGE);
    const out = path.join(tmp.dir, "out-edge");
    const r = await runInProcess(["report", input, "--out", out, "--summary"], { timeout: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(out, readdirSync(out).find((f) => f.endsWith(".docx"))!);
    const html = await docxHtml(file);
    const xml = await docxPart(file, /^word\/document\.xml$/);
    const kp = tables(html).find((t) => t[0]![0] === "Gemeente")!;
    expect(kp.at(-1)!.at(-1)).toBe("14");
    const keyPoints = new Map(kp.slice(1, -1).map((row) => [row[0]!, row.at(-1)!]));
    expect([...keyPoints.keys()].sort()).toEqual(["(onbekend)", "Beverwijk", "Velsen"]);
    // Every line of conversations per gemeente beside the chapter's 14 (matrix rows, heads).
    const published = new Map<string, Set<string>>();
    let lines = 0;
    for (const t of tables(html))
      for (const line of [t[0]!.map(nOf), t.map((row) => nOf(row[0]!))]) {
        const ms = line.filter((m) => m !== null);
        if (!ms.some((m) => m[1] === "Regio" && m[2] === "14")) continue;
        lines++;
        for (const m of ms) if (m[1] !== "Regio") published.set(m[1]!, (published.get(m[1]!) ?? new Set()).add(m[2]!));
      }
    expect(lines).toBeGreaterThan(0);
    for (const [g, ns] of published) expect([g, ...ns]).toEqual([g, keyPoints.get(g)!]);
    // The reader's search over the key points with those n's as row totals pins nothing.
    if (kp[0]!.length === 2) expect(linePinned(kp)).toEqual([]);
    else {
      const values = readerValues(kp, new Map([...published].map(([g, ns]) => [g, [...ns][0]!])));
      expect(values.size).toBeGreaterThan(0);
      expect([...values].filter(([, vs]) => vs.size === 1).map(([key, vs]) => `${key} = ${[...vs][0]}`)).toEqual([]);
    }
    // The charts' alt text counts a "×" group apart from the small ones.
    const alts = altTexts(xml).filter((a) => a.includes("per groep"));
    expect(alts.length).toBeGreaterThan(0);
    const small = [...published].filter(([, ns]) => ns.has("< 5")).length;
    for (const alt of alts) {
      const m = /(\d+) kleine groep\(en\)/.exec(alt);
      expect(Number(m?.[1] ?? 0), alt).toBeLessThanOrEqual(small);
    }
    expect(alts.some((a) => /groep\(en\) weggelaten \(×\)/.test(a))).toBe(true);
  });
});

describe("a usual round: the regiegroep sees its gemeenten", () => {
  // The outside tester's 30 conversations: Beverwijk 10 (PO 6, VO 3, SBO 1), Velsen 10 (PO 6,
  // VO 2, SO 1, SBO 1), Heemskerk 7 (PO 6, SO 1), Castricum 3 (PO 3). Protecting the cross
  // table's small cells hid every gemeente's total — and with it every breakdown ("Beverwijk
  // (n = ×)" everywhere) — while the appendix printed Beverwijk 10.
  const ROUND: Spec[] = [
    ...["PO", "PO", "PO", "PO", "PO", "PO", "VO", "VO", "VO", "SBO"].map((t) => ({ gemeente: "beverwijk", schooltype: t })),
    ...["PO", "PO", "PO", "PO", "PO", "PO", "VO", "VO", "SO", "SBO"].map((t) => ({ gemeente: "velsen", schooltype: t })),
    ...["PO", "PO", "PO", "PO", "PO", "PO", "SO"].map((t) => ({ gemeente: "heemskerk", schooltype: t })),
    ...["PO", "PO", "PO"].map((t) => ({ gemeente: "castricum", schooltype: t })),
  ].map((x, i) => ({
    ...x,
    edit: (s: any) => {
      s.meta.datum = `2026-10-${String(1 + i).padStart(2, "0")}`;
      // Hidden by its condition in every conversation: answered by nobody.
      s.answers.verzuim_zorgen = false;
      delete s.answers.leerplicht_betrokken;
    },
  }));
  let round: { text: string; html: string };
  const run = async (...args: string[]) => {
    const out = path.join(tmp.dir, `out-round-${args.join("").replace(/\W+/g, "")}`);
    const r = await runInProcess(["report", corpus("round", ROUND), "--out", out, "--summary", ...args], { timeout: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(out, readdirSync(out).find((f) => f.endsWith(".docx"))!);
    return { text: await docxText(file), html: await docxHtml(file), name: path.basename(file) };
  };

  it("prints Beverwijk 10 and Velsen 10 in the key points, every breakdown heading and the appendix alike", async () => {
    round ??= await run();
    const t = tables(round.html);
    const kp = t.find((x) => x[0]![0] === "Gemeente")!;
    const n = (g: string) => kp.find((r) => r[0] === g)![1];
    expect([n("Beverwijk"), n("Castricum"), n("Heemskerk"), n("Velsen"), n("Totaal")]).toEqual(["10", "< 5", "×", "10", "30"]);
    expect(linePinned(kp)).toEqual([]);
    const types = t.find((x) => x[0]![0] === "Schooltype")!;
    expect(linePinned(types)).toEqual([]);
    expect(round.text).toContain("kruistabel gemeente × schooltype is weggelaten");
    // One decision: every "Beverwijk (n = …)" says 10, every Heemskerk ×; the appendix's line too.
    const heads = [...round.text.matchAll(/(Beverwijk|Heemskerk|Castricum) \(n = ([^)]+)\)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(heads.length).toBeGreaterThan(6);
    expect(new Set(heads)).toEqual(new Set(["Beverwijk 10", "Heemskerk ×", "Castricum < 5"]));
    const appendix = t.filter((x) => x[0]![0] === "Gemeente" && x !== kp).at(-1)!;
    expect(appendix.slice(1)).toEqual(kp.slice(1));
    // The appendix's cross tables per gemeente tell the small group from the one hidden beside it.
    expect(round.text).toContain("1 groep(en) met minder dan 5 gesprekken niet getoond, en 1 groep(en) (×)");
    expect(round.text).not.toContain("2 groep(en) met minder dan 5 gesprekken niet getoond");
  });

  it("names in the action lists only the gemeenten it shows: counting Castricum's rows gave its size away", async () => {
    round ??= await run();
    const lists = tables(round.html).filter((x) => x[0]!.join("|") === "Wat|Deadline|Gemeente|Bij vraag");
    expect(lists.length).toBeGreaterThan(0);
    const named = new Set(lists.flatMap((x) => x.slice(1).map((r) => r[2])));
    expect(named.has("Beverwijk")).toBe(true);
    expect(named.has("Castricum")).toBe(false); // < 5
    expect(named.has("Heemskerk")).toBe(false); // × beside it
  });

  it("shows a question nobody answered as '–' (0), not '< 5', for the region as for every group", async () => {
    round ??= await run();
    const prompt = "Is de leerplichtambtenaar structureel bij het kernteam betrokken?";
    const matrix = tables(round.html).find((x) => x[0]!.some((h) => h.startsWith(prompt.slice(0, 40))))!;
    const col = matrix[0]!.findIndex((h) => h.startsWith(prompt.slice(0, 40)));
    expect(matrix.slice(1).map((r) => r[col])).toEqual(matrix.slice(1).map(() => "–"));
    expect(round.text).toContain(`${prompt}\n\n– — door geen enkele school beantwoord`);
  });

  it("in English: the --by field by its name in English ('municipality'), nowhere its id", async () => {
    const en = await run("--lang", "en");
    expect(en.text).toContain("broken down by municipality");
    expect(en.text).not.toMatch(/gemeente/i);
  });

  it("fewer than --min-group conversations without a chosen period: no first or last date in the title block", async () => {
    const dir = corpus("tiny", ROUND.slice(0, 3));
    const out = path.join(tmp.dir, "out-tiny");
    const r = await runInProcess(["report", dir, "--out", out, "--summary"], { timeout: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const text = await docxText(path.join(out, readdirSync(out)[0]!));
    expect(text).not.toMatch(/\d+ oktober 2026/);
  });

  it("a period with fewer than --min-group conversations names no gemeente or school type, nor the last date", async () => {
    const small = await run("--from", "2026-10-01", "--to", "2026-10-02");
    for (const g of ["Beverwijk", "Velsen", "Heemskerk", "Castricum", "Primair onderwijs", "Voortgezet"])
      expect(small.text).not.toContain(g);
    expect(small.name).not.toMatch(/^2026-10-02/);
  });
});
