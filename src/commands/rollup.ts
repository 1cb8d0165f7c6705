// afstem rollup <file|dir>... --out DIR: CSV rollups (long, wide, summary, actions, codebook)
// per format, optionally split per value of --by. Invalid files are listed and skipped (exit 1).
import { statSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { FormatRegistry, formatDirs } from "../format/registry.js";
import { expandPaths, safeNamePart } from "../util/files.js";
import { displayPath } from "../util/paths.js";
import { optionsOf } from "../cli/options.js";
import { EXIT, UserError } from "../cli/errors.js";
import { findingLines } from "../findings/finding.js";
import { L, fill, getLang } from "../i18n/lang.js";
import { planCache } from "../rollup/plans.js";
import { LAYOUTS, OutputSet, type Layout, type OutputOptions } from "./rollup-output.js";
import { records, type RecordResult } from "./rollup-source.js";
import type { SessionRecord } from "../rollup/record.js";
import { isConflictCopy, selectSessions } from "../session/select.js";
import { addHeld, duplicateWarning, emptyBatchHeld, heldBackLines } from "../privacy/held.js";
import { parsePeriod } from "../cli/period.js";
import { discardStaging, makeStaging, publish, rollupOutputIn } from "./rollup-publish.js";
import { sweepStaleTemps, makeDirSync } from "../util/writer.js";
import { systemWords } from "../util/sys-error.js";
import { onInterrupt } from "../cli/interrupt.js";

interface RollupFlags {
  out: string;
  layout: string;
  by: string;
  split?: boolean;
  excel?: boolean;
  xlsx?: boolean;
  minGroup: string;
  includeDrafts?: boolean;
  includeText?: boolean;
  from?: string;
  to?: string;
  force?: boolean;
}

function parseLayouts(list: string): Set<Layout> {
  const parts = list.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = parts.filter((p) => !(LAYOUTS as readonly string[]).includes(p));
  if (bad.length || !parts.length) {
    throw new UserError(fill(L({ nl: "onbekende layout '{bad}'", en: "unknown layout '{bad}'" }), { bad: bad.join(",") || list }), EXIT.usage, undefined,
      fill(L({ nl: "Kies uit: {list} (met komma's gescheiden).", en: "Choose from: {list} (comma separated)." }), { list: LAYOUTS.join(", ") }));
  }
  return new Set(parts as Layout[]);
}

function parseMinGroup(s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) {
    throw new UserError(fill(L({ nl: "--min-group moet een geheel getal ≥ 1 zijn, niet '{s}'", en: "--min-group must be an integer ≥ 1, not '{s}'" }), { s }), EXIT.usage);
  }
  return n;
}

function checkBy(by: string, registry: FormatRegistry): void {
  const metaIds = new Set(registry.ids().flatMap((id) => registry.versions(id).flatMap((v) => registry.get(id, v)?.meta.map((q) => q.id) ?? [])));
  if (!metaIds.has(by)) {
    throw new UserError(fill(L({ nl: "--by '{by}' is geen meta-veld van een bekend format", en: "--by '{by}' is not a meta field of any known format" }), { by }), EXIT.usage, undefined,
      fill(L({ nl: "Meta-velden: {list}.", en: "Meta fields: {list}." }), { list: [...metaIds].sort().join(", ") }));
  }
}

/** Session id: the file name without extension; a repeated name gets `-2`, `-3`, … in input order. */
function sessionIds(): (file: string) => string {
  const used = new Set<string>();
  const next = new Map<string, number>();
  return (file) => {
    const base = path.basename(file, path.extname(file));
    // Unique also against names that already end in -2 (d1/a1, d2/a1, d1/a1-2: a1, a1-2, a1-2-2).
    let id = base;
    for (let n = next.get(base) ?? 2; used.has(id); n++) {
      id = `${base}-${n}`;
      next.set(base, n + 1);
    }
    used.add(id);
    return id;
  };
}

/** --split folder per value: `<by>-<value>`, made safe for every file system and unique. */
function splitFolders(by: string): (value: string) => string {
  const map = new Map<string, string>();
  const used = new Set<string>();
  return (value) => {
    let name = map.get(value);
    if (name) return name;
    // Sessions without a value get a name no real value can give (safeNamePart never starts
    // with "_"), so a real code `onbekend` keeps `regio-onbekend/`.
    const base = value === "" ? `_zonder-${safeNamePart(by)}` : `${safeNamePart(by)}-${safeNamePart(value)}`;
    name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    map.set(value, name);
    return name;
  };
}

export default async function rollup(paths: string[], _opts: unknown, cmd: Command): Promise<number> {
  const flags = optionsOf<RollupFlags>(cmd);
  const layouts = parseLayouts(flags.layout);
  const minGroup = parseMinGroup(flags.minGroup);
  const files = await expandPaths(paths);
  const registry = await FormatRegistry.load(formatDirs(flags.formatsDir), { verify: true });
  checkBy(flags.by, registry);
  if (flags.out.trim() === "") throw new UserError(L({ nl: "--out is leeg; geef een map op", en: "--out is empty; give a directory" }), EXIT.usage);
  const out = path.resolve(flags.out);
  const cannotCreate = (err: unknown) =>
    new UserError(
      fill(L({ nl: "kan de uitvoermap niet maken: {why}", en: "cannot create the output directory: {why}" }), { why: systemWords(err) }),
      EXIT.usage,
      { file: flags.out },
      L({ nl: "Geef met --out een map op waarin u mag schrijven.", en: "Give --out a directory you can write to." }),
    );
  let outExists = false;
  try {
    outExists = statSync(out).isDirectory();
    if (!outExists) throw Object.assign(new Error("ENOTDIR"), { code: "ENOTDIR" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw cannotCreate(err);
  }
  // Like report: earlier afstem output is never replaced without --force.
  const previous = outExists ? rollupOutputIn(out) : [];
  if (previous.length && !flags.force) {
    throw new UserError(
      fill(L({ nl: "{d} bevat al rollup-bestanden ({list}); niet overschreven", en: "{d} already holds rollup files ({list}); not overwritten" }), {
        d: displayPath(out),
        list: previous.length > 3 ? `${previous.slice(0, 3).join(", ")}, …` : previous.join(", "),
      }),
      EXIT.findings,
      undefined,
      L({ nl: "Kies een andere --out, of vervang de eerdere set met --force.", en: "Choose another --out, or replace the earlier set with --force." }),
    );
  }
  // This run's files go to a fresh folder beside --out and move in together at the end
  // (rollup-publish.ts); litter of a killed earlier run is removed first.
  let staging: string;
  try {
    makeDirSync(path.dirname(out));
    sweepStaleTemps(path.dirname(out));
    staging = makeStaging(out);
  } catch (err) {
    throw cannotCreate(err);
  }
  const opts: OutputOptions = { layouts, dialect: { excel: flags.excel === true }, includeText: flags.includeText === true, by: flags.by, minGroup, lang: getLang(), xlsx: flags.xlsx === true };
  const plan = planCache(registry);
  const sets = new Map<string, OutputSet>();
  const idOf = sessionIds();
  const folderOf = splitFolders(flags.by);
  const period = parsePeriod(flags.from, flags.to);
  const held = emptyBatchHeld();
  // Copies a sync tool left (`*.conflict-*`) are never a conversation of their own.
  const inputs = files.filter((f) => !isConflictCopy(f));
  held.conflicts = files.length - inputs.length;
  const counts = { final: 0, draft: 0, draftExcluded: 0, skipped: 0 };
  const interrupt = onInterrupt({
    dirs: [path.dirname(out)],
    done: () =>
      fill(L({ nl: "Onderbroken: {n} gesprek(ken) gelezen; er is niets geschreven in {d} (eerdere bestanden zijn ongewijzigd).", en: "Interrupted: {n} session(s) read; nothing was written to {d} (earlier files are unchanged)." }), {
        n: counts.final + counts.draft + counts.draftExcluded + counts.skipped,
        d: displayPath(out),
      }),
  });
  const failed = (err: unknown): never => {
    for (const s of sets.values()) s.abort();
    discardStaging(staging);
    interrupt.dispose();
    if (err instanceof UserError || !(err as NodeJS.ErrnoException).code) throw err;
    throw new UserError(
      fill(L({ nl: "kan de rollup niet schrijven: {why}; er is niets geschreven in {d}", en: "cannot write the rollup: {why}; nothing was written to {d}" }), { why: systemWords(err), d: displayPath(out) }),
      EXIT.usage,
      undefined,
      L({ nl: "Maak ruimte vrij of kies met --out een andere map en probeer het opnieuw.", en: "Free some space or choose another folder with --out and try again." }),
    );
  };

  // Records are small: collect them, so that each conversation counts once (the newest save).
  const recs: SessionRecord[] = [];
  try {
    const source: AsyncIterable<RecordResult> = await records(inputs, registry, { includeText: opts.includeText, formatsDir: flags.formatsDir });
    for await (const r of source) {
      if (!r.ok) {
        counts.skipped++;
        for (const line of findingLines(r.findings.filter((x) => x.severity === "error").map((f) => ({ ...f, file: displayPath(f.file) })))) process.stderr.write(`${line}\n`);
        continue;
      }
      recs.push(r.record);
    }
  } catch (err) {
    failed(err);
  }
  const sel = selectSessions(recs, (rec) => ({ file: rec.file, conversation: rec.conversation, updated: rec.updated, datum: rec.datum, status: rec.status }), { ...period, includeDrafts: flags.includeDrafts === true });
  counts.draftExcluded = sel.drafts;
  held.drafts = sel.drafts;
  held.outsidePeriod = sel.outsidePeriod;
  for (const d of sel.duplicates) {
    held.duplicates += d.others.length;
    process.stderr.write(`${duplicateWarning(displayPath(d.used), d.others.map(displayPath), getLang())}\n`);
  }
  try {
    for (const rec of sel.kept) {
      counts[rec.status === "final" ? "final" : "draft"]++;
      addHeld(held, rec.held);
      const value = rec.meta[flags.by] === undefined ? "" : String(rec.meta[flags.by]);
      const key = flags.split ? `${rec.formatId}\u0000${value}` : rec.formatId;
      let set = sets.get(key);
      if (!set) sets.set(key, (set = new OutputSet(flags.split ? path.join(staging, folderOf(value)) : staging, plan(rec.formatId), opts)));
      set.add(rec, idOf(rec.file));
    }
  } catch (err) {
    failed(err);
  }

  // Paths as they will be once the set is in place.
  const final = (f: string) => path.join(out, path.relative(staging, f));
  let written = 0;
  const lines: string[] = [];
  try {
    for (const set of sets.values()) {
      const { files: done, suppressed, smallCells } = set.finish();
      const book = await set.finishWorkbook();
      if (book) done.push(book);
      written += done.length;
      held.smallGroups += suppressed.length + smallCells;
      for (const f of done) lines.push(displayPath(final(f)));
      if (suppressed.length) {
        lines.push(
          fill(L({ nl: "{dir}: onderdrukt in summary (minder dan {min} gesprekken): {list}", en: "{dir}: suppressed in summary (fewer than {min} sessions): {list}" }), {
            dir: displayPath(final(set.summaryFile)),
            min: minGroup,
            list: suppressed.map((s) => `${flags.by}=${s.group || L({ nl: "(leeg)", en: "(empty)" })}`).join(", "),
          }),
        );
      }
    }
    const placed = publish(staging, out, flags.force === true);
    if (!placed.ok) {
      interrupt.dispose();
      throw new UserError(
        fill(L({ nl: "{f} is intussen door een ander proces gemaakt; niet overschreven, er is niets van deze rollup geschreven", en: "{f} was created by another process meanwhile; not overwritten, nothing of this rollup was written" }), { f: displayPath(placed.clash) }),
        EXIT.findings,
        undefined,
        L({ nl: "Kies een andere --out, of vervang de set met --force.", en: "Choose another --out, or replace the set with --force." }),
      );
    }
  } catch (err) {
    failed(err);
  }
  interrupt.dispose();
  for (const l of lines) process.stdout.write(`${l}\n`);
  const heldLines = heldBackLines(held, minGroup, getLang());
  if (heldLines.length) {
    process.stderr.write(`${L({ nl: "Niet gedeeld met de regio (alleen aantallen):", en: "Not shared with the region (counts only):" })}\n${heldLines.map((l) => `  - ${l}\n`).join("")}`);
  }
  process.stdout.write(`${closingLine(counts, written, flags.includeDrafts === true, displayPath(out))}\n`);
  return counts.skipped > 0 ? EXIT.findings : EXIT.ok;
}

function closingLine(c: { final: number; draft: number; draftExcluded: number; skipped: number }, written: number, includeDrafts: boolean, out: string): string {
  const drafts = includeDrafts
    ? fill(L({ nl: "{n} concept(en) meegenomen", en: "{n} draft(s) included" }), { n: c.draft })
    : fill(L({ nl: "{n} concept(en) niet meegenomen (gebruik --include-drafts)", en: "{n} draft(s) excluded (use --include-drafts)" }), { n: c.draftExcluded });
  return fill(
    L({
      nl: "{final} vastgestelde gesprek(ken) meegenomen, {drafts}, {skipped} bestand(en) overgeslagen; {written} bestand(en) geschreven in {out}",
      en: "{final} final session(s) included, {drafts}, {skipped} file(s) skipped; {written} file(s) written to {out}",
    }),
    { final: c.final, drafts, skipped: c.skipped, written, out },
  );
}
