// The clock through a whole conversation with a scripted UI and an injected clock: time in the
// overview is counted, and the over-time warnings come while the clock passes the limit, once.
import { beforeAll, describe, expect, it } from "vitest";
import { startState } from "../../src/conversation/start.js";
import type { Format } from "../../src/format/types.js";
import {
  loadFixture,
  MINI15,
  MINI15_START as START,
  script as run,
  T0,
  type Fixture,
  type Line,
  type ScriptOptions,
} from "../helpers/scripted.js";

let fx: Fixture;
let format: Format;
beforeAll(async () => ((fx = await loadFixture(MINI15)), (format = fx.format))); // 10 min; sections of 5

/** The clock moves only by `wait`. */
const script = (lines: Line[], opts: ScriptOptions = {}) => run(fx, lines, { tick: 0, ...opts });

describe("the overview is on the clock", () => {
  it("line UI: the overview shows the header; the time spent there goes to timing.review and the total", async () => {
    const r = await script([...START, { wait: 60_000 }, ":overzicht", { wait: 20_000 }, "actiepunten", "", { wait: 40_000 }, ":stop"]);
    expect(r.out).toMatch(/== Overzicht ==[\s\S]*\nOverzicht · totaal 01:00\/10:00\n\? Overzicht — wat nu\?/);
    expect(r.state.session.timing.review).toBe(60);
    expect(r.state.session.timing.een).toBe(60);
  });
});

const SECTION_OVER = "⚠ Deze sectie loopt 1 min over de geplande tijd.";
const TOTAL_OVER = "⚠ Het gesprek loopt 1 min over de geplande 10 minuten.";
const count = (text: string, part: string) => text.split(part).length - 1;
/** Section `een` 6 of 5 minutes, crossed while the first party's score is open; then on to `verhaal`. */
const OVER_IN_SECTION: Line[] = [...START, { wait: 6 * 60_000 }, "4", "3", "4", "", "", "Een verhaal", ""];

describe("over-time warnings: while the clock passes the limit, once", () => {
  it("line UI: the section warning comes at the next prompt, not only at the next question, and once", async () => {
    const r = await script([...OVER_IN_SECTION, ":stop"]);
    expect(r.out).toContain(`${SECTION_OVER}\n? Hoe tevreden? — CJG`);
    expect(count(r.out, "⚠ Deze sectie")).toBe(1);
  });

  it("line UI: the conversation's warning once, also in the overview", async () => {
    const r = await script([...OVER_IN_SECTION, ":overzicht", { wait: 5 * 60_000 }, "actiepunten", "", ":stop"]);
    expect(count(r.out, TOTAL_OVER)).toBe(1);
    expect(r.out.indexOf(TOTAL_OVER)).toBeGreaterThan(r.out.indexOf("Overzicht · totaal 06:00/10:00"));
  });

  it("terminal: the live line shows the warning as the clock passes the limit; it stays once in the transcript", async () => {
    const r = await script(
      [
        ...START,
        { peek: true },
        { wait: 6 * 60_000 },
        { peek: true },
        "4",
        { peek: true },
        "3",
        "4",
        ":overzicht",
        { wait: 5 * 60_000 },
        { peek: true },
        ":stop",
      ],
      { live: true },
    );
    const [before, crossed, next, review] = r.peeks;
    expect(before).toBe("Sectie 1/2 · Eerste deel · vraag 1/5 · sectie 00:00/05:00 · totaal 00:00/10:00");
    expect(crossed).toBe(`Sectie 1/2 · Eerste deel · vraag 1/5 · sectie 06:00/05:00 · totaal 06:00/10:00 · ⚠ over tijd\n${SECTION_OVER}`);
    // Next prompt: the warning is in the transcript above it, the live line keeps only the mark.
    expect(next).toMatch(/· ⚠ over tijd$/);
    expect(r.out).toContain(`${SECTION_OVER}\n? Hoe tevreden? — CJG`);
    expect(count(r.out, SECTION_OVER)).toBe(1);
    expect(review).toBe(`Overzicht · totaal 11:00/10:00 · ⚠ over tijd\n${TOTAL_OVER}`);
  });

  it("after a resume: what was over when the file was opened is not warned about again; what runs over later is", async () => {
    const first = await script([...START, { wait: 6 * 60_000 }, "4", "3", "4", ":stop"]);
    const resumed = startState(format, structuredClone(first.state.session), T0 + 86_400_000, true);
    const again = await script(["", ":stop"], { start: resumed });
    expect(again.out).toContain("vraag 3/5 · sectie 06:00/05:00 · totaal 06:00/10:00");
    expect(again.out).not.toContain("⚠");
    const later = await script([{ wait: 5 * 60_000 }, "", ":stop"], { start: resumed });
    expect(count(later.out, TOTAL_OVER)).toBe(1);
    expect(later.out).not.toContain("⚠ Deze sectie");
  });
});
