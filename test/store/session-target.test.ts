// Issue 7, "a session edited by hand while a runner has it open": before every autosave the file
// is compared with what the runner last wrote. Someone else's version is never overwritten: it is
// left as it is and the conversation continues in `<name>.conflict-<time>.yaml`.
import { readFileSync, readdirSync, statSync, unlinkSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { tempPathFor } from "../../src/util/writer.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadFormatRef } from "../../src/format/registry.js";
import type { Format } from "../../src/format/types.js";
import { readSessionFile, writeSessionFile } from "../../src/session/io.js";
import { newSession, startState } from "../../src/conversation/start.js";
import { SessionTarget, conflictName } from "../../src/store/session-target.js";
import type { RunnerState } from "../../src/conversation/types.js";
import { tempDir } from "../helpers/cli.js";
import { MINI } from "../helpers/pty.js";

let format: Format;
beforeAll(async () => {
  format = (await loadFormatRef(MINI)).format;
});
const dirs: (() => void)[] = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));
function temp(): string {
  const t = tempDir("afstem-edit-");
  dirs.push(t.cleanup);
  return t.dir;
}

const T0 = Date.UTC(2026, 8, 15, 9, 0, 0);
const AT = new Date(2026, 8, 15, 11, 30, 5); // local time: the name says what the user's clock said
const NAME = "2026-09-15-de-regenboog-mini.yaml";

function named(answers: Record<string, unknown> = {}): RunnerState {
  const s = startState(format, newSession(format, T0), T0, false);
  return { ...s, session: { ...s.session, meta: { school: "De Regenboog", datum: "2026-09-15" }, answers: answers as never } };
}

function target(dir: string, file?: string) {
  const conflicts: [string, string][] = [];
  const t = new SessionTarget(dir, format.id, { onTakeover: () => {}, onConflict: (a, b) => void conflicts.push([a, b]) }, file, () => AT);
  dirs.push(() => t.release());
  return { t, conflicts };
}

describe("a session file changed behind the runner's back", () => {
  it("is left exactly as the other person saved it; ours continues in <name>.conflict-<time>.yaml", async () => {
    const dir = temp();
    const { t, conflicts } = target(dir);
    const file = t.save(named({ samen: true }));
    expect(path.basename(file)).toBe(NAME);
    const theirs = readFileSync(file, "utf8").replace("samen: true", "samen: false # gecorrigeerd door de coördinator");
    writeFileSync(file, theirs);
    const ours = t.save(named({ samen: true, hoe: "samen eten" }));
    expect(path.basename(ours)).toBe("2026-09-15-de-regenboog-mini.conflict-20260915-113005.yaml");
    expect(conflicts).toEqual([[file, ours]]);
    expect(readFileSync(file, "utf8")).toBe(theirs);
    expect((await readSessionFile(ours)).session!.answers).toEqual({ samen: true, hoe: "samen eten" });
    // Later saves go to ours only; the lock moved with it.
    t.save(named({ samen: true, hoe: "samen eten", cijfer: 4 }));
    expect(readFileSync(file, "utf8")).toBe(theirs);
    expect((await readSessionFile(ours)).session!.answers).toEqual({ samen: true, hoe: "samen eten", cijfer: 4 });
    expect(readdirSync(dir).sort()).toEqual([path.basename(ours), `${path.basename(ours)}.lock`, NAME].sort());
    expect(conflicts).toHaveLength(1);
  });

  it("a file replaced by a sync program (new inode, older content) is a conflict too", () => {
    const dir = temp();
    const { t, conflicts } = target(dir);
    const file = t.save(named({ samen: true }));
    const before = readFileSync(file, "utf8");
    t.save(named({ samen: true, cijfer: 2 }));
    unlinkSync(file);
    writeFileSync(file, before); // the cloud folder brings back the version of a minute ago
    t.save(named({ samen: true, cijfer: 3 }));
    expect(conflicts).toHaveLength(1);
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("touched, or rewritten with the same bytes: not a conflict", () => {
    const dir = temp();
    const { t, conflicts } = target(dir);
    const file = t.save(named({ samen: true }));
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    t.save(named({ samen: false }));
    writeFileSync(file, readFileSync(file)); // same content, new mtime
    t.save(named({ samen: true }));
    expect(conflicts).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.includes("conflict"))).toEqual([]);
  });

  it("deleted behind our back: written again (there is no other version to keep)", async () => {
    const dir = temp();
    const { t, conflicts } = target(dir);
    const file = t.save(named({ samen: true }));
    unlinkSync(file);
    t.save(named({ samen: true, cijfer: 5 }));
    expect(conflicts).toEqual([]);
    expect((await readSessionFile(file)).session!.answers).toEqual({ samen: true, cijfer: 5 });
  });

  it("--resume: an edit made after the runner opened the file, before its first save, is kept", () => {
    const dir = temp();
    const file = path.join(dir, NAME);
    writeSessionFile(file, named({ samen: true }).session);
    const { t, conflicts } = target(dir, file);
    writeFileSync(file, `${readFileSync(file, "utf8")}# aangevuld\n`);
    const ours = t.save(named({ samen: true, cijfer: 1 }));
    expect(conflicts).toEqual([[file, ours]]);
    expect(readFileSync(file, "utf8")).toContain("# aangevuld");
  });

  it("while the name still follows the answers: the edited file is not removed by the rename", () => {
    const dir = temp();
    const { t, conflicts } = target(dir);
    const s0 = startState(format, newSession(format, T0), T0, false);
    const first = t.save({ ...s0, session: { ...s0.session, meta: { school: "De Regenboog" } } });
    expect(path.basename(first)).toBe("zonder-datum-de-regenboog-mini.yaml");
    writeFileSync(first, `${readFileSync(first, "utf8")}# met de hand\n`);
    const ours = t.save(named());
    expect(existsSync(first)).toBe(true);
    expect(readFileSync(first, "utf8")).toContain("# met de hand");
    expect(conflicts).toEqual([[first, ours]]);
  });

  it("conflict names never collide", () => {
    const dir = temp();
    const file = path.join(dir, NAME);
    const a = conflictName(file, AT);
    writeFileSync(a, "x");
    // The runner claims names exclusively (util/writer.ts) and asks for the next one when taken.
    const b = conflictName(file, AT, 2);
    expect(path.basename(b)).toBe("2026-09-15-de-regenboog-mini.conflict-20260915-113005-2.yaml");
    expect(statSync(a).isFile()).toBe(true);
  });
});

describe("litter of a run killed mid-save", () => {
  // A dead process's pid: one that ran and has exited.
  const deadPid = () => spawnSync(process.execPath, ["-e", "0"]).pid!;
  const litterOf = (file: string, pid: number) => {
    const name = path.basename(tempPathFor(file)).replace(`.${process.pid}@`, `.${pid}@`);
    const p = path.join(path.dirname(file), name);
    writeFileSync(p, "participants:\n  - name: Anna de Vries\n");
    return p;
  };

  it("the next run in that folder (new or --resume) removes a dead process's temporary file, not a live one's", () => {
    const dir = temp();
    const file = path.join(dir, NAME);
    const first = target(dir);
    first.t.save(named({ samen: true }));
    first.t.release();
    const dead = litterOf(file, deadPid());
    const live = litterOf(file, process.pid === 1 ? 2 : 1);
    target(dir, file).t.release();
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    const again = litterOf(path.join(dir, "ander.yaml"), deadPid());
    target(dir);
    expect(existsSync(again)).toBe(false);
  });
});
