// Whether a process of this computer still runs: what a lock, a temporary file or a rollup's
// journal left by it is worth. One check for the three of them.

/** Does process `pid` exist here? EPERM: it does, but belongs to someone else. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
