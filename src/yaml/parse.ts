// The usual entry: parse with `yaml`, loaded on first use rather than when this module is
// imported. The rollup's and the report's fast paths import this module (for the files their
// subset reader gives up on) but seldom call it, and loading `yaml` costs ~45 ms a thread.
import { createRequire } from "node:module";
import type * as YamlModule from "yaml";
import { parseYamlWith, type ParsedYaml } from "./parse-core.js";

export type { DataPath, ParsedYaml } from "./parse-core.js";

const require = createRequire(import.meta.url);
let loaded: typeof YamlModule | undefined;

/** The `yaml` module (synchronously, once per thread). */
export const yamlModule = (): typeof YamlModule => (loaded ??= require("yaml") as typeof YamlModule);

export function parseYaml(text: string, file: string): ParsedYaml {
  return parseYamlWith(yamlModule(), text, file);
}
