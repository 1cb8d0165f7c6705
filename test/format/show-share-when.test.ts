// `formats show` shows consent (share_when) beside `when`, in the same words: a coordinator
// reviewing what may leave the school sees it without --json.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "../helpers/cli.js";

const work = tempDir("afstem-show-share-");
afterAll(() => work.cleanup());
const env = { AFSTEM_CACHE_DIR: path.join(work.dir, "cache") };
const line = (out: string, id: string) => out.split("\n").find((l) => l.includes(` ${id}  [`));

describe("formats show: share_when", () => {
  it("kernteam's good_practices says when an example is shared, in Dutch and English", async () => {
    const nl = await runInProcess(["formats", "show", "kernteam"], { env });
    expect(nl.code).toBe(0);
    expect(line(nl.stdout, "good_practices")).toMatch(/ {2}Welke good practices willen jullie delen\? {2}gedeeld als gp_delen is ja$/);
    const en = await runInProcess(["--lang", "en", "formats", "show", "kernteam"], { env });
    expect(line(en.stdout, "good_practices")).toMatch(/ {2}shared when gp_delen is yes$/);
  });

  it("after `als …` on a question with both, with groups bracketed as for when", async () => {
    const file = path.join(work.dir, "deel.yaml");
    writeFileSync(
      file,
      `id: deel
version: 1
title: Deel
duration: 10
sections:
  - id: s
    title: S
    minutes: 10
    questions:
      - {id: overleg, type: yesno, prompt: Overleg?}
      - {id: delen, type: yesno, prompt: Delen?}
      - id: toelichting
        type: longtext
        prompt: Toelichting
        privacy: open
        when: {q: overleg, is: true}
        share_when: {all: [{q: delen, is: true}, {not: {q: overleg, is: false}}]}
`,
    );
    const r = await runInProcess(["formats", "show", file], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(line(r.stdout, "toelichting")).toMatch(
      / {2}Toelichting {2}als overleg is ja {2}gedeeld als delen is ja en niet \(overleg is nee\)$/,
    );
    expect(line(r.stdout, "delen")).not.toMatch(/gedeeld als/);
  });
});
