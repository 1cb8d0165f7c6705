// Where the package's own files live, whether run from dist/ or from a test.
import { fileURLToPath } from "node:url";
import path from "node:path";
import { scope } from "./scope.js";

/** The package root (the folder with package.json). dist/util/paths.js → ../../ */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BUILTIN_FORMATS_DIR = path.join(PACKAGE_ROOT, "formats");
export const SCHEMA_DIR = path.join(BUILTIN_FORMATS_DIR, "schema");

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
