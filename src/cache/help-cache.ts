// Help screens, cached: a help text is a pure function of the afstem build, the language, the
// arguments and the terminal width, yet producing it means loading commander, a third of the
// start-up cost. The first `--help` stores what commander printed; later ones print it without
// loading commander. Keyed by the build id (cache/build-id.ts): any rebuilt file is a miss.
import { createRequire } from "node:module";
import path from "node:path";
import { cacheDir, Fnv } from "./dir.js";
import { buildId } from "./build-id.js";

// The CommonJS face of fs: the ESM one enumerates fs.promises and loads the streams (ms).
const fs = createRequire(import.meta.url)("node:fs") as typeof import("node:fs");

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

export class HelpCache {
  private constructor(
    private readonly file: string,
    private readonly key: string,
  ) {}

  /** undefined when caching is off or the build cannot be stamped. */
  static open(
    args: string[],
    lang: string,
    io: { stdout: { isTTY?: boolean; columns?: number }; env: Record<string, string | undefined> },
  ): HelpCache | undefined {
    const dir = cacheDir();
    if (!dir) return undefined;
    try {
      const out = io.stdout;
      const key = JSON.stringify([buildId(), lang, args, out.isTTY ? out.columns : 0, io.env.NO_COLOR ?? "", io.env.FORCE_COLOR ?? ""]);
      return new HelpCache(path.join(dir, "help", `${new Fnv().update(key).hex()}.json`), key);
    } catch {
      return undefined;
    }
  }

  get(): string | undefined {
    try {
      const e = JSON.parse(fs.readFileSync(this.file, "utf8")) as { key: string; text: string };
      return e.key === this.key && typeof e.text === "string" ? e.text : undefined;
    } catch {
      return undefined;
    }
  }

  async set(text: string): Promise<void> {
    try {
      const { writeFileAtomicSync } = await import("../util/writer.js");
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileAtomicSync(this.file, JSON.stringify({ key: this.key, text }));
    } catch {
      /* only costs speed */
    }
  }
}
