// afstem formats: the formats this machine knows (built in, --formats-dir, AFSTEM_FORMATS_PATH).
import { FormatRegistry, formatDirs } from "../format/registry.js";
import { questionCount } from "../format/walk.js";
import type { GlobalOptions } from "../cli/options.js";
import type { Io } from "../cli/invocation.js";
import { fill, getLang, tr } from "../i18n/lang.js";
import { displayPath } from "../util/paths.js";
import { table } from "../cli/table.js";
import { msg } from "../i18n/messages.js";

export default async function formats(opts: { json?: boolean } & GlobalOptions, io: Io): Promise<number> {
  const registry = await FormatRegistry.load(formatDirs(opts.formatsDir));
  const lang = getLang();
  const rows = registry.ids().map((id) => {
    const spec = registry.spec(id)!;
    const resolved = registry.resolveSpec(spec);
    const f = resolved.format;
    // A format whose extends cannot be resolved (a cycle, a missing parent) is not usable.
    const broken = resolved.findings.find((x) => x.severity === "error" && (x.rule === "extends-cycle" || x.rule === "extends-target"));
    return {
      id,
      ...(broken ? { broken: broken.rule } : {}),
      version: f.version,
      title: tr(f.title, lang),
      questions: questionCount(f),
      minutes: f.duration,
      versions: registry.versions(id),
      source: displayPath(spec.parsed.file),
    };
  });
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
  io.stdout.write(
    table([
      head,
      ...rows.map((r) => [
        r.id,
        r.versions.length > 1 ? `${r.version} (${msg("commands.formats.also")} ${r.versions.slice(1).join(", ")})` : String(r.version),
        r.broken ? "—" : String(r.questions),
        r.broken ? "—" : String(r.minutes),
        r.broken ? fill(msg("commands.formats.unusable-rule-see-afstem-lint"), { rule: r.broken, f: r.source }) : r.title,
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
