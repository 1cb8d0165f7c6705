// Lint = schema (structure) + resolve extends + semantic rules, every finding located.
import path from "node:path";
import type { Finding } from "../findings/finding.js";
import type { Condition, Format, Question } from "./types.js";
import { normalizeFormat, type FormatSpec } from "./normalize.js";
import { isMadeUpTitle, resolveSpec } from "./extends.js";
import { originOf, where } from "./origin.js";
import { askingOrder } from "./walk.js";
import type { ParsedYaml } from "../yaml/parse.js";
import { readTextFile } from "../yaml/read-text.js";
import { schemaFindings } from "../schema/check.js";
import { formatSchemaValidator } from "../schema/validators.js";
import type { FormatRegistry } from "./registry.js";
import { fileKind, otherKindFinding } from "../yaml/file-kind.js";
import { fill, tr } from "../i18n/lang.js";
import { patternProblem } from "./pattern.js";
import { closest } from "../util/suggest.js";
import { msg } from "../i18n/messages.js";
import { compatibleQuestions, refusedTakeovers, staleClaims } from "./renames.js";

type Loc = { file: string; line: number; col: number };

/** A question id (the schema's `id`): anything else in a condition's `q` is the schema's finding. */
const QUESTION_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

class Collector {
  readonly findings: Finding[] = [];
  constructor(private readonly fallback: Loc) {}
  add(obj: object | undefined, sub: (string | number)[], severity: "error" | "warning", rule: string, message: string, key = false) {
    const loc = (obj && where(obj, sub, { key })) ?? this.fallback;
    this.findings.push({ ...loc, severity, rule, message });
  }
}

const TEXT_KEYWORDS = ["minLength", "maxLength", "pattern"] as const;
const NUMBER_KEYWORDS = ["minimum", "maximum"] as const;
const ITEM_KEYWORDS = ["minItems", "maxItems"] as const;

function applicableKeywords(q: Question): string[] {
  switch (q.type) {
    case "text":
    case "longtext":
      return [...TEXT_KEYWORDS];
    case "list":
      return [...TEXT_KEYWORDS, ...ITEM_KEYWORDS];
    case "multichoice":
    case "repeat":
      return [...ITEM_KEYWORDS];
    case "number":
    case "scale":
      return [...NUMBER_KEYWORDS];
    case "date":
      return ["pattern"];
    default:
      return [];
  }
}

function checkQuestion(q: Question, c: Collector, inRepeat: boolean): void {
  const needsOptions = q.type === "choice" || q.type === "multichoice";
  // Options written but none usable (`{code: null}`, `options: x`): each is the schema's finding
  // where it stands; only no options at all (or `options: []`) is this one.
  const rawOptions = writtenValue(q, "options");
  if (
    needsOptions &&
    (!q.options || q.options.length === 0) &&
    (rawOptions === undefined || (Array.isArray(rawOptions) && !rawOptions.length))
  ) {
    c.add(q, ["type"], "error", "options-missing", fill(msg("format.lint.question-id-type-type-has"), { id: q.id, type: q.type }));
  }
  if (!needsOptions && q.options) {
    c.add(q, ["options"], "warning", "options-unused", fill(msg("format.lint.options-are-ignored-type-type"), { type: q.type }), true);
  }
  if (q.options) {
    const seen = new Set<string>();
    for (const o of q.options) {
      // In a wide CSV an empty code cannot be told from "not answered".
      // Only spaces is empty too: an answer of spaces counts as not given.
      if (typeof o.code === "string" && o.code.trim() === "")
        c.add(o, ["code"], "error", "bad-value", fill(msg("format.lint.option-code-empty"), { id: q.id }));
      if (seen.has(o.code)) {
        c.add(
          o,
          ["code"],
          "error",
          "option-code-unique",
          fill(msg("format.lint.option-code-code-appears-twice"), { code: o.code, id: q.id }),
        );
      }
      seen.add(o.code);
    }
  }
  if (q.type === "scale") {
    // `min: een` or `min: -.inf` is the finding at that value, not a missing min.
    if ((q.min === undefined && written(q, "min")) || (q.max === undefined && written(q, "max"))) {
      /* reported where it stands */
    } else if (q.min === undefined || q.max === undefined) {
      c.add(q, ["type"], "error", "scale-range", fill(msg("format.lint.scale-question-id-needs-min"), { id: q.id }));
    } else if (!Number.isInteger(q.min) || !Number.isInteger(q.max) || q.min >= q.max) {
      c.add(q, ["min"], "error", "scale-range", fill(msg("format.lint.scale-id-min-min-must"), { id: q.id, min: q.min, max: q.max }));
    } else if (q.max - q.min > 20) {
      c.add(q, ["max"], "warning", "scale-range", fill(msg("format.lint.scale-id-has-n-steps"), { id: q.id, n: q.max - q.min + 1 }));
    }
  } else if (q.type === "number") {
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) {
      c.add(q, ["min"], "error", "number-range", fill(msg("format.lint.min-min-greater-than-max"), { id: q.id, min: q.min, max: q.max }));
    }
  } else {
    if (q.min !== undefined || q.max !== undefined) {
      c.add(
        q,
        [q.min !== undefined ? "min" : "max"],
        "warning",
        "range-unused",
        fill(msg("format.lint.min-max-are-ignored-type"), { type: q.type }),
        true,
      );
    }
  }
  if (q.perParty && (q.type !== "scale" || inRepeat)) {
    c.add(q, ["per_party"], "error", "per-party-type", fill(msg("format.lint.per-party-only-used-type"), {}), true);
  }
  if (q.labels && q.type !== "scale") {
    c.add(q, ["labels"], "warning", "labels-unused", fill(msg("format.lint.labels-are-only-used-type"), {}), true);
  }
  if (q.type === "repeat") {
    if (!q.fields || q.fields.length === 0) {
      c.add(q, ["type"], "error", "repeat-fields", fill(msg("format.lint.repeat-group-id-has-no"), { id: q.id }));
    }
    if (inRepeat) {
      c.add(q, ["type"], "error", "repeat-nested", fill(msg("format.lint.repeat-inside-repeat-not-supported"), { id: q.id }));
    }
  } else if (q.fields) {
    c.add(q, ["fields"], "warning", "fields-unused", fill(msg("format.lint.fields-are-only-used-type"), {}), true);
  }
  if (q.validate) {
    const allowed = applicableKeywords(q);
    for (const k of Object.keys(q.validate)) {
      if (!allowed.includes(k)) {
        c.add(q, ["validate", k], "warning", "validate-keyword", fill(msg("format.lint.k-has-no-effect-type"), { k, type: q.type }), true);
      }
    }
    const v = q.validate;
    const pairs: [keyof typeof v, keyof typeof v][] = [
      ["minLength", "maxLength"],
      ["minimum", "maximum"],
      ["minItems", "maxItems"],
    ];
    for (const [lo, hi] of pairs) {
      const a = v[lo];
      const b = v[hi];
      if (typeof a === "number" && typeof b === "number" && a > b) {
        c.add(q, ["validate", lo], "error", "validate-range", fill(msg("format.lint.lo-greater-than-hi-b"), { lo, hi, a, b }));
      }
    }
    if (v.pattern !== undefined) {
      const problem = patternProblem(v.pattern);
      if (problem?.kind === "invalid") {
        c.add(q, ["validate", "pattern"], "error", "validate-pattern", problem.message);
      } else if (problem?.kind === "unsupported") {
        c.add(q, ["validate", "pattern"], "error", "pattern-unsupported", problem.message);
      }
    }
  } else if (q.message) {
    c.add(q, ["message"], "warning", "message-unused", msg("format.lint.message-without-validate-never-shown"), true);
  }
}

function conditionRefs(cond: Condition, out: { q: string; node: Condition }[] = []) {
  if ("all" in cond) cond.all.forEach((c) => conditionRefs(c, out));
  else if ("any" in cond) cond.any.forEach((c) => conditionRefs(c, out));
  else if ("not" in cond) conditionRefs(cond.not, out);
  else out.push({ q: cond.q, node: cond });
  return out;
}

function checkConditionValues(ref: Condition, target: Question, owner: Question, c: Collector) {
  const values = "is" in ref ? [ref.is] : "in" in ref ? ref.in : [];
  values.forEach((v, i) => {
    let ok = true;
    let expect = "";
    if (target.type === "choice" || target.type === "multichoice") {
      ok = (target.options ?? []).some((o) => o.code === String(v));
      expect = (target.options ?? []).map((o) => o.code).join(", ");
    } else if (target.type === "yesno") {
      ok = typeof v === "boolean";
      expect = "true, false";
    } else if (target.type === "scale" || target.type === "number") {
      // Within the question's range, narrowed by its validate minimum/maximum: outside it no
      // answer can ever be stored.
      const scale = target.type === "scale";
      const bound = (a: number | undefined, b: number | undefined, pick: (x: number, y: number) => number) =>
        a === undefined ? b : b === undefined ? a : pick(a, b);
      const lo = bound(target.min, target.validate?.minimum, Math.max);
      const hi = bound(target.max, target.validate?.maximum, Math.min);
      ok = typeof v === "number" && (!scale || Number.isInteger(v)) && (lo === undefined || v >= lo) && (hi === undefined || v <= hi);
      expect =
        lo !== undefined && hi !== undefined
          ? fill(msg(scale ? "format.lint.integer-from-to" : "format.lint.number-from-to"), { lo, hi })
          : lo !== undefined
            ? fill(msg("format.lint.number-at-least"), { lo })
            : hi !== undefined
              ? fill(msg("format.lint.number-at-most"), { hi })
              : msg("format.lint.number");
    }
    if (!ok) {
      // Point at the value itself (`is: x` or the item of `in: [...]`) when the condition knows its place.
      const placed = originOf(ref) !== undefined;
      c.add(
        placed ? ref : owner,
        placed ? ("is" in ref ? ["is"] : ["in", i]) : ["when"],
        "error",
        "when-value",
        fill(msg("format.lint.condition-id-compares-q-v"), { id: owner.id, q: target.id, v: JSON.stringify(v), expect }),
      );
    }
  });
}

/** Does the YAML node a model object came from have this key (whatever its value)? */
function written(obj: object, key: string): boolean {
  const node = sourceNode(obj);
  return node !== null && typeof node === "object" && !Array.isArray(node) && key in node;
}

/** The value of a key as written in the YAML node a model object came from. */
function writtenValue(obj: object, key: string): unknown {
  const node = sourceNode(obj);
  return node !== null && typeof node === "object" && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
}

function sourceNode(obj: object): unknown {
  const o = originOf(obj);
  if (!o) return undefined;
  let node: unknown = o.parsed.data;
  for (const k of o.path) node = node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[k] : undefined;
  return node;
}

/** The semantic rules, on a resolved format. */
export function semanticFindings(format: Format, fallback: Loc): Finding[] {
  const c = new Collector(fallback);
  const order = askingOrder(format);

  // Ids: unique across meta and all sections; sections and roles among themselves.
  // " (regel 9)" or " (ouder.yaml:9)": where the first of two equal ids stands.
  const firstAt = (firstObj: object, hereObj: object) => {
    const first = where(firstObj, ["id"]);
    const here = where(hereObj, ["id"]);
    return !first
      ? ""
      : first.file === here?.file
        ? ` (${msg("format.lint.line")} ${first.line})`
        : ` (${path.basename(first.file)}:${first.line})`;
  };
  const firstSeen = new Map<string, Question>();
  for (const { question } of order) {
    if (firstSeen.has(question.id)) {
      const at = firstAt(firstSeen.get(question.id)!, question);
      c.add(question, ["id"], "error", "unique-id", fill(msg("format.lint.id-id-already-used"), { id: question.id, at }));
    } else firstSeen.set(question.id, question);
  }
  const sectionIds = new Set<string>();
  for (const s of format.sections) {
    if (sectionIds.has(s.id)) c.add(s, ["id"], "error", "unique-id", fill(msg("format.lint.section-id-id-appears-twice"), { id: s.id }));
    sectionIds.add(s.id);
    if (s.questions.length === 0)
      c.add(s, ["questions"], "warning", "empty-section", fill(msg("format.lint.section-id-has-no-questions"), { id: s.id }));
    // `minutes: 0` or `minutes: "20"` is the schema's finding at that value, not a missing key.
    if (!s.minutes && !written(s, "minutes"))
      c.add(s, ["minutes"], "error", "section-minutes", fill(msg("format.lint.section-id-has-no-minutes"), { id: s.id }));
  }
  // Roles are unique among roles (README); a role may share an id with a question.
  const roleIds = new Map<string, object>();
  for (const p of format.participants) {
    const first = roleIds.get(p.id);
    if (first)
      c.add(
        p,
        ["id"],
        "error",
        "unique-id",
        fill(msg("format.lint.participant-role-id-appears-twice"), { id: p.id, at: firstAt(first, p) }),
      );
    else roleIds.set(p.id, p);
  }
  // `was` must not name a question that still exists.
  for (const { question } of order) {
    question.was.forEach((old, i) => {
      if (firstSeen.has(old))
        c.add(question, ["was", i], "error", "was-conflict", fill(msg("format.lint.old-was-id-still-existing"), { old, id: question.id }));
    });
  }

  // One old id, one successor: a second question claiming it would never get its answers.
  const claimed = new Map<string, Question>();
  for (const { question } of order) {
    question.was.forEach((old, i) => {
      const first = claimed.get(old);
      if (!first) claimed.set(old, question);
      else if (first !== question)
        c.add(
          question,
          ["was", i],
          "error",
          "was-ambiguous",
          fill(msg("format.lint.was-claimed-twice"), { old, id: question.id, first: first.id, at: firstAt(first, question) }),
        );
    });
  }

  // Per question rules, and conditions that may only look back.
  const asked = new Map<string, Question>();
  const all = new Map(order.map((a) => [a.question.id, a.question]));
  const checkWhen = (
    q: Question,
    earlier: Map<string, Question>,
    siblings?: Map<string, Question>,
    laterSiblings?: Set<string>,
    key: "when" | "share_when" = "when",
  ) => {
    const cond = key === "when" ? q.when : q.shareWhen;
    if (!cond) return;
    for (const ref of conditionRefs(cond)) {
      const target = siblings?.get(ref.q) ?? earlier.get(ref.q);
      if (target) {
        checkConditionValues(ref.node, target, q, c);
        continue;
      }
      // `q: vraag_é` is no id at all: the schema says so at that value.
      if (!QUESTION_ID.test(ref.q)) continue;
      const later = ref.q === q.id || all.has(ref.q) || laterSiblings?.has(ref.q);
      // At the offending `q:` inside the condition, even deep in all/any/not.
      const placed = originOf(ref.node) !== undefined;
      c.add(
        placed ? ref.node : q,
        placed ? ["q"] : [key],
        "error",
        later ? "when-order" : "when-target",
        later
          ? fill(msg("format.lint.condition-id-refers-q-which"), { id: q.id, q: ref.q })
          : fill(msg("format.lint.condition-id-refers-unknown-question"), { id: q.id, q: ref.q }),
      );
    }
  };
  for (const { question } of order) {
    checkQuestion(question, c, false);
    checkWhen(question, asked);
    if (question.fields) {
      const sib = new Map<string, Question>();
      const later = new Set(question.fields.map((f) => f.id));
      for (const f of question.fields) {
        if (sib.has(f.id))
          c.add(f, ["id"], "error", "unique-id", fill(msg("format.lint.field-id-id-appears-twice"), { id: f.id, group: question.id }));
        later.delete(f.id);
        checkQuestion(f, c, true);
        checkWhen(f, asked, sib, new Set([...later, f.id]));
        sib.set(f.id, f);
      }
      // Consent is judged on the finished item, so a repeat's share_when (and a field's) may
      // name any field of the item, wherever it stands, besides earlier questions.
      const allFields = new Map(question.fields.map((f) => [f.id, f]));
      checkWhen(question, asked, allFields, undefined, "share_when");
      for (const f of question.fields) checkWhen(f, asked, allFields, undefined, "share_when");
    } else {
      checkWhen(question, asked, undefined, undefined, "share_when");
    }
    asked.set(question.id, question);
  }

  // Whole-format rules.
  if (!format.sections.length) c.add(format, [], "error", "no-sections", msg("format.lint.format-has-no-sections"));
  // A duration written with a wrong value (0, -5, "90") is the schema's finding at that value:
  // not "missing", and no timebox sum against it; nor a sum over a section without minutes.
  const duration = format.duration;
  if (!duration) {
    if (!written(format, "duration")) c.add(format, ["id"], "error", "duration-missing", msg("format.lint.duration-minutes-missing"), true);
  } else if (format.sections.length && Number.isInteger(duration) && duration > 0 && format.sections.every((s) => s.minutes > 0)) {
    const sum = format.sections.reduce((n, s) => n + (s.minutes || 0), 0);
    if (Math.abs(sum - duration) > duration * 0.1) {
      c.add(format, ["duration"], "warning", "timebox-sum", fill(msg("format.lint.section-timeboxes-add-up-sum"), { sum, d: duration }));
    }
  }
  if (!tr(format.title) || isMadeUpTitle(format.title))
    c.add(format, ["id"], "error", "title-missing", msg("format.lint.title-missing"), true);
  return c.findings;
}

/** Lint a spec already in a registry (or about to be resolved against one). */
export function lintResolved(
  spec: FormatSpec,
  registry: FormatRegistry | undefined,
  extraLookup?: Map<string, FormatSpec>,
): { format: Format; findings: Finding[] } {
  const lookup = (id: string) => extraLookup?.get(id) ?? registry?.spec(id);
  const { format, findings, removed } = resolveSpec(spec, lookup, [], registry?.unparsedFor);
  const fallback = { file: spec.parsed.file, line: 1, col: 1 };
  // Semantic findings located in a parent file belong to that file's own lint run.
  const own = (f: Finding) => f.file === spec.parsed.file;
  const all = semanticFindings(format, fallback);
  let semantic = all.filter(own);
  // With the parent missing, "no sections/duration/title" are consequences, not news.
  const chainBroken = findings.some((f) => f.rule === "extends-target" || f.rule === "extends-cycle");
  if (chainBroken) {
    semantic = semantic.filter((f) => !["no-sections", "duration-missing", "title-missing", "timebox-sum"].includes(f.rule));
  }
  // What the merge itself breaks in inherited questions is this file's doing: say so here.
  const dangling = removed ? danglingAfterRemove(spec, format, removed) : { findings: [], handled: new Set<string>() };
  const inherited = chainBroken
    ? []
    : mergeFindings(
        spec,
        lookup,
        all.filter((f) => !own(f) && !dangling.handled.has(placeOf(f))),
      );
  return { format, findings: [...findings.filter(own), ...semantic, ...dangling.findings, ...inherited] };
}

const placeOf = (f: { file: string; line: number; col: number }) => `${f.file}:${f.line}:${f.col}`;
const shortPlace = (f: { file: string; line: number }) => `${path.basename(f.file)}:${f.line}`;

/**
 * Inherited conditions (`when`, `share_when`) that still name a question this file's `remove`
 * dropped: an error at the `remove` entry, naming the question that still refers to it.
 */
function danglingAfterRemove(
  spec: FormatSpec,
  format: Format,
  removed: Map<string, number>,
): { findings: Finding[]; handled: Set<string> } {
  const findings: Finding[] = [];
  const handled = new Set<string>();
  const exists = new Set(askingOrder(format).map((a) => a.question.id));
  const visit = (q: Question, fields: Set<string>) => {
    for (const key of ["when", "share_when"] as const) {
      const cond = key === "when" ? q.when : q.shareWhen;
      if (!cond) continue;
      for (const ref of conditionRefs(cond)) {
        const i = removed.get(ref.q);
        if (i === undefined || exists.has(ref.q) || fields.has(ref.q)) continue;
        const at = where(ref.node, ["q"]) ?? where(q, [key]);
        // A condition in this file itself is reported where it stands (when-target).
        if (!at || at.file === spec.parsed.file) continue;
        handled.add(placeOf(at));
        const entry = spec.remove[i]!;
        findings.push({
          ...(where(spec, ["remove", i]) ?? { file: spec.parsed.file, line: 1, col: 1 }),
          severity: "error",
          rule: "when-target",
          message: fill(msg(entry === ref.q ? "format.lint.removed-id-still-referred" : "format.lint.removed-section-id-still-referred"), {
            id: ref.q,
            entry,
            q: q.id,
            key,
            at: shortPlace(at),
          }),
        });
      }
    }
  };
  for (const { question } of askingOrder(format)) {
    const fields = new Set((question.fields ?? []).map((f) => f.id));
    visit(question, fields);
    for (const f of question.fields ?? []) visit(f, fields);
  }
  return { findings, handled };
}

/**
 * Findings in inherited questions that the parent on its own does not have (a question the child
 * redefined or moved breaks a condition of the parent's, …): reported at this file's `extends`,
 * saying where in the merged format the problem shows.
 */
function mergeFindings(spec: FormatSpec, lookup: (id: string) => FormatSpec | undefined, foreign: Finding[]): Finding[] {
  if (!foreign.length || !spec.extends) return [];
  const parentSpec = lookup(spec.extends);
  if (!parentSpec) return [];
  const key = (f: Finding) => `${placeOf(f)}:${f.rule}:${f.message}`;
  const parent = resolveSpec(parentSpec, lookup, [spec.id]).format;
  const parentOwn = new Set(semanticFindings(parent, { file: parentSpec.parsed.file, line: 1, col: 1 }).map(key));
  const at = where(spec, ["extends"]) ?? { file: spec.parsed.file, line: 1, col: 1 };
  return foreign
    .filter((f) => !parentOwn.has(key(f)))
    .map((f) => ({
      ...at,
      severity: f.severity,
      rule: f.rule,
      message: fill(msg("format.lint.after-merging-with-parent"), { parent: spec.extends!, at: shortPlace(f), message: f.message }),
    }));
}

/** Lint one format file from disk: read, parse, schema, resolve, rules. */
export async function lintFormatFile(
  file: string,
  registry: FormatRegistry | undefined,
): Promise<{ format?: Format; findings: Finding[] }> {
  const text = await readTextFile(file);
  // Loaded here, not at the top: the registry imports this module to check the formats it
  // loads from its cache, and must not pay for the YAML parser when nothing is parsed.
  const { parseYaml } = await import("../yaml/parse.js");
  const parsed = parseYaml(text, file);
  if (parsed.findings.length > 0) return { findings: parsed.findings };
  // A session file is one finding (use validate), not every format key it lacks.
  const kind = fileKind(parsed.data);
  if (kind === "session") return { findings: [otherKindFinding(file, kind)] };
  const schema = await formatSchemaFindings(parsed);
  const spec = normalizeFormat(parsed);
  if (!spec) return { findings: schema };
  const { format, findings } = lintSpec(spec, registry);
  return { format, findings: [...schema, ...findings] };
}

/** The format schema's findings for a parsed format file (ajv is compiled on first use). */
export async function formatSchemaFindings(parsed: ParsedYaml): Promise<Finding[]> {
  const infinite = nonFiniteFindings(parsed);
  const schema = await schemaOnly(parsed);
  // The schema's word on such a value (`minutes: -.inf` below 0) would say it twice, and so
  // would its "fill the list or leave the key out" on a choice's `options: []` (options-missing).
  const taken = new Set([...infinite.map(placeOf), ...emptyChoiceOptions(parsed)]);
  return [...schema.filter((f) => !taken.has(placeOf(f))), ...infinite];
}

/** Where a choice or multichoice has `options: []`. */
function emptyChoiceOptions(parsed: ParsedYaml): string[] {
  const out: string[] = [];
  const walk = (v: unknown, at: (string | number)[]) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v !== null && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if ((o.type === "choice" || o.type === "multichoice") && Array.isArray(o.options) && !o.options.length)
        out.push(placeOf({ file: parsed.file, ...parsed.locate([...at, "options"]) }));
      for (const [k, x] of Object.entries(o)) walk(x, [...at, k]);
    }
  };
  walk(parsed.data, []);
  return out;
}

/**
 * Every number in a format must be finite: `.inf`, `-.inf`, `.nan` and `1e309` (too large for a
 * number) read as Infinity or NaN, which the schema lets pass and every use of the value loses.
 */
function nonFiniteFindings(parsed: ParsedYaml): Finding[] {
  const out: Finding[] = [];
  const walk = (v: unknown, at: (string | number)[]) => {
    if (typeof v === "number") {
      if (!Number.isFinite(v)) {
        const key = [...at].reverse().find((k) => typeof k === "string") ?? "";
        out.push({
          file: parsed.file,
          ...parsed.locate(at),
          severity: "error",
          rule: "bad-value",
          message: fill(msg("format.lint.not-finite-number"), { key }),
        });
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
  };
  walk(parsed.data, []);
  return out;
}

async function schemaOnly(parsed: ParsedYaml): Promise<Finding[]> {
  return schemaFindings(await formatSchemaValidator(), parsed, {
    patternMessages: {
      // The format's own id and extends are slugs; question, section and role ids are ids.
      "/id": "format.lint.got-not-format-id-lower",
      extends: "format.lint.got-not-format-id-lower",
      id: "format.lint.got-not-valid-id-start",
      remove: "format.lint.got-not-valid-id-start",
      was: "format.lint.got-not-valid-id-start",
      q: "format.lint.got-not-valid-id-start",
    },
    oneOfMessage: (p, value) => {
      if (p.includes("when") || p.includes("share_when") || p.includes("not") || p.includes("all") || p.includes("any")) {
        return fill(msg("format.lint.invalid-condition-got-use-q"), { got: JSON.stringify(value) });
      }
      return fill(msg("format.lint.expected-text-nl-en-found"), { got: JSON.stringify(value) });
    },
  });
}

/**
 * Everything lint finds in one file's spec beyond the schema: extends and the semantic rules.
 * The same for `afstem lint` and for the registry, which refuses formats with errors.
 */
export function lintSpec(spec: FormatSpec, registry: FormatRegistry | undefined): { format: Format; findings: Finding[] } {
  const parsed = spec.parsed;
  // The file being linted wins over a same-id format elsewhere, so its own edits count.
  const extra = new Map<string, FormatSpec>();
  if (spec.id && spec.extends !== spec.id) extra.set(spec.id, spec);
  const { format, findings } = lintResolved(spec, registry, extra);
  // `durration: 90` is already reported as a typo for `duration`; "duration is missing" would say it twice.
  const topKeys = Object.keys(parsed.data as object);
  const misspelt = (key: string) => !topKeys.includes(key) && topKeys.some((k) => closest(k, [key]) === key);
  const consequence: Record<string, string> = { "duration-missing": "duration", "title-missing": "title", "no-sections": "sections" };
  const own = findings.filter((f) => !(consequence[f.rule] && misspelt(consequence[f.rule]!)));
  return { format, findings: [...own, ...versionFindings(spec, format, registry)] };
}

/** A type in a message: `scale per_party`, or for a repeat the field that cannot follow (`repeat (f: scale)`). */
function typeWords(from: Question, to: Question): { from: string; to: string } {
  if (from.type === "repeat" && to.type === "repeat") {
    for (const f of from.fields ?? []) {
      const t = (to.fields ?? []).find((x) => x.id === f.id);
      if (t && !compatibleQuestions(f, t)) {
        const w = typeWords(f, t);
        return { from: `repeat (${f.id}: ${w.from})`, to: `repeat (${f.id}: ${w.to})` };
      }
    }
  }
  const name = (q: Question) => (q.type === "scale" && q.perParty ? "scale per_party" : q.type);
  return { from: name(from), to: name(to) };
}

/**
 * Against the older versions of the same id (wherever their files are: the registry knows them
 * all): a question that takes over an old question's answers (by its id or its `was`) must be
 * able to hold them, or a rollup counts a score as yes/no.
 */
function versionFindings(spec: FormatSpec, format: Format, registry: FormatRegistry | undefined): Finding[] {
  if (!registry || !spec.id || !(spec.version >= 1)) return [];
  const older = registry
    .versions(spec.id)
    .filter((v) => v < spec.version)
    .map((v) => registry.spec(spec.id, v))
    .filter((s): s is FormatSpec => s !== undefined)
    .map((s) => registry.resolveSpec(s).format);
  const fallback = where(spec, ["version"]) ?? { file: spec.parsed.file, line: 1, col: 1 };
  const stale = staleClaims(older, format).map(({ to, was, old, now, since }) => {
    const at = where(to, ["was", was]);
    return {
      ...(at && at.file === spec.parsed.file ? at : fallback),
      severity: "error" as const,
      rule: "was-ambiguous",
      message: fill(msg("format.lint.was-renamed-before"), { id: to.id, old, now, v: since }),
    };
  });
  return [
    ...stale,
    ...refusedTakeovers(older, format).map(({ from, fromVersion, to, was }) => {
      const at = where(to, was === undefined ? ["type"] : ["was", was]);
      const words = typeWords(from, to);
      const vars = { id: to.id, old: from.id, v: fromVersion, from: words.from, to: words.to };
      return {
        ...(at && at.file === spec.parsed.file ? at : fallback),
        severity: "error" as const,
        rule: "was-type",
        message: fill(msg(was === undefined ? "format.lint.same-id-incompatible-type" : "format.lint.was-incompatible-type"), vars),
      };
    }),
  ];
}
