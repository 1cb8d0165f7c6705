// Batch commands (validate, report, rollup) read many session files; each becomes either a
// checked session with its format or a located reason why it was skipped.
import type { Finding } from "../findings/finding.js";
import type { Format } from "../format/types.js";
import type { FormatRegistry } from "../format/registry.js";
import type { Session } from "../session/types.js";
import { readSessionFile } from "../session/io.js";
import { validateSession } from "../session/validate.js";
import { AnswerChecker } from "../session/answer-check.js";
import { UserError } from "../core/errors.js";

export type LoadedSession =
  | { ok: true; file: string; session: Session; format: Format; findings: Finding[] }
  | { ok: false; file: string; findings: Finding[] };

/** Read and validate one file; never throws for bad input (it becomes an error finding). */
export async function loadSession(file: string, registry: FormatRegistry, checker: AnswerChecker): Promise<LoadedSession> {
  try {
    const read = await readSessionFile(file);
    const { session, format, findings } = await validateSession(read, registry, {}, checker);
    if (session && format && !findings.some((f) => f.severity === "error")) return { ok: true, file, session, format, findings };
    return {
      ok: false,
      file,
      findings: findings.length ? findings : [{ file, line: 1, col: 1, severity: "error", rule: "session", message: "?" }],
    };
  } catch (err) {
    if (err instanceof UserError) {
      return {
        ok: false,
        file,
        findings: [
          { file, line: err.location?.line ?? 1, col: err.location?.col ?? 1, severity: "error", rule: "unreadable", message: err.message },
        ],
      };
    }
    throw err;
  }
}

/** Load files in order with a little I/O parallelism; results come back in input order. */
export async function* loadSessions(files: string[], registry: FormatRegistry, concurrency = 8): AsyncGenerator<LoadedSession> {
  const checker = await AnswerChecker.create();
  const pending: Promise<LoadedSession>[] = [];
  let next = 0;
  while (next < files.length && pending.length < concurrency) pending.push(loadSession(files[next++]!, registry, checker));
  while (pending.length) {
    const result = await pending.shift()!;
    if (next < files.length) pending.push(loadSession(files[next++]!, registry, checker));
    yield result;
  }
}
