// A small pool of worker threads that render report jobs; jobs=1 renders in-process,
// since a worker only pays off when there is a second core to put it on.
import { Worker } from "node:worker_threads";
import { runJob, type RenderJob, type RenderResult } from "./render-job.js";

type Pending = { resolve: (r: RenderResult) => void };

export interface Renderer {
  render(job: Omit<RenderJob, "id">): Promise<RenderResult>;
  /** Jobs submitted but not finished: the command waits when this gets large. */
  readonly inFlight: number;
  close(): Promise<void>;
  /** Stop at once (an interrupt): workers are terminated, pending jobs never resolve. */
  abort(): Promise<void>;
}

class InProcess implements Renderer {
  inFlight = 0;
  private next = 0;
  async render(job: Omit<RenderJob, "id">): Promise<RenderResult> {
    this.inFlight++;
    try {
      return await runJob({ ...job, id: this.next++ } as RenderJob);
    } finally {
      this.inFlight--;
    }
  }
  async close(): Promise<void> {}
  async abort(): Promise<void> {}
}

class Pool implements Renderer {
  private workers: { worker: Worker; busy: number }[] = [];
  private pending = new Map<number, Pending>();
  private next = 0;

  constructor(size: number) {
    const url = new URL("./worker.js", import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url);
      const slot = { worker, busy: 0 };
      worker.on("message", (r: RenderResult) => {
        slot.busy--;
        const p = this.pending.get(r.id);
        this.pending.delete(r.id);
        p?.resolve(r);
      });
      // A crashed worker fails its own jobs instead of hanging the batch.
      worker.on("error", (err) => this.failAll(err.message));
      this.workers.push(slot);
    }
  }

  get inFlight(): number {
    return this.pending.size;
  }

  render(job: Omit<RenderJob, "id">): Promise<RenderResult> {
    const id = this.next++;
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      slot.worker.postMessage({ ...job, id });
    });
  }

  private failAll(message: string): void {
    for (const [id, p] of this.pending) p.resolve({ id, ok: false, message });
    this.pending.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  async abort(): Promise<void> {
    await this.close();
  }
}

export function createRenderer(jobs: number): Renderer {
  return jobs <= 1 ? new InProcess() : new Pool(jobs);
}
