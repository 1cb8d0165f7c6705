// What afstem can print from its cache before the dispatcher loads: a help screen and the
// `formats` listing, the two things people run most to look around. This module loads only the
// caches (no message catalogues, no commander, no command), so a cache hit starts almost as
// fast as node itself (`npm run bench`, start-up rows). invoke.ts uses the same keys to fill
// the caches on a miss.
import type { Lang } from "../format/types.js";
import { isHelpRequest, OutputCache } from "../cache/output-cache.js";
import { isLang } from "../i18n/lang.js";
import { BUILTIN_FORMATS_DIR, envFormatDirs } from "../util/paths.js";
import type { Scope } from "../util/scope.js";
import type { Io } from "./invocation.js";

/**
 * AFSTEM_LANG as people set such variables: `en`, `EN`, `en_GB.UTF-8`, `nl-NL` (the language
 * part, as in LANG); anything else is Dutch, the default.
 */
export function envLang(value: string | undefined): Lang | undefined {
  const code = /^([a-z]{2})(?:[-_.@].*)?$/i.exec(value?.trim() ?? "")?.[1]?.toLowerCase();
  return isLang(code) ? code : undefined;
}

/** --lang must be known before any text is built, so read it from argv first. */
export function langOf(argv: string[], env: Io["env"]): Lang {
  let lang: string | undefined = envLang(env.AFSTEM_LANG);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--lang") lang = argv[i + 1];
    else if (a.startsWith("--lang=")) lang = a.slice("--lang=".length);
  }
  return isLang(lang) ? lang : "nl";
}

/** What the cache keys read of an invocation. */
type Where = Pick<Io, "cwd" | "env"> & { stdout: { isTTY?: boolean; columns?: number } };

/** The invocation's scope: its language, working folder and environment. */
export const scopeOf = (args: string[], io: Pick<Io, "cwd" | "env">): Scope => ({ lang: langOf(args, io.env), cwd: io.cwd, env: io.env });

/**
 * `afstem formats [--json]` without commander: its only options are fixed, so parsing them by
 * hand is exact.
 */
export function formatsFastPath(args: string[]): { json?: boolean } | undefined {
  if (args[0] !== "formats" || args.length > 2) return undefined;
  if (args.length === 1) return {};
  return args[1] === "--json" ? { json: true } : undefined;
}

/** The help cache for a help request (undefined for anything else, or with caching off). */
export function helpCacheFor(args: string[], lang: Lang, io: Where): OutputCache | undefined {
  return isHelpRequest(args) ? OutputCache.forHelp(args, lang, io) : undefined;
}

/** The `formats` listing's cache: keyed by every format folder searched and the working folder. */
export function formatsCacheFor(fast: { json?: boolean }, lang: Lang, io: Where): OutputCache | undefined {
  // The folders formatDirs() searches without --formats-dir; the listing shows paths relative
  // to the working folder, so that is part of the key too.
  const dirs = [...envFormatDirs(io), BUILTIN_FORMATS_DIR];
  return OutputCache.open("formats-output", dirs, { ...fast, lang, cwd: io.cwd });
}

/**
 * The cached output for these arguments, or undefined: then run the command. For the process
 * entry, whose scope (setProcessScope) is this invocation's.
 */
export function cachedOutput(args: string[], io: Where): string | undefined {
  const lang = langOf(args, io.env);
  const fast = formatsFastPath(args);
  return (fast ? formatsCacheFor(fast, lang, io) : helpCacheFor(args, lang, io))?.get();
}
