// The fast way from a session file to a rollup record: read, the subset YAML reader, the
// same schema and format validation as `afstem validate`. Whenever this path is unsure (the
// subset reader gives up) or finds an error, the file goes through the ordinary
// `loadSession`, so skipped files and their located findings are exactly the simple path's.
import type { FormatRegistry } from "../../format/registry.js";
import type { Finding } from "../../findings/finding.js";
import type { ParsedYaml } from "../../yaml/parse.js";
import { decodeText, readRegularFileSync } from "../../yaml/read-text.js";
import { schemaFindings } from "../../schema/check.js";
import { sessionSchemaValidator } from "../../schema/validators.js";
import { completeSession } from "../../session/io.js";
import { validateSession } from "../../session/validate.js";
import { loadSession } from "../../store/batch.js";
import type { AnswerChecker } from "../../session/answer-check.js";
import type { FormatPlan } from "../plan.js";
import { sessionRecord, type RecordOptions, type SessionRecord } from "../record.js";
import { parseSubset } from "./yaml-subset.js";

export type RecordResult = { ok: true; file: string; record: SessionRecord } | { ok: false; file: string; findings: Finding[] };

export interface FastContext {
  registry: FormatRegistry;
  checker: AnswerChecker;
  plan: (formatId: string) => FormatPlan;
  opts: RecordOptions;
}

function readQuick(file: string): Record<string, unknown> | undefined {
  try {
    return parseSubset(decodeText(readRegularFileSync(file), file));
  } catch {
    return undefined; // unreadable, not UTF-8, a directory: the simple path says why
  }
}

export async function fastRecord(file: string, ctx: FastContext): Promise<RecordResult> {
  const data = readQuick(file);
  if (data) {
    // Positions are only needed for findings; on any error this file is re-read the slow way,
    // and warnings are not shown by rollup, so a placeholder location is never seen.
    const parsed: ParsedYaml = { file, data, findings: [], locate: () => ({ line: 1, col: 1 }) };
    const findings = schemaFindings(await sessionSchemaValidator(), parsed);
    if (!findings.some((f) => f.severity === "error")) {
      const read = { parsed, session: completeSession(data), findings };
      const checked = await validateSession(read, ctx.registry, {}, ctx.checker);
      if (checked.session && checked.format && !checked.findings.some((f) => f.severity === "error")) {
        return { ok: true, file, record: sessionRecord(file, checked.session, checked.format, ctx.plan(checked.format.id), ctx.opts) };
      }
    }
  }
  const slow = await loadSession(file, ctx.registry, ctx.checker);
  if (!slow.ok) return { ok: false, file, findings: slow.findings };
  return { ok: true, file, record: sessionRecord(file, slow.session, slow.format, ctx.plan(slow.format.id), ctx.opts) };
}
