// The one place that turns a system error code (ENOSPC, EROFS, EACCES, …) into words a user can
// act on. Every command uses it: the runner's autosave, report, rollup, the readers, and the
// top-level catch (cli/report-error.ts) for a system error no command expected.
import { L } from "../i18n/lang.js";

const WORDS: Record<string, { nl: string; en: string }> = {
  ENOSPC: { nl: "de schijf is vol", en: "the disk is full" },
  EDQUOT: { nl: "uw schijfruimte (quotum) is op", en: "your disk quota is used up" },
  EROFS: { nl: "de schijf of map is alleen-lezen", en: "the disk or folder is read-only" },
  EACCES: { nl: "u mag in deze map niet schrijven", en: "you may not write to this folder" },
  EPERM: { nl: "u mag in deze map niet schrijven", en: "you may not write to this folder" },
  ENOENT: { nl: "de map bestaat niet (meer) — is een USB-stick of netwerkschijf losgekoppeld?", en: "the folder no longer exists — was a USB stick or network drive disconnected?" },
  ENOTDIR: { nl: "een deel van het pad is een bestand, geen map", en: "part of the path is a file, not a folder" },
  EISDIR: { nl: "dit is een map, geen bestand", en: "this is a folder, not a file" },
  EIO: { nl: "de schijf gaf een leesfout of schrijffout", en: "the disk reported an I/O error" },
  EEXIST: { nl: "er staat al een bestand met die naam", en: "a file with that name already exists" },
  ELOOP: { nl: "het pad is een symbolische koppeling; afstem volgt die niet", en: "the path is a symbolic link; afstem does not follow it" },
  EMFILE: { nl: "te veel bestanden tegelijk open", en: "too many files open at once" },
  ENAMETOOLONG: { nl: "de naam is te lang", en: "the name is too long" },
  EBUSY: { nl: "het bestand of de map is in gebruik", en: "the file or folder is in use" },
  EXDEV: { nl: "het doel ligt op een andere schijf", en: "the destination is on another disk" },
};

/** Reading: the same codes, said as a reader meets them. */
const READ_WORDS: Record<string, { nl: string; en: string }> = {
  EACCES: { nl: "geen leesrechten", en: "no permission to read" },
  EPERM: { nl: "geen leesrechten", en: "no permission to read" },
  ENOENT: { nl: "bestaat niet (meer)", en: "does not exist (any more)" },
};

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
  if (w && code) return `${L(w)} (${code})`;
  const m = (err as { message?: unknown } | undefined)?.message;
  const message = typeof m === "string" ? m : String(err);
  // Node's "ENOSPC: no space left on device, write" → keep the code, drop the English prose.
  return code ? `${message.replace(/^E[A-Z0-9]+: /, "").replace(/, \w+ '.*'$/, "")} (${code})` : message;
}

/** Is this a disk-level failure after which writing more files is pointless? */
export const isDiskFull = (err: unknown) => ["ENOSPC", "EDQUOT", "EROFS", "EIO"].includes(errnoOf(err) ?? "");
