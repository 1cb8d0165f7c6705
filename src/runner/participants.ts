// Who takes part: pick roles from the format, a name per role, then who is present.
import type { SessionParticipant } from "../session/types.js";
import { fill, tr } from "../i18n/lang.js";
import type { Ctx } from "./context.js";
import { printHeader } from "./question.js";
import { moreMenu, typedCommand } from "./command-actions.js";
import type { Proposal } from "../conversation/types.js";
import { msg } from "../i18n/messages.js";
import { looksLikeCommand } from "../ui/types.js";

export async function askParticipants(ctx: Ctx): Promise<Proposal> {
  const ui = ctx.ui;
  // Resumed inside this step (stopped at a name or at who is present): the parties chosen then
  // are kept; go on at the first one without a name, else at who is present.
  let resuming = ctx.resumeParticipants === true && ctx.state().session.participants.length > 0;
  ctx.resumeParticipants = false;
  // The parties ticked when a command was typed into the list (`?`, `:notitie …`): asked again with them ticked.
  let ticked: Set<string> | undefined;
  for (;;) {
    const { format, session } = ctx.state();
    printHeader(ctx);
    let list: SessionParticipant[];
    let from = 0;
    if (resuming) {
      resuming = false;
      list = structuredClone(session.participants);
      from = list.findIndex((p) => !p.name.trim());
      if (from < 0) from = list.length;
    } else {
      const had = new Map(session.participants.map((p) => [p.role, p]));
      const picked = await ui.checkbox<string>({
        message: msg("runner.participants.which-parties-take-part-space"),
        choices: [
          ...format.participants.map((r) => ({
            value: r.id,
            name: `${tr(r.label)}${r.required ? " *" : ""}`,
            checked: ticked ? ticked.has(r.id) : had.size ? had.has(r.id) : r.required,
          })),
          { separator: "──" },
          { value: ":back", name: msg("common.back") },
          { value: ":skip", name: msg("common.skip") },
          { value: ":more", name: msg("common.more") },
        ],
      });
      // A choice below the line (`:more` …) or a typed command (`:stop`, `?`): never a role's id.
      const cmd = picked.find(looksLikeCommand);
      if (cmd) ticked = new Set(picked.filter((v) => !looksLikeCommand(v)));
      if (cmd === ":more") {
        const p = await moreMenu(ctx);
        if (p) return p;
        continue;
      }
      if (cmd === ":back" || cmd === ":skip") return cmd === ":back" ? { type: "back" } : { type: "skip" };
      if (cmd) {
        // A command typed into the list (`:overzicht`, `?`): run it, never tick or untick anything.
        const typed = await typedCommand(ctx, cmd);
        if (typed?.proposal) return typed.proposal;
        continue;
      }
      if (!picked.length) return { type: "skip" };
      list = picked.map((roleId) => {
        const role = format.participants.find((r) => r.id === roleId)!;
        const old = had.get(roleId);
        const organisation = old?.organisation ?? tr(role.organisation);
        return { name: old?.name ?? "", role: roleId, ...(organisation ? { organisation } : {}), present: old?.present ?? true };
      });
      // The parties chosen are saved at once (names still empty): a stop before the last name
      // keeps them, and resuming goes on at the first name not given.
      ctx.dispatch({ type: "participants", list: structuredClone(list), stay: true });
    }
    for (let i = from; i < list.length; i++) {
      const p = list[i]!;
      const role = format.participants.find((r) => r.id === p.role);
      // A command works here too (`:stop`, `:notitie …`); the names given so far are saved.
      let name: string;
      for (;;) {
        name = await ui.input({
          message: fill(msg("runner.participants.name-r"), { r: tr(role?.label) || p.role }),
          ...(p.name ? { default: p.name } : {}),
        });
        const typed = await typedCommand(ctx, name);
        if (!typed) break;
        if (typed.proposal?.type === "skip") {
          name = "";
          break;
        }
        if (typed.proposal) return typed.proposal;
      }
      p.name = name.trim();
      // Save each name as it is acknowledged.
      ctx.dispatch({ type: "participants", list: structuredClone(list), stay: true });
    }
    let present: (number | string)[];
    for (;;) {
      present = await ui.checkbox<number | string>({
        message: msg("runner.participants.who-present-space-toggle"),
        choices: list.map((p, i) => ({
          value: i,
          name: `${p.name || "—"} (${tr(format.participants.find((r) => r.id === p.role)?.label)})`,
          checked: p.present,
        })),
        commands: true,
      });
      const cmd = present.find((v): v is string => typeof v === "string");
      if (cmd === undefined) break;
      const typed = await typedCommand(ctx, cmd);
      // `:over`: everyone as they were; another move leaves with the names saved.
      if (typed?.proposal?.type === "skip") {
        present = list.flatMap((p, i) => (p.present ? [i] : []));
        break;
      }
      if (typed?.proposal) return typed.proposal;
    }
    list.forEach((p, i) => (p.present = present.includes(i)));
    return { type: "participants", list };
  }
}
