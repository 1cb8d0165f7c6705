// Conditions are re-evaluated after every change. An answer whose question became hidden is
// moved to `aside` (never thrown away) and comes back when the condition holds again.
import type { AnswerScalar, Format } from "../format/types.js";
import type { Session } from "../session/types.js";
import { askingOrder, META_SECTION } from "../format/walk.js";
import { isVisible } from "../session/visibility.js";

/** Mutates `session` (a fresh copy owned by the reducer). One pass: conditions look back only. */
export function reconcileAside(format: Format, session: Session): void {
  const aside = { ...(session.aside ?? {}) };
  for (const { question, sectionId } of askingOrder(format)) {
    const store = (sectionId === META_SECTION ? session.meta : session.answers) as Record<string, unknown>;
    const id = question.id;
    const visible = isVisible(question, session, format);
    if (!visible && id in store) {
      aside[id] = store[id] as Session["answers"][string];
      delete store[id];
    } else if (visible && !(id in store) && id in aside) {
      store[id] = aside[id] as AnswerScalar;
      delete aside[id];
    }
  }
  if (Object.keys(aside).length) session.aside = aside;
  else delete session.aside;
}
