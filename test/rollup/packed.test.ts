// Records wait for the selection as JSON text (src/rollup/packed.ts): what comes back must be
// the record that went in, key order included, or the record itself when JSON would change it.
import { describe, expect, it } from "vitest";
import { pack, unpack } from "../../src/rollup/packed.js";
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

describe("packed records", () => {
  it("give back the same record, with its keys in the same order, and show the selection its fields", () => {
    const rec = record();
    const p = pack(rec);
    expect(p.json).toBeTypeOf("string");
    expect(p.record).toBeUndefined();
    expect({ file: p.file, updated: p.updated, status: p.status, conversation: p.conversation, datum: p.datum }).toEqual({
      file: rec.file,
      updated: rec.updated,
      status: rec.status,
      conversation: rec.conversation,
      datum: rec.datum,
    });
    const back = unpack(p);
    expect(back).toStrictEqual(rec);
    expect(Object.keys(back)).toEqual(Object.keys(rec));
  });

  it("keep a record as it is when JSON would change a value (-0, Infinity, undefined)", () => {
    for (const odd of [-0, Number.POSITIVE_INFINITY, undefined]) {
      const rec = record({ answers: [["getal", odd as unknown as number]] });
      const p = pack(rec);
      expect(p.json).toBeUndefined();
      expect(unpack(p)).toBe(rec);
    }
  });

  it("leave out what a record does not have", () => {
    const { conversation: _c, datum: _d, ...rest } = record();
    const p = pack(rest);
    expect("conversation" in p).toBe(false);
    expect("datum" in p).toBe(false);
    expect(unpack(p)).toStrictEqual(rest);
  });
});
