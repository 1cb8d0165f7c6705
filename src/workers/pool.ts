// The one worker-thread pool (report --jobs N and the rollup's worker engine). Each worker
// runs its jobs one after another (worker side: serveJobs in ./serve.ts), at most `perWorker`
// sent ahead. When a worker dies (an uncaught exception, out of memory, process.exit) only
// the job it was running fails; the jobs queued behind it go back to the queue, the dead
// worker is never given new work, and a fresh worker takes its place.
import { Worker, type ResourceLimits } from "node:worker_threads";
import { scopeData, type Scope } from "../util/scope.js";

export interface PoolOptions {
  size: number;
  /** Jobs sent to one worker before it answers (pipelining); 1 = one at a time. */
  perWorker?: number;
  workerData?: unknown;
  resourceLimits?: ResourceLimits;
}

/** The job's worker died while running it. */
export class WorkerCrash extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkerCrash";
  }
}

interface Job<Req, Res> {
  id: number;
  req: Req;
  resolve: (r: Res) => void;
  reject: (e: Error) => void;
}

interface Slot<Req, Res> {
  worker: Worker;
  /** Sent and not yet answered, oldest first: the first is the one running. */
  jobs: Job<Req, Res>[];
  dead: boolean;
  /** Answered at least one job (a worker that dies before that may fail to start at all). */
  worked: boolean;
}

/**
 * What a worker thread starts with: the invocation's scope (language, working folder,
 * environment; a thread cannot see the starting thread's) and the pool's own workerData.
 */
export interface ThreadData {
  scope: Scope;
  data: unknown;
}

/** A message between the pool and serveJobs. */
export type JobMessage<T> = { id: number; value: T } | { id: number; error: string };

/** Fresh workers that die before finishing any job, in a row, before the pool gives up. */
const MAX_FAILED_STARTS = 3;

export class WorkerPool<Req, Res> {
  private readonly slots: Slot<Req, Res>[] = [];
  private readonly queue: Job<Req, Res>[] = [];
  private next = 0;
  private closing = false;
  private failedStarts = 0;
  private readonly perWorker: number;
  private readonly threadData: ThreadData;

  constructor(
    private readonly url: URL,
    private readonly opts: PoolOptions,
  ) {
    this.perWorker = Math.max(1, opts.perWorker ?? 1);
    this.threadData = { scope: scopeData(), data: opts.workerData };
    for (let i = 0; i < Math.max(1, opts.size); i++) this.spawn();
  }

  /** Jobs submitted and not yet settled. */
  get inFlight(): number {
    return this.queue.length + this.slots.reduce((n, s) => n + s.jobs.length, 0);
  }

  /** Live workers (for tests). */
  get workers(): number {
    return this.slots.filter((s) => !s.dead).length;
  }

  run(req: Req): Promise<Res> {
    if (this.closing) return Promise.reject(new Error("pool closed"));
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ id: this.next++, req, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const j of this.queue.splice(0)) j.reject(new Error("pool closed"));
    await Promise.all(this.slots.map((s) => ((s.dead = true), s.worker.terminate())));
  }

  private spawn(): void {
    const worker = new Worker(this.url, {
      workerData: this.threadData,
      ...(this.opts.resourceLimits ? { resourceLimits: this.opts.resourceLimits } : {}),
    });
    const slot: Slot<Req, Res> = { worker, jobs: [], dead: false, worked: false };
    worker.on("message", (m: JobMessage<Res>) => {
      const i = slot.jobs.findIndex((j) => j.id === m.id);
      if (i < 0) return;
      const [job] = slot.jobs.splice(i, 1);
      slot.worked = true;
      this.failedStarts = 0;
      if ("error" in m) job!.reject(new Error(m.error));
      else job!.resolve(m.value);
      this.dispatch();
    });
    // Act on 'exit', not 'error': Node emits 'error' as soon as the thread throws, before the
    // answers it posted just before are delivered; by 'exit' they have been (the port is drained),
    // so a job that finished is never blamed for the crash of the one after it.
    let error: string | undefined;
    worker.on("error", (err) => (error ??= err.message || String(err)));
    worker.on("exit", (code) => this.died(slot, error ?? `exit code ${code}`));
    this.slots.push(slot);
  }

  private died(slot: Slot<Req, Res>, reason: string): void {
    if (slot.dead) return;
    slot.dead = true;
    this.slots.splice(this.slots.indexOf(slot), 1);
    if (this.closing) return;
    const [running, ...waiting] = slot.jobs;
    slot.jobs = [];
    // Jobs sent after the one that was running never started: they go first in the queue.
    this.queue.unshift(...waiting);
    running?.reject(new WorkerCrash(reason));
    if (!slot.worked && !running && ++this.failedStarts >= MAX_FAILED_STARTS) {
      // The worker cannot even start: fail what is waiting rather than respawn forever.
      for (const j of this.queue.splice(0)) j.reject(new WorkerCrash(reason));
      return;
    }
    this.spawn();
    this.dispatch();
  }

  private dispatch(): void {
    while (this.queue.length) {
      const slot = this.slots.filter((s) => !s.dead && s.jobs.length < this.perWorker).sort((a, b) => a.jobs.length - b.jobs.length)[0];
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.jobs.push(job);
      slot.worker.postMessage({ id: job.id, value: job.req } satisfies JobMessage<Req>);
    }
  }
}
