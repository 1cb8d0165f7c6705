import { msg } from "../i18n/messages.js";
// Commands typed in an answer field: `:terug`, `:notitie tekst`, `?` ... Dutch words with
// English aliases, so a facilitator never has to leave the keyboard.

export type CommandName = "back" | "skip" | "help" | "section" | "review" | "note" | "park" | "action" | "actions" | "stop" | "commands";

const WORDS: Record<string, CommandName> = {
  terug: "back",
  back: "back",
  over: "skip",
  overslaan: "skip",
  skip: "skip",
  help: "help",
  sectie: "section",
  section: "section",
  overzicht: "review",
  review: "review",
  notitie: "note",
  note: "note",
  park: "park",
  parkeer: "park",
  actie: "action",
  action: "action",
  acties: "actions",
  actions: "actions",
  stop: "stop",
  "?": "commands",
  commands: "commands",
  opdrachten: "commands",
};

export interface Command {
  name: CommandName;
  /** Text after the command word (`:notitie ouders waren positief`). */
  arg: string;
}

/** A command, an unknown command (`{unknown}`), or undefined when the text is an answer. */
export function parseCommand(text: string): Command | { unknown: string } | undefined {
  const t = text.trim();
  if (t === "?") return { name: "commands", arg: "" };
  if (!t.startsWith(":") || t.startsWith("::")) return undefined;
  const m = /^:(\S*)\s*(.*)$/s.exec(t)!;
  const name = WORDS[m[1]!.toLowerCase()];
  return name ? { name, arg: m[2]!.trim() } : { unknown: m[1]! };
}

/** `::tekst` is the escape for an answer that really starts with a colon. */
export function unescapeAnswer(text: string): string {
  return text.trimStart().startsWith("::") ? text.trimStart().slice(1) : text;
}

export function commandHelp(): string {
  const rows: [string, string][] = [
    [":terug   (:back)", msg("conversation.commands.previous-question")],
    [":over    (:skip)", msg("conversation.commands.skip-question-required-ones-then")],
    [":help", msg("conversation.commands.help-text-question")],
    [":sectie  (:section)", msg("conversation.commands.jump-another-section-section-3")],
    [":overzicht (:review)", msg("conversation.commands.review-all-answers-edit-finalize")],
    [":notitie (:note)", msg("conversation.commands.note-question-note-text")],
    [":park", msg("conversation.commands.park-topic-park-text")],
    [":actie   (:action)", msg("conversation.commands.record-action-item-what-who")],
    [":acties  (:actions)", msg("conversation.commands.list-edit-delete-action-items")],
    [":stop", msg("conversation.commands.save-stop-continue-later-resume")],
    ["?", msg("conversation.commands.list")],
  ];
  const extra = msg("conversation.commands.ctrl-c-also-saves-stops");
  return `${rows.map(([k, v]) => `  ${k.padEnd(22)} ${v}`).join("\n")}\n  ${extra}`;
}
