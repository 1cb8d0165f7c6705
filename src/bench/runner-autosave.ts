// How long one autosave takes: the reducer step plus serialising and atomically writing the
// session, per answer, while a session grows to 300 answers. Not a test: run it and read it.
//   npx tsc -p tsconfig.json && node dist/bench/runner-autosave.js [answers=300] [dir]
// Also splits the time: reducer (incl. `when` re-evaluation), YAML serialisation, write+fsync.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Format, Question } from "../format/types.js";
import { serializeSession } from "../session/io.js";
import { writeFileAtomicSync } from "../util/writer.js";
import { newSession, startState } from "../conversation/start.js";
import { reduce } from "../conversation/reduce.js";
import type { RunnerState } from "../conversation/types.js";

const N = Number(process.argv[2] ?? 300);
const dir = process.argv[3] ?? mkdtempSync(path.join(tmpdir(), "afstem-bench-"));

const q = (id: string, type: Question["type"], extra: Partial<Question> = {}): Question => ({
  id,
  type,
  prompt: { nl: `Vraag ${id}` },
  required: false,
  tags: [],
  privacy: "intern",
  was: [],
  ...extra,
});
const sections = Array.from({ length: 10 }, (_, s) => ({
  id: `s${s}`,
  title: { nl: `Sectie ${s}` },
  minutes: 9,
  questions: Array.from({ length: Math.ceil(N / 10) }, (_, i) => {
    const id = `q${s}_${i}`;
    // Every fifth question depends on the one before, so the `when` re-evaluation is measured too.
    return i % 3 === 0
      ? q(id, "scale", { min: 1, max: 5 })
      : q(id, "longtext", i % 5 === 4 ? { when: { q: `q${s}_${i - 1}`, answered: true } } : {});
  }),
}));
const format: Format = {
  id: "bench",
  version: 1,
  title: { nl: "bench" },
  language: "nl",
  duration: 90,
  meta: [],
  participants: [],
  sections,
};

const text = "De lijnen zijn kort: de IB'er kan de jeugdverpleegkundige direct appen en krijgt meestal dezelfde dag antwoord. ".repeat(3);
let state: RunnerState = startState(format, newSession(format, Date.now()), Date.now(), false);
const file = path.join(dir, "2026-09-15-bench-bench.yaml");
const times: number[] = [];
const parts = { reduce: [] as number[], serialize: [] as number[], write: [] as number[] };
const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
for (let i = 0; i < N && state.cursor.kind === "question"; i++) {
  const id = state.cursor.id;
  const question = sections.flatMap((s) => s.questions).find((x) => x.id === id)!;
  const t0 = process.hrtime.bigint();
  state = reduce(state, { type: "answer", value: question.type === "scale" ? 4 : text, now: Date.now() });
  const t1 = process.hrtime.bigint();
  const yaml = serializeSession(state.session);
  const t2 = process.hrtime.bigint();
  writeFileAtomicSync(file, yaml);
  const t3 = process.hrtime.bigint();
  times.push(ms(t0, t3));
  parts.reduce.push(ms(t0, t1));
  parts.serialize.push(ms(t1, t2));
  parts.write.push(ms(t2, t3));
}
const pct = (list: number[], p: number) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(2);
};
const row = (name: string, list: number[]) =>
  `  ${name.padEnd(10)} median ${pct(list, 50)} ms   p99 ${pct(list, 99)} ms   max ${pct(list, 100)} ms\n`;
process.stdout.write(
  `autosave per answer over ${times.length} answers\n` +
    row("total", times) +
    row("reduce", parts.reduce) +
    row("serialize", parts.serialize) +
    row("write", parts.write),
);
if (!process.argv[3]) rmSync(dir, { recursive: true, force: true });
