// The usual entry: parse with the ESM build of `yaml` (loaded when this module is imported).
// Modules that must not load `yaml` at start-up import ./parse-core.js instead.
import * as Y from "yaml";
import { parseYamlWith, type ParsedYaml } from "./parse-core.js";

export type { DataPath, ParsedYaml } from "./parse-core.js";

export function parseYaml(text: string, file: string): ParsedYaml {
  return parseYamlWith(Y, text, file);
}
