// afstem formats: the formats this machine knows (built in, --formats-dir, AFSTEM_FORMATS_PATH).
import path from "node:path";
import { FormatRegistry, formatDirs } from "../format/registry.js";
import { lintArgument, type BrokenFormat } from "../format/broken.js";
import { isMadeUpTitle } from "../format/extends.js";
import { questionCount } from "../format/walk.js";
import type { GlobalOptions } from "../cli/options.js";
import type { Io } from "../cli/invocation.js";
import { fill, getLang, tr } from "../i18n/lang.js";
import { displayPath } from "../util/paths.js";
import { table } from "../cli/table.js";
import { msg } from "../i18n/messages.js";

interface Row {
  id: string;
  /** Why the format cannot be used: an extends problem, or lint errors (in `errors`). */
  broken?: "extends-cycle" | "extends-target" | "lint-errors";
  errors?: number;
  /** Where lint says why (its own file, or that of a format it builds on). */
  see?: string;
  version?: number;
  title?: string;
  questions?: number;
  minutes?: number;
  versions?: number[];
  source: string;
}

const lintErrors = (b: Pick<BrokenFormat, "errors" | "shown">) => ({ broken: "lint-errors" as const, errors: b.errors, see: b.shown });

export default async function formats(opts: { json?: boolean } & GlobalOptions, io: Io): Promise<number> {
  // Verified as every other command loads formats, so a format `run` refuses is never listed as
  // usable; the verdicts are cached with the registry (no linting while no format changes).
  const registry = await FormatRegistry.load(formatDirs(opts.formatsDir), { verify: true });
  const lang = getLang();
  // A file that does not parse but declares the format an id would use is that id's row: it
  // shadows the others as a file that parses would (a broken copy of a built-in format).
  const shadowing = new Set<string>();
  const rows: Row[] = registry.ids().map((id) => {
    const unparsed = registry.unparsedFor(id);
    if (unparsed) {
      shadowing.add(unparsed.file);
      return { id, ...lintErrors(unparsed), source: unparsed.shown };
    }
    const spec = registry.spec(id)!;
    const resolved = registry.resolveSpec(spec);
    const f = resolved.format;
    const source = displayPath(spec.parsed.file);
    // A format whose extends cannot be resolved (a cycle, a missing parent) is not usable, and
    // neither is one with lint errors in its own file or in a format it builds on.
    const lint = registry.broken(id);
    // A parent whose file does not parse is listed like one with lint errors: see that file.
    const parentUnparsed = lint !== undefined && registry.unparsedFiles.some((u) => u.file === lint.file);
    const chain = parentUnparsed
      ? undefined
      : resolved.findings.find((x) => x.severity === "error" && (x.rule === "extends-cycle" || x.rule === "extends-target"));
    // The chain error is one of the lint errors of the format's own file; count them all, as lint does.
    const own = lint?.file === spec.parsed.file ? lint.errors : 0;
    // Only a title the format has: its own, or one inherited through a chain that resolves. Not
    // one made up from an id, nor one reached through a cycle (c1 ⇄ c2 each showed the other's).
    const title = chain ? spec.title : isMadeUpTitle(f.title) ? undefined : f.title;
    // A file without a valid `version:` (lint says so) gets none here: the loader's 0 is no version.
    const versions = registry.versions(id).filter((v) => v >= 1);
    return {
      id,
      ...(chain ? { broken: chain.rule as Row["broken"], errors: Math.max(1, own), see: source } : lint ? lintErrors(lint) : {}),
      ...(f.version >= 1 ? { version: f.version } : {}),
      ...(title ? { title: tr(title, lang) } : {}),
      questions: questionCount(f),
      minutes: f.duration,
      versions,
      source,
    };
  });
  // A file that does not parse is listed too, under the id it seems to declare (or its name).
  for (const u of registry.unparsedFiles) {
    if (shadowing.has(u.file)) continue;
    const id = u.id && !rows.some((r) => r.id === u.id) ? u.id : path.basename(u.file);
    rows.push({ id, ...lintErrors(u), source: u.shown });
  }
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (opts.json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const head = [
    "id",
    msg("commands.formats.version"),
    msg("commands.formats.questions"),
    msg("commands.formats.minutes"),
    msg("commands.formats.title"),
  ];
  // "2 fouten", with the words of lint's own count line.
  const why = (r: Row) =>
    r.broken === "lint-errors"
      ? `${r.errors} ${r.errors === 1 ? msg("cli.findingsOutput.error") : msg("cli.findingsOutput.errors")}`
      : r.broken!;
  io.stdout.write(
    table([
      head,
      ...rows.map((r) => [
        r.id,
        r.version === undefined
          ? "—"
          : r.versions && r.versions.length > 1
            ? `${r.version} (${msg("commands.formats.also")} ${r.versions.slice(1).join(", ")})`
            : String(r.version),
        r.broken ? "—" : String(r.questions),
        r.broken ? "—" : String(r.minutes),
        r.broken ? fill(msg("commands.formats.unusable-rule-see-afstem-lint"), { rule: why(r), f: lintArgument(r.see!) }) : r.title!,
      ]),
    ]),
  );
  for (const { spec, by } of registry.shadowed) {
    io.stdout.write(
      `${fill(msg("commands.formats.f-not-used-format-id"), { f: displayPath(spec.parsed.file), id: spec.id, v: spec.version, by: displayPath(by.parsed.file) })}\n`,
    );
  }
  return 0;
}
