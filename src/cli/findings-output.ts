// Printing findings, as text lines or JSON, with a closing count. Exit 1 for errors.
import type { Finding } from "../findings/finding.js";
import { findingLines, sortFindings } from "../findings/finding.js";
import { displayPath } from "../util/paths.js";
import { fill } from "../i18n/lang.js";
import { EXIT } from "./errors.js";
import type { Io } from "./invocation.js";
import { chalkFor } from "../ui/colour.js";
import { msg } from "../i18n/messages.js";

export interface FindingsReport {
  files: number;
  findings: Finding[];
}

export function findingsExitCode(findings: readonly Finding[]): number {
  return findings.some((f) => f.severity === "error") ? EXIT.findings : EXIT.ok;
}

export function printFindings(report: FindingsReport, json: boolean, io: Io): number {
  const findings = sortFindings(report.findings.map((f) => ({ ...f, file: displayPath(f.file) })));
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  if (json) {
    io.stdout.write(`${JSON.stringify({ files: report.files, errors, warnings, findings }, null, 2)}\n`);
    return findingsExitCode(findings);
  }
  // The severity words are part of the line format, not translated; red/yellow on a terminal.
  const chalk = chalkFor(io, "stdout");
  const sev = (s: "error" | "warning") => (s === "error" ? chalk.red(s) : chalk.yellow(s));
  for (const line of findingLines(findings, sev)) io.stdout.write(`${line}\n`);
  const summary = fill(msg("cli.findingsOutput.files-fileword-checked-errors-errword"), {
    files: report.files,
    fileWord: report.files === 1 ? msg("cli.findingsOutput.file") : msg("cli.findingsOutput.files"),
    errors,
    errWord: errors === 1 ? msg("cli.findingsOutput.error") : msg("cli.findingsOutput.errors"),
    warnings,
    warnWord: warnings === 1 ? msg("cli.findingsOutput.warning") : msg("cli.findingsOutput.warnings"),
  });
  io.stderr.write(`${summary}\n`);
  return findingsExitCode(findings);
}
