// Where each document goes: a safe name inside --out, unique within the batch, and never
// an existing file unless --force.
import path from "node:path";

export type Target = { ok: true; file: string } | { ok: false; file: string; reason: "exists" };

export class Targets {
  private used = new Set<string>();
  private readonly root: string;

  constructor(
    outDir: string,
    private readonly force: boolean,
    private readonly exists: (file: string) => boolean,
  ) {
    this.root = path.resolve(outDir);
  }

  /**
   * `name` comes from sessionFileName (already filesystem-safe). Two sessions with the same
   * date, school and format get -2, -3, ... in input order, so a rerun names them the same.
   */
  claim(name: string): Target {
    const ext = path.extname(name);
    const stem = name.slice(0, name.length - ext.length);
    let candidate = name;
    for (let i = 2; this.used.has(candidate.toLowerCase()); i++) candidate = `${stem}-${i}${ext}`;
    this.used.add(candidate.toLowerCase());
    const file = path.join(this.root, path.basename(candidate));
    // Defence in depth: whatever the name, the file lands directly in --out.
    if (path.dirname(file) !== this.root) throw new Error(`refusing to write outside ${this.root}: ${candidate}`);
    if (!this.force && this.exists(file)) return { ok: false, file, reason: "exists" };
    return { ok: true, file };
  }
}
