// Opening a conversation: a fresh session, or a saved one continued where it stopped.
import type { Format } from "../format/types.js";
import type { Session } from "../session/types.js";
import { SESSION_FILE_VERSION } from "../session/types.js";
import type { RunnerState } from "./types.js";
import { allSteps, resumeStep } from "./steps.js";
import { reconcileAside } from "./aside.js";

export function newSession(format: Format, now: number): Session {
  const at = new Date(now).toISOString();
  return {
    afstem: SESSION_FILE_VERSION,
    format: { id: format.id, version: format.version },
    status: "draft",
    started: at,
    updated: at,
    finalized: null,
    meta: {},
    participants: [],
    answers: {},
    notes: {},
    skipped: [],
    parked: [],
    actions: [],
    timing: {},
    history: [{ event: "start", at }],
  };
}

/** A state for a new session (cursor on the first meta field) or a resumed one. */
export function startState(format: Format, session: Session, now: number, resumed: boolean): RunnerState {
  const s = structuredClone(session);
  if (resumed) s.history.push({ event: "resume", at: new Date(now).toISOString() });
  reconcileAside(format, s);
  const ms = Object.fromEntries(Object.entries(s.timing).map(([k, v]) => [k, v * 1000]));
  const cursor = resumed ? (s.status === "final" ? { kind: "review" as const } : resumeStep(format, s)) : allSteps(format)[0]!;
  return { format, session: s, cursor, clock: { at: now, ms }, problems: [] };
}
