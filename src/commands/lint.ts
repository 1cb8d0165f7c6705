// afstem lint <file|dir>...: every finding in every format file.
import type { Command } from "commander";
import path from "node:path";
import type { Finding } from "../findings/finding.js";
import { FormatRegistry, formatDirs } from "../format/registry.js";
import { lintFormatFile } from "../format/lint.js";
import { expandPaths } from "../util/files.js";
import { assertReadableDirs } from "../yaml/read-text.js";
import { optionsOf } from "../cli/options.js";
import { printFindings } from "../cli/findings-output.js";
import { UserError } from "../cli/errors.js";

export default async function lint(paths: string[], _opts: unknown, cmd: Command): Promise<number> {
  const opts = optionsOf<{ json?: boolean }>(cmd);
  await assertReadableDirs(paths);
  const files = await expandPaths(paths);
  // The folders being linted come first, so their formats' extends resolve among themselves.
  const dirs = [...new Set(files.map((f) => path.dirname(path.resolve(f))))];
  const registry = await FormatRegistry.load([...dirs, ...formatDirs(opts.formatsDir)]);
  const findings: Finding[] = [];
  for (const file of files) {
    try {
      findings.push(...(await lintFormatFile(file, registry)).findings);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      // Unreadable (binary, not UTF-8, ...): a finding like any other, exit code decides below.
      findings.push({ file, line: err.location?.line ?? 1, col: err.location?.col ?? 1, severity: "error", rule: "unreadable", message: err.message });
    }
  }
  const code = printFindings({ files: files.length, findings }, opts.json === true);
  return findings.some((f) => f.rule === "unreadable") ? 2 : code;
}
