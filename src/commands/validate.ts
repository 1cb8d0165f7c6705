// afstem validate <file|dir>...: session files against their format.
import type { Finding } from "../findings/finding.js";
import { FormatRegistry, formatDirs } from "../format/registry.js";
import { expandSessionPaths } from "../util/files.js";
import { assertReadableDirs } from "../yaml/read-text.js";
import type { GlobalOptions } from "../cli/options.js";
import type { Io } from "../cli/invocation.js";
import { printFindings } from "../cli/findings-output.js";
import { loadSessions } from "../store/batch.js";
import { onInterrupt } from "../cli/interrupt.js";
import { fill } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";
import { isConflictCopy } from "../session/select.js";

export default async function validate(paths: string[], opts: { json?: boolean } & GlobalOptions, io: Io): Promise<number> {
  await assertReadableDirs(paths);
  const files = await expandSessionPaths(paths);
  const registry = await FormatRegistry.load(formatDirs(opts.formatsDir), { verify: true });
  // A conflict copy (`*.conflict-*`, from afstem or a sync tool) is checked like any file, but
  // report and rollup never count it: say so, or the conversation in it is silently left out.
  const findings: Finding[] = files.filter(isConflictCopy).map((file) => ({
    file,
    line: 1,
    col: 1,
    severity: "warning",
    message: msg("commands.validate.conflict-copy-never-counted"),
    rule: "conflict-copy",
  }));
  let unreadable = false;
  let checked = 0;
  // Ctrl+C / SIGTERM: validate writes nothing; say how far it got, exit 130.
  const interrupt = onInterrupt(
    {
      done: () => fill(msg("commands.validate.interrupted-n-total-files-checked"), { n: checked, total: files.length }),
    },
    io,
  );
  try {
    for await (const r of loadSessions(files, registry)) {
      checked++;
      findings.push(...r.findings);
      if (r.findings.some((f) => f.rule === "unreadable")) unreadable = true;
    }
  } finally {
    interrupt.dispose();
  }
  const code = printFindings({ files: files.length, findings }, opts.json === true, io);
  return unreadable ? 2 : code;
}
