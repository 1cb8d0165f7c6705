// Is this answer acceptable for this question? Shape by type first (a scale wants an
// integer in range), then the format's own `validate` rules compiled with ajv, whose failure
// shows the format's `message`. Used by the runner (each answer as typed), `validate`
// and `run --answers`. A `pattern` runs in RE2 (see format/pattern.ts): linear time, always.
import type { ValidateFunction } from "ajv";
import type { AnswerValue, Question } from "../format/types.js";
import { fill, tr } from "../i18n/lang.js";
import { isPartyScores } from "./party-scores.js";
import { msg } from "../i18n/messages.js";

export interface AnswerProblem {
  message: string;
  rule: "answer-type" | "answer-option" | "answer-range" | "answer-validate" | "answer-field";
  /** Path below the answer (item index, field id) where the problem is. */
  path: (string | number)[];
}

const YES = new Set(["ja", "yes", "true", "j", "y"]);
const NO = new Set(["nee", "no", "false", "n"]);

/**
 * Bring a value people wrote by hand into its stored form: `ja`/`nee`/`yes`/`no` for yesno
 * (YAML 1.2 reads those as strings), numbers written for option codes become strings.
 */
export function normalizeAnswer(q: Question, value: unknown): unknown {
  if (q.type === "yesno" && typeof value === "string") {
    const v = value.trim().toLowerCase();
    if (YES.has(v)) return true;
    if (NO.has(v)) return false;
  }
  if (q.type === "choice" && (typeof value === "number" || typeof value === "boolean")) return String(value);
  if (q.type === "multichoice" && Array.isArray(value)) return value.map((v) => (typeof v === "number" ? String(v) : v));
  if (q.type === "repeat" && Array.isArray(value) && q.fields) {
    return value.map((item) => {
      if (item === null || typeof item !== "object" || Array.isArray(item)) return item;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
        const f = q.fields!.find((x) => x.id === k);
        out[k] = f ? normalizeAnswer(f, v) : v;
      }
      return out;
    });
  }
  return value;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const isStr = (v: unknown): v is string => typeof v === "string";

/** Problems with the shape of a value for its type (no `validate` rules). */
export function shapeProblems(q: Question, value: unknown, path: (string | number)[] = []): AnswerProblem[] {
  const p = (rule: AnswerProblem["rule"], message: string, sub: (string | number)[] = []): AnswerProblem[] => [
    { rule, message, path: [...path, ...sub] },
  ];
  const codes = (q.options ?? []).map((o) => o.code);
  switch (q.type) {
    case "text":
    case "longtext":
      return isStr(value) ? [] : p("answer-type", msg("session.answerCheck.expected-text"));
    case "date":
      if (!isStr(value)) return p("answer-type", msg("session.answerCheck.expected-date-yyyy-mm-dd"));
      return isValidDate(value) ? [] : p("answer-type", fill(msg("session.answerCheck.v-not-valid-date-yyyy"), { v: value }));
    case "yesno":
      return typeof value === "boolean" ? [] : p("answer-type", msg("session.answerCheck.expected-yes-no-true-false"));
    case "number":
    case "scale": {
      if (q.type === "scale" && q.perParty && value !== null && typeof value === "object" && !Array.isArray(value)) {
        const o = value as Record<string, unknown>;
        const one = { ...q, perParty: false };
        const out: AnswerProblem[] = [];
        for (const k of Object.keys(o)) {
          if (k !== "joint" && k !== "parties")
            out.push(...p("answer-field", fill(msg("session.answerCheck.unknown-key-k-expected-joint"), { k }), [k]));
        }
        if (o.joint === undefined) out.push(...p("answer-type", msg("session.answerCheck.joint-score-joint-missing")));
        else out.push(...shapeProblems(one, o.joint, [...path, "joint"]));
        if (o.parties !== undefined) {
          if (o.parties === null || typeof o.parties !== "object" || Array.isArray(o.parties)) {
            out.push(...p("answer-type", msg("session.answerCheck.expected-score-per-party-role"), ["parties"]));
          } else {
            for (const [role, v] of Object.entries(o.parties)) out.push(...shapeProblems(one, v, [...path, "parties", role]));
          }
        }
        return out;
      }
      if (typeof value !== "number" || !Number.isFinite(value)) return p("answer-type", msg("session.answerCheck.expected-number"));
      if (q.type === "scale" && !Number.isInteger(value)) return p("answer-type", msg("session.answerCheck.expected-whole-number"));
      if ((q.min !== undefined && value < q.min) || (q.max !== undefined && value > q.max)) {
        return p("answer-range", fill(msg("session.answerCheck.v-outside-min-max"), { v: value, min: q.min ?? "−∞", max: q.max ?? "∞" }));
      }
      return [];
    }
    case "choice":
      if (!isStr(value)) return p("answer-type", msg("session.answerCheck.expected-one-option-code"));
      return codes.includes(value)
        ? []
        : p("answer-option", fill(msg("session.answerCheck.v-not-option-choose-from"), { v: value, list: codes.join(", ") }));
    case "multichoice": {
      if (!Array.isArray(value)) return p("answer-type", msg("session.answerCheck.expected-list-option-codes"));
      const out: AnswerProblem[] = [];
      const seen = new Set<unknown>();
      value.forEach((v, i) => {
        if (!isStr(v) || !codes.includes(v)) {
          out.push(
            ...p("answer-option", fill(msg("session.answerCheck.v-not-option-choose-from"), { v: String(v), list: codes.join(", ") }), [i]),
          );
        } else if (seen.has(v)) {
          out.push(...p("answer-option", fill(msg("session.answerCheck.v-listed-twice"), { v }), [i]));
        }
        seen.add(v);
      });
      return out;
    }
    case "list": {
      if (!Array.isArray(value)) return p("answer-type", msg("session.answerCheck.expected-list-texts"));
      return value.flatMap((v, i) => (isStr(v) ? [] : p("answer-type", msg("session.answerCheck.expected-text"), [i])));
    }
    case "repeat": {
      if (!Array.isArray(value)) return p("answer-type", msg("session.answerCheck.expected-list-items"));
      const fields = q.fields ?? [];
      return value.flatMap((item, i) => {
        if (item === null || typeof item !== "object" || Array.isArray(item)) {
          return p("answer-type", msg("session.answerCheck.expected-item-fields-key-value"), [i]);
        }
        const out: AnswerProblem[] = [];
        for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
          const f = fields.find((x) => x.id === k);
          if (!f) {
            out.push(
              ...p(
                "answer-field",
                fill(msg("session.answerCheck.unknown-field-k-fields-list"), { k, list: fields.map((x) => x.id).join(", ") }),
                [i, k],
              ),
            );
          } else if (v !== null && v !== undefined) {
            out.push(...shapeProblems(f, v, [...path, i, k]));
          }
        }
        return out;
      });
    }
  }
}

/** The JSON Schema for a question's `validate` rules, or undefined when it has none. */
export function validateSchema(q: Question): object | undefined {
  const v = q.validate;
  if (!v || Object.keys(v).length === 0) return undefined;
  const pick = (keys: string[]) => Object.fromEntries(Object.entries(v).filter(([k]) => keys.includes(k)));
  const text = pick(["minLength", "maxLength", "pattern"]);
  const items = pick(["minItems", "maxItems"]);
  const nums = pick(["minimum", "maximum"]);
  switch (q.type) {
    case "text":
    case "longtext":
    case "date":
      return { type: "string", ...text };
    case "list":
      return { type: "array", ...items, items: { type: "string", ...text } };
    case "multichoice":
    case "repeat":
      return { type: "array", ...items };
    case "number":
    case "scale":
      return { type: "number", ...nums };
    default:
      return undefined;
  }
}

function defaultRuleMessage(keyword: string, params: Record<string, unknown>): string {
  const n = params.limit as number;
  switch (keyword) {
    // "hoogstens 1 item", not "1 items": one key for one, one for more (as format/broken.ts).
    case "minLength":
      return fill(msg(n === 1 ? "session.answerCheck.least-1-character" : "session.answerCheck.least-n-characters"), { n });
    case "maxLength":
      return fill(msg(n === 1 ? "session.answerCheck.most-1-character" : "session.answerCheck.most-n-characters"), { n });
    case "minItems":
      return fill(msg(n === 1 ? "session.answerCheck.least-1-item" : "session.answerCheck.least-n-items"), { n });
    case "maxItems":
      return fill(msg(n === 1 ? "session.answerCheck.most-1-item" : "session.answerCheck.most-n-items"), { n });
    case "minimum":
      return fill(msg("session.answerCheck.least-n"), { n });
    case "maximum":
      return fill(msg("session.answerCheck.most-n"), { n });
    case "pattern":
      return fill(msg("session.answerCheck.does-not-have-expected-form"), { p: String(params.pattern) });
    default:
      return keyword;
  }
}

/** Checks answers against their question; compiles each question's rules once. */
export class AnswerChecker {
  private readonly compiled = new WeakMap<Question, ValidateFunction | null>();

  private constructor(private readonly ajv: import("ajv").default) {}

  static async create(): Promise<AnswerChecker> {
    // Both loaded only when answers are checked: re2js costs ~20 ms to load.
    const [{ default: AjvModule }, { re2Engine }] = await Promise.all([import("ajv"), import("../format/pattern.js")]);
    const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof import("ajv").default;
    return new AnswerChecker(new Ajv({ allErrors: false, strict: false, code: { regExp: re2Engine } }));
  }

  private validator(q: Question): ValidateFunction | null {
    let fn = this.compiled.get(q);
    if (fn === undefined) {
      const schema = validateSchema(q);
      fn = schema ? this.ajv.compile(schema) : null;
      this.compiled.set(q, fn);
    }
    return fn;
  }

  /** Every problem with one answer (a repeat's fields included). Empty means acceptable. */
  check(q: Question, value: AnswerValue | unknown, path: (string | number)[] = []): AnswerProblem[] {
    const shape = shapeProblems(q, value, path);
    // A problem inside the items of a list answer (a repeat item's field, a multichoice code)
    // leaves its number of items, and a repeat's other fields, to be checked too: every finding
    // is shown (README, `validate`). Only on this error path is anything extra computed.
    const itemsChecked = (q.type === "repeat" || q.type === "multichoice") && Array.isArray(value);
    if (shape.length && !itemsChecked) return shape;
    const out: AnswerProblem[] = shape;
    // "item\0field" of each repeat field whose shape is wrong ("item" for an item that is not a mapping).
    const bad = shape.length ? new Set(shape.map((p) => p.path.slice(path.length, path.length + 2).join("\0"))) : undefined;
    const fn = this.validator(q);
    if (fn && isPartyScores(value)) {
      // Each score of a per_party answer meets the format's rules on its own.
      const scores: [(string | number)[], unknown][] = [
        [["joint"], value.joint],
        ...Object.entries(value.parties ?? {}).map(([r, v]): [(string | number)[], unknown] => [["parties", r], v]),
      ];
      for (const [sub, v] of scores) {
        if (fn(v)) continue;
        const e = fn.errors?.[0];
        out.push({
          rule: "answer-validate",
          message: q.message ? tr(q.message) : e ? defaultRuleMessage(e.keyword, e.params as Record<string, unknown>) : "",
          path: [...path, ...sub],
        });
      }
      return out;
    }
    if (fn && !fn(value)) {
      const e = fn.errors?.[0];
      const message = q.message ? tr(q.message) : e ? defaultRuleMessage(e.keyword, e.params as Record<string, unknown>) : "";
      out.push({ rule: "answer-validate", message, path });
    }
    if (q.type === "repeat" && Array.isArray(value)) {
      value.forEach((item, i) => {
        if (item === null || typeof item !== "object" || Array.isArray(item)) return;
        for (const f of q.fields ?? []) {
          const v = (item as Record<string, unknown>)[f.id];
          if (v === undefined || v === null || v === "") continue;
          // A field of the wrong shape has said so; a multichoice's count is still checked.
          if (bad?.has(`${i}\0${f.id}`) && !(f.type === "multichoice" && Array.isArray(v))) continue;
          const fv = this.validator(f);
          if (fv && !fv(v)) {
            const e = fv.errors?.[0];
            out.push({
              rule: "answer-validate",
              message: f.message ? tr(f.message) : e ? defaultRuleMessage(e.keyword, e.params as Record<string, unknown>) : "",
              path: [...path, i, f.id],
            });
          }
        }
      });
    }
    return out;
  }
}
