// YAML text → plain data plus a way back from a data path to line:column, so every
// finding can point at the node that caused it.
import type { Document, Node, Pair, YAMLMap } from "yaml";
import type * as YamlModule from "yaml";
import type { Finding } from "../findings/finding.js";
import { fill } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";

/** Nodes in the path to a value (the document, then each map or list and pair on the way). */
const MAX_DEPTH = 200;

export type DataPath = readonly (string | number)[];

export interface ParsedYaml {
  file: string;
  /** Plain data (undefined when the text could not be parsed). */
  data: unknown;
  findings: Finding[];
  /** Where a data path starts in the file; `key: true` points at the key rather than the value. */
  locate(path: DataPath, opts?: { key?: boolean }): { line: number; col: number };
}

/** Aliases allowed in one document: enough for real files, far too few for a "billion laughs". */
const MAX_ALIAS_COUNT = 100;

/**
 * Parse with a given instance of the yaml package: the ESM build normally, the CommonJS build
 * (loaded synchronously) when a cached file needs its positions after all. Keeping the module a
 * parameter lets this file load without loading `yaml`.
 */
export function parseYamlWith(Y: typeof YamlModule, text: string, file: string): ParsedYaml {
  const { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit, YAMLParseError } = Y;
  const lineCounter = new LineCounter();
  const findings: Finding[] = [];
  let doc: Document;
  try {
    doc = parseDocument(text, {
      lineCounter,
      // The yaml package checks each key against every earlier one (quadratic: 255 s for 100,000
      // keys); duplicates are found below with one set per mapping instead.
      uniqueKeys: false,
      prettyErrors: false,
      strict: true,
      schema: "core",
      // Keys like `on`/`no` stay strings and dates stay strings: YAML 1.2 core, no 1.1 surprises.
      version: "1.2",
      // Warnings are ours to word (a collection as a key, below), never printed by the library.
      logLevel: "error",
    });
  } catch (err) {
    // Pathological input (thousands of nested brackets) can exhaust the parser's stack.
    const deep = err instanceof RangeError;
    findings.push({
      file,
      line: 1,
      col: 1,
      severity: "error",
      rule: "yaml-syntax",
      message: deep
        ? msg("yaml.parseCore.yaml-error-file-nested-too")
        : fill(msg("yaml.parseCore.yaml-error-file-cannot-read"), { msg: (err as Error).message }),
    });
    return { file, data: undefined, findings, locate: () => ({ line: 1, col: 1 }) };
  }
  const { duplicates, collectionKeys } = keyProblems(Y, doc);
  if (duplicates.length || collectionKeys.length) {
    for (const at of duplicates) doc.errors.push(new YAMLParseError([at, at + 1], "DUPLICATE_KEY", "Map keys must be unique"));
    for (const at of collectionKeys) doc.errors.push(new YAMLParseError([at, at + 1], "NON_STRING_KEY", "collection as key"));
    doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  }
  // The yaml package reports some errors where the text ends: past the last line when the file
  // ends with a newline ("3:1" in a file of two lines). Such an error is about the last line.
  const end = text.trimEnd().length;
  const pos = (offset: number) => {
    const p = lineCounter.linePos(offset >= end && end > 0 ? firstNonSpace(text, text.lastIndexOf("\n", end - 1) + 1) : offset);
    return { line: p.line, col: p.col };
  };
  const push = (offset: number, message: string, rule: string, severity: "error" | "warning" = "error") =>
    findings.push({ file, ...pos(offset), severity, message, rule });

  // A line indented too far glues itself to the previous value ("s1 title: y" as one key); the
  // yaml package then reports that value twice. It is the next line's indentation that is wrong.
  const glued = new Set(doc.errors.filter((e) => e.code === "MULTILINE_IMPLICIT_KEY").map((e) => e.pos[0]));
  const reported = new Set<number>();
  for (const e of doc.errors) {
    const rule = e.code === "DUPLICATE_KEY" ? "duplicate-key" : "yaml-syntax";
    if (glued.has(e.pos[0])) {
      const next = text.indexOf("\n", e.pos[0]) + 1;
      const at = next > 0 ? firstNonSpace(text, next) : e.pos[0];
      if (!reported.has(at)) push(at, indentMessage(), rule);
      reported.add(at);
      continue;
    }
    if (reported.has(e.pos[0])) continue;
    reported.add(e.pos[0]);
    // The yaml package reports an unclosed quote or bracket where the file ends; people
    // need to see where it was opened.
    const opener =
      e.code === "MISSING_CHAR" || e.code === "BAD_INDENT" || e.code === "UNEXPECTED_TOKEN"
        ? unclosedOpener(Y, doc, text, e.pos[0])
        : undefined;
    const indent = !opener && isIndentError(e.code, e.message);
    // An indentation error is about the line's first character, not its column 1.
    const at = opener?.offset ?? (indent ? firstNonSpace(text, e.pos[0]) : e.pos[0]);
    push(
      at,
      opener ? unclosedMessage(opener.char) : indent ? indentMessage() : yamlMessage(e.code, e.message, keyAt(text, e.pos[0])),
      rule,
    );
  }
  // Too deep nesting is said once, however many times the parser ran out of stack.
  const deepAt = findings.findIndex((f) => f.message.includes("te diep genest") || f.message.includes("nested too deeply"));
  if (deepAt >= 0) {
    const keep = findings[deepAt]!;
    findings.splice(0, findings.length, ...findings.filter((f) => f === keep || !(f.message === keep.message)));
  }
  const tagged = new Set<number>();
  for (const w of doc.warnings) {
    // Unknown tags (`!!js/function`, `!foo`) are warnings to the yaml package; to us they
    // are input we refuse to interpret.
    const rule = w.code === "TAG_RESOLVE_FAILED" ? "yaml-tag" : "yaml-syntax";
    if (rule === "yaml-tag") tagged.add(pos(w.pos[0]).line);
    push(w.pos[0], rule === "yaml-tag" ? tagMessage(tagAt(text, w.pos[0])) : yamlMessage(w.code, w.message, ""), rule);
  }
  // Deeper than any format or session nests (a handful of levels): refused here, located. At a
  // few hundred levels the file still parsed, but writing it back (run --resume) ran out of stack.
  if (doc.errors.length === 0) {
    visit(doc, (_key, node, path) => {
      if (path.length <= MAX_DEPTH || !node || !(node as Node).range) return;
      push((node as Node).range![0], fill(msg("yaml.parseCore.nested-deeper-than-max"), { max: MAX_DEPTH }), "yaml-syntax");
      return visit.BREAK;
    });
  }
  // Tags the yaml package does know (`!!binary`, `!!timestamp`, `!!set`, ...) would turn a value
  // into a Buffer, Date or Set that no field of ours expects: refuse them as well.
  if (doc.errors.length === 0) {
    visit(doc, (_key, node) => {
      const n = node as (Node & { tag?: string }) | null;
      if (!n || isAlias(n) || !n.tag || ALLOWED_TAGS.has(n.tag) || !n.range) return;
      const at = tagStart(text, n.range[0]);
      if (tagged.has(pos(at).line)) return;
      tagged.add(pos(at).line);
      push(at, tagMessage(shortTag(n.tag)), "yaml-tag");
    });
  }

  const index = new WeakMap<object, Map<string, Pair>>();
  const locate = (path: DataPath, opts: { key?: boolean } = {}) => locateIn(Y, doc, path, opts, pos, index);

  if (findings.length > 0) return { file, data: undefined, findings, locate };

  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    findings.push({
      file,
      line: 1,
      col: 1,
      severity: "error",
      rule: "yaml-empty",
      message: msg("yaml.parseCore.file-empty-only-has-comments"),
    });
    return { file, data: undefined, findings, locate };
  }
  if (!isMap(doc.contents)) {
    const kind = isSeq(doc.contents) ? msg("common.list") : msg("yaml.parseCore.single-value");
    push(doc.contents.range?.[0] ?? 0, fill(msg("yaml.parseCore.expected-mapping-key-value-but"), { kind }), "yaml-not-mapping");
    return { file, data: undefined, findings, locate };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const unresolved = /Unresolved alias/.test((err as Error).message);
    push(
      aliasBlame(Y, doc, unresolved),
      unresolved ? msg("yaml.parseCore.alias-name-refers-anchor-name") : msg("yaml.parseCore.too-many-aliases-name-anchors"),
      "yaml-alias",
    );
    return { file, data: undefined, findings, locate };
  }
  return { file, data, findings, locate };
}

/** Core-schema tags a person may write explicitly (`!!str 08`); every other tag is refused. */
const ALLOWED_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`));

const shortTag = (tag: string) => tag.replace(/^tag:yaml\.org,2002:/, "!!");

/** The tag written just before a node's value (`!!binary aGVs…` → the `!`), else the value. */
function tagStart(text: string, valueStart: number): number {
  const lineStart = text.lastIndexOf("\n", valueStart - 1) + 1;
  let bang = text.lastIndexOf("!", valueStart);
  while (bang > lineStart && text[bang - 1] === "!") bang--; // `!!binary` starts at its first `!`
  return bang >= lineStart ? bang : valueStart;
}

function tagAt(text: string, offset: number): string {
  return /^!\S*/.exec(text.slice(offset))?.[0] ?? "!";
}

function tagMessage(tag: string): string {
  return fill(msg("yaml.parseCore.yaml-tag-tag-not-supported"), { tag });
}

/** Where an unclosed quote or flow bracket was opened: the last such node that runs up to the error. */
function unclosedOpener(
  Y: typeof YamlModule,
  doc: Document,
  text: string,
  errorOffset: number,
): { offset: number; char: string } | undefined {
  const { isMap, isScalar, isSeq, visit } = Y;
  let found: { offset: number; char: string } | undefined;
  visit(doc, (_key, node) => {
    const n = node as Node | null;
    if (!n || !n.range || n.range[0] >= errorOffset || n.range[1] < errorOffset - 1) return;
    const ch = text[n.range[0]];
    const quoted = isScalar(n) && (n.type === "QUOTE_DOUBLE" || n.type === "QUOTE_SINGLE");
    const flow = (isSeq(n) || isMap(n)) && n.flow === true;
    if (!(quoted || flow) || !ch || !"\"'[{".includes(ch)) return;
    const close = ch === "[" ? "]" : ch === "{" ? "}" : ch;
    const src = text.slice(n.range[0], n.range[1]).trimEnd();
    if (src.length > 1 && src.endsWith(close)) return; // properly closed
    found = { offset: n.range[0], char: ch };
  });
  return found;
}

function unclosedMessage(ch: string): string {
  const close = ch === "[" ? "]" : ch === "{" ? "}" : ch;
  return fill(msg("yaml.parseCore.yaml-error-open-opened-here"), { open: ch, close });
}

/** The alias to blame for a failed expansion: an unresolved one, or the first that multiplies (its anchor holds aliases). */
function aliasBlame(Y: typeof YamlModule, doc: Document, unresolved: boolean): number {
  const { visit } = Y;
  let first: number | undefined;
  let multiplier: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      const at = node.range?.[0];
      if (at === undefined) return;
      const target = node.resolve(doc);
      if (unresolved) {
        if (!target && first === undefined) first = at;
        return;
      }
      first ??= at;
      let nested = false;
      if (target)
        visit(target as Node, {
          Alias: () => {
            nested = true;
            return visit.BREAK;
          },
        });
      if (nested && multiplier === undefined) multiplier = at;
    },
  });
  return multiplier ?? first ?? 0;
}

function isIndentError(code: string, message: string): boolean {
  return (
    code === "BAD_INDENT" ||
    /without - indicator|same indentation|must be sufficiently indented|All mapping items must start/i.test(message)
  );
}

function firstNonSpace(text: string, offset: number): number {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  let i = lineStart;
  while (text[i] === " ") i++;
  return text[i] === "\n" || i >= text.length ? offset : i;
}

function indentMessage(): string {
  return msg("yaml.parseCore.yaml-error-line-not-indented");
}

/** The key written at an offset (`title: …` → `title`), for messages about it. */
function keyAt(text: string, offset: number): string {
  const m = /^(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([^:#\n]*?))\s*:/.exec(text.slice(offset, offset + 200));
  return (m?.[1] ?? m?.[2] ?? m?.[3] ?? "").trim();
}

function yamlMessage(code: string, original: string, source: string): string {
  const first = original.split("\n")[0] ?? original;
  if (/Maximum call stack size exceeded/i.test(first)) {
    return msg("yaml.parseCore.yaml-error-file-nested-too");
  }
  switch (code) {
    case "DUPLICATE_KEY":
      return source
        ? fill(msg("yaml.parseCore.key-key-appears-twice-same"), { key: source })
        : msg("yaml.parseCore.key-appears-twice-same-mapping");
    case "TAB_AS_INDENT":
      return msg("yaml.parseCore.tab-used-indentation-use-spaces");
    case "BLOCK_AS_IMPLICIT_KEY":
      return msg("yaml.parseCore.yaml-error-second-value-put");
    case "MULTIPLE_DOCS":
      return msg("yaml.parseCore.file-holds-more-than-one");
    case "NON_STRING_KEY":
      return msg("yaml.parseCore.yaml-error-key-must-name");
    // The yaml package's own wording ("Unexpected scalar at node end") tells a person nothing
    // and is English whatever the language: every other error gets words of ours.
    case "UNEXPECTED_TOKEN":
    case "BAD_SCALAR_START":
      return msg("yaml.parseCore.unexpected-text");
    case "BLOCK_IN_FLOW":
      return msg("yaml.parseCore.block-in-flow");
    case "BAD_DQ_ESCAPE":
      return msg("yaml.parseCore.bad-escape");
    case "MULTILINE_IMPLICIT_KEY":
      return msg("yaml.parseCore.multiline-key");
    case "KEY_OVER_1024_CHARS":
      return msg("yaml.parseCore.key-too-long");
    case "MISSING_CHAR":
      return msg("yaml.parseCore.missing-char");
    default:
      return msg("yaml.parseCore.not-valid-here");
  }
}

/**
 * Offsets of keys that repeat an earlier key of the same mapping (one set per mapping, linear),
 * and of keys that are a list or mapping (`? [a, b]`), which no afstem file has.
 */
function keyProblems(Y: typeof YamlModule, doc: Document): { duplicates: number[]; collectionKeys: number[] } {
  const { isCollection, isScalar, visit } = Y;
  const duplicates: number[] = [];
  const collectionKeys: number[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const k = pair.key;
        if (isCollection(k)) collectionKeys.push(k.range?.[0] ?? 0);
        // Same rule as the yaml package: scalars are equal by value, anything else only to itself.
        const id = isScalar(k) ? k.value : k;
        if (seen.has(id)) duplicates.push((k as Node | null)?.range?.[0] ?? 0);
        else seen.add(id);
      }
    },
  });
  return { duplicates, collectionKeys };
}

/** A mapping's pairs by key text, built once per mapping (locating 100,000 keys stays linear). */
function pairsOf(Y: typeof YamlModule, map: YAMLMap, index: WeakMap<object, Map<string, Pair>>): Map<string, Pair> {
  let m = index.get(map);
  if (!m) {
    m = new Map();
    for (const p of map.items) {
      if (!Y.isPair(p) || !Y.isScalar(p.key)) continue;
      const k = String(p.key.value ?? "");
      if (!m.has(k)) m.set(k, p as Pair);
    }
    index.set(map, m);
  }
  return m;
}

function locateIn(
  Y: typeof YamlModule,
  doc: Document,
  path: DataPath,
  opts: { key?: boolean },
  pos: (offset: number) => { line: number; col: number },
  index: WeakMap<object, Map<string, Pair>>,
): { line: number; col: number } {
  const { isMap, isSeq } = Y;
  let node: unknown = doc.contents;
  let best: number = (node as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      // An empty key (`: x`) is null to the yaml package and "" in the data.
      const pair = pairsOf(Y, node as YAMLMap, index).get(String(seg));
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (last && opts.key) return pos(keyNode.range?.[0] ?? best);
      node = pair.value;
      best = (node as Node | null)?.range?.[0] ?? keyNode.range?.[0] ?? best;
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg];
      if (!item) break;
      node = item;
      best = (item as Node).range?.[0] ?? best;
    } else {
      break;
    }
  }
  return pos(best);
}
