// --from/--to: a period on meta.datum, both ends inclusive.
import { EXIT, UserError } from "./errors.js";
import { fill } from "../i18n/lang.js";
import type { Period } from "../session/select.js";
import { msg } from "../i18n/messages.js";

function date(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : undefined;
  if (!m || !d || d.getUTCMonth() !== +m[2]! - 1 || d.getUTCDate() !== +m[3]!) {
    throw new UserError(fill(msg("cli.period.flag-expects-date-yyyy-mm"), { flag, v: value }), EXIT.usage);
  }
  return value.trim();
}

export function parsePeriod(from: string | undefined, to: string | undefined): Period {
  const p: Period = {};
  const f = date("--from", from);
  const t = date("--to", to);
  if (f) p.from = f;
  if (t) p.to = t;
  if (f && t && f > t) throw new UserError(fill(msg("cli.period.from-f-after-t"), { f, t }), EXIT.usage);
  return p;
}
