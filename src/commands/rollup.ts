// afstem rollup <file|dir>... --out DIR: CSV rollups (long, wide, summary, actions, codebook)
// per format, optionally split per value of --by. Invalid files are listed and skipped (exit 1).
import { rmdirSync, statSync } from "node:fs";
import path from "node:path";
import { FormatRegistry, formatDirs } from "../format/registry.js";
import { expandSessionPaths, refuseFileAsOut, safeNamePart } from "../util/files.js";
import { displayPath } from "../util/paths.js";
import type { GlobalOptions } from "../cli/options.js";
import type { Io } from "../cli/invocation.js";
import { EXIT, UserError } from "../cli/errors.js";
import { findingLines } from "../findings/finding.js";
import { fill, getLang } from "../i18n/lang.js";
import { planCache } from "../rollup/plans.js";
import { LAYOUTS, OutputSet, wideHeaders, type Layout, type OutputOptions } from "./rollup-output.js";
import { wideShape } from "../rollup/packed.js";
import { fileStem } from "../rollup/record.js";
import { records, type RecordResult } from "./rollup-source.js";
import { RecordStore } from "./rollup-store.js";
import { isConflictCopy, selectSessions } from "../session/select.js";
import { addHeld, duplicateWarning, emptyBatchHeld, heldBackLines } from "../privacy/held.js";
import { parsePeriod } from "../cli/period.js";
import { discardStaging, makeStaging, publish, recoverPublish, rollupOutputIn } from "./rollup-publish.js";
import { sweepStaleTemps, makeDirSync } from "../util/writer.js";
import { isDiskFull, systemWords } from "../util/sys-error.js";
import { onInterrupt } from "../cli/interrupt.js";
import { msg } from "../i18n/messages.js";

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
  const parts = list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = parts.filter((p) => !(LAYOUTS as readonly string[]).includes(p));
  if (bad.length || !parts.length) {
    throw new UserError(
      fill(msg("commands.rollup.unknown-layout-bad"), { bad: bad.join(",") || list }),
      EXIT.usage,
      undefined,
      fill(msg("commands.rollup.choose-from-list-comma-separated"), { list: LAYOUTS.join(", ") }),
    );
  }
  return new Set(parts as Layout[]);
}

function parseMinGroup(s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) {
    throw new UserError(fill(msg("common.min-group-must-integer-1"), { s }), EXIT.usage);
  }
  return n;
}

/** Every meta field id of every installed format version. */
const metaIdsOf = (registry: FormatRegistry) =>
  new Set(registry.ids().flatMap((id) => registry.versions(id).flatMap((v) => registry.get(id, v)?.meta.map((q) => q.id) ?? [])));

function checkBy(by: string, registry: FormatRegistry): void {
  const metaIds = metaIdsOf(registry);
  if (!metaIds.has(by)) {
    throw new UserError(
      fill(msg("common.not-meta-field-any-known"), { by }),
      EXIT.usage,
      undefined,
      fill(msg("common.meta-fields-list"), { list: [...metaIds].sort().join(", ") }),
    );
  }
}

/**
 * Session id: the file name without extension, as the gate released it (names scrubbed); a
 * repeated id gets `-2`, `-3`, … in input order.
 */
function sessionIds(): (base: string) => string {
  const used = new Set<string>();
  const next = new Map<string, number>();
  return (base) => {
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
    // A value with no letter or digit to keep (`..`, `*?:`) gets `_tekens` (never a real code's
    // name either): it took `regio-onbekend/` from a real `onbekend` met later.
    const base = value === "" ? `_zonder-${safeNamePart(by)}` : `${safeNamePart(by)}-${safeNamePart(value, "_tekens")}`;
    name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    map.set(value, name);
    return name;
  };
}

export default async function rollup(paths: string[], flags: RollupFlags & GlobalOptions, io: Io): Promise<number> {
  const layouts = parseLayouts(flags.layout);
  const minGroup = parseMinGroup(flags.minGroup);
  // Every usage error before --out is touched: a bad --from left a made --out and a staging folder.
  const period = parsePeriod(flags.from, flags.to);
  const files = await expandSessionPaths(paths);
  const registry = await FormatRegistry.load(formatDirs(flags.formatsDir), { verify: true });
  checkBy(flags.by, registry);
  if (flags.out.trim() === "") throw new UserError(msg("common.out-empty-give-folder"), EXIT.usage);
  const out = path.resolve(io.cwd, flags.out);
  const cannotCreate = (err: unknown) =>
    new UserError(
      fill(msg("commands.rollup.cannot-create-output-folder-why"), { why: systemWords(err) }),
      EXIT.usage,
      { file: flags.out },
      msg("commands.rollup.give-out-folder-you-can"),
    );
  refuseFileAsOut(out);
  let outExists = false;
  try {
    outExists = statSync(out).isDirectory();
    if (!outExists) throw Object.assign(new Error("ENOTDIR"), { code: "ENOTDIR" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw cannotCreate(err);
  }
  // A rollup killed while placing its files: finish that first, so its set is whole. One killed
  // before placing left its staged set in a hidden folder: removed now, also when this run is
  // refused below (a zipped --out shipped a hidden second set).
  if (outExists) {
    recoverPublish(out);
    try {
      sweepStaleTemps(out);
    } catch {
      /* what cannot be removed now is tried again below, or by the next run */
    }
  }
  // Like report: earlier afstem output is never replaced without --force.
  // What counts as an earlier set: output of the formats and meta fields afstem knows here.
  const known = { formats: new Set(registry.ids()), fields: metaIdsOf(registry) };
  const previous = outExists ? rollupOutputIn(out, known) : [];
  if (previous.length && !flags.force) {
    throw new UserError(
      fill(msg("commands.rollup.d-already-holds-rollup-files"), {
        d: displayPath(out),
        list: previous.length > 3 ? `${previous.slice(0, 3).join(", ")}, …` : previous.join(", "),
      }),
      EXIT.findings,
      undefined,
      msg("commands.rollup.choose-another-out-replace-earlier"),
    );
  }
  if (!outExists) {
    try {
      makeDirSync(out);
    } catch (err) {
      throw cannotCreate(err);
    }
  }
  /** A failed or interrupted run leaves no --out it made itself (only when still empty). */
  const removeMadeOut = () => {
    if (outExists) return;
    try {
      rmdirSync(out);
    } catch {
      /* not empty: someone else's files */
    }
  };
  const cannotWrite = (err: unknown) =>
    new UserError(
      fill(msg("commands.rollup.cannot-write-rollup-why-nothing"), { why: systemWords(err), d: displayPath(out) }),
      EXIT.usage,
      undefined,
      msg(isDiskFull(err) ? "commands.rollup.free-some-space-choose-another" : "commands.rollup.give-out-folder-you-can"),
    );
  // This run's files go to a fresh hidden folder inside --out and are published together at
  // the end (rollup-publish.ts); --out itself is never replaced. Litter of a killed earlier run
  // is removed first (also beside --out, where older versions staged).
  let staging: string;
  try {
    sweepStaleTemps(out);
    sweepStaleTemps(path.dirname(out));
    staging = makeStaging(out);
  } catch (err) {
    removeMadeOut();
    throw cannotWrite(err);
  }
  const opts: OutputOptions = {
    layouts,
    dialect: { excel: flags.excel === true },
    includeText: flags.includeText === true,
    by: flags.by,
    minGroup,
    lang: getLang(),
    xlsx: flags.xlsx === true,
  };
  const plan = planCache(registry);
  const sets = new Map<string, OutputSet>();
  const idOf = sessionIds();
  const folderOf = splitFolders(flags.by);
  const held = emptyBatchHeld();
  // Copies a sync tool left (`*.conflict-*`) are never a conversation of their own.
  const inputs = files.filter((f) => !isConflictCopy(f));
  held.conflicts = files.length - inputs.length;
  const counts = { final: 0, draft: 0, draftExcluded: 0, skipped: 0 };
  const interrupt = onInterrupt(
    {
      dirs: [out],
      // Said after the temporary files are gone: then an --out this run made is empty again.
      done: () => {
        removeMadeOut();
        return fill(msg("commands.rollup.interrupted-n-session-s-read"), {
          n: counts.final + counts.draft + counts.draftExcluded + counts.skipped,
          d: displayPath(out),
        });
      },
    },
    io,
  );
  const selectOptions = { ...period, includeDrafts: flags.includeDrafts === true };
  let store: RecordStore | undefined;
  const failed = (err: unknown): never => {
    for (const s of sets.values()) s.abort();
    store?.discard();
    discardStaging(staging);
    removeMadeOut();
    interrupt.dispose();
    if (err instanceof UserError || !(err as NodeJS.ErrnoException).code) throw err;
    throw cannotWrite(err);
  };

  try {
    // Keep every record (commands/rollup-store.ts), so that each conversation counts once (the newest save).
    store = new RecordStore(path.join(staging, "records"), selectOptions);
    const source: AsyncIterable<RecordResult> = await records(inputs, registry, {
      includeText: opts.includeText,
      select: selectOptions,
      formatsDir: flags.formatsDir,
      ...(io.env.AFSTEM_ROLLUP_ENGINE ? { forcedEngine: io.env.AFSTEM_ROLLUP_ENGINE } : {}),
    });
    for await (const r of source) {
      if (!r.ok) {
        counts.skipped++;
        for (const line of findingLines(r.findings.filter((x) => x.severity === "error").map((f) => ({ ...f, file: displayPath(f.file) }))))
          io.stderr.write(`${line}\n`);
        continue;
      }
      // A cached record comes without its wide shape: it is an object here, so make it now.
      const p = r.packed;
      if (!p.shape && p.record) p.shape = wideShape(plan(p.record.formatId), p.record);
      store.add(p);
    }
  } catch (err) {
    failed(err);
  }
  // failed() threw unless the store was made.
  const kept = store!;
  const sel = selectSessions(
    Array.from({ length: kept.size }, (_, i) => i),
    (i) => kept.candidate(i),
    selectOptions,
  );
  counts.draftExcluded = sel.drafts;
  held.drafts = sel.drafts;
  held.outsidePeriod = sel.outsidePeriod;
  for (const d of sel.duplicates) {
    held.duplicates += d.others.length;
    io.stderr.write(`${duplicateWarning(displayPath(d.used), d.others.map(displayPath), getLang())}\n`);
  }
  // Without --split a format's kept sessions make one set: its wide header is known now, so
  // wide rows are written as the records come back instead of spooled once more.
  const headers = flags.split ? undefined : wideHeaders(sel.kept.map((i) => kept.shape(i)));
  try {
    // Each record is read back from the store only while its rows are written.
    kept.drain(new Set(sel.kept), (rec) => {
      counts[rec.status === "final" ? "final" : "draft"]++;
      addHeld(held, rec.held);
      const value = rec.meta[flags.by] === undefined ? "" : String(rec.meta[flags.by]);
      const key = flags.split ? `${rec.formatId}\u0000${value}` : rec.formatId;
      let set = sets.get(key);
      if (!set)
        sets.set(
          key,
          (set = new OutputSet(
            flags.split ? path.join(staging, folderOf(value)) : staging,
            plan(rec.formatId),
            opts,
            headers?.get(rec.formatId),
          )),
        );
      set.add(rec, idOf(rec.sessionId ?? fileStem(rec.file)));
    });
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
          fill(msg("commands.rollup.dir-suppressed-summary-fewer-than"), {
            dir: displayPath(final(set.summaryFile)),
            min: minGroup,
            list: suppressed.map((s) => `${flags.by}=${s.group || s.label}`).join(", "),
          }),
        );
      }
    }
    const placed = publish(staging, out, flags.force === true, known);
    if (!placed.ok) {
      interrupt.dispose();
      const f = displayPath(placed.clash);
      if (placed.kind === "link")
        throw new UserError(
          fill(msg("commands.rollup.f-is-symlink-not-followed"), { f }),
          EXIT.findings,
          undefined,
          msg("commands.rollup.remove-symlink-or-force"),
        );
      if (placed.kind === "busy")
        throw new UserError(
          fill(msg("commands.rollup.another-rollup-writing-d"), { d: displayPath(out) }),
          EXIT.findings,
          undefined,
          msg("commands.rollup.wait-other-rollup-try-again"),
        );
      throw new UserError(
        fill(msg("commands.rollup.f-was-created-another-process"), { f }),
        EXIT.findings,
        undefined,
        msg("commands.rollup.choose-another-out-replace-set"),
      );
    }
  } catch (err) {
    failed(err);
  }
  interrupt.dispose();
  for (const l of lines) io.stdout.write(`${l}\n`);
  const heldLines = heldBackLines(held, minGroup, getLang());
  if (heldLines.length) {
    io.stderr.write(`${msg("commands.rollup.not-shared-region-counts-only")}\n${heldLines.map((l) => `  - ${l}\n`).join("")}`);
  }
  io.stdout.write(`${closingLine(counts, written, flags.includeDrafts === true, displayPath(out))}\n`);
  return counts.skipped > 0 ? EXIT.findings : EXIT.ok;
}

function closingLine(
  c: { final: number; draft: number; draftExcluded: number; skipped: number },
  written: number,
  includeDrafts: boolean,
  out: string,
): string {
  const drafts = includeDrafts
    ? fill(msg("commands.rollup.n-draft-s-included"), { n: c.draft })
    : fill(msg("commands.rollup.n-draft-s-excluded-use"), { n: c.draftExcluded });
  return fill(msg("commands.rollup.final-final-session-s-included"), { final: c.final, drafts, skipped: c.skipped, written, out });
}
