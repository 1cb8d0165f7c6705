// afstem validate <file|dir>...: session files against their format.
import type { Command } from "commander";
import type { Finding } from "../findings/finding.js";
import { FormatRegistry, formatDirs } from "../format/registry.js";
import { expandPaths } from "../util/files.js";
import { assertReadableDirs } from "../yaml/read-text.js";
import { optionsOf } from "../cli/options.js";
import { printFindings } from "../cli/findings-output.js";
import { loadSessions } from "../store/batch.js";

export default async function validate(paths: string[], _opts: unknown, cmd: Command): Promise<number> {
  const opts = optionsOf<{ json?: boolean }>(cmd);
  await assertReadableDirs(paths);
  const files = await expandPaths(paths);
  const registry = await FormatRegistry.load(formatDirs(opts.formatsDir), { verify: true });
  const findings: Finding[] = [];
  let unreadable = false;
  for await (const r of loadSessions(files, registry)) {
    findings.push(...r.findings);
    if (r.findings.some((f) => f.rule === "unreadable")) unreadable = true;
  }
  const code = printFindings({ files: files.length, findings }, opts.json === true);
  return unreadable ? 2 : code;
}
