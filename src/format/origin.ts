// Side table from model objects back to the YAML node they came from, so semantic
// findings on the resolved (merged) model still point at the right file, line and column.
import type { DataPath, ParsedYaml } from "../yaml/parse.js";

export interface Origin {
  parsed: ParsedYaml;
  path: DataPath;
}

const origins = new WeakMap<object, Origin>();

export function setOrigin(obj: object, origin: Origin): void {
  origins.set(obj, origin);
}

export function originOf(obj: object): Origin | undefined {
  return origins.get(obj);
}

/** file:line:col of an object, or of one of its keys (`sub` is a path below it). */
export function where(
  obj: object,
  sub: DataPath = [],
  opts: { key?: boolean } = {},
): { file: string; line: number; col: number } | undefined {
  const o = origins.get(obj);
  if (!o) return undefined;
  return { file: o.parsed.file, ...o.parsed.locate([...o.path, ...sub], opts) };
}
