// The worker side of ./pool.ts: run the jobs this thread is sent, one after another, and
// answer each with its id, in the scope of the invocation that started the pool. A job that
// throws is answered with its message (the worker lives on); only a crash of the whole thread
// fails the job in the pool as WorkerCrash.
import { parentPort, workerData } from "node:worker_threads";
import { setProcessScope } from "../util/scope.js";
import type { JobMessage, ThreadData } from "./pool.js";

const thread = workerData as ThreadData;
// This thread serves one invocation: its scope is the thread's default, for set-up and jobs alike.
setProcessScope(thread.scope);

/** The pool's workerData for this thread. */
export const threadData: unknown = thread.data;

export function serveJobs<Req, Res>(handle: (req: Req) => Promise<Res> | Res, keyOf?: (req: Req) => string): void {
  const port = parentPort;
  if (!port) throw new Error("serveJobs runs in a worker thread");
  // Tests kill a worker on purpose: AFSTEM_TEST_WORKER_CRASH=<text> makes the thread die with
  // an uncaught exception on a job whose key contains that text.
  const crashOn = thread.scope.env.AFSTEM_TEST_WORKER_CRASH;
  let queue = Promise.resolve();
  port.on("message", (m: { id: number; value: Req }) => {
    queue = queue.then(async () => {
      if (crashOn && keyOf?.(m.value).includes(crashOn)) {
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
