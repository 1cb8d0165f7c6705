// What the commands that do not move the cursor do: help, the command list, notes, parked
// topics, action items, choosing a section. They return a navigation proposal, or undefined
// when the same question should simply be asked again.
import type { Question } from "../format/types.js";
import type { ActionItem } from "../session/types.js";
import { fill, tr } from "../i18n/lang.js";
import { isValidDate } from "../session/answer-check.js";
import type { Command } from "../conversation/commands.js";
import { commandHelp, parseCommand } from "../conversation/commands.js";
import type { Ctx } from "./context.js";
import type { Proposal } from "../conversation/types.js";
import { parseDate } from "../conversation/values.js";
import { today } from "./context.js";
import { PARTICIPANTS } from "../conversation/steps.js";
import { msg } from "../i18n/messages.js";

export async function chooseSection(ctx: Ctx, arg: string): Promise<Proposal | undefined> {
  const { format } = ctx.state();
  const targets = [
    ...(format.meta.length ? [{ id: "meta", name: msg("common.details") }] : []),
    ...(format.participants.length ? [{ id: PARTICIPANTS, name: msg("common.participants") }] : []),
    ...format.sections.map((s, i) => ({ id: s.id, name: `${i + 1}. ${tr(s.title)}` })),
  ];
  if (arg) {
    const n = Number(arg);
    const hit =
      Number.isInteger(n) && n >= 1
        ? format.sections[n - 1] && { id: format.sections[n - 1]!.id }
        : targets.find((t) => t.id === arg.toLowerCase());
    if (hit) return { type: "jump", section: hit.id };
    ctx.ui.print(fill(msg("runner.commandActions.no-section"), { a: arg }));
  }
  const picked = await ctx.ui.select<string>({
    message: msg("runner.commandActions.which-section"),
    choices: [
      ...targets.map((t) => ({ value: t.id, name: t.name })),
      { separator: "" },
      { value: "", name: msg("runner.commandActions.stay-here") },
    ],
  });
  return picked ? { type: "jump", section: picked } : undefined;
}

/** The meeting's date: the `datum` meta answer, else today. */
function meetingDate(ctx: Ctx): string {
  const d = ctx.state().session.meta.datum;
  return typeof d === "string" && isValidDate(d) ? d : today(ctx);
}

/**
 * Who does it: picked from the participants (their organisation comes along), typed, or
 * left open. Returns undefined when left open.
 */
async function askWho(ctx: Ctx, old?: ActionItem): Promise<{ who?: string; organisation?: string }> {
  const { format, session } = ctx.state();
  const people = session.participants.filter((p) => p.name.trim());
  const label = (role: string) => tr(format.participants.find((r) => r.id === role)?.label) || role;
  const orgOf = (p: (typeof people)[number]) => p.organisation ?? tr(format.participants.find((r) => r.id === p.role)?.organisation);
  const pick = await ctx.ui.select<string>({
    message: msg("runner.commandActions.who-takes"),
    choices: [
      // No separator: a typed number picks by position only above one, and these are all answers.
      ...people.map((p, i) => ({ value: `p${i}`, name: `${p.name} — ${label(p.role)}${orgOf(p) ? `, ${orgOf(p)}` : ""}` })),
      { value: "type", name: msg("runner.commandActions.someone-else-type") },
      { value: "open", name: msg("runner.commandActions.still-open") },
    ],
    ...(old?.who ? { default: people.some((p) => p.name === old.who) ? `p${people.findIndex((p) => p.name === old.who)}` : "type" } : {}),
  });
  if (pick === "open") return {};
  if (pick.startsWith("p")) {
    const p = people[Number(pick.slice(1))]!;
    const organisation = orgOf(p);
    return { who: p.name, ...(organisation ? { organisation } : {}) };
  }
  const who = await ctx.ui.input({ message: msg("runner.commandActions.who-name-role"), ...(old?.who ? { default: old.who } : {}) });
  const organisation = await ctx.ui.input({
    message: msg(old?.organisation ? "runner.commandActions.organisation-keep-or-clear" : "runner.commandActions.organisation-enter-open"),
    ...(old?.organisation ? { default: old.organisation } : {}),
  });
  const org = CLEAR.test(organisation) ? "" : organisation.trim();
  // `-` empties the owner too (it was stored as the owner's name "-").
  const owner = CLEAR.test(who) ? "" : who.trim();
  return { ...(owner ? { who: owner } : {}), ...(org ? { organisation: org } : {}) };
}

/** `-` empties a field that has a value (Enter keeps what is there); a due date also takes `open`. */
const CLEAR = /^\s*-\s*$/;
const OPEN = /^\s*(?:-|open)\s*$/i;

/** A due date; one before the meeting itself is questioned, not silently taken (issue 15, item 5). */
async function askDue(ctx: Ctx, old?: string): Promise<string | undefined> {
  for (;;) {
    // With a date already there, Enter keeps it (the field's default): `-` makes it open again.
    const due = await ctx.ui.input({
      message: msg(old ? "runner.commandActions.due-keep-or-clear" : "runner.commandActions.due-yyyy-mm-dd-dd"),
      ...(old ? { default: old } : {}),
      validate: (v) =>
        !v.trim() ||
        OPEN.test(v) ||
        (parseDate(v, today(ctx)) !== undefined && isValidDate(parseDate(v, today(ctx))!)) ||
        msg("runner.commandActions.expected-yyyy-mm-dd-dd"),
    });
    if (!due.trim() || OPEN.test(due)) return undefined;
    const d = parseDate(due, today(ctx))!;
    const meeting = meetingDate(ctx);
    if (d >= meeting) return d;
    const ok = await ctx.ui.confirm({
      message: fill(msg("runner.commandActions.d-before-meeting-date-m"), { d, m: meeting }),
      default: false,
    });
    if (ok) return d;
  }
}

async function askActionItem(ctx: Ctx, what: string, old?: ActionItem): Promise<Omit<ActionItem, "question"> | undefined> {
  const ui = ctx.ui;
  what ||= await ui.input({ message: msg("runner.commandActions.action-what-needs-doing"), ...(old ? { default: old.what } : {}) });
  if (!what.trim()) return undefined;
  const who = await askWho(ctx, old);
  const due = await askDue(ctx, old?.due);
  return { what: what.trim(), ...who, ...(due ? { due } : {}) };
}

const actionLine = (a: ActionItem) =>
  `${a.what}${[a.who, a.organisation, a.due].some(Boolean) ? ` (${[a.who, a.organisation, a.due].filter(Boolean).join(", ")})` : ""}`;

/** Action items and parked topics: listed, and each can be changed or deleted. */
export async function manageLists(ctx: Ctx): Promise<void> {
  const ui = ctx.ui;
  for (;;) {
    const { session } = ctx.state();
    const choices = [
      ...session.actions.map((a, i) => ({ value: `a${i}`, name: `${msg("runner.commandActions.action")} ${i + 1}: ${actionLine(a)}` })),
      ...session.parked.map((p, i) => ({ value: `p${i}`, name: `${msg("runner.commandActions.parked")} ${i + 1}: ${p.text}` })),
    ];
    if (!choices.length) {
      ui.print(msg("runner.commandActions.there-are-no-action-items"));
      return;
    }
    const pick = await ui.select<string>({
      message: msg("runner.commandActions.action-items-parked-topics-which"),
      choices: [...choices, { separator: "──" }, { value: "", name: msg("common.back") }],
    });
    if (!pick) return;
    const index = Number(pick.slice(1));
    const what = await ui.select<string>({
      message: msg("runner.commandActions.what-do"),
      choices: [
        { value: "edit", name: msg("runner.commandActions.change") },
        { value: "delete", name: msg("runner.commandActions.delete") },
        { value: "", name: msg("common.back") },
      ],
    });
    if (!what) continue;
    if (pick.startsWith("a")) {
      if (what === "delete") {
        ctx.dispatch({ type: "editAction", index, item: null });
        ui.print(msg("runner.commandActions.action-item-deleted"));
      } else {
        const item = await askActionItem(ctx, "", ctx.state().session.actions[index]);
        if (item) ctx.dispatch({ type: "editAction", index, item });
        ui.print(msg("runner.commandActions.action-item-changed"));
      }
    } else if (what === "delete") {
      ctx.dispatch({ type: "editParked", index, text: null });
      ui.print(msg("runner.commandActions.parked-topic-deleted"));
    } else {
      const text = await ui.input({ message: msg("runner.commandActions.topic"), default: ctx.state().session.parked[index]!.text });
      if (text.trim()) ctx.dispatch({ type: "editParked", index, text: text.trim() });
    }
  }
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
      ui.print(question?.help ? tr(question.help) : msg("runner.commandActions.question-has-no-help-text"));
      return undefined;
    case "note": {
      const key = question?.id ?? PARTICIPANTS;
      const old = ctx.state().session.notes[key];
      // With a note already there, Enter keeps it (the field's default): `-` removes it.
      const typed =
        cmd.arg ||
        (await ui.input({
          message: msg(old ? "runner.commandActions.note-keep-or-remove" : "runner.commandActions.note-question-empty-remove"),
          ...(old ? { default: old } : {}),
        }));
      const text = CLEAR.test(typed) ? "" : typed;
      ctx.dispatch({ type: "note", text });
      ui.print(text.trim() ? msg("runner.commandActions.note-saved") : msg("runner.commandActions.note-removed"));
      return undefined;
    }
    case "park": {
      const text = cmd.arg || (await ui.input({ message: msg("runner.commandActions.which-topic-park") }));
      if (text.trim()) {
        ctx.dispatch({ type: "park", text: text.trim() });
        ui.print(msg("runner.commandActions.parked-2"));
      }
      return undefined;
    }
    case "action": {
      const item = await askActionItem(ctx, cmd.arg);
      if (item) {
        ctx.dispatch({ type: "action", item });
        ui.print(msg("runner.commandActions.action-item-recorded"));
      }
      return undefined;
    }
    case "actions":
      await manageLists(ctx);
      return undefined;
  }
}

/** The select-prompt route to commands: "meer…" opens this list. */
export async function moreMenu(ctx: Ctx, question?: Question): Promise<Proposal | undefined> {
  const name = await ctx.ui.select<string>({
    message: msg("runner.commandActions.what-would-you-like-do"),
    choices: [
      { value: "help", name: msg("runner.commandActions.help-question") },
      { value: "note", name: msg("common.note") },
      { value: "park", name: msg("runner.commandActions.park-topic") },
      { value: "action", name: msg("runner.commandActions.action-item") },
      { value: "actions", name: msg("runner.commandActions.list-change-delete-action-items") },
      { value: "section", name: msg("runner.commandActions.go-section") },
      { value: "review", name: msg("runner.commandActions.review-finalize") },
      { value: "stop", name: msg("runner.commandActions.save-stop") },
      { value: "", name: msg("runner.commandActions.back-question") },
    ],
  });
  if (!name) return undefined;
  return runCommand(ctx, { name: name as Command["name"], arg: "" }, question);
}

/**
 * Text typed at a prompt that is not a question's own (the review, last year's agreements, the
 * participants): a command there works as at a question. `undefined`: not a command (ask
 * again or take it as text); `{}`: done here, ask the same prompt again; `{proposal}`: move on.
 */
export async function typedCommand(ctx: Ctx, text: string, question?: Question): Promise<{ proposal?: Proposal } | undefined> {
  const cmd = parseCommand(text);
  if (!cmd) return undefined;
  if ("unknown" in cmd) {
    ctx.ui.print(`! ${fill(msg("runner.ask.unknown-command-c-type-list"), { c: cmd.unknown })}`);
    return {};
  }
  const p = await runCommand(ctx, cmd, question);
  return p ? { proposal: p } : {};
}
