// Who takes part: pick roles from the format, a name per role, then who is present.
import type { SessionParticipant } from "../session/types.js";
import { L, fill, tr } from "../i18n/lang.js";
import type { Ctx } from "./context.js";
import { printHeader } from "./question.js";
import { moreMenu, runCommand } from "./command-actions.js";
import { parseCommand } from "../conversation/commands.js";
import type { Proposal } from "../conversation/types.js";

export async function askParticipants(ctx: Ctx): Promise<Proposal> {
  const ui = ctx.ui;
  for (;;) {
    const { format, session } = ctx.state();
    printHeader(ctx);
    const had = new Map(session.participants.map((p) => [p.role, p]));
    const picked = await ui.checkbox<string>({
      message: L({ nl: "Welke partijen doen mee? (spatie = aan/uit, Enter = klaar; * = verplicht)", en: "Which parties take part? (space = toggle, Enter = done; * = required)" }),
      choices: [
        ...format.participants.map((r) => ({
          value: r.id,
          name: `${tr(r.label)}${r.required ? " *" : ""}`,
          checked: had.size ? had.has(r.id) : r.required,
        })),
        { separator: "──" },
        { value: ":back", name: L({ nl: "← terug", en: "← back" }) },
        { value: ":skip", name: L({ nl: "overslaan", en: "skip" }) },
        { value: ":more", name: L({ nl: "meer…", en: "more…" }) },
      ],
    });
    const cmd = picked.find((v) => v.startsWith(":"));
    if (cmd === ":more") {
      const p = await moreMenu(ctx);
      if (p) return p;
      continue;
    }
    if (cmd === ":back" || cmd === ":skip") return cmd === ":back" ? { type: "back" } : { type: "skip" };
    if (cmd) {
      // A command typed into the list (`:overzicht`, `?`): run it, never tick or untick anything.
      const c = parseCommand(cmd);
      if (c && !("unknown" in c)) {
        const p = await runCommand(ctx, c);
        if (p) return p;
      } else ui.print(`! ${L({ nl: "onbekende opdracht — typ ? voor de lijst", en: "unknown command — type ? for the list" })}`);
      continue;
    }
    if (!picked.length) return { type: "skip" };
    const list: SessionParticipant[] = [];
    for (const roleId of picked) {
      const role = format.participants.find((r) => r.id === roleId)!;
      const old = had.get(roleId);
      const name = await ui.input({
        message: fill(L({ nl: "Naam — {r}:", en: "Name — {r}:" }), { r: tr(role.label) }),
        ...(old?.name ? { default: old.name } : {}),
        validate: (v) => (parseCommand(v) ? L({ nl: "hier geen opdrachten; vul een naam in (of laat leeg)", en: "no commands here; enter a name (or leave empty)" }) : true),
      });
      const organisation = old?.organisation ?? tr(role.organisation);
      list.push({ name: name.trim(), role: roleId, ...(organisation ? { organisation } : {}), present: old?.present ?? true });
      // Save each name as it is acknowledged; roles not reached yet keep what they had.
      const rest = [...had.values()].filter((p) => !list.some((l) => l.role === p.role));
      ctx.dispatch({ type: "participants", list: [...list, ...rest], stay: true });
    }
    const present = await ui.checkbox<number>({
      message: L({ nl: "Wie is aanwezig? (spatie = aan/uit)", en: "Who is present? (space = toggle)" }),
      choices: list.map((p, i) => ({ value: i, name: `${p.name || "—"} (${tr(format.participants.find((r) => r.id === p.role)?.label)})`, checked: p.present })),
    });
    list.forEach((p, i) => (p.present = present.includes(i)));
    return { type: "participants", list };
  }
}
