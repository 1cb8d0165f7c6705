// The bench's pure parts: the interleaving order, the extra-cores rule, the table and GNU time's output.
import { describe, expect, it } from "vitest";
import { interleave, judgeRatios, machineLine, renderTable, resultText, type Row } from "../../src/bench/table.js";
import { parseTime } from "../../src/bench/measure.js";

describe("interleave", () => {
  it("runs every case once per round, baseline first: A B A B", () => {
    expect(interleave(2, 3)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(interleave(3, 2)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(interleave(2, 0)).toEqual([]);
  });
});

describe("judgeRatios", () => {
  const under = (l: number) => (x: number) => x <= l;
  it("passes when the wall ratio meets the target and the CPU ratio does too", () => {
    expect(judgeRatios(0.5, 0.6, { wall: under(1.3) })).toEqual({ result: "pass", extraCores: false });
  });
  it("marks a wall ratio that holds only because of extra cores (CPU misses the same limit)", () => {
    expect(judgeRatios(0.3, 1.02, { wall: under(0.35) })).toEqual({ result: "pass", extraCores: true });
  });
  it("fails when a CPU target is set and missed, and says the wall ratio needed the cores", () => {
    expect(judgeRatios(0.18, 0.45, { wall: under(0.2), cpu: under(0.3) })).toEqual({ result: "FAIL", extraCores: true });
    expect(judgeRatios(0.18, 0.25, { wall: under(0.2), cpu: under(0.3) })).toEqual({ result: "pass", extraCores: false });
    expect(judgeRatios(0.25, 0.25, { wall: under(0.2), cpu: under(0.3) })).toEqual({ result: "FAIL", extraCores: false });
  });
  it("does not mark a failing wall ratio, and without CPU figures judges wall only", () => {
    expect(judgeRatios(2, 3, { wall: under(1.3) })).toEqual({ result: "FAIL", extraCores: false });
    expect(judgeRatios(0.5, undefined, { wall: under(1.3), cpu: under(0.3) })).toEqual({ result: "pass", extraCores: false });
    expect(judgeRatios(undefined, 0.1, { wall: under(1.3) })).toEqual({ result: "n/a", extraCores: false });
  });
});

describe("renderTable", () => {
  const rows: Row[] = [
    { case: "naive loop (baseline)", runsMs: [12900, 13100], medianMs: 13000, minMs: 12900, maxMs: 13100, cpuMedianMs: 13500 },
    {
      case: "afstem rollup",
      runsMs: [7000],
      medianMs: 7000,
      minMs: 7000,
      maxMs: 7000,
      cpuMedianMs: 12800,
      peakRssKb: 204800,
      ratio: 0.54,
      ratioText: "0.54×",
      cpuRatio: 0.95,
      cpuRatioText: "0.95×",
      target: "≤0.60×",
      result: "pass",
      extraCores: true,
    },
  ];
  it("prints wall and CPU side by side and states the machine above the table", () => {
    const text = renderTable(rows, { cores: 2, loadStart: [3.5, 2, 1], loadEnd: [4, 2.5, 1.25] });
    const lines = text.split("\n");
    expect(lines[0]).toBe("machine: 2 core(s); load average (1, 5, 15 min) 3.50 2.00 1.00 at start, 4.00 2.50 1.25 at end");
    expect(lines[2]).toMatch(
      /^\| case +\| wall median \| CPU median \| wall min–max +\| peak RSS \| wall ratio \| CPU ratio \| target +\| result +\|$/,
    );
    expect(lines[4]).toMatch(/^\| naive loop \(baseline\) \| 13.0 s +\| 13.5 s +\| 12.9 s – 13.1 s +\|/);
    expect(lines[5]).toContain("| 0.54×      | 0.95×     | ≤0.60× | pass (wall only: extra cores) |");
    // Every line equally wide (in characters), so the Markdown reads as a table in a terminal too.
    expect(new Set(lines.slice(2).map((l) => [...l].length)).size).toBe(1);
  });
  it("says which way an extra-cores case failed", () => {
    expect(resultText({ case: "x", runsMs: [], result: "FAIL", extraCores: true })).toBe("FAIL — wall ratio only with extra cores");
    expect(resultText({ case: "x", runsMs: [], result: "n/a", note: "no pandoc" })).toBe("n/a — no pandoc");
  });
  it("names the node version when given", () => {
    expect(machineLine({ cores: 16, loadStart: [0.1, 0.2, 0.3], loadEnd: [0.4, 0.5, 0.6], node: "v20.19.0" })).toMatch(
      /16 core\(s\).*; node v20\.19\.0$/,
    );
  });
});

describe("parseTime", () => {
  it("reads GNU time's '%e %U %S %M', also after a non-zero exit line", () => {
    expect(parseTime("1.50 2.25 0.25 123456\n")).toEqual({ cpuMs: 2500, rssKb: 123456 });
    expect(parseTime("Command exited with non-zero status 1\n0.10 0.05 0.01 4096\n")).toEqual({ cpuMs: 60, rssKb: 4096 });
    expect(parseTime("garbage")).toBeUndefined();
  });
});
