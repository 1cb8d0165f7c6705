// The dispatcher: one invocation (argument list + Io) in, an exit code out. commander only
// parses; each command is a function (positionals, options, io) → exit code. Each command's
// module (and its heavy dependencies: docx, inquirer, ajv) is loaded when it runs; commander
// itself only when needed: a cached help screen and a cached `formats` listing print without it
// (start-up is measured by `npm run bench`). The process entry is main.ts; tests call invoke()
// in-process (test/helpers/cli.ts).
import { createRequire } from "node:module";
import type * as CommanderModule from "commander";
import { EXIT } from "./errors.js";
import { L, getLang, isLang, setLang } from "../i18n/lang.js";
import { VERSION } from "./version.js";
import { HelpCache, isHelpRequest } from "../cache/help-cache.js";
import { OutputCache } from "../cache/output-cache.js";
import { BUILTIN_FORMATS_DIR } from "../util/paths.js";
import path from "node:path";
import { usageMessage } from "./usage-errors.js";
import type { Io } from "./invocation.js";

type Command = CommanderModule.Command;
let commanderModule: typeof CommanderModule | undefined;
/**
 * commander, loaded on first use: a cached help screen and the `formats` fast path never need
 * it. It is CommonJS, so require() skips the ESM wrapper and its export scan.
 */
function commander(): typeof CommanderModule {
  return (commanderModule ??= createRequire(import.meta.url)("commander") as typeof CommanderModule);
}

/**
 * --lang must be known before the help texts are built, so read it from argv first. The
 * language is module state (i18n/lang.ts), so every invocation sets it, also back to the default.
 */
function detectLang(argv: string[], env: Io["env"]): void {
  let lang: string | undefined = env.AFSTEM_LANG;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--lang") lang = argv[i + 1];
    else if (a.startsWith("--lang=")) lang = a.slice("--lang=".length);
  }
  setLang(isLang(lang) ? lang : "nl");
}

type CommandModule = { default: (...args: any[]) => Promise<number> };

/** What a command's action leaves behind: its exit code. */
interface Outcome {
  code?: number;
}

/**
 * Run a lazily imported command; its return value is the exit code. commander passes
 * (...positionals, options, command); the command gets (...positionals, options with the
 * global ones, io).
 */
function lazy(load: () => Promise<CommandModule>, io: Io, outcome: Outcome) {
  return async (...args: unknown[]) => {
    const cmd = args.pop() as Command;
    args.pop();
    const mod = await load();
    outcome.code = await mod.default(...args, cmd.optsWithGlobals(), io);
  };
}

function examples(lines: string[]): string {
  return `\n${L({ nl: "Voorbeelden", en: "Examples" })}:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}

/** commander's own words ("Usage:", "(default: …)") in the user's language (issue 15, item 6). */
export function translateHelp(text: string, lang = getLang()): string {
  if (lang !== "nl") return text;
  return text
    .replace(/^Usage:/gm, "Gebruik:")
    .replace(/^Options:/gm, "Opties:")
    .replace(/^Global Options:/gm, "Algemene opties:")
    .replace(/^Commands:/gm, "Opdrachten:")
    .replace(/^Arguments:/gm, "Argumenten:")
    .replace(/\(default: /g, "(standaard: ")
    .replace(/\(choices: /g, "(keuzes: ")
    .replace(/\[options\]/g, "[opties]")
    .replace(/\[command\]/g, "[opdracht]");
}

/**
 * The program for one invocation: help, version and usage errors go to io's streams; `printed`
 * collects what commander wrote to stdout, so a help screen can be cached.
 */
export function buildProgram(io: Io, outcome: Outcome = {}, printed: { text: string } = { text: "" }): Command {
  const { Command, Help, Option } = commander();
  const program = new Command("afstem");
  program
    // Subcommands inherit this, so every help screen is translated.
    .configureHelp({ formatHelp: (cmd, helper) => translateHelp(Help.prototype.formatHelp.call(helper, cmd, helper)) })
    .description(
      L({
        nl: "Afstemmingsgesprekken onderwijs en jeugdhulp: formats, gesprekken, verslagen en rollups.",
        en: "Alignment conversations between schools and youth care: formats, sessions, reports and rollups.",
      }),
    )
    .version(VERSION, "-V, --version", L({ nl: "toon het versienummer", en: "show the version number" }))
    .helpOption("-h, --help", L({ nl: "toon hulp bij een opdracht", en: "show help for a command" }))
    .addHelpCommand(false)
    .addOption(
      new Option("--lang <lang>", L({ nl: "taal van de uitvoer", en: "language of the output" }))
        .choices(["nl", "en"])
        .default(undefined),
    )
    .option("--no-color", L({ nl: "geen kleur (ook: NO_COLOR)", en: "no colour (also: NO_COLOR)" }))
    .option(
      "--formats-dir <dir>",
      L({
        nl: "extra map met formats (ook: AFSTEM_FORMATS_PATH)",
        en: "extra directory with formats (also: AFSTEM_FORMATS_PATH)",
      }),
    )
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      outputError: (str, write) => write(usageMessage(str)),
      writeOut: (str) => {
        printed.text += str;
        io.stdout.write(str);
      },
      writeErr: (str) => void io.stderr.write(str),
      // commander reads these from process.stdout/stderr by default; undefined means its 80.
      getOutHelpWidth: () => (io.stdout.isTTY ? io.stdout.columns : undefined) as number,
      getErrHelpWidth: () => (io.stderr.isTTY ? io.stderr.columns : undefined) as number,
    })
    .addHelpText(
      "after",
      examples([
        "afstem run kernteam",
        "afstem formats",
        "afstem lint formats/",
        "afstem validate examples/",
        "afstem report examples --out verslagen/",
        "afstem rollup examples --out rollup/",
      ]),
    );

  const formats = program
    .command("formats")
    .description(L({ nl: "toon de beschikbare gespreksformats", en: "list the available conversation formats" }))
    .option("--json", L({ nl: "uitvoer als JSON", en: "output as JSON" }))
    .addHelpText("after", examples(["afstem formats", "afstem formats --json", "afstem formats show kernteam-buch"]))
    .action(lazy(() => import("../commands/formats.js"), io, outcome));
  formats
    .command("show")
    .argument("<format>", L({ nl: "format-id of pad naar een formatbestand", en: "format id or path to a format file" }))
    .description(L({ nl: "toon een format (na extends) als overzicht", en: "show a format (after extends) as an outline" }))
    .option("--json", L({ nl: "het volledige model als JSON", en: "the full model as JSON" }))
    .addHelpText("after", examples(["afstem formats show kernteam", "afstem formats show formats/routekaart.yaml --json"]))
    .action(lazy(() => import("../commands/formats-show.js"), io, outcome));

  program
    .command("lint")
    .argument("<paths...>", L({ nl: "formatbestanden of mappen", en: "format files or directories" }))
    .description(L({ nl: "controleer formatbestanden; toont elke bevinding", en: "check format files; reports every finding" }))
    .option("--json", L({ nl: "bevindingen als JSON", en: "findings as JSON" }))
    .addHelpText("after", examples(["afstem lint formats/", "afstem lint mijn-format.yaml --json"]))
    .action(lazy(() => import("../commands/lint.js"), io, outcome));

  program
    .command("validate")
    .argument("<paths...>", L({ nl: "gespreksbestanden of mappen", en: "session files or directories" }))
    .description(
      L({ nl: "controleer gespreksbestanden tegen hun format", en: "check session files against their format" }),
    )
    .option("--json", L({ nl: "bevindingen als JSON", en: "findings as JSON" }))
    .addHelpText("after", examples(["afstem validate examples/", "afstem validate 2026-09-15-de-regenboog-kernteam.yaml"]))
    .action(lazy(() => import("../commands/validate.js"), io, outcome));

  program
    .command("run")
    .argument("[format]", L({ nl: "format-id of pad naar een formatbestand (bij --resume: uit het bestand)", en: "format id or path to a format file (with --resume: from the file)" }))
    .description(L({ nl: "voer een begeleid gesprek in de terminal", en: "hold a guided conversation in the terminal" }))
    .option("--out <dir>", L({ nl: "map voor het gespreksbestand", en: "directory for the session file" }), ".")
    .option("--resume <file>", L({ nl: "ga verder met een opgeslagen gesprek", en: "continue a saved conversation" }))
    .option(
      "--answers <file>",
      L({ nl: "vul het gesprek zonder vragen uit een bestand", en: "fill the session from a file, without prompts" }),
    )
    .option("--reopen", L({ nl: "heropen een vastgesteld gesprek (wordt pas concept bij een wijziging)", en: "reopen a finalized session (becomes a draft only once something changes)" }))
    .option("--previous <file>", L({ nl: "gesprek van vorig jaar van dezelfde school: de afspraken daaruit worden nagelopen", en: "last year's session of the same school: its agreements are followed up" }))
    .option("--take-over", L({ nl: "neem bij --resume het slot over, ook van een andere computer", en: "with --resume, take over the lock, even from another computer" }))
    .addHelpText(
      "after",
      examples([
        "afstem run kernteam",
        "afstem run kernteam --out gesprekken/",
        "afstem run --resume gesprekken/2026-09-15-de-regenboog-kernteam.yaml",
        "afstem run kernteam --previous gesprekken/2025-09-16-de-regenboog-kernteam.yaml",
        "afstem run kernteam --answers antwoorden.yaml --out gesprekken/",
      ]),
    )
    .action(lazy(() => import("../commands/run.js"), io, outcome));

  program
    .command("report")
    .argument("<paths...>", L({ nl: "gespreksbestanden of mappen", en: "session files or directories" }))
    .description(L({ nl: "maak DOCX-verslagen per gesprek of een regionaal overzicht", en: "write DOCX reports per session or a regional summary" }))
    .requiredOption("--out <dir>", L({ nl: "map voor de verslagen", en: "directory for the reports" }))
    .option("--summary", L({ nl: "één regionaal overzicht over alle gesprekken", en: "one regional summary over all sessions" }))
    .option("--force", L({ nl: "overschrijf bestaande bestanden", en: "overwrite existing files" }))
    .option("--jobs <n>", L({ nl: "aantal parallelle processen", en: "number of parallel workers" }))
    .option("--verbose", L({ nl: "één regel per bestand", en: "one line per file" }))
    .option("--include-drafts", L({ nl: "neem ook concepten mee in --summary", en: "include draft sessions in --summary" }))
    .option("--by <veld>", L({ nl: "--summary: uitsplitsen per meta-veld (standaard gemeente)", en: "--summary: break down by a meta field (default gemeente)" }))
    .option("--split <wat>", L({ nl: "--summary: één document per organisatie ('organisatie')", en: "--summary: one document per organisation ('organisatie')" }))
    .option("--previous <map>", L({ nl: "--summary: vergelijk met de gesprekken van de vorige ronde", en: "--summary: compare with the sessions of the previous round" }))
    .option("--from <datum>", L({ nl: "--summary: alleen gesprekken op of na deze datum (JJJJ-MM-DD)", en: "--summary: only sessions on or after this date (YYYY-MM-DD)" }))
    .option("--to <datum>", L({ nl: "--summary: alleen gesprekken op of voor deze datum (JJJJ-MM-DD)", en: "--summary: only sessions on or before this date (YYYY-MM-DD)" }))
    .option("--min-group <n>", L({ nl: "--summary: kleinere groepen worden als '< n' getoond", en: "--summary: smaller groups are shown as '< n'" }), "5")
    .addHelpText(
      "after",
      examples(["afstem report examples --out verslagen/", "afstem report gesprekken/ --out regio/ --summary", "afstem report gesprekken/ --out verslagen/ --jobs 2"]),
    )
    .action(lazy(() => import("../commands/report.js"), io, outcome));

  program
    .command("rollup")
    .argument("<paths...>", L({ nl: "gespreksbestanden of mappen", en: "session files or directories" }))
    .description(L({ nl: "maak CSV-rollups voor coördinatoren en de regiegroep", en: "write CSV rollups for coordinators and the regiegroep" }))
    .requiredOption("--out <dir>", L({ nl: "map voor de CSV-bestanden", en: "directory for the CSV files" }))
    .option("--layout <list>", L({ nl: "long,wide,summary,actions (ook: followup)", en: "long,wide,summary,actions (also: followup)" }), "long,wide,summary,actions")
    .option("--by <field>", L({ nl: "groepeer op dit meta-veld", en: "group by this meta field" }), "regio")
    .option("--split", L({ nl: "één set bestanden per waarde van --by", en: "one set of files per value of --by" }))
    .option("--excel", L({ nl: "voor Nederlandse Excel: BOM, ';', decimale komma, CRLF", en: "for Dutch Excel: BOM, ';', decimal comma, CRLF" }))
    .option("--xlsx", L({ nl: "ook één Excel-werkmap <format>.xlsx per set, met getypeerde cellen", en: "also one Excel workbook <format>.xlsx per set, with typed cells" }))
    .option("--min-group <n>", L({ nl: "kleinere groepen worden onderdrukt", en: "smaller groups are suppressed" }), "5")
    .option("--include-drafts", L({ nl: "neem ook concepten mee", en: "include draft sessions" }))
    .option("--include-text", L({ nl: "open vrije tekst in de long-layout", en: "open free text in the long layout" }))
    .option("--from <datum>", L({ nl: "alleen gesprekken op of na deze datum (JJJJ-MM-DD)", en: "only sessions on or after this date (YYYY-MM-DD)" }))
    .option("--to <datum>", L({ nl: "alleen gesprekken op of voor deze datum (JJJJ-MM-DD)", en: "only sessions on or before this date (YYYY-MM-DD)" }))
    .option("--force", L({ nl: "vervang eerdere rollup-bestanden in --out (als geheel)", en: "replace earlier rollup files in --out (as a set)" }))
    .addHelpText(
      "after",
      examples(["afstem rollup examples --out rollup/", "afstem rollup gesprekken/ --out rollup/ --by gemeente --split --excel"]),
    )
    .action(lazy(() => import("../commands/rollup.js"), io, outcome));

  return program;
}

/**
 * `afstem formats [--json]`, the command people run most to look around, without commander:
 * its only options are fixed, so parsing them by hand is exact.
 */
function formatsFastPath(args: string[]): { json?: boolean } | undefined {
  if (args[0] !== "formats" || args.length > 2) return undefined;
  if (args.length === 1) return {};
  return args[1] === "--json" ? { json: true } : undefined;
}

/** Run afstem with these arguments (without node and the script); returns the exit code. */
export async function invoke(args: string[], io: Io): Promise<number> {
  detectLang(args, io.env);
  const help = isHelpRequest(args) ? HelpCache.open(args, getLang(), io) : undefined;
  const cachedHelp = help?.get();
  if (cachedHelp !== undefined) {
    io.stdout.write(cachedHelp);
    return EXIT.ok;
  }
  const printed = { text: "" };
  try {
    const fast = formatsFastPath(args);
    if (fast) {
      // The same folders formatDirs() searches without --formats-dir; the listing shows paths
      // relative to the working directory, so that is part of the key too.
      const dirs = [...(io.env.AFSTEM_FORMATS_PATH ?? "").split(path.delimiter).filter(Boolean).map((d) => path.resolve(io.cwd, d)), BUILTIN_FORMATS_DIR];
      const cache = OutputCache.open("formats-output", dirs, { ...fast, lang: getLang(), cwd: io.cwd });
      const hit = cache?.get();
      if (hit !== undefined) {
        io.stdout.write(hit);
        return EXIT.ok;
      }
      const { default: formats } = await import("../commands/formats.js");
      const run = (out: Io["stdout"]) => formats({ ...fast, lang: getLang() }, { ...io, stdout: out });
      return cache ? await cache.capture(io.stdout, run) : await run(io.stdout);
    }
    const outcome: Outcome = {};
    await buildProgram(io, outcome, printed).parseAsync(args, { from: "user" });
    return outcome.code ?? EXIT.ok;
  } catch (err) {
    if (commanderModule && err instanceof commanderModule.CommanderError) {
      // help and version are "errors" to commander; they are successes to the user.
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") {
        if (help && err.code !== "commander.version" && printed.text) await help.set(printed.text);
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    // Loaded only when something went wrong: no start-up cost on the happy path.
    const { handleError } = await import("./report-error.js");
    return handleError(err, io);
  }
}
