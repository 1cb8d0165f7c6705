// A small pool of worker threads that render report jobs; jobs=1 renders in-process,
// since a worker only pays off when there is a second core to put it on.
import { runJob, type RenderJob, type RenderResult } from "./render-job.js";
import { WorkerPool } from "../../workers/pool.js";

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

/** Jobs in worker threads (src/workers/pool.ts): a crashed worker fails only its own report. */
class Pool implements Renderer {
  private readonly pool: WorkerPool<RenderJob, RenderResult>;
  private next = 0;

  constructor(size: number) {
    this.pool = new WorkerPool(new URL("./worker.js", import.meta.url), { size, perWorker: 2 });
  }

  get inFlight(): number {
    return this.pool.inFlight;
  }

  render(job: Omit<RenderJob, "id">): Promise<RenderResult> {
    const id = this.next++;
    return this.pool.run({ ...job, id } as RenderJob).catch((err: Error) => ({ id, ok: false as const, message: err.message }));
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  async abort(): Promise<void> {
    await this.close();
  }
}

export function createRenderer(jobs: number): Renderer {
  return jobs <= 1 ? new InProcess() : new Pool(jobs);
}
