// Where the package's own files live, whether run from dist/ or from a test.
import { fileURLToPath } from "node:url";
import path from "node:path";
import { scope } from "./scope.js";

/** The package root (the folder with package.json). dist/util/paths.js → ../../ */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BUILTIN_FORMATS_DIR = path.join(PACKAGE_ROOT, "formats");
export const SCHEMA_DIR = path.join(BUILTIN_FORMATS_DIR, "schema");

/**
 * The folders in AFSTEM_FORMATS_PATH (separated like PATH), absolute: searched for formats
 * after --formats-dir and before the built-in ones. Here, not in the format registry, because
 * the start-up fast path keys the cached `formats` listing by them without loading it.
 */
export function envFormatDirs({ cwd, env }: { cwd: string; env: Readonly<Record<string, string | undefined>> }): string[] {
  return (env.AFSTEM_FORMATS_PATH ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .map((d) => path.resolve(cwd, d));
}

/**
 * A path as people type it: relative to the invocation's working folder when it is inside it,
 * else absolute ('.' for the folder itself).
 */
export function displayPath(p: string): string {
  const { cwd } = scope();
  const abs = path.resolve(cwd, p);
  const rel = path.relative(cwd, abs);
  if (!rel) return ".";
  return rel.startsWith("..") || path.isAbsolute(rel) ? abs : rel;
}
