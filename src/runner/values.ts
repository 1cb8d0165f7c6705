// Typed text → stored answer value, per question type. Lenient where people are
// (3,5 for 3.5; 15-9-2026 for 2026-09-15; ja/nee), strict in what is stored.
import type { AnswerValue, Question } from "../format/types.js";
import { L } from "../i18n/lang.js";
import { isPartyScores, partiesOf } from "../session/party-scores.js";

export type Parsed = { value: AnswerValue } | { error: string };

const pad = (n: string) => n.padStart(2, "0");

export function parseDate(text: string, today: string): string | undefined {
  const t = text.trim().toLowerCase();
  if (t === "vandaag" || t === "today") return today;
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(t)) {
    const [y, m, d] = t.split("-") as [string, string, string];
    return `${y}-${pad(m)}-${pad(d)}`;
  }
  const nl = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  if (nl) return `${nl[3]}-${pad(nl[2]!)}-${pad(nl[1]!)}`;
  return undefined;
}

/** Text typed for a one-line question (text, number, date) as the value to store. */
export function parseTyped(q: Question, text: string, today: string): Parsed {
  const t = text.trim();
  switch (q.type) {
    case "number": {
      const n = Number(t.replace(",", "."));
      return t !== "" && Number.isFinite(n) ? { value: n } : { error: L({ nl: "verwacht een getal, bijv. 12 of 3,5", en: "expected a number, e.g. 12 or 3.5" }) };
    }
    case "date": {
      const d = parseDate(t, today);
      return d ? { value: d } : { error: L({ nl: "verwacht een datum als JJJJ-MM-DD (of DD-MM-JJJJ, of 'vandaag')", en: "expected a date as YYYY-MM-DD (or DD-MM-YYYY, or 'today')" }) };
    }
    default:
      return { value: text.trim() };
  }
}

/** An answer as a short text for the review and for defaults. */
export function showValue(q: Question, value: unknown, lang: (t: import("../format/types.js").LocalText | undefined) => string, roleLabel: (id: string) => string = (id) => id): string {
  if (value === undefined || value === null) return "";
  if (isPartyScores(value)) {
    const parties = partiesOf(value).map(([r, n]) => `${roleLabel(r)} ${n}`);
    return `${value.joint}${parties.length ? ` (${parties.join(" · ")})` : ""}`;
  }
  const label = (code: unknown) => lang(q.options?.find((o) => o.code === code)?.label) || String(code);
  switch (q.type) {
    case "yesno":
      return value === true ? L({ nl: "ja", en: "yes" }) : L({ nl: "nee", en: "no" });
    case "choice":
      return label(value);
    case "multichoice":
      return Array.isArray(value) ? value.map(label).join(", ") : String(value);
    case "list":
      return Array.isArray(value) ? value.map((v) => `• ${v}`).join("\n") : String(value);
    case "repeat":
      if (!Array.isArray(value)) return String(value);
      return value
        .map((item, i) => `${i + 1}. ` + (q.fields ?? []).filter((f) => (item as Record<string, unknown>)[f.id] !== undefined).map((f) => showValue(f, (item as Record<string, unknown>)[f.id], lang)).join(" · "))
        .join("\n");
    default:
      return String(value);
  }
}
