// Typed text → stored answer value, per question type. Lenient where people are
// (3,5 for 3.5; 15-9-2026 for 2026-09-15; ja/nee), strict in what is stored.
import type { AnswerValue, Question } from "../format/types.js";
import { fill } from "../i18n/lang.js";
import { isPartyScores, partiesOf } from "../session/party-scores.js";
import { msg } from "../i18n/messages.js";

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

/**
 * A number as a Dutch (or English) user types it: `1.000` is a thousand, `3,5` is 3.5,
 * `1.000,5` is 1000.5; `3.5` is accepted as 3.5 (nobody groups thousands by one or two
 * digits). Anything that reads two ways — `1,000` (1 or 1000?), `1,000.5` — is refused with
 * a message that says how to write it (issue 15, item 3).
 */
export function parseNumber(text: string): { value: number } | { error: string } {
  const t = text.trim().replace(/\s+/g, "").replace(/^\+/, "");
  const bad = { error: msg("conversation.values.expected-number-e-g-12") };
  if (!t) return bad;
  const neg = t.startsWith("-") || t.startsWith("−");
  const u = neg ? t.slice(1) : t;
  const sign = neg ? -1 : 1;
  let n: number | undefined;
  if (/^\d+$/.test(u)) n = Number(u);
  else if (/^\d{1,3}(\.\d{3})+$/.test(u))
    n = Number(u.replace(/\./g, "")); // 1.000 / 12.500.000
  else if (/^\d{1,3}(\.\d{3})+,\d+$/.test(u))
    n = Number(u.replace(/\./g, "").replace(",", ".")); // 1.000,5
  else if (/^\d{1,3},\d{3}$/.test(u)) {
    // "1,500": one and a half (Dutch) or fifteen hundred (English)?
    const [whole, frac] = u.split(",") as [string, string];
    const dec = frac.replace(/0+$/, "");
    const asDecimal = dec ? `${whole},${dec.length === 3 ? `${dec}0` : dec}` : whole;
    return { error: fill(msg("conversation.values.t-ambiguous-type-thousands-d"), { t, a: whole + frac, d: asDecimal }) };
  } else if (/^\d+,\d+$/.test(u))
    n = Number(u.replace(",", ".")); // 3,5
  else if (/^\d+\.\d{1,2}$|^\d+\.\d{4,}$|^0\.\d+$/.test(u))
    n = Number(u); // 3.5: a decimal point
  else if (/[.,]/.test(u) && /^[\d.,]+$/.test(u)) {
    return { error: fill(msg("conversation.values.t-ambiguous-write-without-thousands"), { t }) };
  }
  return n !== undefined && Number.isFinite(n) ? { value: sign * n } : bad;
}

/** Text typed for a one-line question (text, number, date) as the value to store. */
export function parseTyped(q: Question, text: string, today: string): Parsed {
  const t = text.trim();
  switch (q.type) {
    case "number":
      return parseNumber(t);
    case "date": {
      const d = parseDate(t, today);
      return d ? { value: d } : { error: msg("conversation.values.expected-date-yyyy-mm-dd") };
    }
    default:
      return { value: text.trim() };
  }
}

/** An answer as a short text for the review and for defaults. */
export function showValue(
  q: Question,
  value: unknown,
  lang: (t: import("../format/types.js").LocalText | undefined) => string,
  roleLabel: (id: string) => string = (id) => id,
): string {
  if (value === undefined || value === null) return "";
  if (isPartyScores(value)) {
    const parties = partiesOf(value).map(([r, n]) => `${roleLabel(r)} ${n}`);
    return `${value.joint}${parties.length ? ` (${parties.join(" · ")})` : ""}`;
  }
  const label = (code: unknown) => lang(q.options?.find((o) => o.code === code)?.label) || String(code);
  switch (q.type) {
    case "yesno":
      return value === true ? msg("common.yes") : msg("common.no");
    case "choice":
      return label(value);
    case "multichoice":
      return Array.isArray(value) ? value.map(label).join(", ") : String(value);
    case "list":
      return Array.isArray(value) ? value.map((v) => `• ${v}`).join("\n") : String(value);
    case "repeat":
      if (!Array.isArray(value)) return String(value);
      return value.map((item, i) => `${i + 1}. ${showItem(q, item, lang)}`).join("\n");
    default:
      return String(value);
  }
}

/** One item of a repeat group as a line: its fields' values, in the format's order. */
export function showItem(q: Question, item: unknown, lang: (t: import("../format/types.js").LocalText | undefined) => string): string {
  const fields = (item ?? {}) as Record<string, unknown>;
  return (q.fields ?? [])
    .filter((f) => fields[f.id] !== undefined)
    .map((f) => showValue(f, fields[f.id], lang))
    .join(" · ");
}
