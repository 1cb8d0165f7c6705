// A repeat's required fields are required in every item of a final session, where they apply in
// that item. Found from outside: a final session with knelpunten [{kp_partij: cjg}, {kp_tekst: ""}]
// (kp_tekst required) passed validate with 0 errors, and could be finalized.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "../helpers/cli.js";
import { finalizeProblems } from "../../src/conversation/finalize.js";
import type { Format, Question } from "../../src/format/types.js";
import type { Session } from "../../src/session/types.js";

const tmp = tempDir("afstem-required-fields-");
afterAll(() => tmp.cleanup());

const FORMAT = `id: eigen
version: 1
title: Eigen
duration: 10
meta:
  - {id: school, type: text, prompt: School, required: true, privacy: open}
sections:
  - id: s
    title: S
    minutes: 10
    questions:
      - id: knelpunten
        type: repeat
        prompt: Knelpunten
        privacy: open
        fields:
          - {id: kp_partij, type: choice, prompt: Partij, privacy: open, options: [{code: cjg, label: CJG}, {code: ggd, label: GGD}]}
          - {id: kp_tekst, type: text, prompt: Wat loopt vast, required: true, privacy: open}
          - {id: kp_ernst, type: scale, min: 1, max: 5, prompt: Ernst, required: true, privacy: open, when: {q: kp_partij, is: ggd}}
`;

const session = (status: "draft" | "final", items: string) =>
  [
    "afstem: 1",
    "format: {id: eigen, version: 1}",
    `status: ${status}`,
    "started: 2026-10-01T10:00:00+02:00",
    "updated: 2026-10-01T11:00:00+02:00",
    status === "final" ? "finalized: {at: 2026-10-01T11:00:00+02:00, by: []}" : "finalized: null",
    "meta: {school: School A}",
    "participants: []",
    `answers: {knelpunten: ${items}}`,
    "",
  ].join("\n");

describe("required fields of a repeat", () => {
  const formats = path.join(tmp.dir, "f");
  mkdirSync(formats);
  writeFileSync(path.join(formats, "eigen.yaml"), FORMAT);
  const write = (name: string, text: string) => {
    const file = path.join(tmp.dir, name);
    writeFileSync(file, text);
    return file;
  };

  it("validate: an item of a final session without one is an error at that item; a field that does not apply is not required", async () => {
    const file = write(
      "final.yaml",
      session("final", '[{kp_partij: cjg}, {kp_tekst: ""}, {kp_partij: cjg, kp_tekst: Wachtlijst}, {kp_partij: ggd, kp_tekst: Geen plek}]'),
    );
    const r = await runInProcess(["validate", file, "--formats-dir", formats]);
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(
      /final\.yaml:9:\d+ +error +vastgesteld gesprek: item 1 van 'knelpunten' mist het verplichte veld 'kp_tekst' +\(required-missing\)/,
    );
    expect(out).toContain("item 2 van 'knelpunten' mist het verplichte veld 'kp_tekst'");
    expect(out).not.toContain("item 3 van");
    // kp_ernst applies only for the GGD: item 4 lacks it, items 1-3 do not need it.
    expect(out).toContain("item 4 van 'knelpunten' mist het verplichte veld 'kp_ernst'");
    expect(out.match(/kp_ernst/g)?.length).toBe(1);
    expect(out).toContain("3 fouten");
  });

  it("validate: a draft may still lack them", async () => {
    const r = await runInProcess(["validate", write("draft.yaml", session("draft", "[{kp_partij: cjg}]")), "--formats-dir", formats]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it("finalizing says which item lacks what", () => {
    const q = (id: string, extra: Partial<Question>): Question => ({
      id,
      prompt: { nl: id },
      required: false,
      tags: [],
      privacy: "open",
      was: [],
      type: "text",
      ...extra,
    });
    const format: Format = {
      id: "eigen",
      version: 1,
      title: { nl: "Eigen" },
      language: "nl",
      duration: 10,
      meta: [],
      participants: [],
      sections: [
        {
          id: "s",
          title: { nl: "S" },
          minutes: 10,
          questions: [
            q("knelpunten", {
              type: "repeat",
              prompt: { nl: "Knelpunten" },
              fields: [q("kp_tekst", { required: true, prompt: { nl: "Wat loopt vast" } })],
            }),
          ],
        },
      ],
    };
    const s = { meta: {}, answers: { knelpunten: [{ kp_tekst: "x" }, {}] }, participants: [], status: "draft" } as unknown as Session;
    expect(finalizeProblems(format, s)).toEqual(["verplicht veld zonder antwoord in item 2 van Knelpunten (knelpunten): Wat loopt vast"]);
  });
});
