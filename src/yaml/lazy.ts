// A ParsedYaml for data that came from the cache: positions are only needed when something is
// reported about this file, so the text is re-read and parsed (synchronously) on first use.
import { readFileSync } from "node:fs";
import type { DataPath, ParsedYaml } from "./parse-core.js";
import { parseYaml } from "./parse.js";
import { decodeText } from "./read-text.js";

export function lazyParsed(file: string, data: unknown): ParsedYaml {
  let full: ParsedYaml | undefined;
  const locate = (path: DataPath, opts?: { key?: boolean }) => {
    if (!full) {
      try {
        full = parseYaml(decodeText(readFileSync(file), file), file);
      } catch {
        return { line: 1, col: 1 };
      }
    }
    return full.locate(path, opts);
  };
  return { file, data, findings: [], locate };
}
