// Locks that know their host (issue 12): a lock records host, pid and start time; a stale lock
// of this host is taken over with a message; a lock of another host never silently, only with
// --take-over; old pid-only lock files still count (as this host's). In-process on the lock
// module, then through the real CLI.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireLock, lockPath, lockTime, parseLock, type LockHolder } from "../../src/store/lock.js";
import { UserError } from "../../src/cli/errors.js";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { MINI } from "../helpers/pty.js";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function tmp() {
  const t = tempDir("afstem-lock-");
  cleanups.push(t.cleanup);
  return t.dir;
}

const DEAD_PID = 2147480000;
const foreign = (started = "2026-09-15T07:30:00.000Z") => `${JSON.stringify({ host: "laptop-ib-regenboog", pid: 4242, started })}\n`;

describe("the lock file", () => {
  it("records host, pid and start time as JSON, and is removed on release", async () => {
    const file = path.join(tmp(), "gesprek.yaml");
    const lock = acquireLock(file);
    const held = JSON.parse(readFileSync(lockPath(file), "utf8")) as LockHolder;
    expect(held.host).toBe(hostname());
    expect(held.pid).toBe(process.pid);
    expect(Date.now() - Date.parse(held.started!)).toBeLessThan(60_000);
    lock.release();
    expect(existsSync(lockPath(file))).toBe(false);
  });

  it("reads old pid-only lock files as this host's", async () => {
    expect(parseLock("12345\n", "hier")).toEqual({ host: "hier", pid: 12345 });
    expect(parseLock('{"pid": 7}', "hier")).toEqual({ host: "hier", pid: 7 });
    expect(parseLock("onzin", "hier")).toBeUndefined();
  });

  it("takes over a stale lock of this host (old and new format), telling who held it", async () => {
    for (const text of [`${DEAD_PID}\n`, JSON.stringify({ host: hostname(), pid: DEAD_PID, started: new Date().toISOString() })]) {
      const file = path.join(tmp(), "gesprek.yaml");
      writeFileSync(lockPath(file), text);
      const seen: number[] = [];
      const lock = acquireLock(file, (pid) => seen.push(pid));
      expect(seen).toEqual([DEAD_PID]);
      expect(parseLock(readFileSync(lockPath(file), "utf8"))?.pid).toBe(process.pid);
      lock.release();
    }
  });

  it("refuses a lock of another host, naming the host and the time and how to take it over", async () => {
    const file = path.join(tmp(), "gesprek.yaml");
    writeFileSync(lockPath(file), foreign());
    let err: unknown;
    try {
      acquireLock(file, () => expect.fail("must not take over"), {
        takeOverCommand: "afstem run kernteam --resume gesprek.yaml --take-over",
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const e = err as UserError;
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain("andere computer: laptop-ib-regenboog (proces 4242, sinds " + lockTime("2026-09-15T07:30:00.000Z") + ")");
    expect(e.hint).toContain("afstem run kernteam --resume gesprek.yaml --take-over");
    // Untouched: the other computer still holds it.
    expect(readFileSync(lockPath(file), "utf8")).toBe(foreign());
  });

  it("takes over a lock of another host when asked (takeOver)", async () => {
    const file = path.join(tmp(), "gesprek.yaml");
    writeFileSync(lockPath(file), foreign());
    const seen: LockHolder[] = [];
    const lock = acquireLock(file, (_pid, h) => seen.push(h), { takeOver: true });
    expect(seen.map((h) => h.host)).toEqual(["laptop-ib-regenboog"]);
    expect(parseLock(readFileSync(lockPath(file), "utf8"))).toMatchObject({ host: hostname(), pid: process.pid });
    lock.release();
  });
});

describe("afstem run --resume and a lock of another computer", () => {
  const ANSWERS =
    'meta:\n  school: De Regenboog\n  datum: "2026-09-15"\nparticipants:\n  - {name: Marieke, role: ib, present: true}\nanswers:\n  samen: ja\n';
  async function saved(dir: string): Promise<string> {
    writeFileSync(path.join(dir, "a.yaml"), ANSWERS);
    const r = await runInProcess(["run", MINI, "--answers", path.join(dir, "a.yaml"), "--out", dir]);
    expect(r.code, r.stderr).toBe(0);
    const file = r.stdout
      .trim()
      .split("\n")
      .pop()!
      .replace(/^.*?(\/\S+\.yaml).*$/, "$1");
    expect(existsSync(file), r.stdout).toBe(true);
    return file;
  }

  it("is refused with exit 2 and a message naming host, time and --take-over; --take-over then works", async () => {
    const dir = tmp();
    const file = await saved(dir);
    writeFileSync(lockPath(file), foreign());
    const r = await runInProcess(["run", MINI, "--resume", file], { env: { AFSTEM_UI: "lines" }, input: ":stop\n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `afstem: ${file} is al geopend door afstem op een andere computer: laptop-ib-regenboog (proces 4242, sinds ${lockTime("2026-09-15T07:30:00.000Z")})`,
    );
    expect(r.stderr).toContain(`afstem run ${MINI} --resume ${file} --take-over`);
    expect(readFileSync(lockPath(file), "utf8")).toBe(foreign());

    const t = await runInProcess(["run", MINI, "--resume", file, "--take-over"], { env: { AFSTEM_UI: "lines" }, input: ":stop\n" });
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain("het slot van laptop-ib-regenboog (proces 4242, sinds");
    expect(t.stdout).toContain("is op uw verzoek overgenomen (--take-over)");
    expect(existsSync(lockPath(file))).toBe(false);
  });

  it("--take-over without --resume is a usage error", async () => {
    const r = await runInProcess(["run", MINI, "--take-over", "--answers", "x.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--take-over hoort bij --resume");
  });
});
