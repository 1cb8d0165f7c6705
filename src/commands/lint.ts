// afstem lint <file|dir>...: every finding in every format file.
import path from "node:path";
import type { Finding } from "../findings/finding.js";
import { formatDirs, yamlFilesIn } from "../format/registry.js";
import { expandSomePaths } from "../util/files.js";
import { assertReadableDirs } from "../yaml/read-text.js";
import type { GlobalOptions } from "../cli/options.js";
import type { Io } from "../cli/invocation.js";
import { printFindings } from "../cli/findings-output.js";
import { UserError } from "../cli/errors.js";
import { LintCache } from "../cache/lint-cache.js";
import { getLang } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";

async function lintFiles(files: string[], dirs: string[], extraDirs: string[]): Promise<Finding[]> {
  // Loaded only on a cache miss: the linter pulls in the YAML parser and ajv.
  const [{ FormatRegistry, shadowFindings }, { lintFormatFile }] = await Promise.all([
    import("../format/registry.js"),
    import("../format/lint.js"),
  ]);
  const registry = await FormatRegistry.load(dirs);
  const findings: Finding[] = [];
  for (const file of files) {
    try {
      findings.push(...(await lintFormatFile(file, registry)).findings, ...shadowFindings(registry, file, extraDirs));
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      // Unreadable (binary, not UTF-8, ...): a finding like any other, exit code decides below.
      findings.push({
        file,
        line: err.location?.line ?? 1,
        col: err.location?.col ?? 1,
        severity: "error",
        rule: "unreadable",
        message: err.message,
      });
    }
  }
  return findings;
}

export default async function lint(paths: string[], opts: { json?: boolean } & GlobalOptions, io: Io): Promise<number> {
  await assertReadableDirs(paths);
  const files = await expandSomePaths(paths, {
    message: msg("commands.lint.no-format-files-found-paths"),
    hint: msg("commands.lint.afstem-lint-checks-yaml-yml"),
  });
  // The folders being linted come first, so their formats' extends resolve among themselves.
  const dirs = [...new Set([...files.map((f) => path.dirname(path.resolve(io.cwd, f))), ...formatDirs(opts.formatsDir)])];
  const registryFiles = (await Promise.all(dirs.map((d) => yamlFilesIn(d)))).flat();
  const cache = await LintCache.open(files, registryFiles, JSON.stringify({ lang: getLang(), cwd: io.cwd, dirs }));
  let findings = cache.get();
  if (!findings) {
    findings = await lintFiles(files, dirs, formatDirs(opts.formatsDir).slice(0, -1));
    // An unreadable file is an I/O state, not a property of the content: never cache it.
    if (!findings.some((f) => f.rule === "unreadable")) cache.set(findings);
  }
  const code = printFindings({ files: files.length, findings }, opts.json === true, io);
  return findings.some((f) => f.rule === "unreadable") ? 2 : code;
}
