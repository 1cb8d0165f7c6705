// The review: every answer so far, what is missing, and the way to finalize ("vaststellen").
import type { Question } from "../format/types.js";
import { L, fill, tr } from "../i18n/lang.js";
import { isAnswered } from "../session/condition.js";
import { isVisible } from "../session/visibility.js";
import type { Ctx } from "./context.js";
import type { Proposal, RunnerState } from "./types.js";
import { finalizeProblems, presentRoles, roleLabels } from "./finalize.js";
import { answerOf } from "./steps.js";
import { showValue } from "./values.js";
import { moreMenu } from "./command-actions.js";

const indent = (text: string, pad = "      ") => text.split("\n").join(`\n${pad}`);

/** The overview as text: pure, so it is tested and printed the same way. */
export function reviewText(state: RunnerState): string {
  const { format, session } = state;
  const out: string[] = [];
  const line = (q: Question) => {
    const v = answerOf(format, session, q.id);
    const mark = isAnswered(v) ? "✓" : session.skipped.includes(q.id) ? "–" : q.required ? "✗" : "·";
    const roleLabel = (id: string) => tr(format.participants.find((r) => r.id === id)?.label) || id;
    const shown = isAnswered(v) ? indent(showValue(q, v, tr, roleLabel)) : session.skipped.includes(q.id) ? L({ nl: "(overgeslagen)", en: "(skipped)" }) : L({ nl: "(geen antwoord)", en: "(no answer)" });
    out.push(`  ${mark} ${tr(q.prompt)}${q.required ? " *" : ""}\n      ${shown}`);
    if (session.notes[q.id]) out.push(`      ${L({ nl: "notitie", en: "note" })}: ${session.notes[q.id]}`);
  };
  if (format.meta.length) out.push(`== ${L({ nl: "Gegevens", en: "Details" })} ==`);
  format.meta.filter((q) => isVisible(q, session)).forEach(line);
  if (format.participants.length) {
    out.push(`== ${L({ nl: "Deelnemers", en: "Participants" })} ==`);
    if (!session.participants.length) out.push(`  ${L({ nl: "(nog niemand)", en: "(nobody yet)" })}`);
    for (const p of session.participants) {
      const role = tr(format.participants.find((r) => r.id === p.role)?.label) || p.role;
      out.push(`  ${p.present ? "✓" : "·"} ${p.name || "—"} — ${role}${p.present ? "" : L({ nl: " (afwezig)", en: " (absent)" })}`);
    }
  }
  format.sections.forEach((s, i) => {
    out.push(`== ${i + 1}. ${tr(s.title)} ==`);
    s.questions.filter((q) => isVisible(q, session)).forEach(line);
  });
  if (session.parked.length) out.push(`== ${L({ nl: "Parkeerplaats", en: "Parked topics" })} ==`, ...session.parked.map((p) => `  • ${p.text}`));
  if (session.actions.length) {
    out.push(`== ${L({ nl: "Actiepunten", en: "Action items" })} ==`);
    for (const a of session.actions) out.push(`  • ${a.what}${[a.who, a.organisation, a.due].some(Boolean) ? ` (${[a.who, a.organisation, a.due].filter(Boolean).join(", ")})` : ""}`);
  }
  out.push(L({ nl: "✓ beantwoord  – overgeslagen  ✗ verplicht, nog open  * verplicht", en: "✓ answered  – skipped  ✗ required, still open  * required" }));
  return out.join("\n");
}

async function pickQuestion(ctx: Ctx): Promise<string> {
  const { format, session } = ctx.state();
  const choices = [...format.meta, ...format.sections.flatMap((s) => s.questions)]
    .filter((q) => isVisible(q, session))
    .map((q) => ({ value: q.id, name: `${tr(q.prompt)}${isAnswered(answerOf(format, session, q.id)) ? "" : " ✗"}` }));
  return ctx.ui.select<string>({
    message: L({ nl: "Welk antwoord wijzigen?", en: "Which answer to change?" }),
    choices: [...choices, { separator: "──" }, { value: "", name: L({ nl: "← terug naar het overzicht", en: "← back to the review" }) }],
  });
}

async function confirmParties(ctx: Ctx): Promise<string[] | undefined> {
  const { format, session } = ctx.state();
  const by: string[] = [];
  for (const role of presentRoles(format, session)) {
    const names = session.participants.filter((p) => p.role === role && p.present).map((p) => p.name).filter(Boolean).join(", ");
    const label = tr(format.participants.find((r) => r.id === role)?.label) || role;
    const ok = await ctx.ui.confirm({ message: fill(L({ nl: "Bevestigt {r}{n} dit verslag?", en: "Does {r}{n} confirm this record?" }), { r: label, n: names ? ` (${names})` : "" }), default: true });
    if (ok) by.push(role);
  }
  const missing = presentRoles(format, session).filter((r) => !by.includes(r));
  if (missing.length) {
    ctx.ui.print(fill(L({ nl: "Niet vastgesteld: niet bevestigd door {list}. Pas aan en probeer opnieuw.", en: "Not finalized: not confirmed by {list}. Change what is needed and try again." }), { list: roleLabels(format, missing).join(", ") }));
    return undefined;
  }
  return by;
}

/** The review screen; returns where to go next (or finalize / stop). */
export async function askReview(ctx: Ctx): Promise<Proposal> {
  const ui = ctx.ui;
  ui.print(`\n${reviewText(ctx.state())}`);
  for (;;) {
    const choice = await ui.select<string>({
      message: L({ nl: "Overzicht — wat nu?", en: "Review — what now?" }),
      choices: [
        { value: "finalize", name: L({ nl: "vaststellen (alle partijen bevestigen)", en: "finalize (every party confirms)" }) },
        { value: "edit", name: L({ nl: "een antwoord wijzigen…", en: "change an answer…" }) },
        { value: "continue", name: L({ nl: "verder met het gesprek", en: "continue the conversation" }) },
        { value: "more", name: L({ nl: "meer… (notitie, parkeren, actie, sectie)", en: "more… (note, park, action, section)" }) },
        { value: "stop", name: L({ nl: "opslaan als concept en stoppen", en: "save as draft and stop" }) },
      ],
    });
    if (choice === "stop") return { type: "stop" };
    if (choice === "continue") return { type: "continue" };
    if (choice === "more") {
      const p = await moreMenu(ctx);
      if (p && p.type !== "review") return p;
      continue;
    }
    if (choice === "edit") {
      const id = await pickQuestion(ctx);
      if (id) return { type: "goto", id };
      continue;
    }
    const { format, session } = ctx.state();
    const problems = finalizeProblems(format, session);
    if (problems.length) {
      ui.print(`${L({ nl: "Nog niet vast te stellen:", en: "Cannot finalize yet:" })}\n${problems.map((p) => `  ✗ ${p}`).join("\n")}`);
      continue;
    }
    const by = await confirmParties(ctx);
    if (by) return { type: "finalize", by };
  }
}
