// The pandoc baseline's input: a session as the Markdown a person would write for the same
// report (title, meta, participants without names, every answer under its question's prompt).
import type { Format, AnswerValue } from "../format/types.js";
import type { Session } from "../session/types.js";
import { askingOrder } from "../format/walk.js";
import { tr } from "../i18n/lang.js";

function answerText(v: AnswerValue): string {
  if (Array.isArray(v)) {
    return v
      .map((x) =>
        typeof x === "object"
          ? `- ${Object.entries(x)
              .map(([k, y]) => `${k}: ${String(y)}`)
              .join("; ")}`
          : `- ${String(x)}`,
      )
      .join("\n");
  }
  return String(v);
}

export function sessionMarkdown(session: Session, format: Format): string {
  const out = [
    `# ${tr(format.title)}`,
    "",
    ...Object.entries(session.meta).map(([k, v]) => `- **${k}**: ${String(v)}`),
    "",
    "## Deelnemers",
    "",
  ];
  for (const p of session.participants)
    out.push(`- ${p.role}${p.organisation ? ` (${p.organisation})` : ""}${p.present ? "" : " — afwezig"}`);
  let section = "";
  for (const { question, section: s } of askingOrder(format)) {
    if (!s) continue;
    if (s.id !== section) {
      section = s.id;
      out.push("", `## ${tr(s.title)}`);
    }
    const v = session.answers[question.id];
    if (v === undefined) continue;
    out.push("", `### ${tr(question.prompt)}`, "", answerText(v));
  }
  if (session.actions.length) {
    out.push("", "## Acties", "", "| wat | wie | wanneer |", "|---|---|---|");
    for (const a of session.actions) out.push(`| ${a.what.replace(/\|/g, "/")} | ${a.organisation ?? ""} | ${a.due ?? ""} |`);
  }
  return `${out.join("\n")}\n`;
}
