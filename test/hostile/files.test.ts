// Issue 13, files you can trust: two real afstem processes writing into one folder at the same
// moment, and symlinks planted at the names afstem writes. Run repeatedly (AFSTEM_REPEAT=20 in
// a shell loop, see the README) to catch races.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT, tempDir } from "../helpers/cli.js";
import { runCliAsync, runInProcessAsync } from "./cases.js";
import { createExclusive, writeFileAtomicSync, writeNewFileSync, numbered, tempPathFor, TEMP_SUFFIX } from "../../src/util/writer.js";

const tmp = tempDir("afstem-files-");
afterAll(() => tmp.cleanup());
const env = { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache") };
const EXAMPLES = path.join(ROOT, "examples");
const EXAMPLE = path.join(EXAMPLES, "2026-09-15-obs-de-regenboog-kernteam.yaml");
let n = 0;
const fresh = (name: string) => {
  const dir = path.join(tmp.dir, `${name}-${n++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
/** Nothing of the writer's temporary files left anywhere below `dir`. */
const litter = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(TEMP_SUFFIX) || f.endsWith(".tmp") || f.endsWith(".spool"));
const SECRET = "geheim: mag nooit overschreven worden\n";

describe("two processes at once", () => {
  it("two `run kernteam --answers` for the same school and date into one --out: two files, both reported", async () => {
    const dir = fresh("run2");
    const out = path.join(dir, "uit");
    const [a, b] = await Promise.all(
      [0, 1].map(() => runCliAsync(["run", "kernteam", "--answers", EXAMPLE, "--out", out], { cwd: dir, env })),
    );
    expect([a!.code, b!.code]).toEqual([0, 0]);
    const saved = [a!, b!].map((r) => /Opgeslagen: (.*)$/m.exec(r.stdout)?.[1]);
    expect(new Set(saved).size).toBe(2);
    const files = readdirSync(out).sort();
    expect(files).toEqual(["2026-09-15-obs-de-regenboog-kernteam-2.yaml", "2026-09-15-obs-de-regenboog-kernteam.yaml"]);
    for (const s of saved) expect(files).toContain(path.basename(s!));
  }, 60_000);

  it("two `report` runs into one --out: the sum of 'written' is the number of files, none overwritten", async () => {
    const dir = fresh("report2");
    // 30 sessions: the examples five times, so names get -2 … -5 within each batch.
    for (let i = 0; i < 5; i++) cpSync(EXAMPLES, path.join(dir, "in", `k${i}`), { recursive: true });
    const out = path.join(dir, "uit");
    const runs = await Promise.all([0, 1].map(() => runCliAsync(["report", "in", "--out", out], { cwd: dir, env, timeout: 120_000 })));
    const written = runs.map((r) => Number(/(\d+) verslag(?:en)? geschreven/.exec(r.stderr)?.[1] ?? (r.code === 0 ? 30 : NaN)));
    const refused = runs.map((r) => Number(/(\d+) niet overschreven/.exec(r.stderr)?.[1] ?? 0));
    const files = readdirSync(out).filter((f) => f.endsWith(".docx"));
    expect(files).toHaveLength(30);
    expect(written[0]! + written[1]!).toBe(files.length);
    expect(refused[0]! + refused[1]!).toBe(30);
    for (const r of runs) expect(r.stderr).not.toMatch(/interne fout|EEXIST|at .*\.js/);
    expect(litter(out)).toEqual([]);
  }, 180_000);

  it("two `rollup` runs into one --out: one set is written, the other refused, never mixed", async () => {
    const dir = fresh("rollup2");
    const out = path.join(dir, "uit");
    const runs = await Promise.all(
      ["long", "wide"].map((layout) => runCliAsync(["rollup", EXAMPLES, "--out", out, "--layout", layout], { cwd: dir, env })),
    );
    expect(runs.map((r) => r.code).sort()).toEqual([0, 1]);
    const files = readdirSync(out).sort();
    const winner = runs.find((r) => r.code === 0)!;
    const layout = winner === runs[0] ? "long" : "wide";
    expect(files).toEqual(
      [`kernteam-${layout}.csv`, "kernteam-buch-codebook.csv", `kernteam-buch-${layout}.csv`, "kernteam-codebook.csv"].sort(),
    );
    expect(runs.find((r) => r.code === 1)!.stderr).toMatch(/niet overschreven/);
    expect(litter(dir)).toEqual([]);
  }, 60_000);
});

describe("planted symlinks are never followed", () => {
  const outside = () => {
    const f = path.join(fresh("buiten"), "doelwit.txt");
    writeFileSync(f, SECRET);
    return f;
  };

  it("the writer: a symlink at the temporary or the final name is never written through", () => {
    const dir = fresh("unit");
    const target = outside();
    const link = path.join(dir, "link");
    symlinkSync(target, link);
    expect(() => createExclusive(link)).toThrow(/EEXIST/);
    // A new name claimed exclusively: a (dangling or not) symlink there counts as taken.
    const dangling = path.join(dir, "weg.yaml");
    symlinkSync(path.join(dir, "bestaat-niet"), dangling);
    expect(() => writeFileAtomicSync(dangling, "x", { exclusive: true })).toThrow(/EEXIST/);
    expect(writeNewFileSync(numbered(link), "nieuw")).toBe(`${link}-2`);
    // Replacing: the symlink itself is replaced, its target untouched.
    writeFileAtomicSync(link, "vervangen");
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
    expect(readFileSync(target, "utf8")).toBe(SECRET);
    expect(existsSync(path.join(dir, "bestaat-niet"))).toBe(false);
    expect(litter(dir)).toEqual([]);
  });

  it("run --answers: a symlink at the session's name is not followed; the session gets -2", async () => {
    const dir = fresh("run-link");
    const out = path.join(dir, "uit");
    mkdirSync(out);
    const target = outside();
    symlinkSync(target, path.join(out, "2026-09-15-obs-de-regenboog-kernteam.yaml"));
    const r = await runInProcessAsync(["run", "kernteam", "--answers", EXAMPLE, "--out", out], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("2026-09-15-obs-de-regenboog-kernteam-2.yaml");
    expect(readFileSync(target, "utf8")).toBe(SECRET);
  }, 30_000);

  it("report: symlinks at the document names (dangling or not) are refused without --force and replaced, not followed, with it", async () => {
    const dir = fresh("report-link");
    const out = path.join(dir, "uit");
    mkdirSync(out);
    const target = outside();
    symlinkSync(target, path.join(out, "2026-09-15-obs-de-regenboog-kernteam.docx"));
    symlinkSync(path.join(path.dirname(target), "nieuw.docx"), path.join(out, "2026-09-22-cbs-de-wegwijzer-kernteam.docx"));
    // Names the old writers used for their temporary files.
    for (const f of readdirSync(EXAMPLES)) {
      const docx = f.replace(/\.yaml$/, ".docx");
      for (const t of [`${docx}.tmp`, `.${docx}.tmp`, `.${docx}.1.0.tmp`]) symlinkSync(target, path.join(out, t));
    }
    const r = await runInProcessAsync(["report", EXAMPLES, "--out", out], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("2 niet overschreven");
    expect(readFileSync(target, "utf8")).toBe(SECRET);
    expect(existsSync(path.join(path.dirname(target), "nieuw.docx"))).toBe(false);
    const forced = await runInProcessAsync(["report", EXAMPLES, "--out", out, "--force"], { cwd: dir, env });
    expect(forced.code).toBe(0);
    expect(readFileSync(target, "utf8")).toBe(SECRET);
    expect(existsSync(path.join(path.dirname(target), "nieuw.docx"))).toBe(false);
    expect(lstatSync(path.join(out, "2026-09-15-obs-de-regenboog-kernteam.docx")).isFile()).toBe(true);
  }, 60_000);

  it("rollup: a symlink at kernteam-long.csv (and at old temporary names) is never written through", async () => {
    const dir = fresh("rollup-link");
    const out = path.join(dir, "uit");
    mkdirSync(out);
    const target = outside();
    symlinkSync(target, path.join(out, "kernteam-long.csv"));
    for (const t of ["kernteam-long.csv.tmp", "kernteam-wide.csv.spool", ".kernteam-long.csv.tmp"]) symlinkSync(target, path.join(out, t));
    const r = await runInProcessAsync(["rollup", EXAMPLES, "--out", out], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bevat al rollup-bestanden");
    expect(readFileSync(target, "utf8")).toBe(SECRET);
    const forced = await runInProcessAsync(["rollup", EXAMPLES, "--out", out, "--force"], { cwd: dir, env });
    expect(forced.code).toBe(0);
    expect(readFileSync(target, "utf8")).toBe(SECRET);
    expect(lstatSync(path.join(out, "kernteam-long.csv")).isFile()).toBe(true);
    expect(readFileSync(path.join(out, "kernteam-long.csv"), "utf8")).toMatch(/^session_id,/);
  }, 60_000);
});

describe("rollup output is one set", () => {
  it("refuses an --out with earlier rollup files (exit 1, nothing changed); --force replaces the set, no stale file left", async () => {
    const dir = fresh("set");
    const out = path.join(dir, "uit");
    const first = await runInProcessAsync(["rollup", EXAMPLES, "--out", out], { cwd: dir, env });
    expect(first.code).toBe(0);
    const before = readdirSync(out).sort();
    expect(before).toHaveLength(10);
    writeFileSync(path.join(out, "notities.txt"), "van de gebruiker\n");
    const long = readFileSync(path.join(out, "kernteam-long.csv"), "utf8");
    const again = await runInProcessAsync(["rollup", EXAMPLES, "--out", out, "--layout", "long"], { cwd: dir, env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("afstem: ");
    expect(again.stderr).toContain("bevat al rollup-bestanden");
    expect(again.stderr).toContain("--force");
    expect(readdirSync(out).sort()).toEqual([...before, "notities.txt"].sort());
    const forced = await runInProcessAsync(["rollup", EXAMPLES, "--out", out, "--layout", "long", "--force"], { cwd: dir, env });
    expect(forced.code).toBe(0);
    // Only this run's files (and the user's own file): no wide/summary/actions of the first run.
    expect(readdirSync(out).sort()).toEqual([
      "kernteam-buch-codebook.csv",
      "kernteam-buch-long.csv",
      "kernteam-codebook.csv",
      "kernteam-long.csv",
      "notities.txt",
    ]);
    expect(readFileSync(path.join(out, "kernteam-long.csv"), "utf8")).toBe(long);
    expect(readdirSync(dir).filter((f) => f !== "uit")).toEqual([]);
  }, 60_000);

  it("--force replaces a set with workbooks and the followup layout too, and keeps a workbook of one's own", async () => {
    const dir = fresh("xlsx");
    const out = path.join(dir, "uit");
    const args = ["rollup", EXAMPLES, "--out", out, "--xlsx", "--layout", "long,followup"];
    expect((await runInProcessAsync(args, { cwd: dir, env })).code).toBe(0);
    expect(readdirSync(out)).toContain("kernteam.xlsx");
    writeFileSync(path.join(out, "mijn-overzicht.xlsx"), "van de gebruiker\n");
    const again = await runInProcessAsync([...args, "--force"], { cwd: dir, env });
    expect(again.code, again.stderr).toBe(0);
    // Without --xlsx and followup now: the earlier workbooks and followup files go, the user's stays.
    const plain = await runInProcessAsync(["rollup", EXAMPLES, "--out", out, "--layout", "long", "--force"], { cwd: dir, env });
    expect(plain.code, plain.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "kernteam-buch-codebook.csv",
      "kernteam-buch-long.csv",
      "kernteam-codebook.csv",
      "kernteam-long.csv",
      "mijn-overzicht.xlsx",
    ]);
    const split = path.join(dir, "split");
    const splitArgs = ["rollup", EXAMPLES, "--out", split, "--split", "--by", "regio", "--xlsx"];
    expect((await runInProcessAsync(splitArgs, { cwd: dir, env })).code).toBe(0);
    const r = await runInProcessAsync(["rollup", EXAMPLES, "--out", split, "--layout", "long", "--force"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(split).some((f) => f.startsWith("regio-"))).toBe(false);
  }, 60_000);

  it("--split with --force replaces the folders as a set", async () => {
    const dir = fresh("split");
    const out = path.join(dir, "uit");
    expect((await runInProcessAsync(["rollup", EXAMPLES, "--out", out, "--split", "--by", "gemeente"], { cwd: dir, env })).code).toBe(0);
    const folders = readdirSync(out).sort();
    expect(folders.every((f) => f.startsWith("gemeente-"))).toBe(true);
    const r = await runInProcessAsync(["rollup", EXAMPLES, "--out", out, "--split", "--by", "regio", "--force"], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(readdirSync(out).every((f) => f.startsWith("regio-"))).toBe(true);
  }, 60_000);
});

describe("--out stays the user's folder (never replaced by another)", () => {
  const isRoot = process.getuid?.() === 0;
  const rollupFiles = (out: string) => readdirSync(out).filter((f) => f.endsWith(".csv"));

  it("an empty private folder (700, setgid, group daemon) keeps its inode, mode and group; --force on a rollup-only folder too", async () => {
    const dir = fresh("keep");
    const out = path.join(dir, "prive");
    mkdirSync(out);
    chmodSync(out, 0o2700);
    if (isRoot) chownSync(out, 0, 1);
    const before = statSync(out);
    const r = await runInProcessAsync(["rollup", EXAMPLES, "--out", out], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const after = statSync(out);
    expect([after.ino, after.mode, after.gid]).toEqual([before.ino, before.mode, before.gid]);
    // Files are made as any tool makes them: in the folder's group, 644 minus the umask.
    const csv = statSync(path.join(out, "kernteam-wide.csv"));
    expect([csv.gid, csv.mode & 0o777]).toEqual([before.gid, 0o644 & ~process.umask()]);
    expect(rollupFiles(out)).toHaveLength(10);
    const forced = await runInProcessAsync(["rollup", EXAMPLES, "--out", out, "--layout", "long", "--force"], { cwd: dir, env });
    expect(forced.code, forced.stderr).toBe(0);
    const again = statSync(out);
    expect([again.ino, again.mode, again.gid]).toEqual([before.ino, before.mode, before.gid]);
    expect(readdirSync(out).sort()).toEqual([
      "kernteam-buch-codebook.csv",
      "kernteam-buch-long.csv",
      "kernteam-codebook.csv",
      "kernteam-long.csv",
    ]);
    expect(litter(dir)).toEqual([]);
  }, 60_000);

  // Root writes into a 555 folder anyway: the CLI runs as `nobody` (skipped where that is impossible).
  it.skipIf(!isRoot)(
    "a read-only folder (555, run as nobody): one message, exit 2, nothing written, the folder as it was",
    () => {
      const dir = fresh("ro");
      for (const d of [tmp.dir, dir]) chmodSync(d, 0o755);
      const out = path.join(dir, "alleen-lezen");
      mkdirSync(out);
      chownSync(out, 65534, 65534);
      chmodSync(out, 0o555);
      const cache = path.join(dir, "cache");
      mkdirSync(cache);
      chownSync(cache, 65534, 65534);
      const r = spawnSync(process.execPath, [BIN, "rollup", EXAMPLES, "--out", out], {
        cwd: dir,
        uid: 65534,
        gid: 65534,
        encoding: "utf8",
        env: { PATH: process.env.PATH, NO_COLOR: "1", AFSTEM_CACHE_DIR: cache },
      });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(
        /^afstem: kan de rollup niet schrijven: u mag in deze map niet schrijven \(EACCES\); er is niets geschreven in /,
      );
      expect(r.stderr).toContain("Geef met --out een map op waarin u mag schrijven.");
      expect(r.stderr.trim().split("\n")).toHaveLength(2);
      expect(readdirSync(out)).toEqual([]);
      expect(statSync(out).mode & 0o7777).toBe(0o555);
    },
    60_000,
  );

  it("the root of a mounted volume (a USB stick): the set is written into it (skipped where mounting is impossible)", async () => {
    const dir = fresh("usb");
    const usb = path.join(dir, "usb");
    mkdirSync(usb);
    if (spawnSync("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", usb]).status !== 0) return;
    try {
      const r = await runInProcessAsync(["rollup", EXAMPLES, "--out", usb], { cwd: dir, env });
      expect(r.code, r.stderr).toBe(0);
      expect(rollupFiles(usb)).toHaveLength(10);
      expect(readdirSync(usb).filter((f) => f.startsWith("."))).toEqual([]);
    } finally {
      // Lazily: a directory fsync of the writer may still hold the mount for a moment.
      spawnSync("umount", ["-l", usb]);
    }
  }, 60_000);

  it("--split: a symlink planted at a group folder is refused without --force (nothing outside --out) and replaced with it", async () => {
    const dir = fresh("split-link");
    const out = path.join(dir, "out");
    const elsewhere = path.join(dir, "elders");
    mkdirSync(out);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, path.join(out, "regio-ijmond"));
    const args = ["rollup", EXAMPLES, "--out", out, "--by", "regio", "--split"];
    const r = await runInProcessAsync(args, { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("out/regio-ijmond is een symbolische koppeling; afstem schrijft er niet doorheen");
    expect(r.stderr).not.toContain("door een ander proces");
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(out)).toEqual(["regio-ijmond"]);
    const forced = await runInProcessAsync([...args, "--force"], { cwd: dir, env });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(lstatSync(path.join(out, "regio-ijmond")).isDirectory()).toBe(true);
    expect(rollupFiles(path.join(out, "regio-ijmond")).length).toBeGreaterThan(0);
  }, 60_000);

  it("a rollup killed before placing left its staged set hidden in --out: the next rollup removes it, also when it refuses", async () => {
    const dir = fresh("staged");
    const out = path.join(dir, "uit");
    expect((await runInProcessAsync(["rollup", EXAMPLES, "--out", out], { cwd: dir, env })).code).toBe(0);
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const staged = tempPathFor(path.join(out, "rollup")).replace(`.${process.pid}@`, `.${dead}@`);
    mkdirSync(staged);
    writeFileSync(path.join(staged, "kernteam-long.csv"), "een tweede set\n");
    const r = await runInProcessAsync(["rollup", EXAMPLES, "--out", out], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bevat al rollup-bestanden");
    expect(existsSync(staged)).toBe(false);
  }, 60_000);

  it("--force replaces the earlier set and leaves the user's own look-alikes: a kept copy in vorig-jaar/ and 2025/, regiegroep-summary.csv", async () => {
    const dir = fresh("lookalike");
    const out = path.join(dir, "uit");
    expect((await runInProcessAsync(["rollup", EXAMPLES, "--out", out, "--layout", "long,summary"], { cwd: dir, env })).code).toBe(0);
    const set = rollupFiles(out);
    for (const keep of ["vorig-jaar", "2025"]) {
      mkdirSync(path.join(out, keep));
      for (const f of set) cpSync(path.join(out, f), path.join(out, keep, f));
    }
    writeFileSync(path.join(out, "regiegroep-summary.csv"), "mijn eigen samenvatting\n");
    // A split set of an earlier run is afstem's: replaced.
    expect(
      (await runInProcessAsync(["rollup", EXAMPLES, "--out", out, "--by", "regio", "--split", "--force"], { cwd: dir, env })).code,
    ).toBe(0);
    expect(existsSync(path.join(out, "regio-ijmond"))).toBe(true);
    const r = await runInProcessAsync(["rollup", EXAMPLES, "--out", out, "--layout", "long,summary", "--force"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(out, "regiegroep-summary.csv"), "utf8")).toBe("mijn eigen samenvatting\n");
    for (const keep of ["vorig-jaar", "2025"]) expect(readdirSync(path.join(out, keep)).sort()).toEqual([...set].sort());
    expect(existsSync(path.join(out, "regio-ijmond"))).toBe(false);
  }, 60_000);

  it("a bad --from is refused before --out is made", async () => {
    const dir = fresh("period");
    const r = await runInProcessAsync(["rollup", EXAMPLES, "--out", "nieuw", "--from", "2026-02-30"], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(existsSync(path.join(dir, "nieuw"))).toBe(false);
  }, 60_000);

  it("a rollup killed while placing its set: the next rollup into that folder completes it first", async () => {
    const dir = fresh("half");
    const full = path.join(dir, "heel");
    expect((await runInProcessAsync(["rollup", EXAMPLES, "--out", full], { cwd: dir, env })).code).toBe(0);
    const files = rollupFiles(full).sort();
    // What a kill between two link() calls leaves: half the set placed, the journal, the staged set.
    const out = path.join(dir, "uit");
    const set = path.join(out, ".afstem-rollup.set");
    mkdirSync(set, { recursive: true });
    writeFileSync(path.join(out, "notities.txt"), "van de gebruiker\n");
    for (const f of files) cpSync(path.join(full, f), path.join(set, f));
    for (const f of files.slice(0, 4)) linkSync(path.join(set, f), path.join(out, f));
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const journal = { host: hostname(), pid: dead, started: new Date().toISOString(), force: false, dirs: [], files, remove: [] };
    writeFileSync(path.join(out, ".afstem-rollup.journal"), JSON.stringify(journal));
    const r = await runInProcessAsync(["rollup", EXAMPLES, "--out", out], { cwd: dir, env });
    // The earlier set is whole again, so this run refuses to overwrite it without --force.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bevat al rollup-bestanden");
    expect(readdirSync(out).sort()).toEqual([...files, "notities.txt"].sort());
    for (const f of files) expect(readFileSync(path.join(out, f), "utf8")).toBe(readFileSync(path.join(full, f), "utf8"));
  }, 60_000);
});
