// Patterns cannot hang (issue 12), measured: the classic exponential patterns, each against
// 10,000-character near-misses, through the AnswerChecker that run, validate, report and rollup
// use (re2js, linear time). Each check is timed three times after a warm-up; the figure is
// the slowest median. Prints JSON {checks, slowestMs, slowest}. `node dist/bench/redos.js`.
import { AnswerChecker } from "../session/answer-check.js";
import { patternMatches } from "../format/pattern.js";
import type { Question } from "../format/types.js";
import { median } from "./measure.js";
import { ENDINGS, EVIL } from "./redos-cases.js";

const LENGTH = 10_000;

const question = (pattern: string): Question =>
  ({ id: "q", type: "text", prompt: "?", required: false, was: [], tags: [], validate: { pattern } }) as unknown as Question;

const checker = await AnswerChecker.create();
let slowestMs = 0;
let slowest = "";
let checks = 0;
for (const [pattern, ch] of EVIL) {
  const q = question(pattern);
  checker.check(q, "warm-up");
  for (const end of ENDINGS) {
    const text = ch.repeat(LENGTH - end.length) + end;
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      patternMatches(pattern, text);
      checker.check(q, text);
      times.push(performance.now() - t0);
    }
    const ms = median(times);
    checks++;
    if (ms > slowestMs) [slowestMs, slowest] = [ms, `${pattern} on …${JSON.stringify(end)}`];
  }
}
process.stdout.write(`${JSON.stringify({ checks, slowestMs, slowest })}\n`);
