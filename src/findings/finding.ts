// A finding is one located problem in a file: the common currency of lint, validate,
// --answers and the batch commands' "skipped" lists.

import { fill } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";

export type Severity = "error" | "warning";

export interface Finding {
  file: string;
  line: number;
  col: number;
  severity: Severity;
  message: string;
  /** Stable rule id, e.g. `when-target`; documented in the README. */
  rule: string;
}

/** `path:line:col  error  message  (rule)` — the one text form every command prints. */
export function formatFinding(f: Finding, severityLabel: (s: Severity) => string = (s) => s): string {
  return `${f.file}:${f.line}:${f.col}  ${severityLabel(f.severity)}  ${f.message}  (${f.rule})`;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

/** Stable order: by file, then position, then rule. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.col - b.col ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

/** Findings shown per file; the rest is counted ("… en N meer"): a file with 100,000 bad keys stays readable. */
export const MAX_FINDINGS_PER_FILE = 100;

/** Text lines for findings (in their order): at most MAX_FINDINGS_PER_FILE per file, then one "… en N meer" line. */
export function findingLines(findings: readonly Finding[], severityLabel?: (s: Severity) => string): string[] {
  const shown = new Map<string, number>();
  const lines: string[] = [];
  const more = new Map<string, { at: number; n: number }>();
  for (const f of findings) {
    const n = (shown.get(f.file) ?? 0) + 1;
    shown.set(f.file, n);
    if (n <= MAX_FINDINGS_PER_FILE) {
      lines.push(formatFinding(f, severityLabel));
      continue;
    }
    const m = more.get(f.file);
    if (m) m.n++;
    else {
      more.set(f.file, { at: lines.length, n: 1 });
      lines.push("");
    }
  }
  for (const [file, m] of more) lines[m.at] = fill(msg("findings.finding.f-n-more"), { f: file, n: m.n });
  return lines;
}
