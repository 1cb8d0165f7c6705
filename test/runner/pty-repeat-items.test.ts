// The list of a repeat's items to change, in a terminal: an item that breaks the format's rules
// is marked ✗ with what is wrong, as in the overview and above the list's menu (it looked like
// every other item). Skipped cleanly where node-pty cannot spawn.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { tempDir } from "../helpers/cli.js";
import { loadPty, spawnCli, MINI, writeMiniDraft } from "../helpers/pty.js";

const pty = await loadPty();
const DOWN = "\x1b[B";
const ENTER = "\r";

describe.skipIf(!pty)("a broken repeat item in the list of items to change, in a terminal", () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir("afstem-ptyitems-")));
  afterAll(() => cleanup());

  it("is marked ✗ with what is wrong (--lang en)", async () => {
    const file = path.join(dir, "2026-09-15-de-regenboog-mini.yaml");
    // Opened at "Vertel eens.", the question before the knelpunten, whose second item has a
    // code that is no option.
    writeMiniDraft(file, {
      answers: {
        punten: [
          { wat: "een", ernst: "laag" },
          { wat: "twee", ernst: "paars" },
        ],
      },
    });
    const run = spawnCli(pty!, ["run", MINI, "--resume", file, "--lang", "en"]);
    const story = await run.waitFor("Vertel eens.", { timeout: 45_000 });
    await new Promise((r) => setTimeout(r, 80));
    run.write(`Een heel lang verhaal.${ENTER}`);
    await run.waitFor("…", { from: story, timeout: 45_000 });
    await new Promise((r) => setTimeout(r, 80));
    run.write(ENTER);
    const menu = await run.waitFor("2 item(s). What now?", { from: story, timeout: 45_000 });
    await new Promise((r) => setTimeout(r, 80));
    // keep and continue, add an item, change an item…
    run.write(`${DOWN}${DOWN}`);
    await run.waitFor("change an item…", { from: menu, timeout: 45_000 });
    run.write(ENTER);
    const list = await run.waitFor("Which item to change?", { from: menu, timeout: 45_000 });
    await run.waitFor("← back", { from: list, timeout: 45_000 });
    const shown = run.text().slice(list);
    expect(shown).toContain("✓ 1. een · Laag");
    expect(shown).toContain("✗ 2. twee · paars  ! 'paars' is not an option; choose from: laag, hoog");
    run.write("\x03");
    expect(await run.exited).toBe(130);
  }, 120_000);
});
