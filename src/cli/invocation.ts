// How the user started afstem, so that printed next-step commands run where they are: after a
// local `npm install` there is no `afstem` on PATH, only `npx afstem` (issue 15, item 8).
import path from "node:path";

export function cliName(env: NodeJS.ProcessEnv = process.env, script = process.argv[1] ?? ""): string {
  if (env.AFSTEM_CLI_NAME) return env.AFSTEM_CLI_NAME;
  // `npx afstem` and `npm exec afstem` set npm_command=exec; an npm script sets run-script.
  if (env.npm_command === "exec" || env.npm_command === "run-script" || env.npm_command === "run") return "npx afstem";
  if (env.npm_execpath && /npx/.test(path.basename(env.npm_execpath))) return "npx afstem";
  const p = script.split(path.sep).join("/");
  if (p.includes("/_npx/") || p.includes("/node_modules/.bin/")) return "npx afstem";
  return "afstem";
}
