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
import { L, fill, tr } from "../i18n/lang.js";
import { patternProblem } from "./pattern.js";
import { closest } from "../util/suggest.js";

type Loc = { file: string; line: number; col: number };

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
  if (needsOptions && (!q.options || q.options.length === 0)) {
    c.add(q, ["type"], "error", "options-missing", fill(L({ nl: "vraag '{id}' van type {type} heeft geen options", en: "question '{id}' of type {type} has no options" }), { id: q.id, type: q.type }));
  }
  if (!needsOptions && q.options) {
    c.add(q, ["options"], "warning", "options-unused", fill(L({ nl: "options worden genegeerd bij type {type}", en: "options are ignored for type {type}" }), { type: q.type }), true);
  }
  if (q.options) {
    const seen = new Set<string>();
    for (const o of q.options) {
      if (seen.has(o.code)) {
        c.add(o, ["code"], "error", "option-code-unique", fill(L({ nl: "optiecode '{code}' komt twee keer voor in '{id}'", en: "option code '{code}' appears twice in '{id}'" }), { code: o.code, id: q.id }));
      }
      seen.add(o.code);
    }
  }
  if (q.type === "scale") {
    if (q.min === undefined || q.max === undefined) {
      c.add(q, ["type"], "error", "scale-range", fill(L({ nl: "schaalvraag '{id}' heeft min en max nodig", en: "scale question '{id}' needs min and max" }), { id: q.id }));
    } else if (!Number.isInteger(q.min) || !Number.isInteger(q.max) || q.min >= q.max) {
      c.add(q, ["min"], "error", "scale-range", fill(L({ nl: "schaal van '{id}': min ({min}) moet een geheel getal kleiner dan max ({max}) zijn", en: "scale of '{id}': min ({min}) must be an integer below max ({max})" }), { id: q.id, min: q.min, max: q.max }));
    } else if (q.max - q.min > 20) {
      c.add(q, ["max"], "warning", "scale-range", fill(L({ nl: "schaal van '{id}' heeft {n} stappen; gebruik liever type number", en: "scale of '{id}' has {n} steps; prefer type number" }), { id: q.id, n: q.max - q.min + 1 }));
    }
  } else if (q.type === "number") {
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) {
      c.add(q, ["min"], "error", "number-range", fill(L({ nl: "min ({min}) is groter dan max ({max}) in '{id}'", en: "min ({min}) is greater than max ({max}) in '{id}'" }), { id: q.id, min: q.min, max: q.max }));
    }
  } else {
    if (q.min !== undefined || q.max !== undefined) {
      c.add(q, [q.min !== undefined ? "min" : "max"], "warning", "range-unused", fill(L({ nl: "min/max worden genegeerd bij type {type}", en: "min/max are ignored for type {type}" }), { type: q.type }), true);
    }
  }
  if (q.perParty && (q.type !== "scale" || inRepeat)) {
    c.add(q, ["per_party"], "error", "per-party-type", fill(L({ nl: "per_party wordt alleen gebruikt bij type scale (buiten een repeat)", en: "per_party is only used with type scale (outside a repeat)" }), {}), true);
  }
  if (q.labels && q.type !== "scale") {
    c.add(q, ["labels"], "warning", "labels-unused", fill(L({ nl: "labels worden alleen gebruikt bij type scale", en: "labels are only used with type scale" }), {}), true);
  }
  if (q.type === "repeat") {
    if (!q.fields || q.fields.length === 0) {
      c.add(q, ["type"], "error", "repeat-fields", fill(L({ nl: "herhaalgroep '{id}' heeft geen fields", en: "repeat group '{id}' has no fields" }), { id: q.id }));
    }
    if (inRepeat) {
      c.add(q, ["type"], "error", "repeat-nested", fill(L({ nl: "een repeat binnen een repeat wordt niet ondersteund ('{id}')", en: "a repeat inside a repeat is not supported ('{id}')" }), { id: q.id }));
    }
  } else if (q.fields) {
    c.add(q, ["fields"], "warning", "fields-unused", fill(L({ nl: "fields worden alleen gebruikt bij type repeat", en: "fields are only used with type repeat" }), {}), true);
  }
  if (q.validate) {
    const allowed = applicableKeywords(q);
    for (const k of Object.keys(q.validate)) {
      if (!allowed.includes(k)) {
        c.add(q, ["validate", k], "warning", "validate-keyword", fill(L({ nl: "'{k}' heeft geen effect bij type {type}", en: "'{k}' has no effect for type {type}" }), { k, type: q.type }), true);
      }
    }
    const v = q.validate;
    const pairs: [keyof typeof v, keyof typeof v][] = [["minLength", "maxLength"], ["minimum", "maximum"], ["minItems", "maxItems"]];
    for (const [lo, hi] of pairs) {
      const a = v[lo];
      const b = v[hi];
      if (typeof a === "number" && typeof b === "number" && a > b) {
        c.add(q, ["validate", lo], "error", "validate-range", fill(L({ nl: "{lo} ({a}) is groter dan {hi} ({b})", en: "{lo} ({a}) is greater than {hi} ({b})" }), { lo, hi, a, b }));
      }
    }
    if (v.pattern !== undefined) {
      const problem = patternProblem(v.pattern);
      if (problem?.kind === "invalid") {
        c.add(q, ["validate", "pattern"], "error", "validate-pattern", fill(L({ nl: "ongeldige reguliere expressie: {p} ({why})", en: "invalid regular expression: {p} ({why})" }), { p: v.pattern, why: problem.reason }));
      } else if (problem?.kind === "unsupported") {
        c.add(q, ["validate", "pattern"], "error", "pattern-unsupported", fill(L({ nl: "patronen volgen RE2, dat geen terugverwijzingen en lookaround kent (zo kan een patroon nooit blijven hangen): {p} ({why})", en: "patterns follow RE2, which has no backreferences or lookaround (so a pattern can never hang): {p} ({why})" }), { p: v.pattern, why: problem.reason }));
      }
    }
  } else if (q.message) {
    c.add(q, ["message"], "warning", "message-unused", L({ nl: "message zonder validate wordt nooit getoond", en: "message without validate is never shown" }), true);
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
      ok = typeof v === "number";
      expect = L({ nl: "een getal", en: "a number" });
    }
    if (!ok) {
      // Point at the value itself (`is: x` or the item of `in: [...]`) when the condition knows its place.
      const placed = originOf(ref) !== undefined;
      c.add(placed ? ref : owner, placed ? ("is" in ref ? ["is"] : ["in", i]) : ["when"], "error", "when-value", fill(L({ nl: "voorwaarde van '{id}' vergelijkt '{q}' met {v}, maar dat kan nooit het antwoord zijn (verwacht: {expect})", en: "condition of '{id}' compares '{q}' with {v}, which can never be the answer (expected: {expect})" }), { id: owner.id, q: target.id, v: JSON.stringify(v), expect }));
    }
  });
}

/** The semantic rules, on a resolved format. */
export function semanticFindings(format: Format, fallback: Loc): Finding[] {
  const c = new Collector(fallback);
  const order = askingOrder(format);

  // Ids: unique across meta and all sections; sections and roles among themselves.
  const firstSeen = new Map<string, Question>();
  for (const { question } of order) {
    if (firstSeen.has(question.id)) {
      const first = where(firstSeen.get(question.id)!, ["id"]);
      const here = where(question, ["id"]);
      const at = !first ? "" : first.file === here?.file ? ` (${L({ nl: "regel", en: "line" })} ${first.line})` : ` (${path.basename(first.file)}:${first.line})`;
      c.add(question, ["id"], "error", "unique-id", fill(L({ nl: "id '{id}' wordt al gebruikt{at}", en: "id '{id}' is already used{at}" }), { id: question.id, at }));
    } else firstSeen.set(question.id, question);
  }
  const sectionIds = new Set<string>();
  for (const s of format.sections) {
    if (sectionIds.has(s.id)) c.add(s, ["id"], "error", "unique-id", fill(L({ nl: "sectie-id '{id}' komt twee keer voor", en: "section id '{id}' appears twice" }), { id: s.id }));
    sectionIds.add(s.id);
    if (s.questions.length === 0) c.add(s, ["questions"], "warning", "empty-section", fill(L({ nl: "sectie '{id}' heeft geen vragen", en: "section '{id}' has no questions" }), { id: s.id }));
    if (!s.minutes) c.add(s, ["minutes"], "error", "section-minutes", fill(L({ nl: "sectie '{id}' heeft geen minutes (tijdvak)", en: "section '{id}' has no minutes (timebox)" }), { id: s.id }));
  }
  const roleIds = new Set<string>();
  for (const p of format.participants) {
    if (roleIds.has(p.id)) c.add(p, ["id"], "error", "unique-id", fill(L({ nl: "deelnemersrol '{id}' komt twee keer voor", en: "participant role '{id}' appears twice" }), { id: p.id }));
    roleIds.add(p.id);
  }
  // `was` must not name a question that still exists.
  for (const { question } of order) {
    question.was.forEach((old, i) => {
      if (firstSeen.has(old)) c.add(question, ["was", i], "error", "was-conflict", fill(L({ nl: "'{old}' in was van '{id}' is nog een bestaande vraag", en: "'{old}' in was of '{id}' is still an existing question" }), { old, id: question.id }));
    });
  }

  // Per question rules, and conditions that may only look back.
  const asked = new Map<string, Question>();
  const all = new Map(order.map((a) => [a.question.id, a.question]));
  const checkWhen = (q: Question, earlier: Map<string, Question>, siblings?: Map<string, Question>, laterSiblings?: Set<string>, key: "when" | "share_when" = "when") => {
    const cond = key === "when" ? q.when : q.shareWhen;
    if (!cond) return;
    for (const ref of conditionRefs(cond)) {
      const target = siblings?.get(ref.q) ?? earlier.get(ref.q);
      if (target) {
        checkConditionValues(ref.node, target, q, c);
        continue;
      }
      const later = ref.q === q.id || all.has(ref.q) || laterSiblings?.has(ref.q);
      // At the offending `q:` inside the condition, even deep in all/any/not.
      const placed = originOf(ref.node) !== undefined;
      c.add(placed ? ref.node : q, placed ? ["q"] : [key], "error", later ? "when-order" : "when-target",
        later
          ? fill(L({ nl: "voorwaarde van '{id}' verwijst naar '{q}', die niet eerder gevraagd wordt", en: "condition of '{id}' refers to '{q}', which is not asked earlier" }), { id: q.id, q: ref.q })
          : fill(L({ nl: "voorwaarde van '{id}' verwijst naar onbekende vraag '{q}'", en: "condition of '{id}' refers to unknown question '{q}'" }), { id: q.id, q: ref.q }));
    }
  };
  for (const { question } of order) {
    checkQuestion(question, c, false);
    checkWhen(question, asked);
    if (question.fields) {
      const sib = new Map<string, Question>();
      const later = new Set(question.fields.map((f) => f.id));
      for (const f of question.fields) {
        if (sib.has(f.id)) c.add(f, ["id"], "error", "unique-id", fill(L({ nl: "veld-id '{id}' komt twee keer voor in '{group}'", en: "field id '{id}' appears twice in '{group}'" }), { id: f.id, group: question.id }));
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
  if (!format.sections.length) c.add(format, [], "error", "no-sections", L({ nl: "het format heeft geen secties", en: "the format has no sections" }));
  if (!format.duration) {
    c.add(format, ["id"], "error", "duration-missing", L({ nl: "duration (minuten) ontbreekt", en: "duration (minutes) is missing" }), true);
  } else if (format.sections.length) {
    const sum = format.sections.reduce((n, s) => n + (s.minutes || 0), 0);
    if (Math.abs(sum - format.duration) > format.duration * 0.1) {
      c.add(format, ["duration"], "warning", "timebox-sum", fill(L({ nl: "de tijdvakken van de secties tellen op tot {sum} minuten, de duur is {d}", en: "the section timeboxes add up to {sum} minutes, the duration is {d}" }), { sum, d: format.duration }));
    }
  }
  if (!tr(format.title) || isMadeUpTitle(format.title)) c.add(format, ["id"], "error", "title-missing", L({ nl: "title ontbreekt", en: "title is missing" }), true);
  return c.findings;
}

/** Lint a spec already in a registry (or about to be resolved against one). */
export function lintResolved(spec: FormatSpec, registry: FormatRegistry | undefined, extraLookup?: Map<string, FormatSpec>): { format: Format; findings: Finding[] } {
  const lookup = (id: string) => extraLookup?.get(id) ?? registry?.spec(id);
  const { format, findings } = resolveSpec(spec, lookup);
  const fallback = { file: spec.parsed.file, line: 1, col: 1 };
  // Semantic findings located in a parent file belong to that file's own lint run.
  const own = (f: Finding) => f.file === spec.parsed.file;
  let semantic = semanticFindings(format, fallback).filter(own);
  // With the parent missing, "no sections/duration/title" are consequences, not news.
  if (findings.some((f) => f.rule === "extends-target" || f.rule === "extends-cycle")) {
    semantic = semantic.filter((f) => !["no-sections", "duration-missing", "title-missing", "timebox-sum"].includes(f.rule));
  }
  return { format, findings: [...findings.filter(own), ...semantic] };
}

/** Lint one format file from disk: read, parse, schema, resolve, rules. */
export async function lintFormatFile(file: string, registry: FormatRegistry | undefined): Promise<{ format?: Format; findings: Finding[] }> {
  const text = await readTextFile(file);
  // Loaded here, not at the top: the registry imports this module to check the formats it
  // loads from its cache, and must not pay for the YAML parser when nothing is parsed.
  const { parseYaml } = await import("../yaml/parse.js");
  const parsed = parseYaml(text, file);
  if (parsed.findings.length > 0) return { findings: parsed.findings };
  const schema = await formatSchemaFindings(parsed);
  const spec = normalizeFormat(parsed);
  if (!spec) return { findings: schema };
  const { format, findings } = lintSpec(spec, registry);
  return { format, findings: [...schema, ...findings] };
}

/** The format schema's findings for a parsed format file (ajv is compiled on first use). */
export async function formatSchemaFindings(parsed: ParsedYaml): Promise<Finding[]> {
  return schemaFindings(await formatSchemaValidator(), parsed, {
    patternMessages: {
      id: { nl: "{got} is geen geldig id: begin met een letter, daarna letters, cijfers, _ of -", en: "{got} is not a valid id: start with a letter, then letters, digits, _ or -" },
      extends: { nl: "{got} is geen format-id (kleine letters, cijfers en -)", en: "{got} is not a format id (lower-case letters, digits and -)" },
    },
    oneOfMessage: (p, value) => {
      if (p.includes("when") || p.includes("share_when") || p.includes("not") || p.includes("all") || p.includes("any")) {
        return fill(L({ nl: "ongeldige voorwaarde {got}: gebruik {q, is}, {q, in}, {q, answered}, {all}, {any} of {not}", en: "invalid condition {got}: use {q, is}, {q, in}, {q, answered}, {all}, {any} or {not}" }), { got: JSON.stringify(value) });
      }
      return fill(L({ nl: "verwacht een tekst of {nl: …, en: …}, gevonden: {got}", en: "expected a text or {nl: …, en: …}, found: {got}" }), { got: JSON.stringify(value) });
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
  return { format, findings: own };
}

export function relativeTo(file: string): string {
  return path.relative(process.cwd(), file) || file;
}
