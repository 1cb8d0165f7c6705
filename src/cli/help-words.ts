// commander's own words (headings, usage tokens, "default"/"choices") in the user's language,
// through commander's Help hooks rather than by rewriting the finished help text.
import type { Argument, Command, Help, HelpConfiguration, Option } from "commander";
import type { Lang } from "../format/types.js";
import { msg } from "../i18n/messages.js";

/** The headings commander passes to styleTitle, and what they read in the catalogue. */
const TITLES = {
  "Usage:": "cli.help.usage",
  "Options:": "cli.help.options",
  "Global Options:": "cli.help.globalOptions",
  "Commands:": "cli.help.commands",
  "Arguments:": "cli.help.arguments",
} as const;

type Described = { description: string; argChoices?: string[]; defaultValue?: unknown; defaultValueDescription?: string };

/** A default as typed on the command line: `5`, `long,wide`, not commander's `"5"`. */
const shown = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));

function extras(item: Described, showDefault: boolean, lang: Lang): string {
  const info: string[] = [];
  if (item.argChoices) info.push(`${msg("cli.help.choices", lang)}: ${item.argChoices.map((c) => JSON.stringify(c)).join(", ")}`);
  if (showDefault && item.defaultValue !== undefined)
    info.push(`${msg("cli.help.default", lang)}: ${item.defaultValueDescription || shown(item.defaultValue)}`);
  if (!info.length) return item.description;
  return item.description ? `${item.description} (${info.join(", ")})` : `(${info.join(", ")})`;
}

/** commander's "[options]" and "[command]" in a usage line, in the user's language. */
function tokens(usage: string, lang: Lang): string {
  return usage
    .replace("[options]", `[${msg("cli.help.optionsToken", lang)}]`)
    .replace("[command]", `[${msg("cli.help.commandToken", lang)}]`);
}

/**
 * Help configuration for program.configureHelp(); subcommands inherit it. Each command's help
 * also lists the program's options (--lang, --no-color, --formats-dir, --version) under
 * "Algemene opties": they work after the command name too.
 */
export function helpConfiguration(HelpClass: typeof Help, lang: Lang): HelpConfiguration {
  const base = HelpClass.prototype;
  return {
    showGlobalOptions: true,
    // Only the program's own options are global: `formats --json` is no option of `formats show`.
    visibleGlobalOptions(this: Help, cmd: Command) {
      let root = cmd;
      while (root.parent) root = root.parent;
      return base.visibleGlobalOptions.call(this, cmd).filter((o) => root.options.includes(o));
    },
    styleTitle: (title: string) => (title in TITLES ? msg(TITLES[title as keyof typeof TITLES], lang) : title),
    commandUsage(this: Help, cmd: Command) {
      return tokens(base.commandUsage.call(this, cmd), lang);
    },
    subcommandTerm(this: Help, cmd: Command) {
      return tokens(base.subcommandTerm.call(this, cmd), lang);
    },
    optionDescription: (option: Option) =>
      extras(option, option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === "boolean"), lang),
    argumentDescription: (argument: Argument) => extras(argument, true, lang),
  };
}
