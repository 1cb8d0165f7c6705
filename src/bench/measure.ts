// One spawned run: wall time from spawn to exit, and peak RSS. Peak RSS comes from GNU time
// (`/usr/bin/time -f %M`, which reads the kernel's rusage of the child and its waited-for
// children, so worker processes count), else from polling /proc/<pid>/status VmHWM (the main
// process only), else it is unknown.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface RunResult {
  ms: number;
  /** Peak resident set size in kB, when it could be measured. */
  rssKb?: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunSpec {
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const GNU_TIME = "/usr/bin/time";
let gnuTime: boolean | undefined;

/** Does /usr/bin/time understand -f %M (GNU time; BusyBox and BSD do not all)? */
function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    gnuTime = false;
    if (existsSync(GNU_TIME)) {
      const dir = mkdtempSync(path.join(tmpdir(), "afstem-bench-"));
      try {
        const out = path.join(dir, "t");
        const r = spawnSync(GNU_TIME, ["-f", "%M", "-o", out, process.execPath, "-e", "0"], { stdio: "ignore" }).status;
        gnuTime = r === 0 && /^\d+\s*$/.test(readFileSync(out, "utf8").trim().split("\n").pop() ?? "");
      } catch {
        gnuTime = false;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return gnuTime;
}


export function rssMethod(): string {
  if (hasGnuTime()) return "GNU time %M (process and its children)";
  if (existsSync("/proc/self/status")) return "/proc VmHWM (main process only)";
  return "unavailable";
}

function pollHwm(pid: number | undefined, into: { kb?: number }): NodeJS.Timeout | undefined {
  if (pid === undefined || !existsSync("/proc/self/status")) return undefined;
  const read = () => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) into.kb = Math.max(into.kb ?? 0, Number(m[1]));
    } catch {
      /* the process is gone */
    }
  };
  read();
  return setInterval(read, 10);
}

export async function runOnce(spec: RunSpec): Promise<RunResult> {
  const useTime = hasGnuTime();
  const dir = useTime ? mkdtempSync(path.join(tmpdir(), "afstem-bench-")) : undefined;
  const timeFile = dir ? path.join(dir, "rss") : undefined;
  const [cmd, args] = useTime ? [GNU_TIME, ["-f", "%M", "-o", timeFile!, spec.cmd, ...spec.args]] : [spec.cmd, spec.args];
  const t0 = process.hrtime.bigint();
  const child = spawn(cmd, args, { cwd: spec.cwd, env: spec.env, stdio: ["ignore", "pipe", "pipe"] });
  const hwm: { kb?: number } = {};
  const timer = useTime ? undefined : pollHwm(child.pid, hwm);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout.length < 1e6 ? (stdout += d) : undefined));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr.length < 1e6 ? (stderr += d) : undefined));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (c) => resolve(c));
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (timer) clearInterval(timer);
  let rssKb = hwm.kb;
  if (timeFile) {
    try {
      // GNU time prefixes "Command exited with non-zero status N" on failure; the figure is last.
      const last = readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "";
      if (/^\d+$/.test(last)) rssKb = Number(last);
    } catch {
      /* no figure */
    }
    rmSync(dir!, { recursive: true, force: true });
  }
  return { ms, ...(rssKb !== undefined ? { rssKb } : {}), code, stdout, stderr };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Nearest-rank percentile. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
