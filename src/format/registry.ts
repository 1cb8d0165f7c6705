// Where formats come from: the file's own folder, --formats-dir, AFSTEM_FORMATS_PATH and the
// built-in formats/ folder, in that order of precedence. Several versions of one id may coexist.
import { statSync } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { createHash } from "node:crypto";
import path from "node:path";
import type { Finding } from "../findings/finding.js";
import type { Format } from "./types.js";
import { normalizeFormat, type FormatSpec } from "./normalize.js";
import { resolveSpec, type Resolved } from "./extends.js";
import { lazyParsed } from "../yaml/lazy.js";
import { FileCache, type FileStamp } from "../cache/file-cache.js";
import { readRegularFileSync, readTextFile } from "../yaml/read-text.js";
import { UserError, EXIT } from "../core/errors.js";
import { BUILTIN_FORMATS_DIR, displayPath, envFormatDirs } from "../util/paths.js";
import { scope } from "../util/scope.js";
import { fill } from "../i18n/lang.js";
import { brokenFormatMessage, type BrokenFormat } from "./broken.js";
import { msg } from "../i18n/messages.js";

export type { BrokenFormat } from "./broken.js";

export const YAML_EXTENSIONS = [".yaml", ".yml"];

/** Every YAML file below dir (sorted), skipping the JSON-schema folder and dot folders; symlinked folders are followed, each folder once. */
export async function yamlFilesIn(dir: string, seen: Set<string> = new Set()): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    // A folder met twice (a symlink back up, two links to one folder) is searched once: no loop.
    const real = await realpath(dir);
    if (seen.has(real)) return out;
    seen.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const full = path.join(dir, e.name);
    // A symlinked folder is searched like a real one (a symlinked file is read like one).
    const isDir = e.isDirectory() || (e.isSymbolicLink() && (await stat(full).catch(() => undefined))?.isDirectory() === true);
    if (isDir) {
      if (e.name !== "schema") out.push(...(await yamlFilesIn(full, seen)));
    } else if (YAML_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) {
      out.push(full);
    }
  }
  return out;
}

/** The folders to search, from a command's --formats-dir and the environment. */
export function formatDirs(formatsDir?: string): string[] {
  const here = scope();
  const given = formatsDir ? path.resolve(here.cwd, formatsDir) : undefined;
  // A mistyped --formats-dir was silently no folder at all, and its formats "unknown".
  if (given !== undefined && !isDirSync(given)) {
    throw new UserError(
      fill(msg("format.registry.formats-dir-not-folder"), { d: formatsDir! }),
      EXIT.usage,
      undefined,
      msg("format.registry.give-folder-with-formats"),
    );
  }
  return [...(given ? [given] : []), ...envFormatDirs(here), BUILTIN_FORMATS_DIR];
}

function isDirSync(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export async function readFormatSpec(file: string): Promise<{ spec?: FormatSpec; findings: Finding[] }> {
  const text = await readTextFile(file);
  const { parseYaml } = await import("../yaml/parse.js");
  const parsed = parseYaml(text, file);
  if (parsed.findings.length > 0) return { findings: parsed.findings };
  const spec = normalizeFormat(parsed);
  return spec ? { spec, findings: [] } : { findings: [] };
}

/** A format file that does not parse (or cannot be read), with the id and version it seems to declare. */
export type UnparsedFile = Omit<BrokenFormat, "id"> & { id?: string; version?: number };

interface Loaded {
  spec?: FormatSpec;
  stamp: FileStamp;
  unparsed?: UnparsedFile;
}

/** A file lint reports as unreadable: one error. */
const unreadable = (file: string): UnparsedFile => ({ file, shown: displayPath(file), errors: 1 });

/** `id: x` at the start of a line: the id of a format file whose YAML does not parse. */
const ID_LINE = /^id:[ \t]*["']?([A-Za-z][A-Za-z0-9_-]*)/m;
/** `version: 2` at the start of a line, likewise (a version that cannot be read is none). */
const VERSION_LINE = /^version:[ \t]*["']?([1-9][0-9]*)["']?[ \t]*(?:#.*)?$/m;

/**
 * A format file's spec through the cache: on a hit the YAML is not parsed at all (positions are
 * recovered lazily if a finding needs them). Files that do not parse are never cached.
 */
async function cachedFormatSpec(file: string, cache: FileCache<unknown>): Promise<Loaded> {
  let st, bytes: Buffer;
  try {
    // Regular files only, within the size limit: a FIFO in a formats folder cannot hang us.
    [st, bytes] = [await stat(file), readRegularFileSync(file)];
  } catch {
    return { stamp: { size: 0, mtimeMs: 0, hash: "" }, unparsed: unreadable(file) }; // lint says why, located
  }
  // Hashing 30 kB costs far less than parsing it, and makes the cache immune to clock quirks.
  const stamp = { size: st.size, mtimeMs: st.mtimeMs, hash: createHash("sha1").update(bytes).digest("base64") };
  const hit = cache.get(file, stamp);
  if (hit !== undefined) return { spec: normalizeFormat(lazyParsed(file, hit)) ?? undefined, stamp };
  // A file that cannot be decoded (not UTF-8, NUL bytes) is lint's one unreadable error; its
  // id and version are still read from its bytes, so it shadows that format as a file whose
  // YAML does not parse does, rather than the built-in one being used silently.
  const read = await readFormatSpec(file).catch(() => undefined);
  const { spec, findings } = read ?? { spec: undefined, findings: [] };
  if (spec) cache.set(file, stamp, spec.parsed.data);
  const errors = read ? findings.filter((f) => f.severity === "error").length : 1;
  if (!errors) return { spec, stamp };
  // Latin-1 decodes any bytes; only the ASCII `id:` and `version:` lines are looked at.
  const text = read ? bytes.toString("utf8") : bytes.toString("latin1").replaceAll("\0", "");
  const id = ID_LINE.exec(text)?.[1];
  const version = Number(VERSION_LINE.exec(text)?.[1] ?? Number.NaN);
  const declared = { ...(id ? { id } : {}), ...(id && Number.isSafeInteger(version) ? { version } : {}) };
  return { spec, stamp, unparsed: { ...declared, file, shown: displayPath(file), errors } };
}

export interface LoadOptions {
  /**
   * Lint every format and refuse the ones with errors (get() answers undefined, broken() says
   * where). Every command that uses formats does, and the formats listing (to mark such
   * formats as unusable); lint does not.
   */
  verify?: boolean;
}

export class FormatRegistry {
  /** id → specs, highest version first; earlier folders win ties. */
  private readonly byId = new Map<string, FormatSpec[]>();
  private readonly resolved = new Map<FormatSpec, Resolved>();
  /** Where each loaded file came from (its folder, and that folder's place in the search order), for the cache of its schema verdict. */
  private readonly origins = new Map<string, { dir: string; rank: number; stamp: FileStamp }>();
  /** Formats whose own file has lint errors (filled by verify). */
  private readonly ownErrors = new Map<FormatSpec, BrokenFormat>();
  /** id → the files claiming that id whose YAML does not parse, in folder order, with their folder's place. */
  private readonly unparsed = new Map<string, (BrokenFormat & { version?: number; rank: number })[]>();
  /** Every file in the folders that does not parse or cannot be read, in folder order. */
  readonly unparsedFiles: UnparsedFile[] = [];

  private constructor() {}

  static async load(dirs: string[], opts: LoadOptions = {}): Promise<FormatRegistry> {
    const reg = new FormatRegistry();
    const seen = new Set<string>();
    for (const [rank, dir] of dirs.entries()) {
      const files = await yamlFilesIn(dir);
      const cache = new FileCache<unknown>("formats", dir);
      const loaded = await Promise.all(
        files.map(async (f) => {
          if (seen.has(f)) return undefined;
          seen.add(f);
          try {
            return await cachedFormatSpec(f, cache);
          } catch {
            // Not UTF-8, binary, …: lint says why; here it is a file that cannot be used.
            return { stamp: { size: 0, mtimeMs: 0, hash: "" }, unparsed: unreadable(f) };
          }
        }),
      );
      cache.save(new Set(files));
      for (const l of loaded) {
        if (l?.spec?.id) {
          reg.add(l.spec);
          reg.origins.set(l.spec.parsed.file, { dir, rank, stamp: l.stamp });
        } else if (l?.unparsed) {
          reg.unparsedFiles.push(l.unparsed);
          const { id } = l.unparsed;
          if (id) reg.unparsed.set(id, [...(reg.unparsed.get(id) ?? []), { ...l.unparsed, id, rank }]);
        }
      }
    }
    if (opts.verify) await reg.verify(dirs);
    return reg;
  }

  /**
   * Lint every loaded format as `afstem lint` would and remember which have errors. Cached
   * twice: the verdicts of the whole set of files, and the schema's verdict per file
   * (compiling the format schema costs ~200 ms), so one edited format costs one schema check.
   */
  private async verify(dirs: string[]): Promise<void> {
    const specs = [...this.byId.values()].flat();
    if (!specs.length) return;
    // The verdicts of the whole registry, keyed by every format file's content: on a hit
    // neither the linter nor re2js nor ajv is loaded (the usual case: formats rarely change).
    const key = specs
      .map((s) => `${s.parsed.file}\0${this.origins.get(s.parsed.file)?.stamp.hash ?? "?"}`)
      .sort()
      .join("\n");
    const verdicts = new FileCache<Record<string, number>>("format-verdicts", JSON.stringify(dirs));
    const stamp = { size: 0, mtimeMs: 0, hash: createHash("sha1").update(key).digest("base64") };
    const known = verdicts.get("all", stamp);
    if (known) {
      for (const spec of specs) {
        const errors = known[spec.parsed.file];
        if (errors) this.ownErrors.set(spec, { id: spec.id, file: spec.parsed.file, shown: displayPath(spec.parsed.file), errors });
      }
      return;
    }
    const counts: Record<string, number> = {};
    const { formatSchemaFindings, lintSpec } = await import("./lint.js");
    const caches = new Map<string, { cache: FileCache<number>; files: Set<string> }>();
    for (const spec of specs) {
      const file = spec.parsed.file;
      const origin = this.origins.get(file);
      let c: { cache: FileCache<number>; files: Set<string> } | undefined;
      if (origin) {
        c = caches.get(origin.dir);
        if (!c) {
          c = { cache: new FileCache<number>("format-schema", origin.dir), files: new Set() };
          caches.set(origin.dir, c);
        }
        c.files.add(file);
      }
      let schemaErrors = origin ? c!.cache.get(file, origin.stamp) : undefined;
      if (schemaErrors === undefined) {
        schemaErrors = (await formatSchemaFindings(spec.parsed)).filter((f) => f.severity === "error").length;
        if (origin) c!.cache.set(file, origin.stamp, schemaErrors);
      }
      const errors = schemaErrors + lintSpec(spec, this).findings.filter((f) => f.severity === "error").length;
      counts[file] = errors;
      if (errors > 0) this.ownErrors.set(spec, { id: spec.id, file, shown: displayPath(file), errors });
    }
    for (const { cache, files } of caches.values()) cache.save(files);
    verdicts.set("all", stamp, counts);
    verdicts.save(new Set(["all"]));
  }

  /**
   * Why the format a session or command names cannot be used: its file (or the file of a
   * format it extends) has lint errors, or a file claiming its id does not parse.
   */
  broken(id: string, version?: number): BrokenFormat | undefined {
    const unparsed = this.unparsedFor(id, version);
    if (unparsed) return unparsed;
    const spec = this.spec(id, version);
    const seen = new Set<FormatSpec>();
    for (let s: FormatSpec | undefined = spec; s && !seen.has(s); s = s.extends ? this.spec(s.extends) : undefined) {
      seen.add(s);
      // A parent whose file does not parse first: the child's own lint error then only points there.
      const parent = s.extends ? this.unparsedFor(s.extends) : undefined;
      if (parent) return parent;
      const own = this.ownErrors.get(s);
      if (own) return own;
    }
    return undefined;
  }

  /**
   * The file that does not parse but declares the format that would be used for this id (that
   * version, else the highest): it shadows files of that id and version as a file that parses
   * would, so a broken copy in --formats-dir is never silently replaced by the built-in one.
   * Same version (or none that can be read) in the same or an earlier folder, or a higher
   * version than any that parses; with no file of the id that parses, any such file.
   */
  readonly unparsedFor = (id: string, version?: number): BrokenFormat | undefined => {
    const files = this.unparsed.get(id);
    if (!files) return undefined;
    const specs = this.byId.get(id);
    const plain = (u: (typeof files)[number] | undefined): BrokenFormat | undefined =>
      u && { id: u.id, file: u.file, shown: u.shown, errors: u.errors };
    if (!specs) return plain(files[0]);
    const target = version === undefined ? specs[0] : specs.find((s) => s.version === version);
    if (!target) return plain(files.find((u) => u.version === undefined || u.version === version));
    const rank = this.origins.get(target.parsed.file)?.rank ?? Number.POSITIVE_INFINITY;
    const shadows = (u: (typeof files)[number]) =>
      ((u.version === undefined || u.version === target.version) && u.rank <= rank) ||
      (version === undefined && u.version !== undefined && u.version > target.version);
    return plain(files.find(shadows));
  };

  /**
   * Files not used because an earlier one has the same id and version: a --formats-dir format
   * that replaces a built-in one, or two files of one format version. Lint and `formats` say so.
   */
  readonly shadowed: { spec: FormatSpec; by: FormatSpec }[] = [];

  add(spec: FormatSpec): void {
    const list = this.byId.get(spec.id) ?? [];
    const same = list.find((s) => s.version === spec.version);
    if (same) {
      // An invalid version (read as 0) is lint's wrong-type or bad-value at `version`, not a
      // clash of "version 0" with another file.
      if (same.parsed.file !== spec.parsed.file && spec.version >= 1) this.shadowed.push({ spec, by: same });
      return;
    }
    list.push(spec);
    list.sort((a, b) => b.version - a.version);
    this.byId.set(spec.id, list);
  }

  ids(): string[] {
    return [...this.byId.keys()].sort();
  }

  versions(id: string): number[] {
    return (this.byId.get(id) ?? []).map((s) => s.version);
  }

  spec(id: string, version?: number): FormatSpec | undefined {
    const list = this.byId.get(id);
    if (!list) return undefined;
    return version === undefined ? list[0] : list.find((s) => s.version === version);
  }

  readonly lookup = (id: string): FormatSpec | undefined => this.spec(id);

  resolveSpec(spec: FormatSpec): Resolved {
    let r = this.resolved.get(spec);
    if (!r) {
      r = resolveSpec(spec, this.lookup, [], this.unparsedFor);
      this.resolved.set(spec, r);
    }
    return r;
  }

  /** The resolved format, or undefined when the id (or that version) is unknown or broken. */
  get(id: string, version?: number): Format | undefined {
    const spec = this.spec(id, version);
    return spec && !this.broken(id, version) ? this.resolveSpec(spec).format : undefined;
  }
}

/** Does a command argument name a file rather than a format id? */
/** A finding for each file that takes part in a same id+version clash (see FormatRegistry.shadowed). */
export function shadowFindings(registry: FormatRegistry, file: string, extraDirs: readonly string[] = []): Finding[] {
  const out: Finding[] = [];
  const key = path.resolve(file);
  for (const { spec, by } of registry.shadowed) {
    const mine = path.resolve(spec.parsed.file) === key ? spec : path.resolve(by.parsed.file) === key ? by : undefined;
    if (!mine) continue;
    const other = mine === spec ? by : spec;
    const builtIn =
      path.resolve(other.parsed.file).startsWith(BUILTIN_FORMATS_DIR + path.sep) ||
      path.resolve(mine.parsed.file).startsWith(BUILTIN_FORMATS_DIR + path.sep);
    // A copy of a built-in format being edited is fine; one in --formats-dir or
    // AFSTEM_FORMATS_PATH replaces the built-in for every command: that is worth a warning.
    if (builtIn && !extraDirs.some((d) => key.startsWith(path.resolve(d) + path.sep))) continue;
    out.push({
      file,
      ...mine.parsed.locate(["version"]),
      severity: builtIn ? "warning" : "error",
      rule: "format-duplicate",
      message: fill(builtIn ? msg("format.registry.format-id-version-v-also") : msg("format.registry.format-id-version-v-also-2"), {
        id: mine.id,
        v: mine.version,
        other: displayPath(other.parsed.file),
        used: displayPath(by.parsed.file),
      }),
    });
  }
  return out;
}

export function looksLikePath(ref: string): boolean {
  return ref.includes("/") || ref.includes("\\") || YAML_EXTENSIONS.includes(path.extname(ref).toLowerCase());
}

/**
 * Load the format a user named (an id or a file) for a command that needs a working format:
 * any error finding stops the command with exit 2 and the first findings.
 */
export async function loadFormatRef(ref: string, formatsDir?: string): Promise<{ format: Format; registry: FormatRegistry }> {
  const { lintFormatFile, lintResolved } = await import("./lint.js");
  if (looksLikePath(ref)) {
    const file = path.resolve(scope().cwd, ref);
    const registry = await FormatRegistry.load([path.dirname(file), ...formatDirs(formatsDir)], { verify: true });
    let linted: Awaited<ReturnType<typeof lintFormatFile>>;
    try {
      linted = await lintFormatFile(file, registry);
    } catch (err) {
      // Unreadable (a directory, not UTF-8, …): name the file as the user typed it.
      if (err instanceof UserError && err.location)
        throw new UserError(err.message, err.exitCode, { ...err.location, file: displayPath(err.location.file) }, err.hint);
      throw err;
    }
    const { format, findings } = linted;
    // A session file: that one finding says so and which command to use; no "run lint" hint.
    const kind = findings.find((f) => f.rule === "format-kind");
    if (kind) throw new UserError(kind.message, EXIT.usage, { file: displayPath(kind.file), line: kind.line, col: kind.col });
    throwOnErrors(findings, ref);
    // Its own file is clean, but a format it builds on may not be.
    const parent = format!.extends ? registry.broken(format!.extends) : undefined;
    if (parent) throw new UserError(brokenFormatMessage(parent), EXIT.usage);
    return { format: format!, registry };
  }
  const registry = await FormatRegistry.load(formatDirs(formatsDir), { verify: true });
  const broken = registry.broken(ref);
  if (broken) throw new UserError(brokenFormatMessage(broken), EXIT.usage);
  const spec = registry.spec(ref);
  if (!spec) throw unknownFormat(ref, registry);
  const { format, findings } = lintResolved(spec, registry);
  throwOnErrors(findings, ref);
  return { format, registry };
}

export function unknownFormat(ref: string, registry: FormatRegistry): UserError {
  const known = registry.ids().join(", ") || "—";
  return new UserError(
    fill(msg("format.registry.unknown-format-ref"), { ref }),
    EXIT.usage,
    undefined,
    fill(msg("format.registry.known-formats-known-give-id"), { known }),
  );
}

function throwOnErrors(findings: Finding[], ref: string): void {
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length === 0) return;
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (+${errors.length - 1})` : "";
  throw new UserError(
    fill(msg("format.registry.format-ref-has-errors-more"), {
      ref,
      more,
      msg: first.message,
    }),
    EXIT.usage,
    // Shown as the user would type it, like lint's findings (not the absolute path).
    { file: displayPath(first.file), line: first.line, col: first.col },
    fill(msg("format.registry.run-afstem-lint-file-all"), {
      file: displayPath(first.file),
    }),
  );
}
