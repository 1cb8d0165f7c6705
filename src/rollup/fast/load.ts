// The fast way from a session file to a rollup record: read, the subset YAML reader, the
// same schema and format validation as `afstem validate`. Whenever this path is unsure (the
// subset reader gives up) or finds an error, the file goes through the ordinary
// `loadSession`, so skipped files and their located findings are exactly the simple path's.
import type { FormatRegistry } from "../../format/registry.js";
import type { Finding } from "../../findings/finding.js";
import type { ParsedYaml } from "../../yaml/parse.js";
import { decodeText, MAX_FILE_BYTES, readRegularFileSync } from "../../yaml/read-text.js";
import { schemaFindings } from "../../schema/check.js";
import { sessionSchemaValidator } from "../../schema/validators.js";
import { completeSession } from "../../session/io.js";
import { validateSession } from "../../session/validate.js";
import { loadSession, type LoadedSession } from "../../store/batch.js";
import { AnswerChecker } from "../../session/answer-check.js";
import type { FormatPlan } from "../plan.js";
import type { RecordOptions } from "../record.js";
import { packSession, type PackedRecord } from "../packed.js";
import { parseSubset } from "./yaml-subset.js";

export type RecordResult = { ok: true; file: string; packed: PackedRecord } | { ok: false; file: string; findings: Finding[] };

export interface FastContext {
  registry: FormatRegistry;
  checker: AnswerChecker;
  plan: (formatId: string) => FormatPlan;
  opts: RecordOptions;
}

/** One read buffer per thread for files up to 64 KB (sessions are a few KB). */
let scratch: Buffer | undefined;

/**
 * A file's text, or undefined when it cannot be read as UTF-8 text (unreadable, not UTF-8, a
 * directory): the simple path says why. The rollup's main thread reads ahead for its worker.
 */
export function readTextQuick(file: string): string | undefined {
  try {
    return decodeText(readRegularFileSync(file, MAX_FILE_BYTES, (scratch ??= Buffer.allocUnsafe(1 << 16))), file);
  } catch {
    return undefined;
  }
}

function readQuick(file: string, text = readTextQuick(file)): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    return parseSubset(text);
  } catch {
    return undefined; // the full parser will say what is wrong
  }
}

/**
 * A checked session by the fast path, or — when the subset reader is unsure or finds an
 * error — exactly what `loadSession` gives. Findings of an accepted file carry placeholder
 * positions: callers use them only when the file is skipped, and that is the slow path's.
 */
export async function fastSession(
  file: string,
  ctx: { registry: FormatRegistry; checker: AnswerChecker },
  /** The file's text when another thread read it already (readTextQuick). */
  text?: string,
): Promise<LoadedSession> {
  const data = readQuick(file, text);
  if (data) {
    const parsed: ParsedYaml = { file, data, findings: [], locate: () => ({ line: 1, col: 1 }) };
    const findings = schemaFindings(await sessionSchemaValidator(), parsed);
    if (!findings.some((f) => f.severity === "error")) {
      const read = { parsed, session: completeSession(data), findings };
      const checked = await validateSession(read, ctx.registry, {}, ctx.checker);
      if (checked.session && checked.format && !checked.findings.some((f) => f.severity === "error")) {
        return { ok: true, file, session: checked.session, format: checked.format, findings: checked.findings };
      }
    }
  }
  return loadSession(file, ctx.registry, ctx.checker);
}

/** `loadSessions` by the fast path, in input order (the report command's reader). */
export async function* fastSessions(files: string[], registry: FormatRegistry): AsyncGenerator<LoadedSession> {
  const ctx = { registry, checker: await AnswerChecker.create() };
  for (const file of files) yield await fastSession(file, ctx);
}

export async function fastRecord(file: string, ctx: FastContext, text?: string): Promise<RecordResult> {
  const r = await fastSession(file, ctx, text);
  if (!r.ok) return { ok: false, file, findings: r.findings };
  const plan = ctx.plan(r.format.id);
  return { ok: true, file, packed: packSession(file, r.session, r.format, plan, ctx.opts) };
}
