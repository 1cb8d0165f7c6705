// What the commands that do not move the cursor do: help, the command list, notes, parked
// topics, action items, choosing a section. They return a navigation proposal, or undefined
// when the same question should simply be asked again.
import type { Question } from "../format/types.js";
import { L, fill, tr } from "../i18n/lang.js";
import { isValidDate } from "../session/answer-check.js";
import type { Command } from "./commands.js";
import { commandHelp } from "./commands.js";
import type { Ctx } from "./context.js";
import type { Proposal } from "./types.js";
import { parseDate } from "./values.js";
import { today } from "./context.js";
import { PARTICIPANTS } from "./steps.js";

export async function chooseSection(ctx: Ctx, arg: string): Promise<Proposal | undefined> {
  const { format } = ctx.state();
  const targets = [
    ...(format.meta.length ? [{ id: "meta", name: L({ nl: "Gegevens", en: "Details" }) }] : []),
    ...(format.participants.length ? [{ id: PARTICIPANTS, name: L({ nl: "Deelnemers", en: "Participants" }) }] : []),
    ...format.sections.map((s, i) => ({ id: s.id, name: `${i + 1}. ${tr(s.title)}` })),
  ];
  if (arg) {
    const n = Number(arg);
    const hit = Number.isInteger(n) && n >= 1 ? format.sections[n - 1] && { id: format.sections[n - 1]!.id } : targets.find((t) => t.id === arg.toLowerCase());
    if (hit) return { type: "jump", section: hit.id };
    ctx.ui.print(fill(L({ nl: "Geen sectie '{a}'.", en: "No section '{a}'." }), { a: arg }));
  }
  const picked = await ctx.ui.select<string>({
    message: L({ nl: "Naar welke sectie?", en: "Which section?" }),
    choices: [...targets.map((t) => ({ value: t.id, name: t.name })), { separator: "" }, { value: "", name: L({ nl: "← blijf hier", en: "← stay here" }) }],
  });
  return picked ? { type: "jump", section: picked } : undefined;
}

async function askActionItem(ctx: Ctx, what: string): Promise<void> {
  const ui = ctx.ui;
  what ||= await ui.input({ message: L({ nl: "Actie — wat moet er gebeuren?", en: "Action — what needs doing?" }) });
  if (!what.trim()) return;
  const who = await ui.input({ message: L({ nl: "Wie (naam of rol)? (Enter = open)", en: "Who (name or role)? (Enter = open)" }) });
  const organisation = await ui.input({ message: L({ nl: "Organisatie? (Enter = open)", en: "Organisation? (Enter = open)" }) });
  const due = await ui.input({
    message: L({ nl: "Wanneer klaar (JJJJ-MM-DD)? (Enter = open)", en: "Due (YYYY-MM-DD)? (Enter = open)" }),
    validate: (v) => !v.trim() || (parseDate(v, today(ctx)) !== undefined && isValidDate(parseDate(v, today(ctx))!)) || L({ nl: "verwacht JJJJ-MM-DD of DD-MM-JJJJ", en: "expected YYYY-MM-DD or DD-MM-YYYY" }),
  });
  const item = {
    what: what.trim(),
    ...(who.trim() ? { who: who.trim() } : {}),
    ...(organisation.trim() ? { organisation: organisation.trim() } : {}),
    ...(due.trim() ? { due: parseDate(due, today(ctx))! } : {}),
  };
  ctx.dispatch({ type: "action", item });
  ui.print(L({ nl: "✓ Actiepunt vastgelegd.", en: "✓ Action item recorded." }));
}

/** Handle a command at a question; `undefined` means: ask the question again. */
export async function runCommand(ctx: Ctx, cmd: Command, question?: Question): Promise<Proposal | undefined> {
  const ui = ctx.ui;
  switch (cmd.name) {
    case "back":
      return { type: "back" };
    case "skip":
      return { type: "skip" };
    case "review":
      return { type: "review" };
    case "stop":
      return { type: "stop" };
    case "section":
      return chooseSection(ctx, cmd.arg);
    case "commands":
      ui.print(commandHelp());
      return undefined;
    case "help":
      ui.print(question?.help ? tr(question.help) : L({ nl: "Bij deze vraag is geen toelichting.", en: "This question has no help text." }));
      return undefined;
    case "note": {
      const key = question?.id ?? PARTICIPANTS;
      const old = ctx.state().session.notes[key];
      const text = cmd.arg || (await ui.input({ message: L({ nl: "Notitie bij deze vraag (leeg = verwijderen):", en: "Note on this question (empty = remove):" }), ...(old ? { default: old } : {}) }));
      ctx.dispatch({ type: "note", text });
      ui.print(text.trim() ? L({ nl: "✓ Notitie opgeslagen.", en: "✓ Note saved." }) : L({ nl: "Notitie verwijderd.", en: "Note removed." }));
      return undefined;
    }
    case "park": {
      const text = cmd.arg || (await ui.input({ message: L({ nl: "Welk onderwerp parkeren?", en: "Which topic to park?" }) }));
      if (text.trim()) {
        ctx.dispatch({ type: "park", text: text.trim() });
        ui.print(L({ nl: "✓ Op de parkeerplaats gezet.", en: "✓ Parked." }));
      }
      return undefined;
    }
    case "action":
      await askActionItem(ctx, cmd.arg);
      return undefined;
  }
}

/** The select-prompt route to commands: "meer…" opens this list. */
export async function moreMenu(ctx: Ctx, question?: Question): Promise<Proposal | undefined> {
  const name = await ctx.ui.select<string>({
    message: L({ nl: "Wat wilt u doen?", en: "What would you like to do?" }),
    choices: [
      { value: "help", name: L({ nl: "toelichting bij deze vraag", en: "help for this question" }) },
      { value: "note", name: L({ nl: "notitie", en: "note" }) },
      { value: "park", name: L({ nl: "onderwerp parkeren", en: "park a topic" }) },
      { value: "action", name: L({ nl: "actiepunt", en: "action item" }) },
      { value: "section", name: L({ nl: "naar een sectie", en: "go to a section" }) },
      { value: "review", name: L({ nl: "overzicht / vaststellen", en: "review / finalize" }) },
      { value: "stop", name: L({ nl: "opslaan en stoppen", en: "save and stop" }) },
      { value: "", name: L({ nl: "← terug naar de vraag", en: "← back to the question" }) },
    ],
  });
  if (!name) return undefined;
  return runCommand(ctx, { name: name as Command["name"], arg: "" }, question);
}
