import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Most of a test's time is spent waiting on another process (a spawned afstem, LibreOffice,
    // worker threads); vitest's default on a 2-core machine is one worker (cores - 1).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A fresh process per test file cost ~1.4 s each (fork + vitest + imports), a fifth of the
    // suite. Files share their worker: a test file that changes process state puts it back
    // (runInProcess never changes it: the invocation's folder and environment are its scope).
    isolate: false,
    // Started through `npx vitest`/`npm test`, npm's variables would make afstem print
    // `npx afstem …` in its next-step hints (src/cli/invocation.ts); tests expect plain `afstem`.
    env: { npm_command: "", npm_execpath: "" },
    // CI also writes a JSON summary, from which .ci/run prints a plain "N passed, N failed" line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    ...(process.env.CI ? { outputFile: { json: ".ci/vitest-results.json" } } : {}),
  },
});
