// Issue 15 in the rollup: a per_party scale gives a row per role (long) and a `qid.ROLE`
// column per role (wide); last year's agreements get their own `followup` layout, without
// the facilitator's notes. Read back with csv-parse.
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { parse, stringify } from "yaml";
import { runInProcess, tempDir, ROOT } from "../helpers/cli.js";

type Row = Record<string, string>;
const tmp = tempDir("afstem-rollup15-");
afterAll(() => tmp.cleanup());

const REGENBOOG = path.join(ROOT, "examples", "2026-09-15-obs-de-regenboog-kernteam.yaml");

function corpus(): string {
  const dir = path.join(tmp.dir, "in");
  const s = parse(readFileSync(REGENBOOG, "utf8"));
  s.answers.tevredenheid_samenwerking = { joint: 4, parties: { cjg: 4, socius: 3, ib: 5 } };
  s.followup = [
    { action: "Maandelijks overleg met Marieke Jansen", status: "gedaan" },
    { action: "Scholing ouderbetrokkenheid", status: "loopt", note: "GEHEIME NOTITIE over een leerling" },
  ];
  const other = parse(readFileSync(REGENBOOG, "utf8"));
  other.meta.school = "OBS Plain";
  other.meta.brin = "99PL00";
  other.answers.tevredenheid_samenwerking = 3; // a plain number: the joint score only
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "a.yaml"), stringify(s));
  writeFileSync(path.join(dir, "b.yaml"), stringify(other));
  return dir;
}

describe("rollup: per_party and followup (issue 15)", () => {
  it("long has a row per role, wide has qid.ROLE columns, followup has status without notes", async () => {
    const dir = corpus();
    const out = path.join(tmp.dir, "out");
    const r = await runInProcess(["rollup", dir, "--out", out, "--layout", "long,wide,followup", "--min-group", "1"]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["kernteam-codebook.csv", "kernteam-followup.csv", "kernteam-long.csv", "kernteam-wide.csv"]);
    const read = (f: string) => parseCsv(readFileSync(path.join(out, f)), { columns: true, bom: true }) as Row[];

    const long = read("kernteam-long.csv").filter((x) => x.question_id === "tevredenheid_samenwerking");
    const a = long.filter((x) => x.session_id === "a").map((x) => [x.role, x.value_code]);
    expect(a).toEqual([
      ["", "4"],
      ["cjg", "4"],
      ["socius", "3"],
      ["ib", "5"],
    ]);
    expect(long.filter((x) => x.session_id === "b").map((x) => [x.role, x.value_code])).toEqual([["", "3"]]);

    const wide = read("kernteam-wide.csv");
    const wa = wide.find((x) => x.session_id === "a")!;
    expect(wa).toMatchObject({
      tevredenheid_samenwerking: "4",
      "tevredenheid_samenwerking.cjg": "4",
      "tevredenheid_samenwerking.socius": "3",
      "tevredenheid_samenwerking.ib": "5",
      "tevredenheid_samenwerking.ggd": "",
    });
    expect(wide.find((x) => x.session_id === "b")).toMatchObject({ tevredenheid_samenwerking: "3", "tevredenheid_samenwerking.cjg": "" });
    const cols = Object.keys(wa);
    expect(cols.indexOf("tevredenheid_samenwerking.cjg")).toBe(cols.indexOf("tevredenheid_samenwerking") + 1);

    const codebook = read("kernteam-codebook.csv");
    expect(codebook.find((x) => x.column === "tevredenheid_samenwerking.socius")).toMatchObject({ field: "socius", type: "scale" });

    const followup = read("kernteam-followup.csv");
    expect(Object.keys(followup[0]!)).toEqual(["session_id", "item", "action", "status"]);
    expect(followup.map((x) => [x.session_id, x.item, x.status])).toEqual([
      ["a", "1", "gedaan"],
      ["a", "2", "loopt"],
    ]);
    expect(followup[0]!.action).not.toContain("Marieke"); // names scrubbed, as in the actions layout
    expect(followup[1]!.action).toBe("Scholing ouderbetrokkenheid");
    const raw = readFileSync(path.join(out, "kernteam-followup.csv"), "utf8");
    expect(raw).not.toContain("GEHEIME NOTITIE");
    expect(raw).toContain(",gedaan");
    expect(raw).toContain(",loopt");
  });
});
