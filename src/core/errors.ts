// Errors are part of the interface: each kind maps to a documented exit code,
// and exactly one catch (in main.ts) decides what the user sees.

export const EXIT = {
  ok: 0,
  /** lint/validate findings, skipped files in a batch, validation failures of --answers */
  findings: 1,
  /** usage errors and unreadable input */
  usage: 2,
  /** Ctrl+C: work saved, message says how to resume */
  interrupted: 130,
} as const;

export interface Location {
  file: string;
  line?: number;
  col?: number;
}

export function formatLocation(loc: Location): string {
  if (loc.line === undefined) return loc.file;
  return `${loc.file}:${loc.line}:${loc.col ?? 1}`;
}

/** A problem caused by the user's input: shown as one message, no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
    readonly location?: Location,
    /** What to do about it; printed on its own line. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** Stop with this exit code; everything the user needs to know has already been printed. */
export class ExitError extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = "ExitError";
  }
}
