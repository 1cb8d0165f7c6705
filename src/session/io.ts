// Reading and writing session files. Reading never throws for content problems: it returns
// findings located in the file; only an unreadable file (missing, binary, ...) throws.
import type { Finding } from "../findings/finding.js";
import type { Session } from "./types.js";
import { SESSION_FILE_VERSION } from "./types.js";
import { parseYaml, yamlModule, type ParsedYaml } from "../yaml/parse.js";
import { readTextFile } from "../yaml/read-text.js";
import { schemaFindings } from "../schema/check.js";
import { sessionSchemaValidator } from "../schema/validators.js";
import { writeFileAtomicSync } from "../util/writer.js";

export interface ReadSession {
  parsed: ParsedYaml;
  /** Present when the file parsed and has the session shape (possibly with findings). */
  session?: Session;
  findings: Finding[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** Fill in every key a partial file (an --answers file, a hand-made session) leaves out. */
export function completeSession(data: Obj, now = new Date().toISOString()): Session {
  const fmt = isObj(data.format) ? data.format : {};
  return {
    afstem: SESSION_FILE_VERSION,
    format: { id: String(fmt.id ?? ""), version: typeof fmt.version === "number" ? fmt.version : 0 },
    status: data.status === "final" ? "final" : "draft",
    started: typeof data.started === "string" ? data.started : now,
    updated: typeof data.updated === "string" ? data.updated : now,
    finalized: isObj(data.finalized) ? (data.finalized as unknown as Session["finalized"]) : null,
    meta: isObj(data.meta) ? (data.meta as Session["meta"]) : {},
    participants: Array.isArray(data.participants) ? (data.participants as Session["participants"]).filter(isObj) : [],
    answers: isObj(data.answers) ? (data.answers as Session["answers"]) : {},
    ...(isObj(data.aside) ? { aside: data.aside as Session["answers"] } : {}),
    notes: isObj(data.notes) ? (data.notes as Session["notes"]) : {},
    skipped: Array.isArray(data.skipped) ? data.skipped.filter((s): s is string => typeof s === "string") : [],
    parked: Array.isArray(data.parked) ? (data.parked as Session["parked"]).filter(isObj) : [],
    actions: Array.isArray(data.actions) ? (data.actions as Session["actions"]).filter(isObj) : [],
    ...(Array.isArray(data.followup) ? { followup: (data.followup as NonNullable<Session["followup"]>).filter(isObj) } : {}),
    timing: isObj(data.timing) ? (data.timing as Session["timing"]) : {},
    ...(typeof data.position === "string" ? { position: data.position } : {}),
    history: Array.isArray(data.history) ? (data.history as Session["history"]).filter(isObj) : [],
  };
}

/** Parse session text; structure is checked against session.schema.json. */
export async function parseSessionText(text: string, file: string): Promise<ReadSession> {
  const parsed = parseYaml(text, file);
  if (parsed.findings.length) return { parsed, findings: parsed.findings };
  const findings = schemaFindings(await sessionSchemaValidator(), parsed);
  return { parsed, session: completeSession(parsed.data as Obj), findings };
}

export async function readSessionFile(file: string): Promise<ReadSession> {
  return parseSessionText(await readTextFile(file), file);
}

/** The session as YAML, keys in the documented order, readable by a person. */
export function serializeSession(session: Session): string {
  const ordered: Obj = {
    afstem: session.afstem,
    format: session.format,
    status: session.status,
    started: session.started,
    updated: session.updated,
    finalized: session.finalized ?? null,
    meta: session.meta,
    participants: session.participants,
    answers: session.answers,
  };
  if (session.aside && Object.keys(session.aside).length) ordered.aside = session.aside;
  Object.assign(ordered, {
    notes: session.notes,
    skipped: session.skipped,
    parked: session.parked,
    actions: session.actions,
    ...(session.followup?.length ? { followup: session.followup } : {}),
    timing: session.timing,
    ...(session.position ? { position: session.position } : {}),
    history: session.history,
  });
  return yamlModule().stringify(ordered, { lineWidth: 0, aliasDuplicateObjects: false });
}

export function writeSessionFile(file: string, session: Session): void {
  writeFileAtomicSync(file, serializeSession(session));
}
