// The figures of the regional summary: counts with small groups suppressed, and per
// question a distribution or a mean. Pure functions over the tallies the summary folds
// (src/report/summary/fold.ts): n, the sum of the numbers, sessions per code.
import type { Lang, Question } from "../format/types.js";
import type { DistributionRow, QuestionSummary } from "./model.js";
import { fill, tr } from "../i18n/lang.js";
import { optionLabel, yesNo } from "./answer-text.js";
import { formatNumber } from "./words.js";
import { msg } from "../i18n/messages.js";

function percent(count: number, n: number, lang: Lang): string {
  return `${formatNumber(n ? (100 * count) / n : 0, lang, 0)} %`;
}

/** Question types the summary counts; free text is never counted here. */
export const FIGURE_TYPES = new Set(["choice", "multichoice", "yesno", "scale", "number"]);

/** What summariseQuestion needs of a question's answers: how many, their sum, sessions per code. */
export interface AnswerTally {
  n: number;
  sum: number;
  /** A multichoice answer counts each of its codes once; yes/no under "true" and "false". */
  options: ReadonlyMap<string, number>;
}

export function summariseQuestion(q: Question, t: AnswerTally | undefined, lang: Lang, minGroup: number): QuestionSummary {
  const prompt = tr(q.prompt, lang);
  const n = t?.n ?? 0;
  // Nobody answered (a question hidden by its condition everywhere): 0, not a small cell.
  if (n === 0) return { kind: "none", prompt };
  // A question answered by fewer than k schools is a small cell: no detail at all.
  if (n < minGroup) return { kind: "small", prompt, mark: `< ${minGroup}` };
  const mean = formatNumber(t!.sum / n, lang, 1);
  if (q.type === "number") return { kind: "mean", prompt, n, mean };

  const tally = t!.options;
  let keys: { key: string; label: string }[];
  if (q.type === "yesno")
    keys = [
      { key: "true", label: yesNo(true, lang) },
      { key: "false", label: yesNo(false, lang) },
    ];
  else if (q.type === "scale") {
    keys = [];
    for (let v = q.min ?? 1; v <= (q.max ?? 5); v++) {
      const end =
        v === q.min && q.labels?.min ? ` (${tr(q.labels.min, lang)})` : v === q.max && q.labels?.max ? ` (${tr(q.labels.max, lang)})` : "";
      keys.push({ key: String(v), label: `${v}${end}` });
    }
  } else keys = (q.options ?? []).map((o) => ({ key: o.code, label: optionLabel(q, o.code, lang) }));
  // Codes a newer format version no longer knows still count, under their code.
  for (const k of tally.keys()) if (!keys.some((x) => x.key === k)) keys.push({ key: k, label: k });
  const rows: DistributionRow[] = keys.map(({ key, label }) => ({
    label,
    count: tally.get(key) ?? 0,
    percent: percent(tally.get(key) ?? 0, n, lang),
  }));
  const out: QuestionSummary = { kind: "distribution", prompt, n, rows };
  if (q.type === "scale") out.mean = fill(msg("report.summaryFigures.mean-m-n-n", lang), { m: mean, n });
  else out.mean = fill("n = {n}", { n });
  return out;
}
