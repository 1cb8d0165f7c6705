// The worker side of ./pool.ts: run the jobs this thread is sent, one after another, and
// answer each with its id. A job that throws is answered with its message (the worker lives
// on); only a crash of the whole thread fails the job in the pool as WorkerCrash.
import { parentPort } from "node:worker_threads";
import type { JobMessage } from "./pool.js";

/**
 * Tests kill a worker on purpose: AFSTEM_TEST_WORKER_CRASH=<text> makes the thread die with an
 * uncaught exception on a job whose key contains that text.
 */
const CRASH_ON = process.env.AFSTEM_TEST_WORKER_CRASH;

export function serveJobs<Req, Res>(handle: (req: Req) => Promise<Res> | Res, keyOf?: (req: Req) => string): void {
  const port = parentPort;
  if (!port) throw new Error("serveJobs runs in a worker thread");
  let queue = Promise.resolve();
  port.on("message", (m: { id: number; value: Req }) => {
    queue = queue.then(async () => {
      if (CRASH_ON && keyOf?.(m.value).includes(CRASH_ON)) {
        // Thrown outside the promise chain: an uncaught exception ends this thread.
        setImmediate(() => {
          throw new Error(`test crash on ${keyOf(m.value)}`);
        });
        await new Promise(() => {});
      }
      let reply: JobMessage<Res>;
      try {
        reply = { id: m.id, value: await handle(m.value) };
      } catch (err) {
        reply = { id: m.id, error: err instanceof Error ? err.message : String(err) };
      }
      port.postMessage(reply);
    });
  });
}
