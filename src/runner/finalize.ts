// Finalizing ("vaststellen") is refused while something the record needs is missing.
import type { Format } from "../format/types.js";
import type { Session } from "../session/types.js";
import { askingOrder, META_SECTION } from "../format/walk.js";
import { isAnswered } from "../session/condition.js";
import { isVisible } from "../session/visibility.js";
import { L, fill, tr } from "../i18n/lang.js";

/** Roles of the participants marked present, each once, in the format's order. */
export function presentRoles(format: Format, session: Session): string[] {
  const present = new Set(session.participants.filter((p) => p.present).map((p) => p.role));
  const known = format.participants.map((r) => r.id).filter((id) => present.has(id));
  return [...known, ...[...present].filter((r) => !known.includes(r))];
}

/** Every reason the session cannot be finalized with confirmations from `by` (role ids). */
export function finalizeProblems(format: Format, session: Session, by?: string[]): string[] {
  const out: string[] = [];
  for (const { question, sectionId } of askingOrder(format)) {
    if (!question.required || !isVisible(question, session)) continue;
    const value = sectionId === META_SECTION ? session.meta[question.id] : session.answers[question.id];
    if (!isAnswered(value)) {
      out.push(fill(L({ nl: "verplichte vraag zonder antwoord: {p} ({id})", en: "required question without an answer: {p} ({id})" }), { p: tr(question.prompt), id: question.id }));
    }
  }
  for (const role of format.participants) {
    if (role.required && !session.participants.some((p) => p.role === role.id && p.present)) {
      out.push(fill(L({ nl: "verplichte deelnemer niet aanwezig: {r}", en: "required participant not present: {r}" }), { r: tr(role.label) }));
    }
  }
  if (by) {
    for (const role of presentRoles(format, session)) {
      if (!by.includes(role)) {
        const label = tr(format.participants.find((r) => r.id === role)?.label) || role;
        out.push(fill(L({ nl: "{r} heeft het verslag niet bevestigd", en: "{r} has not confirmed the record" }), { r: label }));
      }
    }
  }
  return out;
}
