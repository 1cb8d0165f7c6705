// One plausible answer per question type, within the question's options, ranges and validate
// rules. Returns undefined when no acceptable value could be made (an unknown pattern): the
// question is then left unanswered rather than written invalid.
import type { AnswerScalar, AnswerValue, Format, Question, RepeatItem } from "../format/types.js";
import type { Session } from "../session/types.js";
import type { AnswerChecker } from "../session/answer-check.js";
import { isFieldVisible } from "../session/visibility.js";
import type { Rng } from "./prng.js";
import { knelpuntText, longText, shortText } from "./words.js";

export interface AnswerContext {
  rng: Rng;
  checker: AnswerChecker;
  /** The session date, YYYY-MM-DD: later dates (next meeting, due) are after it. */
  datum: string;
  session: Pick<Session, "meta" | "answers">;
  format: Format;
  /** Make repeat groups this long (the autosave bench); otherwise a few items. */
  repeatItems?: number;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Make a text meet minLength/maxLength by adding sentences or cutting at the limit. */
function fitText(ctx: AnswerContext, q: Question, text: string): string {
  const v = q.validate ?? {};
  let s = text;
  while (v.minLength !== undefined && [...s].length < v.minLength) s = `${s} ${longText(ctx.rng, 1)}`;
  if (v.maxLength !== undefined && [...s].length > v.maxLength) s = [...s].slice(0, v.maxLength).join("").trimEnd();
  return s;
}

function textFor(ctx: AnswerContext, q: Question): string {
  const { rng } = ctx;
  if (q.type === "longtext") return fitText(ctx, q, /knelpunt|omschrijving/.test(q.id) ? knelpuntText(rng) : longText(rng));
  if (q.validate?.pattern === "^20[0-9]{2}-20[0-9]{2}$") {
    const y = Number(ctx.datum.slice(0, 4)) - (Number(ctx.datum.slice(5, 7)) < 8 ? 1 : 0);
    return `${y}-${y + 1}`;
  }
  return fitText(ctx, q, shortText(rng, /knelpunt/.test(q.id) ? "knelpunt" : /gp_|practice|titel/.test(q.id) ? "practice" : "any"));
}

function count(ctx: AnswerContext, q: Question, max: number, n = Infinity): number {
  const lo = Math.max(q.validate?.minItems ?? 0, 1);
  const hi = Math.min(q.validate?.maxItems ?? max, max, n);
  return hi < lo ? hi : ctx.rng.int(lo, hi);
}

function scalar(ctx: AnswerContext, q: Question): AnswerValue | undefined {
  const { rng } = ctx;
  switch (q.type) {
    case "text":
    case "longtext":
      return textFor(ctx, q);
    case "choice":
      return q.options?.length ? rng.pick(q.options).code : undefined;
    case "multichoice":
      return q.options?.length
        ? rng.sample(
            q.options.map((o) => o.code),
            count(ctx, q, 4, q.options.length),
          )
        : undefined;
    case "scale": {
      const min = q.min ?? 1;
      const max = q.max ?? 5;
      // Mostly the upper half, sometimes low: low scores open conditional follow-ups.
      return rng.chance(0.15) ? rng.int(min, Math.min(max, min + 1)) : rng.int(Math.floor((min + max) / 2), max);
    }
    case "number": {
      const min = q.min ?? 0;
      const max = q.max ?? min + 100;
      return Math.round(min + (max - min) * rng.next() ** 3);
    }
    case "yesno":
      return rng.chance(0.6);
    case "date":
      return addDays(ctx.datum, rng.int(1, 365));
    case "list": {
      const items: string[] = [];
      for (let i = count(ctx, q, 5); i > 0; i--) items.push(fitText(ctx, q, shortText(rng)));
      return items;
    }
    case "repeat":
      return repeat(ctx, q);
  }
}

function repeat(ctx: AnswerContext, q: Question): RepeatItem[] {
  const n = ctx.repeatItems ?? count(ctx, q, 5);
  const items: RepeatItem[] = [];
  for (let i = 0; i < n; i++) {
    const item: RepeatItem = {};
    for (const f of q.fields ?? []) {
      if (!isFieldVisible(f, item, ctx.session, ctx.format)) continue;
      if (!f.required && !ctx.rng.chance(0.8)) continue;
      const v = answerFor(ctx, f);
      if (v !== undefined) item[f.id] = v as AnswerScalar | AnswerScalar[];
    }
    items.push(item);
  }
  return items;
}

/** A valid answer for q (checked with the same checker `validate` uses), or undefined. */
export function answerFor(ctx: AnswerContext, q: Question): AnswerValue | undefined {
  for (let attempt = 0; attempt < 3; attempt++) {
    const v = scalar(ctx, q);
    if (v !== undefined && ctx.checker.check(q, v).length === 0) return v;
  }
  return undefined;
}
