// DOCX → PDF with LibreOffice for the tests that check a document opens in a second reader.
// Starting LibreOffice is most of a conversion's cost (5–15 s), so each test worker starts one
// at first use and keeps it; a conversion with the same profile is handed to that running
// LibreOffice and takes a second or two.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface Conversion {
  status: number | null;
  stderr: string;
}

let office: { profile: string; ready: Promise<boolean> } | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Profiles of workers that are gone: vitest ends its workers without an 'exit' event. */
function sweepProfiles(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = /^afstem-lo-(\d+)-/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** This worker's LibreOffice, started once; resolves false when it did not come up (then each conversion starts its own). */
export function startLibreOffice(): Promise<boolean> {
  if (office) return office.ready;
  sweepProfiles();
  const profile = mkdtempSync(path.join(tmpdir(), `afstem-lo-${process.pid}-`));
  const ready = (async () => {
    const port = await freePort();
    let child: ChildProcess;
    try {
      child = spawn(
        "soffice",
        [
          `-env:UserInstallation=file://${profile}`,
          "--headless",
          "--invisible",
          "--nologo",
          "--norestore",
          "--nodefault",
          `--accept=socket,host=127.0.0.1,port=${port};urp;`,
        ],
        { detached: true, stdio: "ignore" },
      );
    } catch {
      return false;
    }
    child.on("error", () => undefined);
    child.unref();
    // When the worker exits in an orderly way; LibreOffice also ends with the worker when vitest
    // stops it, and the next run sweeps the profile (sweepProfiles).
    process.once("exit", () => {
      try {
        process.kill(-child.pid!, "SIGKILL"); // soffice and its soffice.bin: a process group of their own
      } catch {
        /* already gone */
      }
    });
    const t0 = Date.now();
    while (Date.now() - t0 < 120_000) {
      if (await listening(port)) return true;
      if (child.exitCode !== null) return false;
      await new Promise((r) => setTimeout(r, 250));
    }
    return false;
  })();
  office = { profile, ready };
  return ready;
}

function soffice(profile: string, docxs: string[], outDir: string): Promise<Conversion> {
  return new Promise((resolve) => {
    const child = spawn(
      "soffice",
      [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", outDir, ...docxs],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
}

/** Convert `docxs` into `outDir` (`<name>.pdf` each); status 0 once every PDF is there. */
export async function toPdf(docxs: string[], outDir: string): Promise<Conversion> {
  const shared = await startLibreOffice();
  const profile = shared ? office!.profile : mkdtempSync(path.join(outDir, "lo-profile-"));
  const conv = await soffice(profile, docxs, outDir);
  if (conv.status !== 0) return conv;
  // A conversion handed to the running LibreOffice: wait until each PDF is written in full.
  const pdfs = docxs.map((d) => path.join(outDir, path.basename(d).replace(/\.docx$/, ".pdf")));
  const size = (f: string) => (existsSync(f) ? statSync(f).size : -1);
  const t0 = Date.now();
  for (;;) {
    const before = pdfs.map(size);
    await new Promise((r) => setTimeout(r, 100));
    if (before.every((s, i) => s > 0 && s === size(pdfs[i]!))) return conv;
    if (Date.now() - t0 > 60_000) return { status: 1, stderr: `${conv.stderr}\nno PDF for ${pdfs.filter((f) => size(f) <= 0).join(", ")}` };
  }
}
