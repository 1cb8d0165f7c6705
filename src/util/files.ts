// Turning the paths a user typed into the files a command works on.
import { statSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { yamlFilesIn } from "../format/registry.js";
import { fsError } from "../yaml/read-text.js";
import { scope } from "./scope.js";
import { displayPath } from "./paths.js";
import { EXIT, UserError } from "../core/errors.js";
import { fill } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";

/**
 * Files named directly are kept whatever their extension; directories are searched
 * recursively for .yaml/.yml. A missing path throws (exit 2): the user mistyped it. Paths are
 * the invocation's (relative to its working folder); the files come back absolute and are
 * shown through displayPath.
 */
export async function expandPaths(typed: string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const { cwd } = scope();
  for (const t of typed) {
    const p = path.resolve(cwd, t);
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      // Named as the user typed it.
      throw fsError(err, t);
    }
    const files = st.isDirectory() ? await yamlFilesIn(p) : [p];
    for (const f of files) {
      if (!seen.has(f)) {
        seen.add(f);
        out.push(f);
      }
    }
  }
  return out;
}

/**
 * expandPaths where finding nothing is a usage error (exit 2) with `none` as its message:
 * "0 bestanden gecontroleerd" with exit 0 would read as "all clean" in a script, and a
 * mistyped folder would go unnoticed (lint: format files; validate, report, rollup: sessions).
 */
export async function expandSomePaths(typed: string[], none: { message: string; hint: string }): Promise<string[]> {
  const files = await expandPaths(typed);
  if (files.length === 0) throw new UserError(fill(none.message, { paths: typed.join(", ") }), EXIT.usage, undefined, none.hint);
  return files;
}

/** expandSomePaths for the commands that read session files. */
export const expandSessionPaths = (typed: string[]): Promise<string[]> =>
  expandSomePaths(typed, { message: msg("common.no-session-files-found-paths"), hint: msg("common.give-session-files-or-folder") });

/** Characters no file system accepts, and names Windows reserves. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A file-name part from free text: lower case, accents folded, anything but letters, digits
 * and dashes becomes a dash. Safe on Windows, macOS and Linux; never empty, never a path.
 */
export function safeNamePart(text: string, fallback = "onbekend", maxLength = 60): string {
  let s = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/g, "");
  if (!s) s = fallback;
  if (RESERVED.test(s)) s = `${s}-`;
  return s;
}

/** `<datum>-<school>-<format>.<ext>` from a session's meta. */
export function sessionFileName(meta: Record<string, unknown>, formatId: string, ext: string): string {
  const datum = typeof meta.datum === "string" && /^\d{4}-\d{2}-\d{2}$/.test(meta.datum) ? meta.datum : "zonder-datum";
  // Formats without a school (a regional overview) are named after their region instead.
  const who = [meta.school, meta.regio, meta.gemeente].find((v) => typeof v === "string" && v.trim() !== "");
  const school = safeNamePart(typeof who === "string" ? who : "", "gesprek");
  return `${datum}-${school}-${safeNamePart(formatId, "format")}${ext}`;
}

/**
 * Refuse an --out that exists but is no folder (a file): one message for every command that
 * writes into --out. A missing --out is made later; any other problem is said when making it.
 */
export function refuseFileAsOut(out: string): void {
  let folder: boolean;
  try {
    folder = statSync(out).isDirectory();
  } catch {
    return;
  }
  if (!folder) throw new UserError(fill(msg("common.out-d-file-not-folder"), { d: displayPath(out) }), EXIT.usage);
}
