// Typed commands in a terminal at prompts that are not a question's own: the overview
// ("Overzicht — wat nu?") took none before — Enter refused ":stop" although the hint says a
// command works. Skipped cleanly where node-pty cannot spawn.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { tempDir } from "../helpers/cli.js";
import { loadPty, spawnCli, MINI, typist, writeMiniDraft } from "../helpers/pty.js";

const pty = await loadPty();
const ENTER = "\r";

describe.skipIf(!pty)("commands typed at the overview, in a terminal", () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir("afstem-ptycmd-")));
  afterAll(() => cleanup());

  it(":sectie 2 at 'Overzicht — wat nu?' jumps; :stop at a question then saves and exits 0", async () => {
    const file = path.join(dir, "2026-09-15-de-regenboog-mini.yaml");
    // Nothing open: --resume opens the overview.
    writeMiniDraft(file, {
      answers: { samen: false, verhaal: "Een heel lang verhaal." },
      skipped: ["cijfer", "punten", "kleuren", "aantal", "wanneer", "lijst"],
    });
    const run = spawnCli(pty!, ["run", MINI, "--resume", file]);
    const type = typist(run, { perKey: true });
    await type("Overzicht — wat nu?", `:sectie 2${ENTER}`);
    await type("Vertel eens.", `:stop${ENTER}`);
    expect(await run.exited).toBe(0);
    expect(run.text()).not.toContain("> Getypte tekst wordt hier niet gebruikt"); // refused on Enter
    expect(parse(readFileSync(file, "utf8")).position).toBe("verhaal");
  }, 120_000);

  it("an option's number typed at a choice: the hint says which option Enter picks, and Enter picks it", async () => {
    const file = path.join(dir, "2026-09-15-de-regenboog-mini-2.yaml");
    writeMiniDraft(file, {
      answers: {},
    });
    const run = spawnCli(pty!, ["run", MINI, "--resume", file]);
    const type = typist(run, { perKey: true });
    // The cursor is on "ja"; "2" names "nee".
    await type("Werken jullie samen?", "2");
    await run.waitFor("Enter kiest: nee", { timeout: 45_000 });
    expect(run.text()).not.toContain("Getypte tekst wordt hier niet gebruikt");
    run.write(ENTER);
    await type("Welk cijfer?", "x");
    await run.waitFor("Getypte tekst wordt hier niet gebruikt", { timeout: 45_000 }); // text that picks nothing
    run.write(`\x7f:stop${ENTER}`);
    expect(await run.exited).toBe(0);
    expect(parse(readFileSync(file, "utf8")).answers.samen).toBe(false);
  }, 120_000);
});
