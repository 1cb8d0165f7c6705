// The core imports no edges (issue 12): format, session, the conversation state machine, the report and rollup models, the
// errors, findings and messages take and return plain data. A core module may not import
// node:fs, worker threads, child processes, a prompt library, the CLI, the commands, the UI,
// the disk store, the worker pool or the caches, nor use the `process` global. Type-only
// imports are erased at build time and do not count. The few modules in core folders that
// truly do I/O are listed below with the reason; they count as edges for everyone else.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

const SRC = path.join(ROOT, "src");

/** The core, folder by folder (relative to src/), and its sub-folders that are edges. */
const CORE = ["core", "findings", "i18n", "format", "session", "conversation", "privacy", "report", "rollup"];
const EDGE_SUBFOLDERS = ["report/batch", "rollup/fast"];

/** Modules inside core folders that do I/O, and why they stay there. */
const EDGE_IN_CORE: Record<string, string> = {
  "format/registry.ts": "finds and reads format folders on disk (with the parsed-format cache); the formats themselves are core",
  "format/lint.ts": "lintFormatFile reads the file it lints; the rules it applies are pure and run in-memory for the registry too",
  "session/io.ts": "reads and writes session files; parseSessionText beside it is pure",
  "session/fingerprint.ts": "stats and hashes a session file on disk to notice hand edits",
  "report/progress.ts": "prints progress lines to the terminal",
  "report/charts/render.ts": "rasterises charts with resvg, which needs a font file from disk; the chart specs (spec.ts) are pure",
  "report/docx/render-summary.ts":
    "draws the summary's charts through charts/render.ts (a font file from disk); the summary model it renders is pure",
};

/** Edge modules outside the core folders (besides whole edge folders). */
const EDGE_FOLDERS = ["cli", "commands", "ui", "store", "workers", "cache", "bench", "runner"];
const EDGE_MODULES = [
  "util/writer.ts",
  "util/sys-error.ts",
  "util/files.ts",
  "yaml/read-text.ts",
  "yaml/lazy.ts",
  "schema/validators.ts",
  "csv/writer.ts",
  "csv/spool.ts",
];
const FORBIDDEN_PACKAGES = /^(node:)?(fs|fs\/promises|worker_threads|child_process)$|^(@inquirer\/|inquirer$)/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const full = path.join(dir, n);
    return statSync(full).isDirectory() ? tsFiles(full) : n.endsWith(".ts") ? [full] : [];
  });
}

const rel = (file: string) => path.relative(SRC, file).split(path.sep).join("/");
const inFolder = (r: string, folder: string) => r === folder || r.startsWith(`${folder}/`);
const isCore = (r: string) => CORE.some((f) => inFolder(r, f)) && !EDGE_SUBFOLDERS.some((f) => inFolder(r, f)) && !(r in EDGE_IN_CORE);
const isEdge = (r: string) =>
  !isCore(r) &&
  (EDGE_FOLDERS.some((f) => inFolder(r, f)) ||
    EDGE_SUBFOLDERS.some((f) => inFolder(r, f)) ||
    EDGE_MODULES.includes(r) ||
    r in EDGE_IN_CORE);

/** Value imports (static and dynamic) of a module; `import type` and `export type` are left out. */
function valueImports(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const out: string[] = [];
  for (const m of code.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[\s\S]*?\sfrom\s+)?["']([^"']+)["']/gm)) if (!m[1]) out.push(m[2]!);
  for (const m of code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1]!);
  return out;
}

function violations(): string[] {
  const out: string[] = [];
  for (const file of tsFiles(SRC)) {
    const r = rel(file);
    if (!isCore(r)) continue;
    const text = readFileSync(file, "utf8");
    for (const spec of valueImports(text)) {
      if (FORBIDDEN_PACKAGES.test(spec)) out.push(`${r} imports ${spec}`);
      else if (spec.startsWith(".")) {
        const target = rel(path.resolve(path.dirname(file), spec.replace(/\.js$/, ".ts")));
        if (isEdge(target)) out.push(`${r} imports ${target}`);
      }
    }
    const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    if (/\bprocess\./.test(code)) out.push(`${r} uses the process global`);
  }
  return out;
}

/**
 * The invocation's working folder and environment reach modules through its scope
 * (util/scope.ts); only the process entry reads the real process's, and the bench's own scripts.
 */
const READS_PROCESS_STATE = ["cli/main.ts", "cli/invocation.ts", "util/scope.ts"];

function processStateReaders(): string[] {
  return tsFiles(SRC)
    .map(rel)
    .filter((r) => !READS_PROCESS_STATE.includes(r) && !inFolder(r, "bench"))
    .filter((r) => {
      const code = readFileSync(path.join(SRC, r), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "");
      return /\bprocess\.(cwd\(|env\b|chdir\()/.test(code);
    });
}

describe("import graph", () => {
  it("only the process entry reads process.cwd() and process.env; every other module reads the invocation's scope", () => {
    expect(processStateReaders()).toEqual([]);
  });

  it("no core module imports an edge", () => {
    expect(violations()).toEqual([]);
  });

  it("every listed core folder and allow-listed module exists (the lists do not rot)", () => {
    for (const f of [...CORE, ...EDGE_SUBFOLDERS, ...EDGE_FOLDERS]) expect(statSync(path.join(SRC, f)).isDirectory(), f).toBe(true);
    for (const f of [...Object.keys(EDGE_IN_CORE), ...EDGE_MODULES]) expect(statSync(path.join(SRC, f)).isFile(), f).toBe(true);
  });

  it("catches a violation (the check itself works)", () => {
    expect(
      valueImports(
        'import { x } from "../cli/errors.js";\nimport type { Y } from "node:fs";\nconst m = await import("node:worker_threads");',
      ),
    ).toEqual(["../cli/errors.js", "node:worker_threads"]);
  });
});
