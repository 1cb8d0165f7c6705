// AnswerChecker: a problem inside the items of a repeat or multichoice answer does not hide the
// answer's other problems (the number of items, the rules of the repeat's other fields).
import { describe, expect, it } from "vitest";
import type { Question } from "../../src/format/types.js";
import { AnswerChecker } from "../../src/session/answer-check.js";

/** A question as the format loader gives it, with the defaults it fills in. */
const question = (q: Pick<Question, "id" | "type"> & Partial<Question>): Question => ({
  prompt: { nl: q.id },
  required: false,
  tags: [],
  privacy: "intern",
  was: [],
  ...q,
});

const repeat = question({
  id: "lijst",
  type: "repeat",
  validate: { maxItems: 2 },
  fields: [
    question({ id: "naam", type: "text", validate: { maxLength: 3 } }),
    question({ id: "kies", type: "multichoice", options: [{ code: "a", label: { nl: "A" } }], validate: { maxItems: 1 } }),
  ],
});

describe("AnswerChecker: every problem of a list answer", () => {
  it("a repeat: the item count, a field's rule and a field's shape, and an item that is no mapping, all at once", async () => {
    const checker = await AnswerChecker.create();
    const problems = checker.check(repeat, [{ naam: 5 }, "los", { naam: "lange naam", kies: ["a", "b"] }], ["answers", "lijst"]);
    expect(problems.map((p) => [p.path.join("."), p.rule])).toEqual([
      ["answers.lijst.0.naam", "answer-type"],
      ["answers.lijst.1", "answer-type"],
      ["answers.lijst.2.kies.1", "answer-option"],
      ["answers.lijst", "answer-validate"],
      ["answers.lijst.2.naam", "answer-validate"],
      ["answers.lijst.2.kies", "answer-validate"], // a multichoice field: its count beside its unknown code
    ]);
  });

  it("a multichoice: its count beside an unknown code; a valid answer has no problems", async () => {
    const checker = await AnswerChecker.create();
    const q = question({ id: "m", type: "multichoice", options: [{ code: "a", label: { nl: "A" } }], validate: { maxItems: 1 } });
    expect(checker.check(q, ["a", "x"]).map((p) => [p.path.join("."), p.rule])).toEqual([
      ["1", "answer-option"],
      ["", "answer-validate"],
    ]);
    expect(checker.check(q, ["a"])).toEqual([]);
    expect(checker.check(repeat, [{ naam: "Jan", kies: ["a"] }])).toEqual([]);
  });

  it("a wrong shape of the whole answer is the only problem", async () => {
    const checker = await AnswerChecker.create();
    expect(checker.check(repeat, "geen lijst").map((p) => p.rule)).toEqual(["answer-type"]);
  });
});

describe("AnswerChecker: the rule's own words", () => {
  it("'hoogstens 1 item' and 'hoogstens 1 teken', not '1 items' or '1 tekens'; more stay plural", async () => {
    const checker = await AnswerChecker.create();
    const said = (q: Question, v: unknown) => checker.check(q, v as never, ["answers", q.id]).map((p) => p.message);
    expect(said(question({ id: "kp", type: "list", validate: { maxItems: 1 } }), ["a", "b"]).join()).toMatch(/hoogstens 1 item$/);
    expect(said(question({ id: "kp", type: "list", validate: { minItems: 1 } }), []).join()).toMatch(/minstens 1 item$/);
    expect(said(question({ id: "t", type: "text", validate: { maxLength: 1 } }), "ab").join()).toMatch(/hoogstens 1 teken$/);
    expect(said(question({ id: "kp", type: "list", validate: { maxItems: 2 } }), ["a", "b", "c"]).join()).toMatch(/hoogstens 2 items$/);
  });
});
