// Help screens, cached: a help text is a pure function of the afstem build, the language, the
// arguments and the terminal width, yet producing it means loading commander, a third of the
// start-up cost. The first `--help` stores what commander printed; later ones print it without
// loading commander. A rebuilt main.js (size or mtime) or another afstem version is a miss.
import { mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { cacheDir } from "./file-cache.js";
import { writeFileAtomicSync } from "../util/atomic-write.js";
import { VERSION } from "../cli/version.js";

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

/** FNV-1a: a file name from the key without loading node:crypto. */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

export class HelpCache {
  private constructor(
    private readonly file: string,
    private readonly key: string,
  ) {}

  /** undefined when caching is off or the build cannot be stamped. */
  static open(args: string[], lang: string, mainFile: string): HelpCache | undefined {
    const dir = cacheDir();
    if (!dir) return undefined;
    try {
      const st = statSync(mainFile);
      const out = process.stdout;
      const key = JSON.stringify([VERSION, st.size, st.mtimeMs, lang, args, out.isTTY ? out.columns : 0, process.env.NO_COLOR ?? "", process.env.FORCE_COLOR ?? ""]);
      return new HelpCache(path.join(dir, "help", `${fnv(key)}.json`), key);
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

  set(text: string): void {
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileAtomicSync(this.file, JSON.stringify({ key: this.key, text }));
    } catch {
      /* only costs speed */
    }
  }
}
