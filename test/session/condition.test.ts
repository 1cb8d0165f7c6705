import { describe, expect, it } from "vitest";
import { evaluate, isAnswered } from "../../src/session/condition.js";
import type { AnswerValue, Condition } from "../../src/format/types.js";

const answers: Record<string, AnswerValue> = {
  tevreden: 2,
  overleg: true,
  partners: ["cjg", "ggd"],
  gemeente: "velsen",
  leeg: "",
  lijst: [],
};
const get = (id: string) => answers[id];
const holds = (c: Condition) => evaluate(c, get);

describe("when conditions", () => {
  it("is: equality, and containment for multichoice", () => {
    expect(holds({ q: "overleg", is: true })).toBe(true);
    expect(holds({ q: "overleg", is: false })).toBe(false);
    expect(holds({ q: "partners", is: "ggd" })).toBe(true);
    expect(holds({ q: "partners", is: "socius" })).toBe(false);
    expect(holds({ q: "gemeente", is: "velsen" })).toBe(true);
  });

  it("in: any of the values", () => {
    expect(holds({ q: "tevreden", in: [1, 2] })).toBe(true);
    expect(holds({ q: "tevreden", in: [4, 5] })).toBe(false);
    expect(holds({ q: "partners", in: ["socius", "cjg"] })).toBe(true);
  });

  it("answered: empty strings and lists are not answers", () => {
    expect(holds({ q: "leeg", answered: true })).toBe(false);
    expect(holds({ q: "lijst", answered: false })).toBe(true);
    expect(holds({ q: "nergens", answered: false })).toBe(true);
    expect(holds({ q: "tevreden", answered: true })).toBe(true);
  });

  it("an unanswered question never is a value, so not-is holds", () => {
    expect(holds({ q: "nergens", is: true })).toBe(false);
    expect(holds({ not: { q: "nergens", is: true } })).toBe(true);
  });

  it("all, any, not compose", () => {
    expect(
      holds({
        all: [
          { q: "overleg", is: true },
          { q: "tevreden", in: [1, 2] },
        ],
      }),
    ).toBe(true);
    expect(
      holds({
        all: [
          { q: "overleg", is: true },
          { q: "tevreden", in: [5] },
        ],
      }),
    ).toBe(false);
    expect(
      holds({
        any: [
          { q: "overleg", is: false },
          { q: "gemeente", is: "velsen" },
        ],
      }),
    ).toBe(true);
    expect(
      holds({
        not: {
          any: [
            { q: "overleg", is: false },
            { q: "gemeente", is: "heemskerk" },
          ],
        },
      }),
    ).toBe(true);
  });

  it("booleans are not confused with strings", () => {
    expect(evaluate({ q: "x", is: "true" }, () => true)).toBe(false);
    expect(evaluate({ q: "x", is: "1" }, () => 1)).toBe(true);
  });

  it("isAnswered", () => {
    expect(isAnswered(0)).toBe(true);
    expect(isAnswered(false)).toBe(true);
    expect(isAnswered("  ")).toBe(false);
    expect(isAnswered(undefined)).toBe(false);
  });
});
