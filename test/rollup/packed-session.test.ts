// A session the run's selection leaves out on its own (a draft, a date outside --from/--to) is
// packed as a stub (src/rollup/packed.ts, packSession): no gate, no record, only the fields the
// selection counts, and those exactly as the full record would give them. Every other session
// is packed as before.
import { beforeAll, describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import path from "node:path";
import { FormatRegistry } from "../../src/format/registry.js";
import { BUILTIN_FORMATS_DIR } from "../../src/util/paths.js";
import { loadSessions, type LoadedSession } from "../../src/store/batch.js";
import { planCache } from "../../src/rollup/plans.js";
import { sessionRecord } from "../../src/rollup/record.js";
import { candidate, pack, packSession } from "../../src/rollup/packed.js";
import { ROOT } from "../helpers/cli.js";

type Ok = Extract<LoadedSession, { ok: true }>;
const sessions: Ok[] = [];
let plan: ReturnType<typeof planCache>;
beforeAll(async () => {
  const registry = await FormatRegistry.load([BUILTIN_FORMATS_DIR]);
  plan = planCache(registry);
  const dir = path.join(ROOT, "examples");
  for await (const r of loadSessions(
    readdirSync(dir).map((f) => path.join(dir, f)),
    registry,
  ))
    if (r.ok) sessions.push(r);
});

const full = (s: Ok, includeText = false) =>
  pack(sessionRecord(s.file, s.session, s.format, plan(s.format.id), { includeText }), plan(s.format.id));

describe("packing a session for the rollup", () => {
  it("makes a stub of a draft when drafts are not asked for, with the selection's fields of the full record", () => {
    const drafts = sessions.filter((s) => s.session.status === "draft");
    expect(drafts.length).toBeGreaterThan(0);
    for (const s of drafts) {
      const p = packSession(s.file, s.session, s.format, plan(s.format.id), { includeText: false, select: { includeDrafts: false } });
      expect(p).toEqual({ ...candidate(s.file, full(s)), stub: true });
      expect(p.bytes).toBeUndefined();
      // With --include-drafts the draft is packed whole.
      expect(packSession(s.file, s.session, s.format, plan(s.format.id), { includeText: false, select: { includeDrafts: true } })).toEqual(
        full(s),
      );
    }
  });

  it("makes a stub of a session outside --from/--to, and packs the rest whole", () => {
    const finals = sessions.filter((s) => s.session.status === "final");
    expect(finals.length).toBeGreaterThan(1);
    const dates = finals.map((s) => String(s.session.meta.datum)).sort();
    const select = { from: dates.at(-1)!, includeDrafts: false };
    let stubs = 0;
    for (const s of finals) {
      const p = packSession(s.file, s.session, s.format, plan(s.format.id), { includeText: true, select });
      if (String(s.session.meta.datum) < select.from) {
        stubs++;
        expect(p).toEqual({ ...candidate(s.file, full(s, true)), stub: true });
      } else expect(p).toEqual(full(s, true));
    }
    expect(stubs).toBeGreaterThan(0);
    // Without a selection every session is packed whole.
    for (const s of sessions) expect(packSession(s.file, s.session, s.format, plan(s.format.id), { includeText: false })).toEqual(full(s));
  });
});
