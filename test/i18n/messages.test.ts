// The message catalogues: the English is typed against the Dutch (a missing key fails the
// build); here what the type system cannot see: the same placeholders in both languages, one
// word per concept in the English, and no key that nothing uses.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nl } from "../../src/i18n/messages/nl.js";
import { en } from "../../src/i18n/messages/en.js";
import { msg } from "../../src/i18n/messages.js";
import { ROOT } from "../helpers/cli.js";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const keys = Object.keys(nl) as (keyof typeof nl)[];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const f = path.join(dir, n);
    return statSync(f).isDirectory() ? sources(f) : n.endsWith(".ts") ? [f] : [];
  });
}

describe("message catalogues", () => {
  it("every message has the same placeholders in Dutch and English", () => {
    const differ = keys.filter((k) => placeholders(nl[k]).join() !== placeholders(en[k]).join());
    expect(differ).toEqual([]);
  });

  it("the English says 'folder', never 'directory'", () => {
    expect(keys.filter((k) => /\bdirector(y|ies)\b/i.test(en[k]))).toEqual([]);
  });

  it("every key is used somewhere in src/", () => {
    const code = sources(path.join(ROOT, "src"))
      .filter((f) => !f.includes(`${path.sep}messages${path.sep}`))
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    expect(keys.filter((k) => !code.includes(`"${k}"`))).toEqual([]);
  });

  it("msg() picks the language it is given", () => {
    const k = keys[0]!;
    expect(msg(k, "nl")).toBe(nl[k]);
    expect(msg(k, "en")).toBe(en[k]);
  });
});
