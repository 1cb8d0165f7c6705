// A file of the other kind (a session given to lint or formats show, a format given to validate)
// is one finding at line 1 that says what it is and which command checks it, not dozens of
// unknown and missing keys.
import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runInProcess, tempDir } from "../helpers/cli.js";

const tmp = tempDir("afstem-kind-");
afterAll(() => tmp.cleanup());
const env = { AFSTEM_CACHE_DIR: path.join(tmp.dir, "cache") };
const cli = async (args: string[]) => {
  const r = await runInProcess(args, { cwd: tmp.dir, env });
  expect(r.stderr).not.toMatch(/^\s+at /m);
  return r;
};

beforeAll(() => {
  copyFileSync(path.join(ROOT, "examples", "2026-09-15-obs-de-regenboog-kernteam.yaml"), path.join(tmp.dir, "gesprek.yaml"));
  copyFileSync(path.join(ROOT, "formats", "routekaart.yaml"), path.join(tmp.dir, "routekaart.yaml"));
});

describe("a file of the other kind", () => {
  it("lint of a session file: one finding at 1:1 that points to validate, exit 1", async () => {
    const r = await cli(["lint", "gesprek.yaml"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "gesprek.yaml:1:1  error  dit is een gespreksbestand (afstem en format of answers), geen format; controleer het met afstem validate gesprek.yaml  (format-kind)\n",
    );
    const json = JSON.parse((await cli(["lint", "gesprek.yaml", "--json"])).stdout) as { errors: number; findings: { rule: string }[] };
    expect(json.errors).toBe(1);
    expect(json.findings.map((f) => f.rule)).toEqual(["format-kind"]);
  });

  it("validate of a format file: one finding at 1:1 that points to lint, exit 1", async () => {
    const r = await cli(["validate", "routekaart.yaml"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "routekaart.yaml:1:1  error  dit is een formatbestand (id, version en sections), geen gespreksbestand; controleer het met afstem lint routekaart.yaml  (session-kind)\n",
    );
  });

  it("formats show of a session file: that one message, exit 2, no hint to lint it", async () => {
    const r = await cli(["formats", "show", "gesprek.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "afstem: gesprek.yaml:1:1: dit is een gespreksbestand (afstem en format of answers), geen format; controleer het met afstem validate gesprek.yaml\n",
    );
  });

  it("run --resume / --answers of a format file: validate's one message, not every session key it lacks", async () => {
    const message =
      "routekaart.yaml:1:1: dit is een formatbestand (id, version en sections), geen gespreksbestand; controleer het met afstem lint routekaart.yaml";
    for (const args of [
      ["run", "--resume", "routekaart.yaml"],
      ["run", "routekaart", "--resume", "routekaart.yaml"],
    ]) {
      const r = await runInProcess(args, { cwd: tmp.dir, env: { ...env, AFSTEM_UI: "lines" } });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toBe(`afstem: ${message}\n`);
    }
    for (const args of [
      ["run", "--answers", "routekaart.yaml"],
      ["run", "routekaart", "--answers", "routekaart.yaml"],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr, args.join(" ")).toBe(
        `${message.replace(":1:1:", ":1:1  error ")}  (session-kind)\n1 probleem/problemen in routekaart.yaml; er is niets geschreven.\n`,
      );
    }
  });

  it("speaks English with --lang en", async () => {
    const lint = await cli(["--lang", "en", "lint", "gesprek.yaml"]);
    expect(lint.stdout).toContain(
      "gesprek.yaml:1:1  error  this is a session file (afstem and format or answers), not a format; check it with afstem validate gesprek.yaml  (format-kind)",
    );
    const validate = await cli(["--lang", "en", "validate", "routekaart.yaml"]);
    expect(validate.stdout).toContain(
      "routekaart.yaml:1:1  error  this is a format file (id, version and sections), not a session file; check it with afstem lint routekaart.yaml  (session-kind)",
    );
  });
});
