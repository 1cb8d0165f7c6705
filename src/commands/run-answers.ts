// `afstem run --answers FILE`: fill a session without prompts. The file has the session's
// shape (partial is fine); every problem is listed with its location, and nothing is written
// unless the whole file is acceptable.
import path from "node:path";
import type { Format } from "../format/types.js";
import type { FormatRegistry } from "../format/registry.js";
import { readSessionFile, serializeSession } from "../session/io.js";
import { numbered, writeNewFileSync, makeDirSync } from "../util/writer.js";
import { validateSession } from "../session/validate.js";
import { AnswerChecker } from "../session/answer-check.js";
import { findingLines, sortFindings, type Finding } from "../findings/finding.js";
import { sessionFileName } from "../util/files.js";
import { displayPath } from "../util/paths.js";
import { EXIT, UserError } from "../core/errors.js";
import { fill } from "../i18n/lang.js";
import { reconcileAside } from "../conversation/aside.js";
import { saveFailure } from "../store/safe-save.js";
import type { Io } from "../cli/invocation.js";
import { msg } from "../i18n/messages.js";
import { fileKind, otherKindFinding } from "../yaml/file-kind.js";
import type { ReadSession } from "../session/io.js";

export async function fillFromAnswers(
  file: string,
  format: Format,
  registry: FormatRegistry,
  outDir: string,
  io: Pick<Io, "stdout" | "stderr">,
  now = Date.now(),
): Promise<number> {
  const read = await readSessionFile(file);
  const kind = formatFileFinding(read);
  if (kind) return refused([kind], file, io);
  const data = read.parsed.data;
  // The format comes from the command line, else from the file's `format:`; a file that names
  // another format than the command line is refused rather than one of them silently winning.
  const named = namedFormat(data);
  if (read.session && named === undefined && isMapping(data) && data.format === undefined) {
    data.format = { id: format.id, version: format.version };
    read.session.format = { id: format.id, version: format.version };
  }
  if (named !== undefined && named !== format.id) {
    throw new UserError(
      fill(msg("commands.run.f-session-format-not-b"), { f: displayPath(file), a: named, b: format.id }),
      EXIT.usage,
      undefined,
      msg("commands.runAnswers.leave-out-format-or-change"),
    );
  }
  const check = await validateSession(read, registry, { partial: true }, await AnswerChecker.create());
  const findings = sortFindings(check.findings.map((f) => ({ ...f, file: displayPath(f.file) })));
  const errors = findings.filter((f) => f.severity === "error").length;
  if (errors || !check.session || !check.format) return refused(findings, file, io);
  for (const line of findingLines(findings)) io.stderr.write(`${line}\n`);
  const session = check.session;
  reconcileAside(check.format, session);
  const at = new Date(now).toISOString();
  session.updated = at;
  // A hand-made file rarely says when it started; then it starts now, not after `updated`.
  if (typeof (data as Record<string, unknown>).started !== "string") session.started = at;
  session.history.push({ event: "import", at, note: path.basename(file) });
  const cannotWrite = (err: unknown, where: string) =>
    new UserError(
      fill(msg("commands.runAnswers.cannot-write-d-why"), { d: displayPath(where), why: saveFailure(err) }),
      EXIT.usage,
      undefined,
      msg("commands.runAnswers.choose-folder-you-can-write"),
    );
  try {
    makeDirSync(outDir);
  } catch (err) {
    throw cannotWrite(err, outDir);
  }
  // A name that is taken (also by another afstem a moment ago) gets -2, -3: claimed
  // exclusively, so two runs never both report the same file (util/writer.ts).
  let target: string;
  try {
    target = writeNewFileSync(
      numbered(path.join(outDir, sessionFileName(session.meta, session.format.id, ".yaml"))),
      serializeSession(session),
    );
  } catch (err) {
    throw cannotWrite(err, outDir);
  }
  io.stdout.write(`${fill(msg("commands.runAnswers.saved-f"), { f: displayPath(target) })}\n`);
  return EXIT.ok;
}

/**
 * A format file given where a session belongs (--answers, --resume): the one finding validate
 * gives for it ('dit is een formatbestand …; controleer het met afstem lint …'), not every
 * session key it lacks. Also with `partial`, which leaves out the check in validateSession.
 */
export function formatFileFinding(read: ReadSession): Finding | undefined {
  return fileKind(read.parsed.data) === "format"
    ? { ...otherKindFinding(read.parsed.file, "format"), file: displayPath(read.parsed.file) }
    : undefined;
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The format id the file's own `format:` names, if it names one. */
function namedFormat(data: unknown): string | undefined {
  const f = isMapping(data) ? data.format : undefined;
  return isMapping(f) && typeof f.id === "string" && f.id ? f.id : undefined;
}

/** Every problem of the file, located; nothing is written (exit 1). */
function refused(findings: Finding[], file: string, io: Pick<Io, "stderr">): number {
  for (const line of findingLines(findings)) io.stderr.write(`${line}\n`);
  const errors = findings.filter((f) => f.severity === "error").length;
  io.stderr.write(`${fill(msg("commands.runAnswers.n-problem-s-f-nothing"), { n: Math.max(errors, 1), f: displayPath(file) })}\n`);
  return EXIT.findings;
}

/**
 * `run --answers FILE` without a format on the command line: the one the file names. A file
 * that cannot be read as a session has its problems listed (exit 1); one that names no format
 * is a usage error (exit 2), as `run` without a format is.
 */
export async function answersFormatRef(file: string, io: Pick<Io, "stderr">): Promise<string | number> {
  const read = await readSessionFile(file);
  const kind = formatFileFinding(read);
  if (kind) return refused([kind], file, io);
  const named = namedFormat(read.parsed.data);
  if (named !== undefined) return named;
  if (!read.session) return refused(sortFindings(read.findings.map((f) => ({ ...f, file: displayPath(f.file) }))), file, io);
  throw new UserError(
    fill(msg("commands.run.f-names-no-format"), { f: displayPath(file) }),
    EXIT.usage,
    undefined,
    msg("commands.runAnswers.name-format-command-line-or-file"),
  );
}
