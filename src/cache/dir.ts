// Where afstem keeps its caches. Its own small module so that the start-up fast paths (cached
// help and `formats`) can find the cache without loading node:crypto with the rest of file-cache.
import { homedir } from "node:os";
import path from "node:path";
import { scope } from "../util/scope.js";

/** Off with AFSTEM_CACHE=0; AFSTEM_CACHE_DIR, else $XDG_CACHE_HOME/afstem, else ~/.cache/afstem. */
export function cacheDir(): string | undefined {
  const { env } = scope();
  if (env.AFSTEM_CACHE === "0") return undefined;
  if (env.AFSTEM_CACHE_DIR) return env.AFSTEM_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || path.join(homedir(), ".cache");
  return path.join(base, "afstem");
}

/**
 * 64-bit FNV-1a (two 32-bit lanes) over strings and bytes: a cache key without node:crypto,
 * whose loading costs more than a whole cached start-up saves elsewhere. Keys also hold sizes
 * and mtimes, so a stale hit needs a same-size, same-mtime edit *and* a hash collision.
 */
export class Fnv {
  private a = 0x811c9dc5;
  private b = 0x01000193 ^ 0x9e3779b9;

  update(data: string | Uint8Array): this {
    let { a, b } = this;
    if (typeof data === "string") {
      for (let i = 0; i < data.length; i++) {
        const c = data.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193) >>> 0;
        b = Math.imul(b ^ c, 0x01000193) >>> 0;
        b = (b ^ (b >>> 13)) >>> 0;
      }
    } else {
      for (let i = 0; i < data.length; i++) {
        const c = data[i]!;
        a = Math.imul(a ^ c, 0x01000193) >>> 0;
        b = Math.imul(b ^ c, 0x01000193) >>> 0;
        b = (b ^ (b >>> 13)) >>> 0;
      }
    }
    this.a = a;
    this.b = b;
    return this;
  }

  hex(): string {
    return this.a.toString(16).padStart(8, "0") + this.b.toString(16).padStart(8, "0");
  }
}
