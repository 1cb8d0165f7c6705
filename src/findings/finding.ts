// A finding is one located problem in a file: the common currency of lint, validate,
// --answers and the batch commands' "skipped" lists.

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
