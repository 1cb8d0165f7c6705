// The line UI (AFSTEM_UI=lines): a number typed at a list is the option as the person counts it.
import { describe, expect, it } from "vitest";
import { createLineUi } from "../../src/ui/line-ui.js";

function ui(lines: string[]) {
  const out: string[] = [];
  const queue = [...lines];
  return { ui: createLineUi(async () => queue.shift(), { write: (t: string) => out.push(t) as unknown as boolean }), out };
}

describe("line UI", () => {
  it("'1' at a tick list of participants (values 0, 1, …) ticks the first, '1,2' the first two", async () => {
    const choices = ["Karin Smit (IB)", "Anouk (CJG)", "Sanne (GGD)"].map((name, i) => ({ value: i, name }));
    expect(await ui(["1"]).ui.checkbox({ message: "Wie is aanwezig?", choices })).toEqual([0]);
    expect(await ui(["1,2"]).ui.checkbox({ message: "Wie is aanwezig?", choices })).toEqual([0, 1]);
  });
  it("a number at a scale is the step named by it, also when the scale starts at 0", async () => {
    const choices = [0, 1, 2, 3].map((n) => ({ value: `=${n}`, name: n === 0 ? "0 — nooit" : n === 3 ? "3 — altijd" : String(n) }));
    expect(await ui(["3"]).ui.select({ message: "Hoe vaak?", choices })).toBe("=3");
    expect(await ui(["0"]).ui.select({ message: "Hoe vaak?", choices })).toBe("=0");
    expect(await ui(["1"]).ui.select({ message: "Hoe vaak?", choices })).toBe("=1");
  });
  it("a value or a name still works where it is not a number", async () => {
    const choices = [
      { value: "ib", name: "IB" },
      { value: "cjg", name: "CJG" },
    ];
    expect(await ui(["cjg"]).ui.select({ message: "Rol?", choices })).toBe("cjg");
  });
  it("a name is typed without the marks in front of it: 'terug' for '← terug'", async () => {
    const choices = [
      { value: "a0", name: "Actie 1: bellen" },
      { value: "", name: "← terug" },
    ];
    expect(await ui(["terug"]).ui.select({ message: "Welke?", choices })).toBe("");
  });
});
