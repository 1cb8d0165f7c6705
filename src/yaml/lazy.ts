// A ParsedYaml for data that came from the cache: positions are only needed when something is
// reported about this file, so the text is re-read and parsed (synchronously) on first use.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as YamlModule from "yaml";
import { parseYamlWith, type DataPath, type ParsedYaml } from "./parse-core.js";
import { decodeText } from "./read-text.js";

const require = createRequire(import.meta.url);

export function lazyParsed(file: string, data: unknown): ParsedYaml {
  let full: ParsedYaml | undefined;
  const locate = (path: DataPath, opts?: { key?: boolean }) => {
    if (!full) {
      try {
        const Y = require("yaml") as typeof YamlModule;
        full = parseYamlWith(Y, decodeText(readFileSync(file), file), file);
      } catch {
        return { line: 1, col: 1 };
      }
    }
    return full.locate(path, opts);
  };
  return { file, data, findings: [], locate };
}
