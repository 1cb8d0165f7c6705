// User-facing text is Dutch by default, English with --lang en (or AFSTEM_LANG=en).
import type { Lang, LocalText } from "../format/types.js";

let current: Lang = "nl";

export function setLang(lang: Lang): void {
  current = lang;
}

export function getLang(): Lang {
  return current;
}

export function isLang(value: unknown): value is Lang {
  return value === "nl" || value === "en";
}

/** Pick an inline translation: `L({ nl: "Opgeslagen", en: "Saved" })`. */
export function L(texts: { nl: string; en: string }, lang: Lang = current): string {
  return texts[lang];
}

/** A format text in the wanted language, falling back to the other one. */
export function tr(text: LocalText | undefined, lang: Lang = current, fallback: Lang = "nl"): string {
  if (text === undefined) return "";
  return text[lang] ?? text[fallback] ?? text.nl ?? text.en ?? "";
}

/** Fill `{name}` placeholders. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
