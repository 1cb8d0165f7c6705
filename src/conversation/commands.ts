// Commands typed in an answer field: `:terug`, `:notitie tekst`, `?` ... Dutch words with
// English aliases, so a facilitator never has to leave the keyboard.
import { L } from "../i18n/lang.js";

export type CommandName = "back" | "skip" | "help" | "section" | "review" | "note" | "park" | "action" | "actions" | "stop" | "commands";

const WORDS: Record<string, CommandName> = {
  terug: "back", back: "back",
  over: "skip", overslaan: "skip", skip: "skip",
  help: "help",
  sectie: "section", section: "section",
  overzicht: "review", review: "review",
  notitie: "note", note: "note",
  park: "park", parkeer: "park",
  actie: "action", action: "action",
  acties: "actions", actions: "actions",
  stop: "stop",
  "?": "commands", commands: "commands", opdrachten: "commands",
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
    [":terug   (:back)", L({ nl: "vorige vraag", en: "previous question" })],
    [":over    (:skip)", L({ nl: "vraag overslaan (verplichte vragen blokkeren dan het vaststellen)", en: "skip the question (required ones then block finalizing)" })],
    [":help", L({ nl: "toelichting bij deze vraag", en: "help text for this question" })],
    [":sectie  (:section)", L({ nl: "naar een andere sectie springen (:sectie 3 of :sectie visie)", en: "jump to another section (:section 3 or :section visie)" })],
    [":overzicht (:review)", L({ nl: "alle antwoorden bekijken, wijzigen, vaststellen", en: "review all answers, edit, finalize" })],
    [":notitie (:note)", L({ nl: "notitie bij deze vraag (:notitie tekst)", en: "note on this question (:note text)" })],
    [":park", L({ nl: "onderwerp op de parkeerplaats zetten (:park tekst)", en: "park a topic (:park text)" })],
    [":actie   (:action)", L({ nl: "actiepunt vastleggen: wat, wie, organisatie, datum", en: "record an action item: what, who, organisation, due date" })],
    [":acties  (:actions)", L({ nl: "actiepunten en geparkeerde onderwerpen bekijken, wijzigen, verwijderen", en: "list, edit and delete action items and parked topics" })],
    [":stop", L({ nl: "opslaan en stoppen (later verder met --resume)", en: "save and stop (continue later with --resume)" })],
    ["?", L({ nl: "deze lijst", en: "this list" })],
  ];
  const extra = L({
    nl: "Ctrl+C slaat ook op en stopt. Een antwoord dat met ':' begint typt u als '::'.",
    en: "Ctrl+C also saves and stops. Type an answer that starts with ':' as '::'.",
  });
  return `${rows.map(([k, v]) => `  ${k.padEnd(22)} ${v}`).join("\n")}\n  ${extra}`;
}
