// Records wait for the selection packed as JSON (src/rollup/packed.ts) in a temporary file
// (src/commands/rollup-store.ts): what comes back must be the record that went in, key order
// included, or the record itself when JSON would change it; the temporary file goes away.
import { afterAll, describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import path from "node:path";
import { candidate, pack } from "../../src/rollup/packed.js";
import { RecordStore } from "../../src/commands/rollup-store.js";
import { selectSessions } from "../../src/session/select.js";
import { tempDir } from "../helpers/cli.js";
import type { SessionRecord } from "../../src/rollup/record.js";

const record = (over: Partial<SessionRecord> = {}): SessionRecord => ({
  file: "sessies/a.yaml",
  formatId: "kernteam",
  version: 2,
  status: "final",
  meta: { school: "De Regenboog", datum: "2026-03-01" },
  answers: [
    ["tevredenheid", 4],
    ["knelpunten", [{ omschrijving: "Wachtlijst", prioriteit: "hoog" }]],
  ],
  withheld: ["toelichting"],
  actions: [{ what: "Bellen met [naam]", ownerRole: "cjg", due: "2026-04-01" }],
  followup: [],
  updated: "2026-03-01T12:00:00+01:00",
  held: { namesScrubbed: 1, persoonlijk: 0, notShared: 0, intern: 1, notes: 2 },
  conversation: "kernteam|12ab|2026-03-01",
  datum: "2026-03-01",
  ...over,
});

const tmp = tempDir();
afterAll(tmp.cleanup);

describe("packed records in the record store", () => {
  it("come back as they went in, keys in the same order, only those asked for and in the order added", () => {
    const recs = [
      record(),
      record({ file: "sessies/b.yaml", status: "draft", answers: [["getal", -0]] }),
      record({ file: "sessies/c.yaml", answers: [["tekst", "regel\neen 😀 \u2028"]] }),
      record({ file: "sessies/d.yaml", answers: [["getal", Number.POSITIVE_INFINITY]] }),
    ];
    const { conversation: _c, datum: _d, ...bare } = record({ file: "sessies/e.yaml" });
    recs.push(bare);
    const store = new RecordStore(path.join(tmp.dir, "records"));
    for (const r of recs) store.add(pack(r));
    expect(store.size).toBe(5);
    expect(store.candidate(1)).toEqual({
      file: "sessies/b.yaml",
      updated: recs[1]!.updated,
      status: "draft",
      conversation: recs[1]!.conversation,
      datum: "2026-03-01",
    });
    expect("conversation" in store.candidate(4)).toBe(false);
    const back: SessionRecord[] = [];
    store.drain(new Set([0, 1, 2, 3, 4]), (r) => back.push(r));
    expect(back).toHaveLength(5);
    back.forEach((r, i) => {
      expect(r).toStrictEqual(recs[i]);
      expect(Object.keys(r)).toEqual(Object.keys(recs[i]!));
    });
    // JSON would have made -0 a 0 and Infinity a null: those records stayed objects.
    expect(Object.is(back[1]!.answers[0]![1] as number, -0)).toBe(true);
    expect(back[3]!.answers[0]![1]).toBe(Number.POSITIVE_INFINITY);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it("come back whole when a record is larger than the spool's buffer and records cross its read chunks", () => {
    const store = new RecordStore(path.join(tmp.dir, "records"));
    const recs: SessionRecord[] = [];
    // ~300 KB of text with multi-byte characters (written past the 256 KB buffer), then enough
    // records of ~10 KB to cross the 1 MiB chunks the spool is read back in.
    recs.push(record({ file: "sessies/groot.yaml", answers: [["tekst", "één 😀 ".repeat(40_000)]] }));
    for (let i = 0; i < 150; i++) recs.push(record({ file: `sessies/${i}.yaml`, answers: [["tekst", `${i} ë `.repeat(2_000)]] }));
    for (const r of recs) store.add(pack(r));
    const back: SessionRecord[] = [];
    store.drain(new Set(recs.map((_, i) => i)), (r) => back.push(r));
    expect(back.length).toBe(recs.length);
    back.forEach((r, i) => expect(r).toStrictEqual(recs[i]));
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it("give back only the records the selection kept", () => {
    const store = new RecordStore(path.join(tmp.dir, "records"));
    for (const f of ["a", "b", "c", "d"]) store.add(pack(record({ file: `sessies/${f}.yaml` })));
    const files: string[] = [];
    store.drain(new Set([3, 1]), (r) => files.push(r.file));
    expect(files).toEqual(["sessies/b.yaml", "sessies/d.yaml"]);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it("do not keep a record the selection leaves out on its own, yet let the selection count it", () => {
    const opts = { from: "2026-01-01", includeDrafts: false };
    const store = new RecordStore(path.join(tmp.dir, "records"), opts);
    const recs = [
      record({ file: "sessies/final.yaml" }),
      record({ file: "sessies/draft.yaml", status: "draft", conversation: "k2" }),
      record({ file: "sessies/old.yaml", datum: "2025-06-01", conversation: "k3" }),
      record({ file: "sessies/final-2.yaml", conversation: "k4" }),
    ];
    for (const r of recs) store.add(pack(r));
    const sel = selectSessions(
      Array.from({ length: store.size }, (_, i) => i),
      (i) => store.candidate(i),
      opts,
    );
    expect(sel).toMatchObject({ kept: [0, 3], drafts: 1, outsidePeriod: 1 });
    // The draft and the old session were never written: asking for them is an error.
    expect(() => store.drain(new Set([1]), () => {})).toThrow(/not kept/);
    const again = new RecordStore(path.join(tmp.dir, "records"), opts);
    for (const r of recs) again.add(pack(r));
    const files: string[] = [];
    again.drain(new Set(sel.kept), (r) => files.push(r.file));
    expect(files).toEqual(["sessies/final.yaml", "sessies/final-2.yaml"]);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it("take a stub only for a session the selection leaves out on its own", () => {
    const opts = { includeDrafts: false };
    const store = new RecordStore(path.join(tmp.dir, "records"), opts);
    const draft = record({ file: "sessies/draft.yaml", status: "draft" });
    store.add({ ...candidate(draft.file, draft), stub: true });
    expect(store.size).toBe(1);
    // A stub of a session this selection keeps would be a session silently missing from the rollup.
    const final = record({ file: "sessies/final.yaml" });
    expect(() => store.add({ ...candidate(final.file, final), stub: true })).toThrow(/without its record/);
    store.discard();
  });
});
