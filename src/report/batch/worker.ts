// Worker thread entry for `afstem report --jobs N`: renders and writes the jobs it is sent.
// Models arrive as plain data (structured clone), so the worker needs no format or session.
import { serveJobs } from "../../workers/serve.js";
import { runJob, type RenderJob } from "./render-job.js";

serveJobs(runJob, (job: RenderJob) => job.target);
