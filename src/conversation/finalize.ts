// Finalizing ("vaststellen") is refused while something the record needs is missing.
import type { Format } from "../format/types.js";
import type { Session } from "../session/types.js";
import type { AnswerChecker } from "../session/answer-check.js";
import { askingOrder, META_SECTION, questionIndex } from "../format/walk.js";
import { isAnswered } from "../session/condition.js";
import { isVisible, visibleIds } from "../session/visibility.js";
import { missingItemFields } from "../session/validate.js";
import { fill, tr } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";

/** Roles of the participants marked present, each once, in the format's order. */
export function presentRoles(format: Format, session: Session): string[] {
  const present = new Set(session.participants.filter((p) => p.present).map((p) => p.role));
  const known = format.participants.map((r) => r.id).filter((id) => present.has(id));
  return [...known, ...[...present].filter((r) => !known.includes(r))];
}

/** The answer checks (session/answer-check.ts), as `validate` runs them. */
export type AnswerCheck = Pick<AnswerChecker, "check">;

/**
 * Every reason the session cannot be finalized with confirmations from `by` (role ids). With
 * `checker`, every answer is checked as `validate` checks it (type, options, range, the format's
 * `validate` rules): a final session is never one that `validate`, `report` and `--resume` refuse.
 */
export function finalizeProblems(format: Format, session: Session, by?: string[], checker?: AnswerCheck): string[] {
  const out: string[] = [];
  if (checker) {
    const index = questionIndex(format);
    for (const [store, answers] of [
      [META_SECTION, session.meta],
      ["answers", session.answers],
    ] as const) {
      for (const [id, value] of Object.entries(answers)) {
        const a = index.get(id);
        if (!a || (a.sectionId === META_SECTION) !== (store === META_SECTION)) continue;
        const problems = checker.check(a.question, value);
        if (!problems.length) continue;
        const m = [...new Set(problems.map((p) => p.message))].join("; ");
        out.push(
          fill(msg("conversation.finalize.invalid-answer-p-id-m"), {
            p: tr(a.question.prompt),
            id,
            m,
            c: msg("runner.review.change-answer"),
          }),
        );
      }
    }
  }
  for (const { question, sectionId } of askingOrder(format)) {
    if (!question.required || !isVisible(question, session, format)) continue;
    const value = sectionId === META_SECTION ? session.meta[question.id] : session.answers[question.id];
    if (!isAnswered(value)) {
      out.push(fill(msg("conversation.finalize.required-question-without-answer-p"), { p: tr(question.prompt), id: question.id }));
    }
  }
  for (const m of missingFieldProblems(format, session)) out.push(m.message);
  for (const role of format.participants) {
    if (role.required && !session.participants.some((p) => p.role === role.id && p.present)) {
      out.push(fill(msg("conversation.finalize.required-participant-not-present-r"), { r: tr(role.label) }));
    }
  }
  if (by) {
    for (const role of presentRoles(format, session)) {
      if (!by.includes(role)) {
        const label = tr(format.participants.find((r) => r.id === role)?.label) || role;
        out.push(fill(msg("conversation.finalize.r-has-not-confirmed-record"), { r: label }));
      }
    }
  }
  return out;
}

/** Role ids as their labels, for messages. */
export function roleLabels(format: Format, roles: string[]): string[] {
  return roles.map((r) => tr(format.participants.find((p) => p.id === r)?.label) || r);
}

/** "15 september 2026 om 10:00, door Intern begeleider en Socius" — for the read-only notice. */
export function finalizedText(format: Format, at: string, by: string[]): string {
  const d = new Date(at);
  const when = Number.isNaN(d.getTime())
    ? at
    : `${d.toLocaleDateString(msg("common.en-gb"), { day: "numeric", month: "long", year: "numeric" })} ${msg("conversation.finalize.text")} ${d.toLocaleTimeString(msg("common.en-gb"), { hour: "2-digit", minute: "2-digit" })}`;
  const labels = roleLabels(format, by);
  return labels.length ? `${when}, ${msg("conversation.finalize.text-2")} ${labels.join(", ")}` : when;
}

/**
 * Repeat items without a required field that applies in them, with the words finalizing uses:
 * the overview, the section view and the repeat's own lists mark these answers ✗ as well.
 */
export function missingFieldProblems(format: Format, session: Session): { id: string; item: number; message: string }[] {
  return missingItemFields(format, session, visibleIds(format, session)).map(([q, i, f]) => ({
    id: q.id,
    item: i,
    message: fill(msg("conversation.finalize.required-field-without-answer"), { p: tr(q.prompt), id: q.id, n: i + 1, f: tr(f.prompt) }),
  }));
}
