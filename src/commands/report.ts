// afstem report <file|dir>... --out DIR [--summary] [--force] [--jobs N] [--verbose]
// One DOCX per session (or one regional summary); bad files are listed and skipped.
import path from "node:path";
import { existsSync } from "node:fs";
import { FormatRegistry, formatDirs } from "../format/registry.js";
import { expandPaths, expandSessionPaths, refuseFileAsOut, safeNamePart, sessionFileName } from "../util/files.js";
import type { GlobalOptions } from "../cli/options.js";
import type { Io } from "../cli/invocation.js";
import { EXIT, UserError } from "../cli/errors.js";
import type { LoadedSession } from "../store/batch.js";
import { fastSessions } from "../rollup/fast/load.js";
import { findingLines } from "../findings/finding.js";
import { displayPath } from "../util/paths.js";
import { fill, getLang } from "../i18n/lang.js";
import { buildReport } from "../report/build-report.js";
import { summaryFold, summaryModel, summaryOrganisations } from "../report/build-summary.js";
import type { SummaryFold } from "../report/summary/fold.js";
import type { Format } from "../format/types.js";
import { Targets } from "../report/batch/targets.js";
import { createRenderer, type Renderer } from "../report/batch/pool.js";
import type { RenderResult } from "../report/batch/render-job.js";
import { Progress, closingLine } from "../report/progress.js";
import { release } from "../privacy/gate.js";
import { addHeld, duplicateWarning, emptyBatchHeld } from "../privacy/held.js";
import { conversationKey } from "../rollup/record.js";
import { isConflictCopy, selectSessions, type Period } from "../session/select.js";
import { parsePeriod } from "../cli/period.js";
import { isDiskFull, stopsWriting, systemWords } from "../util/sys-error.js";
import { onInterrupt } from "../cli/interrupt.js";
import { sweepStaleTemps, makeDirSync } from "../util/writer.js";
import { msg } from "../i18n/messages.js";

interface ReportOptions {
  out: string;
  summary?: boolean;
  force?: boolean;
  jobs?: string;
  verbose?: boolean;
  includeDrafts?: boolean;
  from?: string;
  to?: string;
  minGroup?: string;
  by?: string;
  split?: string;
  previous?: string;
}

/** --by, --split, --previous, --from, --to, --min-group and --include-drafts only mean something with --summary. */
function checkSummaryFlags(opts: ReportOptions & GlobalOptions, registry: FormatRegistry): void {
  const usage = (text: string) => new UserError(text, EXIT.usage);
  // Without --summary they would be silently ignored: each school's report is of its own file,
  // draft or not. --min-group has a default, so only a --min-group the user typed counts.
  const minGroup = opts.explicit ? opts.explicit.has("minGroup") : false;
  if (!opts.summary && (opts.by !== undefined || opts.split || opts.previous || opts.from || opts.to || opts.includeDrafts || minGroup))
    throw usage(msg("commands.report.split-previous-go-summary"));
  if (opts.split !== undefined && opts.split !== "organisatie" && opts.split !== "organisation")
    throw usage(fill(msg("commands.report.split-only-knows-organisatie"), { value: opts.split }));
  if (opts.by !== undefined) {
    const metaIds = new Set(
      registry.ids().flatMap((id) => registry.versions(id).flatMap((v) => registry.get(id, v)?.meta.map((q) => q.id) ?? [])),
    );
    if (!metaIds.has(opts.by)) {
      throw new UserError(
        fill(msg("common.not-meta-field-any-known"), { by: opts.by }),
        EXIT.usage,
        undefined,
        fill(msg("common.meta-fields-list"), { list: [...metaIds].sort().join(", ") }),
      );
    }
  }
}

/**
 * The previous round (--previous DIR): final sessions, released by the same gate and folded.
 * Two passes, like the round itself: the formats present fix the merged ids, then each
 * session is read again and folded, so no session is held.
 */
async function previousRound(
  dir: string,
  registry: FormatRegistry,
  by: string | undefined,
  today: string,
  /** An invalid file of the previous round: said and counted as skipped, as one of this round. */
  skipped: (r: Extract<LoadedSession, { ok: false }>) => void,
): Promise<SummaryFold> {
  const installed = installedFormats(registry);
  checkPrevious(dir);
  const files = (await expandPaths([dir])).filter((f) => !isConflictCopy(f));
  const final: string[] = [];
  const formats: Format[] = [];
  for await (const r of fastSessions(files, registry)) {
    if (!r.ok) {
      skipped(r);
      continue;
    }
    if (r.session.status !== "final") continue;
    final.push(r.file);
    formats.push(r.format);
  }
  const fold = summaryFold(formats, getLang(), { ...(by ? { by } : {}), today, installed });
  for await (const r of fastSessions(final, registry)) {
    if (r.ok && r.session.status === "final" && fold.knows(r.format))
      fold.add({ format: r.format, session: release(r.session, r.format, "region", { marker: msg("common.name") }) });
  }
  return fold;
}

/**
 * Every version the registry holds: the summary merges each format id over all of them, as the
 * rollup does (rollup/plans.ts), so a round holding only old versions is keyed on the newest
 * ids, and the previous round on the same ids as this one.
 */
function installedFormats(registry: FormatRegistry): Format[] {
  return registry.ids().flatMap((id) =>
    registry
      .versions(id)
      .map((v) => registry.get(id, v))
      .filter((f): f is Format => f !== undefined),
  );
}

function checkPrevious(dir: string): void {
  if (!existsSync(dir)) throw new UserError(fill(msg("commands.report.previous-d-does-not-exist"), { d: displayPath(dir) }), EXIT.usage);
}

/**
 * A copy that owns its characters. The session reader hands out substrings of the file's text,
 * and V8 keeps a substring's whole parent alive: 10,000 kept `updated` strings held every file.
 */
const own = (s: string): string => s.split("").join("");

/** What the selection needs to know of a session (pass 1 of the summary); the session itself is not kept. */
interface SummaryKey {
  file: string;
  format: Format;
  conversation?: string;
  updated: string;
  datum?: string;
  status: "draft" | "final";
}

function parseMinGroup(s: string | undefined): number {
  const n = Number(s ?? "5");
  if (!Number.isInteger(n) || n < 1) {
    throw new UserError(fill(msg("common.min-group-must-integer-1"), { s: String(s) }), EXIT.usage);
  }
  return n;
}

function parseJobs(value: string | undefined): number {
  if (value === undefined) return 1;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 64) {
    throw new UserError(fill(msg("commands.report.jobs-must-whole-number-from"), { v: value }));
  }
  return Number(value);
}

function prepareOut(dir: string): void {
  if (dir.trim() === "") throw new UserError(msg("common.out-empty-give-folder"));
  refuseFileAsOut(dir);
  try {
    makeDirSync(dir);
  } catch (err) {
    throw new UserError(fill(msg("commands.report.cannot-create-folder-d-m"), { d: displayPath(dir), m: systemWords(err) }));
  }
}

function skippedLines(r: Extract<LoadedSession, { ok: false }>): string[] {
  return findingLines(r.findings.filter((f) => f.severity === "error").map((f) => ({ ...f, file: displayPath(f.file) })));
}

function refusedLine(file: string): string {
  return fill(msg("commands.report.f-exists-not-overwritten-use"), { f: displayPath(file) });
}

export default async function report(paths: string[], given: ReportOptions & GlobalOptions, io: Io): Promise<number> {
  // --out and --previous are the invocation's paths: relative to its working folder.
  const opts = {
    ...given,
    out: given.out === undefined || given.out.trim() === "" ? given.out : path.resolve(io.cwd, given.out),
    ...(given.previous !== undefined && given.previous.trim() !== "" ? { previous: path.resolve(io.cwd, given.previous) } : {}),
  };
  const jobs = parseJobs(opts.jobs);
  const period = parsePeriod(opts.from, opts.to);
  const minGroup = parseMinGroup(opts.minGroup);
  // A summary never counts a `*.conflict-*` copy a sync tool left beside a session.
  let conflicts = 0;
  const files = await expandSessionPaths(paths);
  const registry = await FormatRegistry.load(formatDirs(opts.formatsDir), { verify: true });
  // Flags first: a usage error leaves no --out folder behind.
  checkSummaryFlags(opts, registry);
  prepareOut(opts.out);
  const lang = getLang();
  const tty = io.stderr.isTTY === true;
  const progress = new Progress({ total: files.length, tty, verbose: opts.verbose === true, out: io.stdout, err: io.stderr });
  sweepStaleTemps(opts.out);
  const targets = new Targets(opts.out, opts.force === true, existsSync);
  // `empty`: a summary with nothing to summarise (exit 1) — not one more skipped file.
  const counts: { written: number; skipped: number; refused: number; empty?: boolean } = { written: 0, skipped: 0, refused: 0 };
  const noun = opts.summary
    ? { one: msg("commands.report.summary"), many: msg("commands.report.summaries") }
    : { one: msg("commands.report.report"), many: msg("commands.report.reports") };

  // A full or read-only disk ends the batch with one message instead of one per document.
  let stopped: string | undefined;
  let stoppedBy: unknown;
  const written = (file: string, r: RenderResult) => {
    if (r.ok) {
      counts.written++;
      progress.step(displayPath(file));
    } else if (r.code === "EEXIST") {
      // Another process created this name a moment ago: not overwritten (no --force).
      counts.refused++;
      progress.problem(refusedLine(file));
      progress.step();
    } else if (stopsWriting(r)) {
      if (!stopped) {
        stopped = fill(msg("commands.report.afstem-cannot-write-any-more"), { d: displayPath(opts.out), why: systemWords(r) });
        stoppedBy = r;
      }
    } else {
      counts.skipped++;
      progress.problem(`${displayPath(file)}  error  ${fill(msg("commands.report.could-not-write-m"), { m: systemWords(r) })}  (write)`);
    }
  };

  const renderer: Renderer = createRenderer(opts.summary ? 1 : Math.min(jobs, files.length));
  const running = new Set<Promise<void>>();
  const summaryKeys: SummaryKey[] = [];
  if (opts.summary) {
    const before = files.length;
    files.splice(0, files.length, ...files.filter((f) => !isConflictCopy(f)));
    conflicts = before - files.length;
  }
  // Ctrl+C / SIGTERM: stop the workers, remove temporary files, say what was finished (exit 130).
  const interrupt = onInterrupt(
    {
      dirs: [opts.out],
      stop: () => renderer.abort(),
      done: () =>
        fill(msg("commands.report.interrupted-n-noun-written-d"), { n: counts.written, noun: noun.many, d: displayPath(opts.out) }),
    },
    io,
  );
  try {
    for await (const r of fastSessions(files, registry)) {
      if (stopped) break;
      if (!r.ok) {
        counts.skipped++;
        for (const line of skippedLines(r)) progress.problem(line);
        progress.step();
        continue;
      }
      if (opts.summary) {
        // Pass 1 keeps only what the selection needs; the kept files are read again and folded.
        const conversation = conversationKey(r.session);
        summaryKeys.push({
          file: r.file,
          format: r.format,
          updated: own(r.session.updated),
          status: r.session.status,
          ...(conversation !== undefined ? { conversation: own(conversation) } : {}),
          ...(r.session.meta.datum !== undefined ? { datum: own(String(r.session.meta.datum)) } : {}),
        });
        progress.step();
        continue;
      }
      const target = targets.claim(sessionFileName(r.session.meta, r.format.id, ".docx"));
      if (!target.ok) {
        counts.refused++;
        progress.problem(refusedLine(target.file));
        progress.step();
        continue;
      }
      const model = buildReport(r.format, r.session, lang);
      const p = renderer
        .render({ kind: "report", model, target: target.file, force: opts.force === true })
        .then((res) => written(target.file, res));
      running.add(p);
      void p.finally(() => running.delete(p));
      // Backpressure: keep the workers fed without holding every model in memory.
      while (running.size >= Math.max(2, jobs * 4)) await Promise.race(running);
    }
    await Promise.all(running);
    if (opts.summary && !stopped) {
      if (opts.previous) checkPrevious(opts.previous);
      await writeSummary(summaryKeys, { ...opts, period, minGroup, conflicts }, registry, targets, renderer, counts, progress, io);
    }
  } finally {
    await renderer.close();
    interrupt.dispose();
  }
  if (stopped) {
    progress.finish(closingLine({ ...counts, seconds: progress.elapsedSeconds, noun }), true);
    const hint = isDiskFull(stoppedBy) ? "commands.report.free-some-space-choose-another" : "commands.report.give-out-folder-you-can";
    throw new UserError(stopped.replace(/^afstem: /, ""), EXIT.usage, undefined, msg(hint));
  }
  const problems = counts.skipped + counts.refused > 0 || counts.empty === true;
  progress.finish(closingLine({ ...counts, seconds: progress.elapsedSeconds, noun }), tty || opts.verbose === true || problems);
  return problems ? EXIT.findings : EXIT.ok;
}

async function writeSummary(
  input: SummaryKey[],
  opts: Omit<ReportOptions, "minGroup"> & { period: Period; minGroup: number; conflicts: number },
  registry: FormatRegistry,
  targets: Targets,
  renderer: Renderer,
  counts: { written: number; skipped: number; refused: number; empty?: boolean },
  progress: Progress,
  io: Io,
): Promise<void> {
  const sel = selectSessions(
    input,
    (e) => ({ file: e.file, conversation: e.conversation, updated: e.updated, datum: e.datum, status: e.status }),
    { ...opts.period, includeDrafts: opts.includeDrafts === true },
  );
  const included = sel.kept;
  const held = emptyBatchHeld();
  held.drafts = sel.drafts;
  held.outsidePeriod = sel.outsidePeriod;
  held.conflicts = opts.conflicts;
  for (const d of sel.duplicates) {
    held.duplicates += d.others.length;
    progress.problem(duplicateWarning(displayPath(d.used), d.others.map(displayPath), getLang()));
  }
  if (!included.length) {
    // One bad file said "2 overgeslagen": the file, and the summary counted as one more.
    counts.empty = true;
    progress.problem(
      input.length
        ? msg("commands.report.afstem-no-confirmed-sessions-summarise")
        : msg("commands.report.afstem-no-valid-sessions-summarise"),
    );
    return;
  }
  // Pass 2: each kept file is read again, released by the gate and folded; none is held.
  const today = new Date().toISOString().slice(0, 10);
  const fold = summaryFold(
    included.map((e) => e.format),
    getLang(),
    { ...(opts.by ? { by: opts.by } : {}), today, installed: installedFormats(registry) },
  );
  for await (const r of fastSessions(
    included.map((e) => e.file),
    registry,
  )) {
    if (!r.ok || !fold.knows(r.format)) {
      // Changed on disk between the two passes: left out, and said so.
      counts.skipped++;
      progress.problem(fill(msg("commands.report.f-changed-while-being-read"), { f: displayPath(r.file) }));
      continue;
    }
    const session = release(r.session, r.format, "region", { marker: msg("common.name") });
    addHeld(held, session.held);
    fold.add({ format: r.format, session });
  }
  const previousFold = opts.previous
    ? await previousRound(opts.previous, registry, opts.by, today, (r) => {
        counts.skipped++;
        for (const line of skippedLines(r)) progress.problem(line);
      })
    : undefined;
  const summaryOpts = {
    drafts: sel.drafts,
    includeDrafts: opts.includeDrafts === true,
    minGroup: opts.minGroup,
    held,
    period: opts.period,
    ...(previousFold ? { previousFold } : {}),
  };
  const regios = [...fold.regios];
  // Named by the last conversation's date; below --min-group in all that date would say when
  // one of those few was held, so the overview's own date names it.
  const dated = fold.n < opts.minGroup ? today : (fold.lastDate ?? "zonder-datum");
  const base = `${dated}-${regios.length === 1 ? `${safeNamePart(regios[0]!)}-` : ""}regionaal-overzicht`;
  // --split organisatie: one document per organisation the formats declare for their roles.
  const docs = opts.split
    ? summaryOrganisations(fold, getLang()).map((o) => ({ name: `${base}-${safeNamePart(o)}.docx`, organisation: o }))
    : [{ name: `${base}.docx`, organisation: undefined }];
  for (const d of docs) {
    const target = targets.claim(d.name);
    if (!target.ok) {
      counts.refused++;
      progress.problem(refusedLine(target.file));
      continue;
    }
    const model = summaryModel(fold, getLang(), { ...summaryOpts, ...(d.organisation ? { organisation: d.organisation } : {}) });
    const res = await renderer.render({ kind: "summary", model, target: target.file, force: opts.force === true });
    if (res.ok) {
      counts.written++;
      if (opts.verbose) io.stdout.write(`${displayPath(target.file)}\n`);
    } else if (res.code === "EEXIST") {
      counts.refused++;
      progress.problem(refusedLine(target.file));
    } else {
      counts.skipped++;
      progress.problem(`${displayPath(target.file)}  error  ${systemWords(res)}  (write)`);
    }
  }
}
