// `afstem lint` results, cached like `eslint --cache`: linting parses YAML and compiles the
// format schema with ajv, which costs ten times a Node start-up, while formats rarely change.
// A result is reused only when every linted file, every file of the registry they resolve
// against (extends), the format schema, the afstem code that lints and the language are
// byte-for-byte what they were; the build id (version + compiled code, build-id.ts) is part of
// every cache entry already, so a rebuilt or edited afstem is always a miss.
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { readRegularFileSync } from "../yaml/read-text.js";
import path from "node:path";
import type { Finding } from "../findings/finding.js";
import { FileCache } from "./file-cache.js";
import { SCHEMA_DIR } from "../util/paths.js";

const RESULT = "result";

async function fileStamp(file: string, withContent: boolean): Promise<string> {
  try {
    const st = await stat(file);
    const hash = withContent ? createHash("sha1").update(readRegularFileSync(file)).digest("base64") : "";
    return `${file}\0${st.size}\0${st.mtimeMs}\0${hash}`;
  } catch {
    return `${file}\0missing`;
  }
}

export class LintCache {
  private constructor(
    private readonly cache: FileCache<Finding[]>,
    private readonly digest: string,
  ) {}

  /**
   * @param files the linted files, as the user named them
   * @param registryFiles every format file the registry will load
   * @param context anything else that changes findings (language, working directory)
   */
  static async open(files: string[], registryFiles: string[], context: string): Promise<LintCache> {
    const all = [...new Set([...files, ...registryFiles].map((f) => path.resolve(f)))].sort();
    const stamps = await Promise.all([...all.map((f) => fileStamp(f, true)), fileStamp(path.join(SCHEMA_DIR, "format.schema.json"), true)]);
    const digest = createHash("sha1").update(stamps.join("\n")).digest("base64");
    const key = JSON.stringify({ context, files });
    return new LintCache(new FileCache<Finding[]>("lint", key), digest);
  }

  private get stamp() {
    return { size: 0, mtimeMs: 0, hash: this.digest };
  }

  get(): Finding[] | undefined {
    return this.cache.get(RESULT, this.stamp);
  }

  set(findings: Finding[]): void {
    this.cache.set(RESULT, this.stamp, findings);
    this.cache.save(new Set([RESULT]));
  }
}
