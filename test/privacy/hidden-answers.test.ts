// An answer left in a file to a question whose condition does not hold (edited by hand, an older
// copy, a synced file) is no answer: not to the school's report, not to validate's required
// check, and not to the consent (`share_when`) or the conditions that name it. Found from
// outside: `mag_delen: true` under `extern: false` released the text to the rollup and the
// summary's quotes; `c` shown after a hidden `b` counted as given.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { docxText } from "../helpers/documents.js";

const tmp = tempDir("afstem-hidden-");
afterAll(() => tmp.cleanup());

const FORMAT = `id: consent
version: 1
title: Consent
duration: 10
meta:
  - {id: school, type: text, prompt: School, required: true, privacy: open}
  - {id: datum, type: date, prompt: Datum, required: true, privacy: open}
sections:
  - id: s
    title: S
    minutes: 10
    questions:
      - {id: extern, type: yesno, prompt: Extern delen overwegen?, privacy: open}
      - {id: mag_delen, type: yesno, prompt: Mag dit gedeeld worden?, privacy: open, when: {q: extern, is: true}}
      - {id: verhaal, type: longtext, prompt: Verhaal, privacy: open, share_when: {q: mag_delen, is: true}, tags: [regiegroep]}
      - {id: a, type: yesno, prompt: A?, privacy: open}
      - {id: b, type: yesno, prompt: B?, privacy: open, when: {q: a, is: true}}
      - {id: c, type: text, prompt: C, privacy: open, required: true, when: {q: b, is: true}}
`;

function setUp(): { dir: string; sessions: string; formats: string } {
  const dir = path.join(tmp.dir, "case");
  const formats = path.join(dir, "f");
  const sessions = path.join(dir, "s");
  mkdirSync(formats, { recursive: true });
  mkdirSync(sessions, { recursive: true });
  writeFileSync(path.join(formats, "consent.yaml"), FORMAT);
  for (let n = 1; n <= 5; n++) {
    const d = `2026-10-0${n}`;
    writeFileSync(
      path.join(sessions, `${d}-school${n}-consent.yaml`),
      [
        "afstem: 1",
        "format: {id: consent, version: 1}",
        "status: final",
        `started: ${d}T10:00:00+02:00`,
        `updated: ${d}T11:00:00+02:00`,
        `finalized: {at: ${d}T11:00:00+02:00, by: []}`,
        `meta: {school: School ${n}, datum: ${d}}`,
        "participants: []",
        `answers: {extern: false, mag_delen: true, verhaal: "GEHEIM VERHAAL ${n}", a: false, b: true, c: "CTEXT ${n}"}`,
        "",
      ].join("\n"),
    );
  }
  return { dir, sessions, formats };
}

const filesText = (dir: string) =>
  readdirSync(dir)
    .map((f) => readFileSync(path.join(dir, f), "utf8"))
    .join("\n");

describe("answers to hidden questions", () => {
  const c = setUp();

  it("validate warns about every one, the chained c included", async () => {
    const r = await runInProcess(["validate", c.sessions, "--formats-dir", c.formats]);
    expect(r.code, r.stderr).toBe(0);
    for (const id of ["mag_delen", "b", "c"])
      expect(r.stdout + r.stderr).toContain(`'${id}' is beantwoord, maar de voorwaarde ervan geldt niet`);
  });

  it("the rollup (with --include-text) and the summary release neither the text nor the chained answer", async () => {
    const out = path.join(c.dir, "r");
    const r = await runInProcess(["rollup", c.sessions, "--formats-dir", c.formats, "--out", out, "--include-text"]);
    expect(r.code, r.stderr).toBe(0);
    const csv = filesText(out);
    expect(csv).toContain("consent"); // the files are there
    expect(csv).not.toContain("GEHEIM");
    expect(csv).not.toContain("CTEXT");
    const rep = path.join(c.dir, "rep");
    const s = await runInProcess(["report", c.sessions, "--formats-dir", c.formats, "--summary", "--out", rep]);
    expect(s.code, s.stderr).toBe(0);
    const text = await docxText(path.join(rep, readdirSync(rep)[0]!));
    expect(text).not.toContain("GEHEIM");
    expect(text).not.toContain("CTEXT");
  });

  it("the school's report leaves out the chained answer, as it leaves out the hidden b", async () => {
    const out = path.join(c.dir, "school");
    const r = await runInProcess([
      "report",
      path.join(c.sessions, "2026-10-01-school1-consent.yaml"),
      "--formats-dir",
      c.formats,
      "--out",
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const text = await docxText(path.join(out, readdirSync(out)[0]!));
    expect(text).toContain("GEHEIM VERHAAL 1"); // the school's own report keeps its text
    expect(text).not.toContain("CTEXT");
  });
});

describe("a hidden meta question", () => {
  it("validate warns about its answer as about a section question's", async () => {
    const dir = path.join(tmp.dir, "meta");
    mkdirSync(path.join(dir, "f"), { recursive: true });
    writeFileSync(
      path.join(dir, "f", "m.yaml"),
      FORMAT.replace("id: consent", "id: m").replace(
        "  - {id: datum, type: date, prompt: Datum, required: true, privacy: open}",
        "  - {id: datum, type: date, prompt: Datum, required: true, privacy: open}\n  - {id: schooltype, type: choice, prompt: Type, privacy: open, options: [{code: PO, label: PO}, {code: VO, label: VO}]}\n  - {id: metadelen, type: yesno, prompt: Delen?, privacy: open, when: {q: schooltype, is: VO}}",
      ),
    );
    const file = path.join(dir, "s.yaml");
    writeFileSync(
      file,
      "afstem: 1\nformat: {id: m, version: 1}\nstatus: draft\nmeta: {school: A, datum: 2026-10-01, schooltype: PO, metadelen: true}\nanswers: {}\n",
    );
    const r = await runInProcess(["validate", file, "--formats-dir", path.join(dir, "f")]);
    expect(r.stdout + r.stderr).toMatch(/s\.yaml:4:\d+ +warning +'metadelen' is beantwoord, maar de voorwaarde ervan geldt niet/);
  });
});
