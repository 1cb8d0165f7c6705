// Worker thread entry for `afstem report --jobs N`: renders and writes the jobs it is sent.
// Models arrive as plain data (structured clone), so the worker needs no format or session.
import { parentPort } from "node:worker_threads";
import { runJob, type RenderJob } from "./render-job.js";

parentPort?.on("message", (job: RenderJob) => {
  void runJob(job).then((result) => parentPort!.postMessage(result));
});
