// YAML text → plain data plus a way back from a data path to line:column, so every
// finding can point at the node that caused it.
import type { Document, Node } from "yaml";
import type * as YamlModule from "yaml";
import type { Finding } from "../findings/finding.js";
import { L, fill } from "../i18n/lang.js";

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
  const { LineCounter, isMap, isScalar, isSeq, parseDocument } = Y;
  const lineCounter = new LineCounter();
  const findings: Finding[] = [];
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    schema: "core",
    // Keys like `on`/`no` stay strings and dates stay strings: YAML 1.2 core, no 1.1 surprises.
    version: "1.2",
  });
  const pos = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const push = (offset: number, message: string, rule: string, severity: "error" | "warning" = "error") =>
    findings.push({ file, ...pos(offset), severity, message, rule });

  for (const e of doc.errors) {
    const rule = e.code === "DUPLICATE_KEY" ? "duplicate-key" : "yaml-syntax";
    push(e.pos[0], yamlMessage(e.code, e.message), rule);
  }
  for (const w of doc.warnings) {
    // Unknown tags (`!!js/function`, `!!binary`) are warnings to the yaml package; to us they
    // are input we refuse to interpret.
    const rule = w.code === "TAG_RESOLVE_FAILED" ? "yaml-tag" : "yaml-syntax";
    push(w.pos[0], yamlMessage(w.code, w.message), rule);
  }

  const locate = (path: DataPath, opts: { key?: boolean } = {}) => locateIn(Y, doc, path, opts, pos);

  if (findings.length > 0) return { file, data: undefined, findings, locate };

  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    findings.push({
      file, line: 1, col: 1, severity: "error", rule: "yaml-empty",
      message: L({ nl: "het bestand is leeg (of bevat alleen commentaar)", en: "the file is empty (or only has comments)" }),
    });
    return { file, data: undefined, findings, locate };
  }
  if (!isMap(doc.contents)) {
    const kind = isSeq(doc.contents) ? L({ nl: "een lijst", en: "a list" }) : L({ nl: "één waarde", en: "a single value" });
    push(doc.contents.range?.[0] ?? 0,
      fill(L({ nl: "verwacht een mapping (sleutel: waarde), maar het document is {kind}", en: "expected a mapping (key: value), but the document is {kind}" }), { kind }),
      "yaml-not-mapping");
    return { file, data: undefined, findings, locate };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    push(0, fill(L({ nl: "te veel aliassen/ankers ({msg})", en: "too many aliases/anchors ({msg})" }), { msg: (err as Error).message }), "yaml-alias");
    return { file, data: undefined, findings, locate };
  }
  return { file, data, findings, locate };
}

function yamlMessage(code: string, original: string): string {
  const first = original.split("\n")[0] ?? original;
  switch (code) {
    case "DUPLICATE_KEY":
      return L({ nl: "deze sleutel komt twee keer voor in dezelfde mapping", en: "this key appears twice in the same mapping" });
    case "TAB_AS_INDENT":
      return L({ nl: "tab gebruikt om in te springen; gebruik spaties", en: "tab used for indentation; use spaces" });
    case "TAG_RESOLVE_FAILED":
      return fill(L({ nl: "onbekende YAML-tag wordt niet ondersteund ({msg})", en: "unknown YAML tag is not supported ({msg})" }), { msg: first });
    case "MULTIPLE_DOCS":
      return L({ nl: "het bestand bevat meer dan één YAML-document (---); één per bestand", en: "the file holds more than one YAML document (---); one per file" });
    case "MISSING_CHAR":
    case "MISSING_ANCHOR":
    case "BAD_INDENT":
    case "UNEXPECTED_TOKEN":
    case "BLOCK_AS_IMPLICIT_KEY":
    default:
      return `${L({ nl: "YAML-fout", en: "YAML error" })}: ${first.replace(/ at line \d+, column \d+.*$/, "")}`;
  }
}

function locateIn(
  Y: typeof YamlModule,
  doc: Document,
  path: DataPath,
  opts: { key?: boolean },
  pos: (offset: number) => { line: number; col: number },
): { line: number; col: number } {
  const { isMap, isPair, isScalar, isSeq } = Y;
  let node: unknown = doc.contents;
  let best: number = (node as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
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
