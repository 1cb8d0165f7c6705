// A command's whole output, cached, where it is a pure function of the afstem build and a few
// inputs, so that what people run most to look around prints without loading the dispatcher:
// - a help screen (`forHelp`): the language, the arguments and the terminal width; producing it
//   means loading commander and the message catalogues, a good part of the start-up cost;
// - the `formats` listing (`open`): also every format file, which it would otherwise load,
//   resolve and walk on each start-up. The key holds the size, mtime, ctime and inode of every
//   YAML file below the given folders (a new, removed or edited file is a miss; content too for
//   recently changed files). Hashing every file's content would need node:crypto, whose loading
//   alone costs more than the cache saves.
// Both keys hold the build id (version and every compiled file's size+mtime, cache/build-id.ts):
// any rebuilt file is a miss.
import { createRequire } from "node:module";
import path from "node:path";
import { cacheDir, Fnv } from "./dir.js";
import { buildId } from "./build-id.js";

// The CommonJS face of fs: the ESM one enumerates fs.promises and loads the streams (ms).
const { mkdirSync, readFileSync, readdirSync, statSync } = createRequire(import.meta.url)("node:fs") as typeof import("node:fs");

/** Every .yaml/.yml below dir, sorted; a superset of what the registry loads is fine for a key. */
function yamlFiles(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(full, out);
    else if (/\.ya?ml$/i.test(e.name)) out.push(full);
  }
  return out;
}

const RACY_MS = 3000;

const NAME = /^[a-z][a-z-]*$/;

/** `--help`/`-h` after nothing but command names (and --lang): the requests worth caching. */
export function isHelpRequest(args: string[]): boolean {
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--lang") i++;
    else if (!args[i]!.startsWith("--lang=")) rest.push(args[i]!);
  }
  const last = rest.pop();
  return (last === "--help" || last === "-h") && rest.length <= 2 && rest.every((a) => NAME.test(a));
}

export class OutputCache {
  private constructor(
    private readonly file: string,
    private readonly key: string,
  ) {}

  /** undefined when caching is off or anything cannot be stamped (then: just run the command). */
  static open(namespace: string, dirs: string[], context: unknown): OutputCache | undefined {
    const dir = cacheDir();
    if (!dir) return undefined;
    try {
      const hash = new Fnv().update(JSON.stringify([buildId(), context, dirs]));
      for (const d of dirs) {
        for (const f of yamlFiles(d)) {
          const st = statSync(f);
          hash.update(`\n${f}\0${st.size}\0${st.mtimeMs}\0${st.ctimeMs}\0${st.ino}`);
          // Like git's "racy" check: a file changed in the last seconds may change again within
          // one timestamp tick, so only then is its content part of the key.
          if (Date.now() - Math.max(st.mtimeMs, st.ctimeMs) < RACY_MS) hash.update(readFileSync(f));
        }
      }
      const key = hash.hex();
      return new OutputCache(path.join(dir, namespace, `${key}.json`), key);
    } catch {
      return undefined;
    }
  }

  /** A help screen's cache; undefined when caching is off or the build cannot be stamped. */
  static forHelp(
    args: string[],
    lang: string,
    io: { stdout: { isTTY?: boolean; columns?: number }; env: Record<string, string | undefined> },
  ): OutputCache | undefined {
    const dir = cacheDir();
    if (!dir) return undefined;
    try {
      const out = io.stdout;
      const key = JSON.stringify([buildId(), lang, args, out.isTTY ? out.columns : 0, io.env.NO_COLOR ?? "", io.env.FORCE_COLOR ?? ""]);
      return new OutputCache(path.join(dir, "help", `${new Fnv().update(key).hex()}.json`), key);
    } catch {
      return undefined;
    }
  }

  get(): string | undefined {
    try {
      const e = JSON.parse(readFileSync(this.file, "utf8")) as { key: string; text: string };
      return e.key === this.key && typeof e.text === "string" ? e.text : undefined;
    } catch {
      return undefined;
    }
  }

  /** Run the command, passing its stdout through; keep what it printed if it exits 0. */
  async capture<O extends { write(text: string): unknown }>(out: O, run: (out: O) => Promise<number>): Promise<number> {
    let text = "";
    const tee = Object.create(out) as O;
    tee.write = (chunk: string) => {
      text += chunk;
      return out.write(chunk);
    };
    const code = await run(tee);
    if (code === 0) await this.set(text);
    return code;
  }

  /** Keep `text` as this output. */
  async set(text: string): Promise<void> {
    try {
      const { writeFileAtomicSync } = await import("../util/writer.js");
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileAtomicSync(this.file, JSON.stringify({ key: this.key, text }));
    } catch {
      /* only costs speed */
    }
  }
}
