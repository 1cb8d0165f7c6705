// Autosave per answer, measured in-process: a kernteam session grows to 300 answers (big
// repeat groups count every field), and after each answer change the whole session file is
// written the way the runner does it (writeSessionFile: serialise + atomic write + fsync).
// Prints JSON {answers, medianMs, p99Ms, maxMs}. `node dist/bench/autosave.js [DIR]`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AnswerValue, RepeatItem } from "../format/types.js";
import { FormatRegistry, formatDirs } from "../format/registry.js";
import { writeSessionFile } from "../session/io.js";
import { AnswerChecker } from "../session/answer-check.js";
import type { Session } from "../session/types.js";
import { Rng } from "./prng.js";
import { generateSession } from "./generate.js";
import { median, percentile } from "./measure.js";

const TARGET_ANSWERS = 300;

/** The answer changes that build up `full`, one field at a time, as a facilitator types them. */
function* answerSteps(full: Session): Generator<(s: Session) => void> {
  for (const [id, v] of Object.entries(full.meta)) yield (s) => void (s.meta[id] = v);
  for (const [id, v] of Object.entries(full.answers)) {
    if (Array.isArray(v) && v.length && typeof v[0] === "object") {
      for (const [i, item] of (v as RepeatItem[]).entries()) {
        for (const [f, fv] of Object.entries(item)) {
          yield (s) => {
            const list = ((s.answers[id] as RepeatItem[] | undefined) ??= []);
            (list[i] ??= {})[f] = fv;
          };
        }
      }
    } else {
      yield (s) => void (s.answers[id] = v as AnswerValue);
    }
  }
}

const registry = await FormatRegistry.load(formatDirs());
const format = registry.get("kernteam")!;
const checker = await AnswerChecker.create();
const school = { name: "OBS De Regenboog", brin: "99RB00", gemeente: "beverwijk", regio: "ijmond", schooltype: "PO" };
// Grow the repeat groups until the finished session holds at least 300 answers.
let full: Session | undefined;
let steps: ((s: Session) => void)[] = [];
for (let items = 10; steps.length < TARGET_ANSWERS; items += 5) {
  full = generateSession(format, school, "2026-09-15", new Rng(42), checker, true, items);
  steps = [...answerSteps(full)];
}
steps = steps.slice(0, TARGET_ANSWERS);
const dir = process.argv[2] ?? mkdtempSync(path.join(tmpdir(), "afstem-autosave-"));
const file = path.join(dir, "autosave-bench-kernteam.yaml");
const session: Session = { ...full!, meta: {}, answers: {}, status: "draft", finalized: null, history: full!.history.slice(0, 1) };
const times: number[] = [];
for (const step of steps) {
  step(session);
  session.updated = new Date().toISOString();
  const t0 = performance.now();
  writeSessionFile(file, session);
  times.push(performance.now() - t0);
}
if (!process.argv[2]) rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ answers: times.length, medianMs: median(times), p99Ms: percentile(times, 99), maxMs: Math.max(...times) })}\n`,
);
