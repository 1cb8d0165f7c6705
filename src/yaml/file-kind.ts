// Format file or session file? Both are YAML mappings; a file of the other kind given to lint,
// validate or formats show is one finding that says what it is and which command checks it,
// not dozens of unknown keys.
import type { Finding } from "../findings/finding.js";
import { shellArg } from "../cli/shell-arg.js";
import { fill } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";
import { displayPath } from "../util/paths.js";

export type FileKind = "session" | "format";

const has = (data: Record<string, unknown>, ...keys: string[]) => keys.some((k) => Object.hasOwn(data, k));

/**
 * What a parsed document plainly is: a session (a top-level `afstem:` with `format:` or
 * `answers:`), a format (`id:` or `version:` with `sections:` or `meta:`, and neither `afstem:`
 * nor `answers:`), or undefined when it is neither clearly (then the usual findings say why).
 */
export function fileKind(data: unknown): FileKind | undefined {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  if (has(d, "afstem") && has(d, "format", "answers")) return "session";
  if (has(d, "id", "version") && has(d, "sections", "meta") && !has(d, "afstem", "answers")) return "format";
  return undefined;
}

/** The one finding for a file of the other kind, at line 1: what it is and the command that checks it. */
export function otherKindFinding(file: string, kind: FileKind): Finding {
  return {
    file,
    line: 1,
    col: 1,
    severity: "error",
    rule: kind === "session" ? "format-kind" : "session-kind",
    message: fill(msg(kind === "session" ? "yaml.fileKind.session-not-format" : "yaml.fileKind.format-not-session"), {
      arg: shellArg(displayPath(file)),
    }),
  };
}
