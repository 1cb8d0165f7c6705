// The one place that turns a system error code (ENOSPC, EROFS, EACCES, …) into words a user can
// act on. Every command uses it: the runner's autosave, report, rollup, the readers, and the
// top-level catch (cli/report-error.ts) for a system error no command expected.
import { msg, type MessageKey } from "../i18n/messages.js";

const WORDS: Record<string, MessageKey> = {
  ENOSPC: "util.sysError.disk-full",
  EDQUOT: "util.sysError.your-disk-quota-used-up",
  EROFS: "util.sysError.disk-folder-read-only",
  EACCES: "util.sysError.you-may-not-write-folder",
  EPERM: "util.sysError.you-may-not-write-folder",
  ENOENT: "util.sysError.folder-no-longer-exists-was",
  ENOTDIR: "util.sysError.part-path-file-not-folder",
  EISDIR: "yaml.readText.folder-not-file",
  EIO: "util.sysError.disk-reported-i-o-error",
  EEXIST: "util.sysError.file-name-already-exists",
  ELOOP: "util.sysError.path-symbolic-link-afstem-does",
  EMFILE: "util.sysError.too-many-files-open-once",
  ENAMETOOLONG: "util.sysError.name-too-long",
  EBUSY: "util.sysError.file-folder-use",
  EXDEV: "util.sysError.destination-another-disk",
};

/** Reading: the same codes, said as a reader meets them. */
const READ_WORDS: Record<string, MessageKey> = {
  EACCES: "util.sysError.no-permission-read",
  EPERM: "util.sysError.no-permission-read",
  ENOENT: "util.sysError.does-not-exist-any-more",
};

/** Opening a file or folder the user named: the same codes, said about that path. */
const OPEN_WORDS: Record<"file" | "folder", Record<string, MessageKey>> = {
  file: {
    ENOENT: "yaml.readText.file-not-found",
    EACCES: "yaml.readText.no-permission-read-file",
    EPERM: "yaml.readText.no-permission-read-file",
    EISDIR: "yaml.readText.folder-not-file",
    ELOOP: "util.sysError.symlink-loop",
  },
  folder: {
    ENOENT: "yaml.readText.file-not-found",
    EACCES: "yaml.readText.no-permission-read-folder",
    EPERM: "yaml.readText.no-permission-read-folder",
    ELOOP: "util.sysError.symlink-loop",
  },
};

/**
 * Why a path the user named cannot be opened, and what to do about it ("bestand niet
 * gevonden" — "Controleer het pad."); other codes as "kan het bestand niet lezen (CODE)".
 */
export function openWords(err: unknown, what: "file" | "folder" = "file"): { text: string; hint?: string } {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const key = code ? OPEN_WORDS[what][code] : undefined;
  if (key) {
    const hint = code === "ENOENT" ? msg("yaml.readText.check-path") : code === "ELOOP" ? msg("util.sysError.check-symlinks") : undefined;
    return { text: `${msg(key)}${code === "ELOOP" ? ` (${code})` : ""}`, ...(hint ? { hint } : {}) };
  }
  return { text: `${msg("yaml.readText.cannot-read-file")} (${code ?? (err as Error)?.message ?? err})` };
}

export const errnoOf = (err: unknown): string | undefined => {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
};

/**
 * "de schijf is vol (ENOSPC)": the reason in words, the system's code in brackets for whoever
 * helps the user. Unknown codes and other errors give their own message.
 */
export function systemWords(err: unknown, doing: "write" | "read" = "write"): string {
  const code = errnoOf(err);
  const w = code ? (doing === "read" ? (READ_WORDS[code] ?? WORDS[code]) : WORDS[code]) : undefined;
  if (w && code) return `${msg(w)} (${code})`;
  const m = (err as { message?: unknown } | undefined)?.message;
  const message = typeof m === "string" ? m : String(err);
  // Node's "ENOSPC: no space left on device, write" → keep the code, drop the English prose.
  return code ? `${message.replace(/^E[A-Z0-9]+: /, "").replace(/, \w+ '.*'$/, "")} (${code})` : message;
}

/** Is this a disk-level failure after which writing more files is pointless? */
export const isDiskFull = (err: unknown) => ["ENOSPC", "EDQUOT", "EROFS", "EIO"].includes(errnoOf(err) ?? "");

/**
 * Does this failure end a batch of files written into one folder: a full or read-only disk, or
 * a folder the user may not write in (every next file would fail the same way)?
 */
export const stopsWriting = (err: unknown) => isDiskFull(err) || ["EACCES", "EPERM"].includes(errnoOf(err) ?? "");
