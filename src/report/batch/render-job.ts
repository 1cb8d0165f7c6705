// One unit of work: render a model and write it to its target. The same function runs in
// the command's own thread (--jobs 1) and in each worker thread (--jobs N).
import type { ReportModel, SummaryModel } from "../model.js";
import { writeFileAtomicSync } from "../../util/writer.js";

export type RenderJob =
  | { id: number; kind: "report"; model: ReportModel; target: string; force?: boolean }
  | { id: number; kind: "summary"; model: SummaryModel; target: string; force?: boolean };

/** `code`: the system error code of a failed write (EEXIST: the name was taken meanwhile). */
export type RenderResult = { id: number; ok: true; bytes: number } | { id: number; ok: false; message: string; code?: string };

export async function runJob(job: RenderJob): Promise<RenderResult> {
  try {
    // docx is loaded here, on first use, never by modules that other commands import.
    const buf =
      job.kind === "report"
        ? await (await import("../docx/render-report.js")).renderReport(job.model)
        : await (await import("../docx/render-summary.js")).renderSummary(job.model);
    // A report can be made again from its session: no fsync per file (it dominated big batches).
    // Without --force the name is claimed exclusively: a file another process created a
    // moment ago is never overwritten (EEXIST).
    writeFileAtomicSync(job.target, buf, { durable: false, exclusive: job.force !== true });
    return { id: job.id, ok: true, bytes: buf.length };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { id: job.id, ok: false, message: String(e.message ?? err), ...(typeof e.code === "string" ? { code: e.code } : {}) };
  }
}
