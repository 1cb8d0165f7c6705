// One worker pool (issue 12): a worker that crashes fails only the job it was running; the jobs
// queued behind it are run elsewhere, the dead worker gets no new work and is replaced. Then the
// same through the real CLI: report --jobs 2 and the rollup's worker engine, with one job made to
// crash (AFSTEM_TEST_WORKER_CRASH).
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { WorkerPool, WorkerCrash } from "../../src/workers/pool.js";
import { ROOT, runCli, tempDir } from "../helpers/cli.js";

type Req = { n: number; crash?: boolean; exit?: boolean; fail?: boolean };
type Res = { n: number; thread: number };
const WORKER = new URL("../fixtures/pool/worker.mjs", import.meta.url);

describe("WorkerPool", () => {
  it("a crash (uncaught exception or exit) fails only its own job; the others complete; the worker is replaced", async () => {
    const pool = new WorkerPool<Req, Res>(WORKER, { size: 2, perWorker: 2 });
    try {
      const jobs = Array.from({ length: 20 }, (_, n) => ({
        n,
        ...(n === 5 ? { crash: true } : n === 12 ? { exit: true } : n === 16 ? { fail: true } : {}),
      }));
      const settled = await Promise.allSettled(jobs.map((j) => pool.run(j)));
      const failed = settled.flatMap((s, n) => (s.status === "rejected" ? [n] : []));
      expect(failed).toEqual([5, 12, 16]);
      expect((settled[5] as PromiseRejectedResult).reason).toBeInstanceOf(WorkerCrash);
      expect((settled[12] as PromiseRejectedResult).reason).toBeInstanceOf(WorkerCrash);
      // A job that throws is an ordinary failure, not a crash: its worker lives on.
      expect((settled[16] as PromiseRejectedResult).reason).not.toBeInstanceOf(WorkerCrash);
      expect((settled[16] as PromiseRejectedResult).reason.message).toBe("job 16 failed");
      for (const [n, s] of settled.entries()) if (s.status === "fulfilled") expect(s.value.n).toBe(n);
      // The threads that crashed ran nothing after their crash; two live workers remain.
      const threads = new Set(settled.flatMap((s) => (s.status === "fulfilled" ? [s.value.thread] : [])));
      expect(threads.size).toBeGreaterThanOrEqual(3);
      expect(pool.workers).toBe(2);
      expect(pool.inFlight).toBe(0);
      // And it keeps working.
      expect((await pool.run({ n: 99 })).n).toBe(99);
    } finally {
      await pool.close();
    }
  });

  it("a worker that cannot start fails the jobs instead of respawning forever", async () => {
    const pool = new WorkerPool<Req, Res>(new URL("../fixtures/pool/does-not-exist.mjs", import.meta.url), { size: 1 });
    try {
      await expect(pool.run({ n: 1 })).rejects.toBeInstanceOf(WorkerCrash);
    } finally {
      await pool.close();
    }
  });
});

describe("a crashing worker in the real CLI", () => {
  const tmp = tempDir("afstem-pool-");
  afterAll(() => tmp.cleanup());
  const corpus = path.join(ROOT, "test", "fixtures", "rollup", "corpus");
  const dir = path.join(tmp.dir, "gesprekken");
  mkdirSync(dir);
  const files = readdirSync(corpus)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  for (const f of files) copyFileSync(path.join(corpus, f), path.join(dir, f));
  const victim = files[3]!.replace(/\.yaml$/, "");
  const env = { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache"), AFSTEM_TEST_WORKER_CRASH: victim };

  it("report --jobs 2: only the crashed report fails, with a message; the others are written; exit 1", () => {
    const r = runCli(["report", "gesprekken", "--out", "verslagen", "--jobs", "2"], { cwd: tmp.dir, env });
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.code).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toContain(`test crash on`);
    const written = readdirSync(path.join(tmp.dir, "verslagen"));
    expect(written).toHaveLength(files.length - 1);
    expect(written.some((f) => f.startsWith(victim))).toBe(false);
  });

  it("rollup, worker engine: only the file that kills a worker is skipped, with one located line; exit 1", () => {
    const r = runCli(["rollup", "gesprekken", "--out", "rollup", "--include-drafts"], {
      cwd: tmp.dir,
      env: { ...env, AFSTEM_ROLLUP_ENGINE: "workers" },
    });
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.code).toBe(1);
    const lines = `${r.stdout}${r.stderr}`.split("\n").filter((l) => l.includes("(worker-crash)"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${victim}.yaml:1:1  error  `);
    const csv = readdirSync(path.join(tmp.dir, "rollup")).find((f) => f.endsWith(".csv"))!;
    const text = readFileSync(path.join(tmp.dir, "rollup", csv), "utf8");
    expect(text).not.toContain(victim);
  });
});
