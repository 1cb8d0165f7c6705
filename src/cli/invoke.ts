// The dispatcher: one invocation (argument list + Io) in, an exit code out. commander only
// parses; each command is a function (positionals, options, io) → exit code. Each command's
// module (and its heavy dependencies: docx, inquirer, ajv) is loaded when it runs; commander
// itself only when needed: a cached help screen and a cached `formats` listing print without it
// (start-up is measured by `npm run bench`). The process entry is main.ts; tests call invoke()
// in-process (test/helpers/cli.ts).
import { createRequire } from "node:module";
import type * as CommanderModule from "commander";
import { EXIT } from "./errors.js";
import { getLang } from "../i18n/lang.js";
import { inScope } from "../util/scope.js";
import { VERSION } from "./version.js";
import { formatsCacheFor, formatsFastPath, helpCacheFor, scopeOf } from "./cached-output.js";
import { usageMessage } from "./usage-errors.js";
import { helpConfiguration } from "./help-words.js";
import type { Io } from "./invocation.js";
import { msg } from "../i18n/messages.js";

type Command = CommanderModule.Command;
let commanderModule: typeof CommanderModule | undefined;
/**
 * commander, loaded on first use: a cached help screen and the `formats` fast path never need
 * it. It is CommonJS, so require() skips the ESM wrapper and its export scan.
 */
function commander(): typeof CommanderModule {
  return (commanderModule ??= createRequire(import.meta.url)("commander") as typeof CommanderModule);
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
    // The options the user gave (not commander's defaults), so a command can refuse one that
    // means nothing in this combination instead of ignoring it.
    const given = (key: string) => {
      const source = cmd.getOptionValueSource(key);
      return source !== undefined && source !== "default";
    };
    const explicit = new Set(cmd.options.map((o) => o.attributeName()).filter(given));
    outcome.code = await mod.default(...args, { ...cmd.optsWithGlobals(), explicit }, io);
  };
}

function examples(lines: string[]): string {
  return `\n${msg("cli.invoke.examples")}:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}

/**
 * The program for one invocation: help, version and usage errors go to io's streams; `printed`
 * collects what commander wrote to stdout, so a help screen can be cached.
 */
export function buildProgram(io: Io, outcome: Outcome = {}, printed: { text: string } = { text: "" }): Command {
  const { Command, Help, Option } = commander();
  const program = new Command("afstem");
  // Placeholders in the user's language (`--out <map>`, `--out <folder>`); usage errors quote them.
  const ph = {
    dir: msg("cli.arg.dir"),
    file: msg("cli.arg.file"),
    paths: msg("cli.arg.paths"),
    format: msg("cli.arg.format"),
    field: msg("cli.arg.field"),
    what: msg("cli.arg.what"),
    date: msg("cli.arg.date"),
    list: msg("cli.arg.list"),
    lang: msg("cli.arg.lang"),
  };
  program
    // commander's own words through its Help hooks; subcommands inherit the configuration.
    .configureHelp(helpConfiguration(Help, getLang()))
    .description(msg("cli.invoke.alignment-conversations-between-schools"))
    .version(VERSION, "-V, --version", msg("cli.invoke.show-version-number"))
    .helpOption("-h, --help", msg("cli.invoke.show-help-command"))
    .addHelpCommand(false)
    .addOption(new Option(`--lang <${ph.lang}>`, msg("cli.invoke.language-output")).choices(["nl", "en"]).default(undefined))
    .option("--no-color", msg("cli.invoke.no-colour-also-no-color"))
    .option(`--formats-dir <${ph.dir}>`, msg("cli.invoke.extra-folder-formats-also-afstem"))
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
    .description(msg("cli.invoke.list-available-conversation-formats"))
    .option("--json", msg("cli.invoke.output-json"))
    .addHelpText("after", examples(["afstem formats", "afstem formats --json", "afstem formats show kernteam-buch"]))
    .action(lazy(() => import("../commands/formats.js"), io, outcome));
  formats
    .command("show")
    .argument(`<${ph.format}>`, msg("cli.invoke.format-id-path-format-file"))
    .description(msg("cli.invoke.show-format-after-extends-outline"))
    .option("--json", msg("cli.invoke.full-model-json"))
    .addHelpText("after", examples(["afstem formats show kernteam", "afstem formats show formats/routekaart.yaml --json"]))
    .action(lazy(() => import("../commands/formats-show.js"), io, outcome));

  program
    .command("lint")
    .argument(`<${ph.paths}...>`, msg("cli.invoke.format-files-folders"))
    .description(msg("cli.invoke.check-format-files-reports-every"))
    .option("--json", msg("cli.invoke.findings-json"))
    .addHelpText("after", examples(["afstem lint formats/", "afstem lint mijn-format.yaml --json"]))
    .action(lazy(() => import("../commands/lint.js"), io, outcome));

  program
    .command("validate")
    .argument(`<${ph.paths}...>`, msg("cli.invoke.session-files-folders"))
    .description(msg("cli.invoke.check-session-files-against-their"))
    .option("--json", msg("cli.invoke.findings-json"))
    .addHelpText("after", examples(["afstem validate examples/", "afstem validate 2026-09-15-de-regenboog-kernteam.yaml"]))
    .action(lazy(() => import("../commands/validate.js"), io, outcome));

  program
    .command("run")
    .argument(`[${ph.format}]`, msg("cli.invoke.format-id-path-format-file-2"))
    .description(msg("cli.invoke.hold-guided-conversation-terminal"))
    .option(`--out <${ph.dir}>`, msg("cli.invoke.folder-session-file"), ".")
    .option(`--resume <${ph.file}>`, msg("cli.invoke.continue-saved-conversation"))
    .option(`--answers <${ph.file}>`, msg("cli.invoke.fill-session-from-file-without"))
    .option("--reopen", msg("cli.invoke.reopen-finalized-session-becomes-draft"))
    .option(`--previous <${ph.file}>`, msg("cli.invoke.last-year-s-session-same"))
    .option("--take-over", msg("cli.invoke.resume-take-over-lock-even"))
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
    .argument(`<${ph.paths}...>`, msg("cli.invoke.session-files-folders"))
    .description(msg("cli.invoke.write-docx-reports-per-session"))
    .requiredOption(`--out <${ph.dir}>`, msg("cli.invoke.folder-reports"))
    .option("--summary", msg("cli.invoke.one-regional-summary-over-all"))
    .option("--force", msg("cli.invoke.overwrite-existing-files"))
    .option(`--jobs <n>`, msg("cli.invoke.number-parallel-workers"))
    .option("--verbose", msg("cli.invoke.one-line-per-file"))
    .option("--include-drafts", msg("cli.invoke.include-draft-sessions-summary"))
    .option(`--by <${ph.field}>`, msg("cli.invoke.summary-break-down-meta-field"))
    .option(`--split <${ph.what}>`, msg("cli.invoke.summary-one-document-per-organisation"))
    .option(`--previous <${ph.dir}>`, msg("cli.invoke.summary-compare-sessions-previous-round"))
    .option(`--from <${ph.date}>`, msg("cli.invoke.summary-only-sessions-after-date"))
    .option(`--to <${ph.date}>`, msg("cli.invoke.summary-only-sessions-before-date"))
    .option(`--min-group <n>`, msg("cli.invoke.summary-smaller-groups-are-shown"), "5")
    .addHelpText(
      "after",
      examples([
        "afstem report examples --out verslagen/",
        "afstem report gesprekken/ --out regio/ --summary",
        "afstem report gesprekken/ --out verslagen/ --jobs 2",
      ]),
    )
    .action(lazy(() => import("../commands/report.js"), io, outcome));

  program
    .command("rollup")
    .argument(`<${ph.paths}...>`, msg("cli.invoke.session-files-folders"))
    .description(msg("cli.invoke.write-csv-rollups-coordinators-regiegroe"))
    .requiredOption(`--out <${ph.dir}>`, msg("cli.invoke.folder-csv-files"))
    .option(`--layout <${ph.list}>`, msg("cli.invoke.long-wide-summary-actions-also"), "long,wide,summary,actions")
    .option(`--by <${ph.field}>`, msg("cli.invoke.group-meta-field"), "regio")
    .option("--split", msg("cli.invoke.one-set-files-per-value"))
    .option("--excel", msg("cli.invoke.dutch-excel-bom-decimal-comma"))
    .option("--xlsx", msg("cli.invoke.also-one-excel-workbook-format"))
    .option(`--min-group <n>`, msg("cli.invoke.smaller-groups-are-suppressed"), "5")
    .option("--include-drafts", msg("cli.invoke.include-draft-sessions"))
    .option("--include-text", msg("cli.invoke.open-free-text-long-layout"))
    .option(`--from <${ph.date}>`, msg("cli.invoke.only-sessions-after-date-yyyy"))
    .option(`--to <${ph.date}>`, msg("cli.invoke.only-sessions-before-date-yyyy"))
    .option("--force", msg("cli.invoke.replace-earlier-rollup-files-out"))
    .addHelpText(
      "after",
      examples(["afstem rollup examples --out rollup/", "afstem rollup gesprekken/ --out rollup/ --by gemeente --split --excel"]),
    )
    .action(lazy(() => import("../commands/rollup.js"), io, outcome));

  return program;
}

/** Run afstem with these arguments (without node and the script); returns the exit code. */
export function invoke(args: string[], io: Io): Promise<number> {
  // Everything below reads the language, working folder and environment from this scope.
  return inScope(scopeOf(args, io), () => dispatch(args, io));
}

async function dispatch(args: string[], io: Io): Promise<number> {
  const help = helpCacheFor(args, getLang(), io);
  const cachedHelp = help?.get();
  if (cachedHelp !== undefined) {
    io.stdout.write(cachedHelp);
    return EXIT.ok;
  }
  const printed = { text: "" };
  try {
    const fast = formatsFastPath(args);
    if (fast) {
      const cache = formatsCacheFor(fast, getLang(), io);
      const hit = cache?.get();
      if (hit !== undefined) {
        io.stdout.write(hit);
        return EXIT.ok;
      }
      const { default: formats } = await import("../commands/formats.js");
      // Only stdout differs; a spread would read the process's stdin (a getter) for nothing.
      const run = (out: Io["stdout"]) => formats({ ...fast, lang: getLang() }, Object.create(io, { stdout: { value: out } }) as Io);
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
