// The one file writer (src/util/writer.ts): what it keeps of the file it replaces.
import { chmodSync, chownSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { TempFile, writeFileAtomicSync } from "../../src/util/writer.js";

const tmp = tempDir("afstem-writer-");
afterAll(() => tmp.cleanup());
const isRoot = process.getuid?.() === 0;

describe("atomic replace keeps the replaced file's permissions", () => {
  it("a private 600 file stays 600; a 640 file 640; a new file gets 644 minus the umask", () => {
    const f = path.join(tmp.dir, "s.yaml");
    writeFileSync(f, "een\n");
    chmodSync(f, 0o600);
    writeFileAtomicSync(f, "twee\n");
    expect(readFileSync(f, "utf8")).toBe("twee\n");
    expect(statSync(f).mode & 0o7777).toBe(0o600);
    chmodSync(f, 0o640);
    const t = new TempFile(f);
    t.write("drie\n");
    t.commit({ durable: false });
    expect(statSync(f).mode & 0o7777).toBe(0o640);
    // Also a file closed for reading first (the spool's way), then moved into place.
    chmodSync(f, 0o604);
    const r = new TempFile(f, 0o600);
    r.write("vier\n");
    r.closeForReading();
    r.commit();
    expect(statSync(f).mode & 0o7777).toBe(0o604);
    const fresh = path.join(tmp.dir, "nieuw.yaml");
    writeFileAtomicSync(fresh, "x", { exclusive: true });
    const umask = process.umask();
    expect(statSync(fresh).mode & 0o7777).toBe(0o644 & ~umask);
  });

  // Only root may give a file away; another user keeps what it may (the group, if it is one of its).
  it.skipIf(!isRoot)("the owner and group stay (chgrp daemon, chown 65534): root does not take the file over", () => {
    const f = path.join(tmp.dir, "gedeeld.yaml");
    writeFileSync(f, "een\n");
    chownSync(f, 65534, 1);
    chmodSync(f, 0o660);
    writeFileAtomicSync(f, "twee\n");
    const st = statSync(f);
    expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([65534, 1, 0o660]);
  });
});
