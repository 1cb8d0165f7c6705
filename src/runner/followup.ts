// At the agreements section: last year's agreements and actions, one by one — gedaan, loopt
// nog or vervallen, with an optional note. Each answer is saved as it is given.
import type { FollowupItem, FollowupStatus } from "../session/types.js";
import { fill } from "../i18n/lang.js";
import { longDate } from "../report/words.js";
import { getLang } from "../i18n/lang.js";
import type { Ctx } from "./context.js";
import type { Previous } from "../conversation/previous.js";
import { displayPath } from "../util/paths.js";
import type { Proposal } from "../conversation/types.js";
import { moreMenu, typedCommand } from "./command-actions.js";
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

/**
 * Is there a previous conversation to go through (the overview offers it only then)? Given
 * with --previous, or found beside the file (looked for once; asked about when chosen), and
 * not declined.
 */
export async function hasPrevious(ctx: Ctx): Promise<boolean> {
  const src = ctx.previous;
  if (!src) return false;
  if (src.settled !== undefined) return !!src.settled?.items.length;
  if (src.given) return src.given.items.length > 0;
  const found = await src.find?.();
  src.find = async () => found;
  return !!found?.items.length;
}

/**
 * Ask about each of last year's items not yet answered (all of them with `again`). A command
 * (typed, or through "meer…") works here as at a question: one that moves on (`:stop`,
 * `:sectie 3`, `:terug` …) ends the round and is returned; `:over` skips the item.
 */
export async function askFollowup(ctx: Ctx, again = false): Promise<Proposal | undefined> {
  const src = ctx.previous;
  if (!src) return undefined;
  const prev = await settle(ctx, src);
  if (!prev) return undefined;
  const done = new Map((ctx.state().session.followup ?? []).map((f) => [f.action, f]));
  const todo = prev.items.filter((t) => again || !done.has(t));
  if (!todo.length) return undefined;
  const ui = ctx.ui;
  ui.print(
    `\n== ${msg("common.last-year-s-agreements")} ==\n${fill(msg("runner.followup.n-agreement-s-action-s"), { n: prev.items.length, d: prev.date ? ` ${msg("runner.followup.text")} ${longDate(prev.date, getLang())}` : "" })}`,
  );
  /** `skip`: on to the next item; `again`: ask this item again; else the proposal to leave with. */
  const command = async (text: string): Promise<Proposal | "skip" | "again" | undefined> => {
    const typed = text === ":more" ? { proposal: await moreMenu(ctx) } : await typedCommand(ctx, text);
    if (!typed) return undefined;
    if (!typed.proposal) return "again";
    return typed.proposal.type === "skip" ? "skip" : typed.proposal;
  };
  for (let i = 0; i < todo.length; i++) {
    const action = todo[i]!;
    const old = done.get(action);
    const status = await ui.select<string>({
      message: `${i + 1}/${todo.length}  ${action}`,
      choices: [
        { value: "gedaan", name: statusLabel("gedaan") },
        { value: "loopt", name: statusLabel("loopt") },
        { value: "vervallen", name: statusLabel("vervallen") },
        { separator: "──" },
        { value: "", name: msg("common.skip") },
        { value: "rest", name: msg("runner.followup.skip-rest-later-from-review") },
        { value: ":more", name: msg("common.more") },
      ],
      ...(old ? { default: old.status } : {}),
      commands: true,
    });
    if (status === "rest") break;
    if (!status) continue;
    const c = await command(status);
    if (c === "skip") continue;
    if (c === "again") {
      i--;
      continue;
    }
    if (c) return c;
    let note: string;
    for (;;) {
      note = await ui.input({
        message: msg("runner.followup.note-enter-none"),
        ...(old?.note ? { default: old.note } : {}),
      });
      const n = await command(note);
      if (n === undefined) break;
      if (n === "skip") {
        note = "";
        break;
      }
      if (n !== "again") return n;
    }
    const item: FollowupItem = { action, status: status as FollowupStatus, ...(note.trim() ? { note: note.trim() } : {}) };
    ctx.dispatch({ type: "followup", item });
  }
  ui.print(msg("runner.followup.last-year-s-agreements-recorded"));
  return undefined;
}
