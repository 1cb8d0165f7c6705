import { msg } from "../i18n/messages.js";
// Commander's usage errors are English; afstem speaks Dutch by default. The few messages a
// user can trigger are translated here; anything unknown passes through unchanged.

const DUTCH: [RegExp, string][] = [
  [/^error: unknown command '(.*)'/m, "onbekende opdracht '$1'"],
  [/^error: unknown option '(.*)'/m, "onbekende optie '$1'"],
  [/^error: too many arguments(?: for '(.*)')?.*$/m, "te veel argumenten"],
  [/^error: missing required argument '(.*)'/m, "verplicht argument '$1' ontbreekt"],
  [/^error: required option '(.*)' not specified/m, "verplichte optie '$1' ontbreekt"],
  [/^error: option '(.*)' argument missing/m, "optie '$1' mist een waarde"],
  [/^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\./m, "optie '$1': '$2' is niet toegestaan; kies uit $3"],
  [/^\(Did you mean (.*)\?\)/m, "(bedoelt u $1?)"],
];

export function usageMessage(commanderText: string): string {
  let text = commanderText.trimEnd();
  if (msg("cli.usageErrors.en") === "nl") {
    for (const [re, nl] of DUTCH) text = text.replace(re, nl);
  } else {
    text = text.replace(/^error: /m, "");
  }
  const hint = msg("cli.usageErrors.see-afstem-help-afstem-command");
  return `afstem: ${text.replace(/\n/g, "\n  ")}\n  ${hint}\n`;
}
