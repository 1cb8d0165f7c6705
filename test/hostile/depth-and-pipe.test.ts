// Two ways a hostile try left things behind: a session nested 700 levels deep passed validate but
// could not be saved back (run --resume: "Maximum call stack size exceeded", then taking ':stop'
// as a place to save), and a run whose stdout was closed (`| head -1`) exited at once, leaving
// its lock beside the session.
import { afterAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BIN, ROOT, runCli, tempDir } from "../helpers/cli.js";
import { REGENBOOG } from "../helpers/documents.js";

const tmp = tempDir("afstem-depth-pipe-");
afterAll(() => tmp.cleanup());

const draft = () => readFileSync(REGENBOOG, "utf8").replace("status: final", "status: draft");

describe("nesting deeper than any session or format", () => {
  const file = path.join(tmp.dir, "diep.yaml");
  writeFileSync(file, draft().replace("notes:", `aside:\n  x: ${"{a: ".repeat(700)}1${"}".repeat(700)}\nnotes:`));

  it("validate refuses it with one located line (exit 1)", () => {
    const r = runCli(["validate", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/diep\.yaml:\d+:\d+ +error +YAML-fout: het bestand is hier te diep genest \(meer dan 200 niveaus/);
    expect(r.stdout + r.stderr).not.toContain("call stack");
  });

  it("run --resume says it cannot be continued and why, and asks nothing", () => {
    const r = runCli(["run", "--resume", file], { input: ":stop\n", env: { AFSTEM_UI: "lines" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("diep.yaml kan niet worden voortgezet");
    expect(r.stderr).not.toContain("noemt geen format");
    expect(r.stdout).not.toContain("Waar zal afstem");
  });
});

describe("a run whose standard output is closed", () => {
  it("leaves no lock beside the session", async () => {
    const file = path.join(tmp.dir, "pijp.yaml");
    writeFileSync(file, draft());
    const env = { ...process.env, AFSTEM_UI: "lines", NO_COLOR: "1" };
    const child = spawn(process.execPath, [BIN, "run", "--resume", file], { cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
    // `| head -1`: the reader takes the first chunk and goes away.
    child.stdout.once("data", () => child.stdout.destroy());
    child.stdin.end(":stop\n");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).not.toBeNull();
    expect(existsSync(`${file}.lock`)).toBe(false);
  }, 30_000);
});
