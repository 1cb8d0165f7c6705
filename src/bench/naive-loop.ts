// The rollup baseline: the obvious program a rollup could be — read every session file and
// parse it with the `yaml` package, nothing else. `node dist/bench/naive-loop.js DIR`.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

const dir = process.argv[2];
if (!dir) {
  process.stderr.write("usage: node dist/bench/naive-loop.js DIR\n");
  process.exit(2);
}
let count = 0;
let answers = 0;
for (const name of readdirSync(dir).sort()) {
  if (!name.endsWith(".yaml")) continue;
  const data = parse(readFileSync(path.join(dir, name), "utf8")) as { answers?: Record<string, unknown> };
  count++;
  answers += Object.keys(data.answers ?? {}).length;
}
process.stdout.write(`${count} files, ${answers} answers\n`);
