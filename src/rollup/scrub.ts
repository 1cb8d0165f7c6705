// Defence in depth: participant names are persoonlijk, yet people type them into free text
// ("afspraak met Anouk de Vries"). Every text a record keeps has the session's own
// participant and action-owner names replaced by a marker.
import { L } from "../i18n/lang.js";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function nameScrubber(names: readonly string[]): (text: string) => string {
  const list = [...new Set(names.map((n) => String(n).trim()).filter((n) => n.length >= 3))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return (t) => t;
  const re = new RegExp(list.map(escape).join("|"), "giu");
  const marker = L({ nl: "[naam]", en: "[name]" });
  return (text) => text.replace(re, marker);
}
