// --from/--to: a period on meta.datum, both ends inclusive.
import { EXIT, UserError } from "./errors.js";
import { L, fill } from "../i18n/lang.js";
import type { Period } from "../session/select.js";

function date(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : undefined;
  if (!m || !d || d.getUTCMonth() !== +m[2]! - 1 || d.getUTCDate() !== +m[3]!) {
    throw new UserError(fill(L({ nl: "{flag} verwacht een datum als JJJJ-MM-DD, niet '{v}'", en: "{flag} expects a date as YYYY-MM-DD, not '{v}'" }), { flag, v: value }), EXIT.usage);
  }
  return value.trim();
}

export function parsePeriod(from: string | undefined, to: string | undefined): Period {
  const p: Period = {};
  const f = date("--from", from);
  const t = date("--to", to);
  if (f) p.from = f;
  if (t) p.to = t;
  if (f && t && f > t) throw new UserError(fill(L({ nl: "--from {f} ligt na --to {t}", en: "--from {f} is after --to {t}" }), { f, t }), EXIT.usage);
  return p;
}
