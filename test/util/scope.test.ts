// The invocation's scope (src/util/scope.ts): what every module reads instead of process.cwd(),
// process.env and a module-level language.
import { describe, expect, it } from "vitest";
import { inScope, scope, setProcessScope, type Scope } from "../../src/util/scope.js";
import { getLang } from "../../src/i18n/lang.js";
import { displayPath } from "../../src/util/paths.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("scope", () => {
  it("outside any invocation: the real process's folder and environment, in Dutch", () => {
    expect(scope()).toEqual({ lang: "nl", cwd: process.cwd(), env: process.env });
  });

  it("holds through awaits and timers, and overlapping invocations each keep their own", async () => {
    const a: Scope = { lang: "en", cwd: "/tmp/a", env: { X: "a" } };
    const b: Scope = { lang: "nl", cwd: "/tmp/b", env: { X: "b" } };
    const seen = (s: Scope) =>
      inScope(s, async () => {
        const out: string[] = [];
        for (let i = 0; i < 3; i++) {
          await tick();
          out.push(`${getLang()} ${displayPath(`${s.cwd}/f.yaml`)} ${scope().env.X}`);
          await new Promise<void>((resolve) => setImmediate(() => (out.push(`${getLang()} ${scope().cwd}`), resolve())));
        }
        return out;
      });
    const [ra, rb] = await Promise.all([seen(a), seen(b)]);
    expect(ra).toEqual(Array.from({ length: 3 }, () => ["en f.yaml a", "en /tmp/a"]).flat());
    expect(rb).toEqual(Array.from({ length: 3 }, () => ["nl f.yaml b", "nl /tmp/b"]).flat());
    expect(scope().lang).toBe("nl");
  });

  it("a process's own invocation is also what code outside any async context sees", async () => {
    const own: Scope = { lang: "en", cwd: "/tmp/own", env: {} };
    setProcessScope(own);
    try {
      expect(scope()).toBe(own);
      // Entering it again needs no context; another invocation still gets its own.
      expect(inScope({ ...own }, () => scope().cwd)).toBe("/tmp/own");
      expect(await inScope({ lang: "nl", cwd: "/tmp/other", env: {} }, async () => (await tick(), scope().cwd))).toBe("/tmp/other");
      expect(scope()).toBe(own);
    } finally {
      // Test files share their worker (vitest.config.ts): leave no process scope behind.
      setProcessScope(undefined);
    }
    expect(scope().cwd).toBe(process.cwd());
  });
});
