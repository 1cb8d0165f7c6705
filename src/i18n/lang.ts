// User-facing text is Dutch by default, English with --lang en (or AFSTEM_LANG=en). afstem's own
// words are in the catalogues (messages.ts); format texts are picked here with tr(). The
// language is the invocation's (util/scope.ts), never a module-level setting.
import type { Lang, LocalText } from "../format/types.js";
import { scope } from "../util/scope.js";

/** The running invocation's language. */
export function getLang(): Lang {
  return scope().lang;
}

export function isLang(value: unknown): value is Lang {
  return value === "nl" || value === "en";
}

/** A format text in the wanted language, falling back to the other one. */
export function tr(text: LocalText | undefined, lang: Lang = getLang(), fallback: Lang = "nl"): string {
  if (text === undefined) return "";
  return text[lang] ?? text[fallback] ?? text.nl ?? text.en ?? "";
}

/** Fill `{name}` placeholders. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
