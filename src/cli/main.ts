// The dispatcher. It imports only commander and this file's tables: each command's
// module (and its heavy dependencies: docx, inquirer, ajv) is loaded when it runs.
import { Command, CommanderError, Option } from "commander";
import { readFileSync } from "node:fs";
import { EXIT } from "./errors.js";
import { L, isLang, setLang } from "../i18n/lang.js";
import { handleError } from "./report-error.js";

/** --lang must be known before the help texts are built, so read it from argv first. */
function detectLang(argv: string[]): void {
  let lang: string | undefined = process.env.AFSTEM_LANG;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--lang") lang = argv[i + 1];
    else if (a.startsWith("--lang=")) lang = a.slice("--lang=".length);
  }
  if (isLang(lang)) setLang(lang);
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

type CommandModule = { default: (...args: any[]) => Promise<number> };

/** Run a lazily imported command; its return value is the exit code. */
function lazy(load: () => Promise<CommandModule>) {
  return async (...args: unknown[]) => {
    const mod = await load();
    // commander passes (...positionals, options, command); commands take the same.
    process.exitCode = await mod.default(...args);
  };
}

function examples(lines: string[]): string {
  return `\n${L({ nl: "Voorbeelden", en: "Examples" })}:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}

export function buildProgram(): Command {
  const program = new Command("afstem");
  program
    .description(
      L({
        nl: "Afstemmingsgesprekken onderwijs en jeugdhulp: formats, gesprekken, verslagen en rollups.",
        en: "Alignment conversations between schools and youth care: formats, sessions, reports and rollups.",
      }),
    )
    .version(version(), "-V, --version", L({ nl: "toon het versienummer", en: "show the version number" }))
    .helpOption("-h, --help", L({ nl: "toon hulp bij een opdracht", en: "show help for a command" }))
    .addHelpCommand(false)
    .addOption(
      new Option("--lang <lang>", L({ nl: "taal van de uitvoer", en: "language of the output" }))
        .choices(["nl", "en"])
        .default(undefined),
    )
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
      outputError: (str, write) => write(str),
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
    .action(lazy(() => import("../commands/formats.js")));
  formats
    .command("show")
    .argument("<format>", L({ nl: "format-id of pad naar een formatbestand", en: "format id or path to a format file" }))
    .description(L({ nl: "toon een format (na extends) als overzicht", en: "show a format (after extends) as an outline" }))
    .option("--json", L({ nl: "het volledige model als JSON", en: "the full model as JSON" }))
    .addHelpText("after", examples(["afstem formats show kernteam", "afstem formats show formats/routekaart.yaml --json"]))
    .action(lazy(() => import("../commands/formats-show.js")));

  program
    .command("lint")
    .argument("<paths...>", L({ nl: "formatbestanden of mappen", en: "format files or directories" }))
    .description(L({ nl: "controleer formatbestanden; toont elke bevinding", en: "check format files; reports every finding" }))
    .option("--json", L({ nl: "bevindingen als JSON", en: "findings as JSON" }))
    .addHelpText("after", examples(["afstem lint formats/", "afstem lint mijn-format.yaml --json"]))
    .action(lazy(() => import("../commands/lint.js")));

  program
    .command("validate")
    .argument("<paths...>", L({ nl: "gespreksbestanden of mappen", en: "session files or directories" }))
    .description(
      L({ nl: "controleer gespreksbestanden tegen hun format", en: "check session files against their format" }),
    )
    .option("--json", L({ nl: "bevindingen als JSON", en: "findings as JSON" }))
    .addHelpText("after", examples(["afstem validate examples/", "afstem validate 2026-09-15-de-regenboog-kernteam.yaml"]))
    .action(lazy(() => import("../commands/validate.js")));

  program
    .command("run")
    .argument("<format>", L({ nl: "format-id of pad naar een formatbestand", en: "format id or path to a format file" }))
    .description(L({ nl: "voer een begeleid gesprek in de terminal", en: "hold a guided conversation in the terminal" }))
    .option("--out <dir>", L({ nl: "map voor het gespreksbestand", en: "directory for the session file" }), ".")
    .option("--resume <file>", L({ nl: "ga verder met een opgeslagen gesprek", en: "continue a saved conversation" }))
    .option(
      "--answers <file>",
      L({ nl: "vul het gesprek zonder vragen uit een bestand", en: "fill the session from a file, without prompts" }),
    )
    .option("--reopen", L({ nl: "heropen een vastgesteld gesprek", en: "reopen a finalized session" }))
    .addHelpText(
      "after",
      examples([
        "afstem run kernteam",
        "afstem run kernteam --out gesprekken/",
        "afstem run kernteam --resume gesprekken/2026-09-15-de-regenboog-kernteam.yaml",
        "afstem run kernteam --answers antwoorden.yaml --out gesprekken/",
      ]),
    )
    .action(lazy(() => import("../commands/run.js")));

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
    .addHelpText(
      "after",
      examples(["afstem report examples --out verslagen/", "afstem report gesprekken/ --out regio/ --summary", "afstem report gesprekken/ --out verslagen/ --jobs 2"]),
    )
    .action(lazy(() => import("../commands/report.js")));

  program
    .command("rollup")
    .argument("<paths...>", L({ nl: "gespreksbestanden of mappen", en: "session files or directories" }))
    .description(L({ nl: "maak CSV-rollups voor coördinatoren en de regiegroep", en: "write CSV rollups for coordinators and the regiegroep" }))
    .requiredOption("--out <dir>", L({ nl: "map voor de CSV-bestanden", en: "directory for the CSV files" }))
    .option("--layout <list>", L({ nl: "long,wide,summary,actions", en: "long,wide,summary,actions" }), "long,wide,summary,actions")
    .option("--by <field>", L({ nl: "groepeer op dit meta-veld", en: "group by this meta field" }), "regio")
    .option("--split", L({ nl: "één set bestanden per waarde van --by", en: "one set of files per value of --by" }))
    .option("--excel", L({ nl: "voor Nederlandse Excel: BOM, ';', decimale komma, CRLF", en: "for Dutch Excel: BOM, ';', decimal comma, CRLF" }))
    .option("--min-group <n>", L({ nl: "kleinere groepen worden onderdrukt", en: "smaller groups are suppressed" }), "5")
    .option("--include-drafts", L({ nl: "neem ook concepten mee", en: "include draft sessions" }))
    .option("--include-text", L({ nl: "open vrije tekst in de long-layout", en: "open free text in the long layout" }))
    .addHelpText(
      "after",
      examples(["afstem rollup examples --out rollup/", "afstem rollup gesprekken/ --out rollup/ --by gemeente --split --excel"]),
    )
    .action(lazy(() => import("../commands/rollup.js")));

  return program;
}

/** `afstem formats | head` closes our stdout early: that is the reader's choice, not an error. */
function ignoreBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
}

async function main(argv: string[]): Promise<void> {
  ignoreBrokenPipe();
  detectLang(argv.slice(2));
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") process.env.FORCE_COLOR = "0";
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version are "errors" to commander; they are successes to the user.
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") {
        process.exitCode = EXIT.ok;
      } else {
        process.exitCode = EXIT.usage;
      }
      return;
    }
    process.exitCode = handleError(err);
  }
}

await main(process.argv);
