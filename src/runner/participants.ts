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
  for (;;) {
    const { format, session } = ctx.state();
    printHeader(ctx);
    const had = new Map(session.participants.map((p) => [p.role, p]));
    const picked = await ui.checkbox<string>({
      message: msg("runner.participants.which-parties-take-part-space"),
      choices: [
        ...format.participants.map((r) => ({
          value: r.id,
          name: `${tr(r.label)}${r.required ? " *" : ""}`,
          checked: had.size ? had.has(r.id) : r.required,
        })),
        { separator: "──" },
        { value: ":back", name: msg("common.back") },
        { value: ":skip", name: msg("common.skip") },
        { value: ":more", name: msg("common.more") },
      ],
    });
    // A choice below the line (`:more` …) or a typed command (`:stop`, `?`): never a role's id.
    const cmd = picked.find(looksLikeCommand);
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
    const list: SessionParticipant[] = [];
    for (const roleId of picked) {
      const role = format.participants.find((r) => r.id === roleId)!;
      const old = had.get(roleId);
      // A command works here too (`:stop`, `:notitie …`); the names given so far are saved.
      let name: string;
      for (;;) {
        name = await ui.input({
          message: fill(msg("runner.participants.name-r"), { r: tr(role.label) }),
          ...(old?.name ? { default: old.name } : {}),
        });
        const typed = await typedCommand(ctx, name);
        if (!typed) break;
        if (typed.proposal?.type === "skip") {
          name = "";
          break;
        }
        if (typed.proposal) return typed.proposal;
      }
      const organisation = old?.organisation ?? tr(role.organisation);
      list.push({ name: name.trim(), role: roleId, ...(organisation ? { organisation } : {}), present: old?.present ?? true });
      // Save each name as it is acknowledged; roles not reached yet keep what they had.
      const rest = [...had.values()].filter((p) => !list.some((l) => l.role === p.role));
      ctx.dispatch({ type: "participants", list: [...list, ...rest], stay: true });
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
