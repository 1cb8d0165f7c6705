// Where the package's own files live, whether run from dist/ or from a test.
import { fileURLToPath } from "node:url";
import path from "node:path";
import { scope } from "./scope.js";

/** The package root (the folder with package.json). dist/util/paths.js → ../../ */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BUILTIN_FORMATS_DIR = path.join(PACKAGE_ROOT, "formats");
export const SCHEMA_DIR = path.join(BUILTIN_FORMATS_DIR, "schema");

/** Show paths relative to the invocation's working folder when that is shorter, as people typed them. */
export function displayPath(p: string): string {
  const { cwd } = scope();
  const rel = path.relative(cwd, path.resolve(cwd, p));
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : p;
}
