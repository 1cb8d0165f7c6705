// One spawned run: wall time from spawn to exit, CPU time (user + sys) and peak RSS. CPU and
// RSS come from GNU time (`/usr/bin/time -f '%e %U %S %M'`, the kernel's rusage of the child
// and its waited-for children: worker threads and worker processes count), else from polling
// /proc/<pid>/stat (utime + stime + cutime + cstime; the last reading before exit, so a little
// short) and /proc/<pid>/status VmHWM (the main process only), else they are unknown.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface RunResult {
  ms: number;
  /** User + system CPU time of the process, its threads and children, when it could be measured. */
  cpuMs?: number;
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
/** Elapsed, user and system seconds, peak RSS in kB. */
const TIME_FORMAT = "%e %U %S %M";

/** GNU time's last line (it prefixes "Command exited with non-zero status N" on failure). */
export function parseTime(text: string): { cpuMs: number; rssKb: number } | undefined {
  const m = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(text.trim().split("\n").pop() ?? "");
  return m ? { cpuMs: Math.round((Number(m[2]) + Number(m[3])) * 1000), rssKb: Number(m[4]) } : undefined;
}

/** Does /usr/bin/time understand -f %M (GNU time; BusyBox and BSD do not all)? */
function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    gnuTime = false;
    if (existsSync(GNU_TIME)) {
      const dir = mkdtempSync(path.join(tmpdir(), "afstem-bench-"));
      try {
        const out = path.join(dir, "t");
        const r = spawnSync(GNU_TIME, ["-f", TIME_FORMAT, "-o", out, process.execPath, "-e", "0"], { stdio: "ignore" }).status;
        gnuTime = r === 0 && parseTime(readFileSync(out, "utf8")) !== undefined;
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

export function cpuMethod(): string {
  if (hasGnuTime()) return "GNU time %U + %S (process, its threads and children)";
  if (existsSync("/proc/self/stat")) return "/proc/<pid>/stat utime + stime, polled every 10 ms (slightly short)";
  return "unavailable";
}

/** Clock ticks per second of /proc/<pid>/stat: 100 on every Linux build that matters. */
const CLK_TCK = 100;

function pollHwm(pid: number | undefined, into: { kb?: number; cpuMs?: number }): NodeJS.Timeout | undefined {
  if (pid === undefined || !existsSync("/proc/self/status")) return undefined;
  const read = () => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) into.kb = Math.max(into.kb ?? 0, Number(m[1]));
      // Fields after the ")" that ends the command name: utime is the 12th, stime, cutime, cstime follow.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      if (Number.isFinite(ticks)) into.cpuMs = (ticks * 1000) / CLK_TCK;
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
  const [cmd, args] = useTime ? [GNU_TIME, ["-f", TIME_FORMAT, "-o", timeFile!, spec.cmd, ...spec.args]] : [spec.cmd, spec.args];
  const t0 = process.hrtime.bigint();
  const child = spawn(cmd, args, { cwd: spec.cwd, env: spec.env, stdio: ["ignore", "pipe", "pipe"] });
  const hwm: { kb?: number; cpuMs?: number } = {};
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
  let cpuMs = hwm.cpuMs;
  if (timeFile) {
    try {
      const t = parseTime(readFileSync(timeFile, "utf8"));
      if (t) ({ rssKb, cpuMs } = t);
    } catch {
      /* no figure */
    }
    rmSync(dir!, { recursive: true, force: true });
  }
  return { ms, ...(cpuMs !== undefined ? { cpuMs } : {}), ...(rssKb !== undefined ? { rssKb } : {}), code, stdout, stderr };
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
