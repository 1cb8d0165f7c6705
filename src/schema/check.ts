// JSON Schema validation (ajv) turned into located, readable findings.
// Ajv's raw errors are precise but cryptic ("must match exactly one schema in oneOf");
// here each becomes one sentence at the YAML node it concerns.
import type { ErrorObject, ValidateFunction } from "ajv";
import type { Finding } from "../findings/finding.js";
import type { DataPath, ParsedYaml } from "../yaml/parse.js";
import { fill } from "../i18n/lang.js";
import { closest } from "../util/suggest.js";
import { msg } from "../i18n/messages.js";
import type { MessageKey } from "../i18n/messages.js";

export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describeType(t: unknown): string {
  const names: Record<string, MessageKey> = {
    string: "schema.check.text-2",
    number: "format.lint.number",
    integer: "schema.check.integer",
    boolean: "schema.check.true-false",
    array: "common.list",
    object: "schema.check.mapping-key-value",
  };
  const list = Array.isArray(t) ? t : [t];
  return list.map((x) => (names[String(x)] ? msg(names[String(x)]!) : String(x))).join(msg("schema.check.text"));
}

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return msg("common.list");
  if (typeof v === "object") return msg("schema.check.mapping");
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return String(v);
}

function get(data: unknown, path: DataPath): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/**
 * The key a finding is about, as the user wrote it: `duration`, `maxItems`, or `options, item 3`
 * for an entry of a list. Empty for the document itself.
 */
function keyLabel(path: DataPath): string {
  let i = path.length - 1;
  while (i >= 0 && typeof path[i] === "number") i--;
  if (i < 0) return "";
  const key = String(path[i]);
  const item = path[i + 1];
  return typeof item === "number" ? fill(msg("schema.check.key-item"), { key, n: item + 1 }) : key;
}

const limitOf = (e: ErrorObject): unknown => (e.params as { limit?: unknown }).limit;

/**
 * A limit keyword (minimum, maxItems, …) in words: what the value is, what is allowed, what to
 * do. Never ajv's own text ("must be >= 1"): an unknown keyword gets a general sentence.
 */
function limitMessage(e: ErrorObject, value: unknown): string {
  const limit = limitOf(e);
  const got = describeValue(value);
  const n = Array.isArray(value) ? value.length : typeof value === "string" ? [...value].length : 0;
  const keys: Record<string, MessageKey> = {
    minimum: "schema.check.got-below-minimum",
    exclusiveMinimum: "schema.check.got-not-above-limit",
    maximum: "schema.check.got-above-maximum",
    exclusiveMaximum: "schema.check.got-not-below-limit",
    minItems: "schema.check.list-too-few-items",
    maxItems: "schema.check.list-too-many-items",
    minLength: "schema.check.text-too-short",
    maxLength: "schema.check.text-too-long",
    minProperties: "schema.check.mapping-too-few-keys",
  };
  const key = keys[e.keyword];
  return key ? fill(msg(key), { got, limit: String(limit), n }) : fill(msg("schema.check.got-not-allowed-here"), { got });
}

export interface SchemaHints {
  /** Messages for `pattern` failures, by the whole path (`/id`) or the key the value is under (`id`). */
  patternMessages?: Record<string, MessageKey>;
  /** A message for a oneOf failure, by a predicate on the data path. */
  oneOfMessage?: (path: DataPath, value: unknown) => string | undefined;
}

export function schemaFindings(validate: ValidateFunction, parsed: ParsedYaml, hints: SchemaHints = {}): Finding[] {
  if (validate(parsed.data)) return [];
  const errors = validate.errors ?? [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  // oneOf failures explain themselves best as one message; drop the errors of their branches.
  // A set of paths and a walk up each error's path: linear in the number of errors.
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath));
  const insideOneOf = (p: string): boolean => {
    for (let q = p; ; q = q.slice(0, q.lastIndexOf("/"))) {
      if (oneOfPaths.has(q)) return true;
      if (!q) return false;
    }
  };
  const underOneOf = (e: ErrorObject) =>
    e.keyword !== "oneOf" && oneOfPaths.size > 0 && e.schemaPath.includes("/oneOf/") && insideOneOf(e.instancePath);
  // A oneOf one of whose branches fits the shape (no error at the value itself), failing only
  // because of a problem inside it (a condition's `q: vraag_é`): that problem says it, not a
  // second finding that the shape is wrong.
  const fitsOneBranch = (o: ErrorObject): boolean => {
    const branches = Array.isArray(o.schema) ? o.schema.length : 0;
    const failed = new Set<string>();
    for (const e of errors) {
      if (e.instancePath !== o.instancePath || e === o) continue;
      const m = /\/oneOf\/(\d+)\/[^/]*$/.exec(e.schemaPath);
      if (m) failed.add(m[1]!);
    }
    const deeper = errors.some((e) => e.keyword !== "oneOf" && !underOneOf(e) && e.instancePath.startsWith(`${o.instancePath}/`));
    return deeper && failed.size < branches;
  };
  // A misspelt key (`promt`) also makes the real one (`prompt`) missing: say it once, as the typo.
  const typoFor = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== "additionalProperties") continue;
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    const guess = closest(key, Object.keys((e.parentSchema as { properties?: Record<string, unknown> })?.properties ?? {}));
    if (guess) typoFor.add(`${e.instancePath}\u0000${guess}`);
  }
  for (const e of errors) {
    if (underOneOf(e)) continue;
    if (e.keyword === "oneOf" && fitsOneBranch(e)) continue;
    if (e.keyword === "required" && typoFor.has(`${e.instancePath}\u0000${(e.params as { missingProperty: string }).missingProperty}`))
      continue;
    const path = pointerToPath(e.instancePath);
    const value = get(parsed.data, path);
    let at = parsed.locate(path);
    let message: string;
    let rule = "schema";
    switch (e.keyword) {
      case "additionalProperties": {
        const key = (e.params as { additionalProperty: string }).additionalProperty;
        const allowed = Object.keys((e.parentSchema as { properties?: Record<string, unknown> })?.properties ?? {});
        const guess = closest(key, allowed);
        at = parsed.locate([...path, key], { key: true });
        message = fill(msg("schema.check.unknown-key-key"), { key });
        message += guess
          ? fill(msg("schema.check.did-you-mean-guess"), { guess })
          : fill(msg("schema.check.allowed-list"), { list: allowed.join(", ") });
        rule = "unknown-key";
        break;
      }
      case "required": {
        const key = (e.params as { missingProperty: string }).missingProperty;
        message = fill(msg("schema.check.required-key-key-missing"), { key });
        rule = "required-key";
        break;
      }
      case "type":
        message = fill(msg("schema.check.expected-want-found-got"), {
          want: describeType((e.params as { type: unknown }).type),
          got: describeValue(value),
        });
        rule = "wrong-type";
        break;
      case "enum": {
        const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
        const guess = typeof value === "string" ? closest(value, allowed) : undefined;
        message = fill(msg("schema.check.got-not-allowed-choose-from"), {
          got: describeValue(value),
          list: allowed.join(", "),
        });
        if (guess) message += fill(msg("schema.check.did-you-mean-guess"), { guess });
        rule = "bad-value";
        break;
      }
      case "pattern": {
        // The rule of this very field: by its whole path first (`/id`: the format's own id),
        // then by the key it is under (`id`, or `remove` for an entry of that list).
        const under = [...path].reverse().find((seg) => typeof seg === "string");
        const hint = hints.patternMessages?.[`/${path.join("/")}`] ?? (under === undefined ? undefined : hints.patternMessages?.[under]);
        message = hint
          ? fill(msg(hint), { got: describeValue(value) })
          : fill(msg("schema.check.got-does-not-have-right"), {
              got: describeValue(value),
              pattern: (e.params as { pattern: string }).pattern,
            });
        rule = "bad-value";
        break;
      }
      case "oneOf":
        message =
          hints.oneOfMessage?.(path, value) ??
          fill(msg("schema.check.got-does-not-have-one"), {
            got: describeValue(value),
          });
        rule = "bad-shape";
        break;
      case "const": {
        const want = (e.params as { allowedValue: unknown }).allowedValue;
        message = fill(msg("schema.check.got-not-allowed-must-want"), { got: describeValue(value), want: describeValue(want) });
        rule = "bad-value";
        break;
      }
      default:
        message = limitMessage(e, value);
        rule = "bad-value";
    }
    // Which key: unknown and missing keys name it already; every other finding starts with it.
    const key = keyLabel(path);
    if (key && e.keyword !== "additionalProperties" && e.keyword !== "required") {
      message = fill(msg("schema.check.key-message"), { key, message });
    }
    const dedupe = `${at.line}:${at.col}:${message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    findings.push({ file: parsed.file, ...at, severity: "error", message, rule });
  }
  return findings;
}
