// At the agreements section: last year's agreements and actions, one by one — gedaan, loopt
// nog or vervallen, with an optional note. Each answer is saved as it is given.
import type { FollowupItem, FollowupStatus } from "../session/types.js";
import { fill } from "../i18n/lang.js";
import { longDate } from "../report/words.js";
import { getLang } from "../i18n/lang.js";
import { parseCommand } from "../conversation/commands.js";
import type { Ctx } from "./context.js";
import type { Previous } from "../conversation/previous.js";
import { displayPath } from "../util/paths.js";
import { msg } from "../i18n/messages.js";

/** Where last year's items come from: `--previous FILE`, or a search beside the new file (offered once). */
export interface PreviousSource {
  /** Given with --previous. */
  given?: Previous;
  /** Looks for the most recent earlier session of the same school. */
  find?: () => Promise<Previous | undefined>;
  /** The outcome once settled: the items to ask about, or null when there are none / declined. */
  settled?: Previous | null;
}

export function statusLabel(s: FollowupStatus): string {
  return s === "gedaan" ? msg("common.done") : s === "loopt" ? msg("common.still-running") : msg("common.dropped");
}

async function settle(ctx: Ctx, src: PreviousSource): Promise<Previous | null> {
  if (src.settled !== undefined) return src.settled;
  if (src.given) return (src.settled = src.given.items.length ? src.given : null);
  const found = await src.find?.();
  if (!found) return (src.settled = null);
  const ok = await ctx.ui.confirm({
    message: fill(msg("runner.followup.there-earlier-session-school-f"), {
      f: displayPath(found.file),
      d: found.date ? ` (${longDate(found.date, getLang())})` : "",
    }),
    default: true,
  });
  return (src.settled = ok ? found : null);
}

/** Ask about each of last year's items not yet answered (all of them with `again`). */
export async function askFollowup(ctx: Ctx, again = false): Promise<void> {
  const src = ctx.previous;
  if (!src) return;
  const prev = await settle(ctx, src);
  if (!prev) return;
  const done = new Map((ctx.state().session.followup ?? []).map((f) => [f.action, f]));
  const todo = prev.items.filter((t) => again || !done.has(t));
  if (!todo.length) return;
  const ui = ctx.ui;
  ui.print(
    `\n== ${msg("common.last-year-s-agreements")} ==\n${fill(msg("runner.followup.n-agreement-s-action-s"), { n: prev.items.length, d: prev.date ? ` ${msg("runner.followup.text")} ${longDate(prev.date, getLang())}` : "" })}`,
  );
  for (const [i, action] of todo.entries()) {
    const old = done.get(action);
    const status = await ui.select<FollowupStatus | "" | "rest">({
      message: `${i + 1}/${todo.length}  ${action}`,
      choices: [
        { value: "gedaan", name: statusLabel("gedaan") },
        { value: "loopt", name: statusLabel("loopt") },
        { value: "vervallen", name: statusLabel("vervallen") },
        { separator: "──" },
        { value: "", name: msg("common.skip") },
        { value: "rest", name: msg("runner.followup.skip-rest-later-from-review") },
      ],
      ...(old ? { default: old.status } : {}),
    });
    if (status === "rest") break;
    if (!status) continue;
    const note = await ui.input({
      message: msg("runner.followup.note-enter-none"),
      ...(old?.note ? { default: old.note } : {}),
      validate: (v) => (parseCommand(v) ? msg("runner.followup.no-commands-here-type-note") : true),
    });
    const item: FollowupItem = { action, status, ...(note.trim() ? { note: note.trim() } : {}) };
    ctx.dispatch({ type: "followup", item });
  }
  ui.print(msg("runner.followup.last-year-s-agreements-recorded"));
}
