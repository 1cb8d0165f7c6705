// The pure report and summary models, and the batch's naming and progress rules.
import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { FormatRegistry, formatDirs } from "../../src/format/registry.js";
import { loadSessions } from "../../src/store/batch.js";
import { buildReport } from "../../src/report/build-report.js";
import { buildSummary, type SummaryInput } from "../../src/report/build-summary.js";
import { Targets } from "../../src/report/batch/targets.js";
import { Progress } from "../../src/report/progress.js";
import { clean } from "../../src/report/docx/parts.js";
import { REGENBOOG, VUURTOREN } from "../helpers/documents.js";
import { release } from "../../src/privacy/gate.js";
import type { Format } from "../../src/format/types.js";
import type { Session } from "../../src/session/types.js";

async function load(...files: string[]): Promise<{ format: Format; session: Session }[]> {
  const registry = await FormatRegistry.load(formatDirs());
  const out: { format: Format; session: Session }[] = [];
  for await (const r of loadSessions(files, registry)) {
    if (!r.ok) throw new Error(JSON.stringify(r.findings));
    out.push({ format: r.format, session: r.session });
  }
  return out;
}

/** The summary reads sessions only as the privacy gate released them. */
const released = (inputs: { format: Format; session: Session }[]): SummaryInput[] =>
  inputs.map(({ format, session }) => ({ format, session: release(session, format, "region") }));

describe("buildReport", () => {
  it("numbers visible questions per section and leaves hidden ones out", async () => {
    const { format, session } = (await load(REGENBOOG))[0]!;
    const m = buildReport(format!, session!, "nl");
    const ids = m.sections.flatMap((s) => s.items.map((i) => i.id));
    expect(ids).not.toContain("oorzaak_ontevredenheid"); // score 4: condition false
    expect(ids).not.toContain("overleg_gewenst"); // vast_overleg true
    expect(ids).toContain("overleg_frequentie");
    expect(m.sections[1]!.items.map((i) => i.number)).toEqual(["2.1", "2.2", "2.3"]);
    expect(m.actions[1]!.question).toBe("2.1 Wat kan er beter in de samenwerking?");
    expect(m.facts).toContainEqual(["Gemeente", "Beverwijk"]);
    expect(m.draft).toBe(false);
  });

  it("fills an action's organisation from its owner, also when the owner is typed differently", async () => {
    const { format, session } = (await load(REGENBOOG))[0]!;
    session.actions = [
      { what: "Eigen organisatie", who: "Anouk de Vries", organisation: "Gemeente Velsen" },
      { what: "Van de deelnemer", who: "anouk de vries " },
      { what: "Van de rol", who: "Sanne Bakker" },
      { what: "Niemand van hier", who: "Iemand Anders" },
    ];
    session.participants.find((p) => p.name === "Sanne Bakker")!.organisation = undefined;
    const m = buildReport(format, session, "nl");
    expect(m.actions.map((a) => a.organisation)).toEqual(["Gemeente Velsen", "CJG", "GGD", ""]);
  });

  it("says when the meeting began only if the file was started on the day of the meeting; the end agrees with the minutes", async () => {
    const { format, session } = (await load(REGENBOOG))[0]!;
    const timeOf = (s: Session) => buildReport(format, s, "nl").facts.find(([k]) => k === "Tijd en duur")?.[1];
    session.started = "2026-09-15T07:00:00Z"; // 09:00 in Beverwijk
    session.timing = { a: 600, b: 390 }; // 16.5 minutes: 17 when rounded
    expect(timeOf(session)).toBe("09:00 – 09:17 (17 minuten)");
    // Typed in from paper notes weeks later (run --answers): the import time is no meeting time.
    session.started = "2026-10-03T13:35:00Z";
    expect(timeOf(session)).toBe("17 minuten");
    // Time in the overview (`review`) counts towards the duration like any section.
    session.timing = { a: 600, b: 390, review: 240 };
    expect(timeOf(session)).toBe("21 minuten");
    session.timing = {};
    expect(timeOf(session)).toBeUndefined();
  });

  it("a conversation held in parts gets no made-up end time: its start, its days or parts, and the minutes in all", async () => {
    const { format, session } = (await load(REGENBOOG))[0]!;
    const timeOf = (s: Session) => buildReport(format, s, "nl").facts.find(([k]) => k === "Tijd en duur")?.[1];
    session.started = "2026-09-15T11:15:00Z"; // 13:15 in Beverwijk
    session.timing = { a: 3600, b: 2100 }; // 95 minutes
    // Resumed two days later (the Wegwijzer example): "13:15 – 14:50" was made up.
    session.history = [
      { event: "start", at: "2026-09-15T13:15:00+02:00" },
      { event: "resume", at: "2026-09-17T15:55:00+02:00" },
    ] as Session["history"];
    expect(timeOf(session)).toBe("vanaf 13:15, op 15 september 2026 en 17 september 2026 (samen 95 minuten)");
    // Resumed the same day after a break: the parts, not a day.
    session.history = [
      { event: "start", at: "2026-09-15T13:15:00+02:00" },
      { event: "resume", at: "2026-09-15T15:00:00+02:00" },
    ] as Session["history"];
    expect(timeOf(session)).toBe("vanaf 13:15, in 2 delen (samen 95 minuten)");
  });

  it("tells skipped ('niet besproken') from not yet answered ('geen antwoord') in a draft", async () => {
    const { format, session } = (await load(VUURTOREN))[0]!;
    const m = buildReport(format!, session!, "nl");
    const item = (id: string) => m.sections.flatMap((s) => s.items).find((i) => i.id === id)!;
    expect(item("visie_toelichting").answer).toEqual({ kind: "none", text: "niet besproken" });
    expect(item("casus_illustratie").answer).toEqual({ kind: "none", text: "geen antwoord" });
    expect(item("overleg_gewenst").answer.kind).toBe("text");
    expect(m.sections.flatMap((s) => s.items).some((i) => i.id === "overleg_frequentie")).toBe(false); // kept aside, hidden
    expect(m.draft).toBe(true);
    expect(m.finalLine).toBeUndefined();
  });
});

describe("buildSummary", () => {
  it("holds no participant name, action owner or persoonlijk answer anywhere in the model", async () => {
    const inputs = await load(REGENBOOG, VUURTOREN, REGENBOOG, REGENBOOG, REGENBOOG, REGENBOOG);
    const model = JSON.stringify(buildSummary(released(inputs), "nl", { drafts: 0, includeDrafts: true, minGroup: 5 }));
    for (const { session } of inputs) {
      for (const p of session.participants) expect(model).not.toContain(p.name);
      for (const a of session.actions) if (a.who) expect(model).not.toContain(a.who);
      expect(model).not.toContain(String(session.answers.casus_illustratie ?? "§never§").slice(0, 40));
    }
  });

  it("shows every group smaller than 5 as '< 5' and no detail", async () => {
    const inputs = await load(REGENBOOG, REGENBOOG, REGENBOOG);
    const m = buildSummary(released(inputs), "nl", { drafts: 0, includeDrafts: false, minGroup: 5 });
    // Not even which gemeente they were in (the appendix listed "Beverwijk < 5").
    expect(m.counts).toEqual([]);
    expect(JSON.stringify(m)).not.toContain("Beverwijk");
    // No chart, no breakdown table, no quote: only "< 5" notes.
    expect(m.main.filter((b) => b.kind === "chart" || (b.kind === "bullets" && b.items.some((i) => i.startsWith("“"))))).toEqual([]);
    expect(m.main.some((b) => b.kind === "para" && b.text.startsWith("< 5 — minder dan 5 gesprekken"))).toBe(true);
    expect(m.facts).toContainEqual(["Gesprekken", "< 5"]);
  });
});

describe("Targets", () => {
  it("suffixes repeated names, refuses existing files without --force and stays in --out", () => {
    const existing = new Set<string>();
    const t = new Targets("/tmp/out", false, (f) => existing.has(f));
    expect(t.claim("a.docx")).toEqual({ ok: true, file: "/tmp/out/a.docx" });
    expect(t.claim("A.docx")).toEqual({ ok: true, file: "/tmp/out/A-2.docx" });
    existing.add("/tmp/out/b.docx");
    expect(t.claim("b.docx")).toEqual({ ok: false, file: "/tmp/out/b.docx", reason: "exists" });
    expect(new Targets("/tmp/out", true, () => true).claim("b.docx").ok).toBe(true);
    expect(t.claim("../../x.docx").file).toBe("/tmp/out/x.docx");
  });
});

describe("Progress", () => {
  const capture = () => {
    const s = new PassThrough();
    let text = "";
    s.on("data", (d) => (text += String(d)));
    return { s, text: () => text };
  };

  it("is silent without a TTY when all went well", () => {
    const out = capture();
    const err = capture();
    const p = new Progress({ total: 3, tty: false, verbose: false, out: out.s, err: err.s });
    p.step("a");
    p.step("b");
    p.finish("3 verslagen", false);
    expect(out.text() + err.text()).toBe("");
  });

  it("draws a bar with count and ETA on a TTY, and prints --verbose lines above it", () => {
    const out = capture();
    const err = capture();
    let now = 0;
    const p = new Progress({ total: 4, tty: true, verbose: true, out: out.s, err: err.s, now: () => now });
    now = 1000;
    p.step("een.docx");
    expect(err.text()).toMatch(/1\/4\s+25% {2}nog 0:03/);
    now = 2000;
    p.step("twee.docx");
    expect(out.text()).toBe("een.docx\ntwee.docx\n");
    p.finish("klaar", true);
    expect(err.text().endsWith("\r\x1b[Kklaar\n")).toBe(true);
  });
});

describe("clean", () => {
  it("removes what XML cannot carry and keeps emoji", () => {
    expect(clean("a\u0000b\u0008c\u000bd\ufffee\tf\r\ng 🤝 \ud800x")).toBe("abcde f\ng 🤝 x");
  });
});
