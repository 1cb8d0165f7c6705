// Charts: the pure spec functions (what is drawn, captions, alt text, suppressed groups left
// out) and one real render to SVG and PNG.
import { describe, expect, it } from "vitest";
import { chartSpec, type Figure } from "../../src/report/charts/spec.js";
import { renderChart } from "../../src/report/charts/render.js";

const scale: Figure = {
  kind: "scale",
  title: "Tevredenheid",
  min: 1,
  max: 5,
  groups: [
    { label: "Velsen", counts: { 1: 1, 2: 1, 3: 2, 4: 4, 5: 2 } },
    { label: "Bergen", counts: { 4: 3 }, suppressed: true },
  ],
};

type Row = { group: string; value: string; x: number; x2: number };
const rowsOf = (spec: Record<string, unknown>) => (spec.data as { values: Row[] }).values;

describe("chart specs", () => {
  it("scale: diverging bars centred on the middle value, suppressed groups left out", () => {
    const c = chartSpec(scale, "nl")!;
    const rows = rowsOf(c.spec);
    expect(new Set(rows.map((r) => r.group))).toEqual(new Set(["Velsen (n = 10)"]));
    // 1 and 2 (20 %) plus half of 3 (10 %) lie left of zero.
    expect(rows[0]!.x).toBeCloseTo(-30);
    const three = rows.find((r) => r.value === "3")!;
    expect(three.x).toBeCloseTo(-10);
    expect(three.x2).toBeCloseTo(10);
    expect(rows.at(-1)!.x2).toBeCloseTo(70);
    expect(c.alt).toContain("Velsen: gemiddeld 3,5 (n = 10)");
    expect(c.alt).toContain("1 kleine groep(en) niet getoond");
    expect(c.alt).not.toContain("Bergen");
    expect(c.caption).toContain("Tevredenheid");
  });

  it("alt text: a group left out as × is not counted among the small groups", () => {
    const c = chartSpec(
      { ...scale, groups: [...scale.groups, { label: "Heiloo", counts: { 2: 6 }, suppressed: "×" }], minGroup: 5 },
      "nl",
    )!;
    expect(c.alt).toContain("1 kleine groep(en) niet getoond");
    expect(c.alt).toContain("1 groep(en) weggelaten (×)");
    expect(c.alt).not.toContain("Heiloo");
    expect(JSON.stringify(c.spec)).not.toContain("Heiloo");
  });

  it("no chart when every group is suppressed", () => {
    expect(chartSpec({ ...scale, groups: [scale.groups[1]!] }, "nl")).toBeUndefined();
  });

  it("choice: bars sorted by count, alt text lists them in that order, English with lang en", () => {
    const c = chartSpec(
      {
        kind: "choice",
        title: "Help",
        n: 10,
        options: [
          { label: "a", count: 1 },
          { label: "b", count: 7 },
          { label: "c", count: 3 },
        ],
      },
      "en",
    )!;
    expect(rowsOf(c.spec).map((r) => (r as unknown as { label: string }).label)).toEqual(["b", "c", "a"]);
    expect(c.alt).toBe("Bar chart of 'Help', sorted by count: b 7, c 3, a 1.");
  });

  it("renders to SVG with the labels as text and to a PNG at print resolution", async () => {
    const r = await renderChart(chartSpec(scale, "nl")!, 300);
    const svg = r.svg.toString();
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain("Velsen (n = 10)");
    expect(r.png.subarray(1, 4).toString()).toBe("PNG");
    const pxWidth = r.png.readUInt32BE(16);
    expect(pxWidth).toBeGreaterThanOrEqual(Math.floor((r.width * 300) / 96) - 1);
  }, 30_000);
});
