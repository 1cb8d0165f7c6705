// afstem formats show <id|file>: the resolved format as an outline, or the full model as JSON.
import type { AnswerScalar, Condition, Question } from "../format/types.js";
import { loadFormatRef } from "../format/registry.js";
import { formatJson } from "../format/present.js";
import type { GlobalOptions } from "../cli/options.js";
import type { Io } from "../cli/invocation.js";
import { fill, getLang, tr } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";

/** A value as a coordinator reads it: ja/nee for true/false, codes and numbers as written. */
const valueWords = (v: AnswerScalar): string => (v === true ? msg("common.yes") : v === false ? msg("common.no") : String(v));

/**
 * A condition in words: "vast_overleg is ja", "score is 1 of 2", "a is beantwoord en niet (b is
 * nee)"; a group inside another is bracketed.
 */
function conditionWords(c: Condition, nested = false): string {
  const group = (parts: Condition[], word: string) => {
    const text = parts.map((p) => conditionWords(p, true)).join(` ${word} `);
    return nested && parts.length > 1 ? `(${text})` : text;
  };
  if ("all" in c) return group(c.all, msg("commands.formatsShow.and"));
  if ("any" in c) return group(c.any, msg("commands.formatsShow.or"));
  if ("not" in c) return fill(msg("commands.formatsShow.not"), { c: conditionWords(c.not) });
  if ("answered" in c) return fill(msg(c.answered ? "commands.formatsShow.q-answered" : "commands.formatsShow.q-not-answered"), { q: c.q });
  const values = "is" in c ? [c.is] : c.in;
  return fill(msg("commands.formatsShow.q-is-v"), { q: c.q, v: values.map(valueWords).join(` ${msg("commands.formatsShow.or")} `) });
}

/** `als …` (when it is asked) and `gedeeld als …` (share_when: when its answer may leave the school). */
function describeCondition(q: Question): string {
  const when = q.when ? `  ${msg("commands.formatsShow.when")} ${conditionWords(q.when)}` : "";
  const share = q.shareWhen ? `  ${msg("commands.formatsShow.shared-when")} ${conditionWords(q.shareWhen)}` : "";
  return when + share;
}

function questionLine(q: Question, indent: string): string[] {
  const lang = getLang();
  const req = q.required ? "*" : " ";
  const extra: string[] = [];
  if (q.options) extra.push(q.options.map((o) => o.code).join("|"));
  if (q.type === "scale" || q.min !== undefined || q.max !== undefined) extra.push(`${q.min ?? ""}..${q.max ?? ""}`);
  if (q.perParty) extra.push("per_party");
  const lines = [
    `${indent}${req} ${q.id}  [${q.type}${extra.length ? ` ${extra.join(" ")}` : ""}] [${q.privacy}]  ${tr(q.prompt, lang)}${describeCondition(q)}`,
  ];
  for (const f of q.fields ?? []) lines.push(...questionLine(f, `${indent}    `));
  return lines;
}

export default async function formatsShow(ref: string, opts: { json?: boolean } & GlobalOptions, io: Io): Promise<number> {
  const { format } = await loadFormatRef(ref, opts.formatsDir);
  const lang = getLang();
  if (opts.json) {
    io.stdout.write(`${JSON.stringify(formatJson(format, lang), null, 2)}\n`);
    return 0;
  }
  const out: string[] = [];
  out.push(
    `${format.id} v${format.version} — ${tr(format.title, lang)} (${format.duration} min)${format.extends ? `  ${msg("commands.formatsShow.extends")} ${format.extends}` : ""}`,
  );
  if (format.description) out.push(tr(format.description, lang));
  // A heading only over something: a format without meta questions or roles has neither.
  if (format.meta.length) {
    out.push("");
    out.push(`${msg("commands.formatsShow.meta")}:`);
    for (const q of format.meta) out.push(...questionLine(q, "  "));
  }
  if (format.participants.length) {
    out.push("");
    out.push(`${msg("common.participants")}:`);
    for (const p of format.participants) {
      const org = p.organisation ? ` (${tr(p.organisation, lang)})` : "";
      out.push(`  ${p.required ? "*" : " "} ${p.id}  ${tr(p.label, lang)}${org}`);
    }
  }
  out.push("");
  out.push(`${msg("commands.formatsShow.sections")}:`);
  format.sections.forEach((s, i) => {
    out.push(`  ${i + 1}. ${s.id} — ${tr(s.title, lang)} (${s.minutes} min)`);
    for (const q of s.questions) out.push(...questionLine(q, "     "));
  });
  out.push("");
  out.push(msg("commands.formatsShow.required"));
  io.stdout.write(`${out.join("\n")}\n`);
  return 0;
}
