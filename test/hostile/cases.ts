// The hostile session-file corpus for the batch commands (run --answers, report, rollup): the
// session-relevant files of test/fixtures/hostile/ (read-only, shared with lint/validate), the
// ones in test/fixtures/hostile-batch/, and files generated here (encodings, binary, sizes that
// should not be committed). One table says what every command must do with each file.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { BIN, ROOT, runInProcess } from "../helpers/cli.js";
import { sessionFileName } from "../../src/util/files.js";

export const HOSTILE = path.join(ROOT, "test/fixtures/hostile");
export const BATCH = path.join(ROOT, "test/fixtures/hostile-batch");

/** Refused: one located error line `file:line:col  error  …  (rule)`. `unreadable` = exit 2 for run --answers. */
export interface Refused {
  kind: "refused";
  file: string;
  at: string;
  rule: string;
  msg: string;
}
/** Accepted: written by every command; `school` names the output file. */
export interface Accepted {
  kind: "accepted";
  file: string;
  school: string;
}
export type Case = Refused | Accepted;

const refused = (file: string, at: string, rule: string, msg: string): Refused => ({ kind: "refused", file, at, rule, msg });
const accepted = (file: string, school: string): Accepted => ({ kind: "accepted", file, school });

/** Files reused from test/fixtures/hostile/ — only those a session file can be (format-shaped ones give many findings). */
const FROM_HOSTILE: Refused[] = [
  refused("tab-indent.yaml", "4:1", "yaml-syntax", "tab gebruikt om in te springen"),
  refused("bad-indent.yaml", "6:4", "yaml-syntax", "springt niet goed in"),
  refused("over-indent.yaml", "5:6", "yaml-syntax", "springt niet goed in"),
  refused("unclosed-quote.yaml", "3:8", "yaml-syntax", "wordt nergens gesloten"),
  refused("unclosed-bracket.yaml", "4:9", "yaml-syntax", "wordt nergens gesloten met ]"),
  refused("stray-colon.yaml", "3:8", "yaml-syntax", "een tweede ':' in een waarde"),
  refused("list-document.yaml", "1:1", "yaml-not-mapping", "een lijst"),
  refused("scalar-document.yaml", "1:1", "yaml-not-mapping", "één waarde"),
  refused("multi-doc.yaml", "3:1", "yaml-syntax", "meer dan één YAML-document"),
  refused("empty.yaml", "1:1", "yaml-empty", "leeg"),
  refused("only-comments.yaml", "1:1", "yaml-empty", "alleen commentaar"),
  refused("duplicate-keys.yaml", "8:5", "duplicate-key", "'minutes' komt twee keer voor"),
  refused("billion-laughs.yaml", "5:8", "yaml-alias", "te veel aliassen"),
  refused("tag-js-function.yaml", "3:8", "yaml-tag", "'!!js/function' wordt niet ondersteund"),
  refused("tag-binary.yaml", "4:14", "yaml-tag", "'!!binary' wordt niet ondersteund"),
  refused("latin1.yaml", "3:10", "unreadable", "niet in UTF-8 opgeslagen"),
  refused("session-yesno-on.yaml", "8:17", "answer-type", "vast_overleg: verwacht ja of nee"),
  refused("session-sexagesimal.yaml", "8:24", "answer-type", "aantal_consultaties: verwacht een getal"),
  refused("session-scale-half.yaml", "8:30", "answer-type", "verwacht een geheel getal"),
  refused("session-number-for-text.yaml", "8:18", "answer-type", "wat_gaat_goed: verwacht tekst"),
  refused("session-bad-date.yaml", "8:20", "answer-type", "'2027-02-30' is geen geldige datum"),
  refused("session-unknown-key.yaml", "7:1", "unknown-key", "onbekende sleutel 'particpants' — bedoelt u 'participants'?"),
  refused("session-option-code.yaml", "8:18", "answer-option", "'werkplek' is geen optie; kies uit: vindplaats, deels, werkplaats"),
  refused("session-unknown-format.yaml", "2:14", "session-format", "onbekend format 'jeugdteam'"),
  refused("session-old-version.yaml", "2:33", "session-format-version", "versie 3 bestaat niet (meer); beschikbaar: 2, 1"),
  refused("session-tag-timestamp.yaml", "8:20", "yaml-tag", "'!!timestamp'"),
];

/** test/fixtures/hostile-batch/ */
const FROM_BATCH: Case[] = [
  refused("session-yesno-off.yaml", "8:17", "answer-type", "vast_overleg: verwacht ja of nee"),
  refused("session-duplicate-answer.yaml", "10:3", "duplicate-key", "'gedeelde_visie' komt twee keer voor"),
  refused(
    "session-unknown-question.yaml",
    "8:3",
    "unknown-question",
    "onbekende vraag 'wat_gaat_goedd' in format kernteam v2 — bedoelt u 'wat_gaat_goed'?",
  ),
  refused("session-js-function.yaml", "8:18", "yaml-tag", "'!!js/function' wordt niet ondersteund"),
  refused("session-binary.yaml", "8:18", "yaml-tag", "'!!binary' wordt niet ondersteund"),
  refused("session-billion-laughs.yaml", "9:8", "yaml-alias", "te veel aliassen"),
  refused("session-date-dutch.yaml", "8:20", "answer-type", "'20-09-2027' is geen geldige datum (JJJJ-MM-DD)"),
  accepted("session-yesno-no.yaml", "OBS Nee"),
  accepted("session-date-unquoted.yaml", "OBS De Kalender"),
  accepted("session-utf8-bom.yaml", "OBS Het Byte-Order-Mark"),
  accepted("session-hostile-text.yaml", '=HYPERLINK("http://example.invalid","klik")'),
  accepted("school-dotdot.yaml", "../../x"),
  accepted("school-con.yaml", "CON"),
  accepted("school-slash.yaml", "a/b"),
  accepted("school-wildcards.yaml", "*?"),
];

const session = (school: string, answers: string) =>
  `afstem: 1\nformat: {id: kernteam, version: 2}\nstatus: draft\nmeta:\n  school: ${school}\n  datum: 2026-09-29\nanswers:\n${answers}`;

/** 100 000 characters, with multi-byte ones, line breaks and quotes in it. */
export const LONG_ANSWER = "Ëén lange zin met \"aanhalingstekens\" en 'apostrofs'; ".repeat(2000).slice(0, 99_999) + "Z";

/** Cases made on the fly: encodings, binary content, size, odd names. */
const GENERATED: Case[] = [
  accepted("utf16le.yaml", "OBS Zestien Klein"),
  accepted("utf16be.yaml", "OBS Zestien Groot"),
  refused("latin1-session.yaml", "5:13", "unreadable", "niet in UTF-8 opgeslagen"),
  refused("foto.yaml", "1:5", "unreadable", "dit is geen tekstbestand (bevat NUL-bytes)"),
  refused("groot.yaml", "1:1", "unreadable", "bestand is te groot (12,0 MB; hoogstens 10 MB)"),
  accepted("lang-antwoord.yaml", "OBS Lange Tekst"),
  accepted("Gesprekken 2026 – Zeeënweg/gesprek ÿ école.yaml", "OBS Zeeënweg"),
];

export const CASES: Case[] = [...FROM_HOSTILE, ...FROM_BATCH, ...GENERATED];
/** Exit 2 for run --answers: the file cannot be read as text at all. */
export const isUnreadable = (c: Case) => c.kind === "refused" && c.rule === "unreadable";

/** Build the corpus in `dir` (flat, plus one sub-folder with spaces and accents); returns the folder. */
export function buildCorpus(dir: string, bigMb = 12): string {
  const root = path.join(dir, "gesprekken");
  mkdirSync(path.join(root, "Gesprekken 2026 – Zeeënweg"), { recursive: true });
  for (const c of FROM_HOSTILE) copyFileSync(path.join(HOSTILE, c.file), path.join(root, c.file));
  for (const f of readdirSync(BATCH)) copyFileSync(path.join(BATCH, f), path.join(root, f));
  const text16 = session("OBS Zestien SCHOOL", '  wat_gaat_goed: "Coördinatie loopt goed, ook met de één en de ander."\n');
  writeFileSync(
    path.join(root, "utf16le.yaml"),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text16.replace("SCHOOL", "Klein"), "utf16le")]),
  );
  const be = Buffer.from(text16.replace("SCHOOL", "Groot"), "utf16le").swap16();
  writeFileSync(path.join(root, "utf16be.yaml"), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
  writeFileSync(path.join(root, "latin1-session.yaml"), Buffer.from(session("Coördinatie", "  vast_overleg: true\n"), "latin1"));
  writeFileSync(path.join(root, "foto.yaml"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]));
  writeFileSync(path.join(root, "groot.yaml"), session("OBS Groot", `  wat_gaat_goed: "${"x".repeat(bigMb * 1024 * 1024)}"\n`));
  writeFileSync(path.join(root, "lang-antwoord.yaml"), session("OBS Lange Tekst", `  overleg_gewenst: ${JSON.stringify(LONG_ANSWER)}\n`));
  writeFileSync(path.join(root, "Gesprekken 2026 – Zeeënweg", "gesprek ÿ école.yaml"), session("OBS Zeeënweg", "  vast_overleg: ja\n"));
  // A directory whose name looks like a session file: batch commands look inside and find nothing.
  mkdirSync(path.join(root, "map.yaml"));
  return root;
}

/** The output name every command derives from the meta (`<datum>-<school>-kernteam`). */
export const outputStem = (c: Accepted) => sessionFileName({ datum: "2026-09-29", school: c.school }, "kernteam", "");

export interface LocatedLine {
  file: string;
  at: string;
  message: string;
  rule: string;
}

/** Every `file:line:col  error  message  (rule)` line of a command's output. */
export function errorLines(output: string): LocatedLine[] {
  const out: LocatedLine[] = [];
  for (const line of output.split("\n")) {
    const m = /^(.+?):(\d+):(\d+) {2}error {2}(.*) {2}\(([a-z-]+)\)$/.exec(line);
    if (m) out.push({ file: m[1]!, at: `${m[2]}:${m[3]}`, message: m[4]!, rule: m[5]! });
  }
  return out;
}

/** The common contract: no stack trace, no internal error. */
export function noCrash(r: { stderr: string; stdout: string }): void {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/interne fout|internal error/);
}

export interface AsyncResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The real CLI, asynchronously (so a handful can run side by side). */
export function runCliAsync(
  args: string[],
  opts: { cwd: string; env?: Record<string, string>; timeout?: number; input?: string },
): Promise<AsyncResult> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ...opts.env };
    delete env.AFSTEM_LANG;
    delete env.AFSTEM_FORMATS_PATH;
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeout ?? 30_000);
    child.stdin.end(opts.input ?? "");
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/** The same, in-process (test/helpers/cli.ts): for what a test reads from messages, exit codes and files. */
export async function runInProcessAsync(
  args: string[],
  opts: { cwd: string; env?: Record<string, string>; timeout?: number; input?: string },
): Promise<AsyncResult> {
  const t0 = Date.now();
  const { env, ...rest } = opts;
  const r = await runInProcess(args, { ...rest, env: { AFSTEM_LANG: undefined, AFSTEM_FORMATS_PATH: undefined, ...env } });
  return { ...r, ms: Date.now() - t0 };
}

/** Run `jobs` at most `limit` at a time, results in input order. */
export async function pooled<T, R>(items: T[], limit: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const readUtf8 = (file: string) => readFileSync(file, "utf8");
