import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Started through `npx vitest`/`npm test`, npm's variables would make afstem print
    // `npx afstem …` in its next-step hints (src/cli/invocation.ts); tests expect plain `afstem`.
    env: { npm_command: "", npm_execpath: "" },
    // CI also writes a JSON summary, from which .ci/run prints a plain "N passed, N failed" line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    ...(process.env.CI ? { outputFile: { json: ".ci/vitest-results.json" } } : {}),
  },
});
