// The wide layout is written two ways (commands/rollup-output.ts): row by row when the rollup
// knows every kept session's shape first (versions, repeat counts), or spooled until the last
// session. Both must give the same bytes; a session its header was not made for is an error,
// never a row with cells silently dropped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { FormatRegistry } from "../../src/format/registry.js";
import { BUILTIN_FORMATS_DIR } from "../../src/util/paths.js";
import { loadSessions } from "../../src/store/batch.js";
import { planCache } from "../../src/rollup/plans.js";
import { sessionRecord, type SessionRecord } from "../../src/rollup/record.js";
import { wideShape } from "../../src/rollup/packed.js";
import { OutputSet, wideHeaders, type OutputOptions } from "../../src/commands/rollup-output.js";
import { ROOT, tempDir } from "../helpers/cli.js";

const tmp = tempDir("afstem-rollup-output-");
afterAll(tmp.cleanup);

let registry: FormatRegistry;
const records: SessionRecord[] = [];
beforeAll(async () => {
  registry = await FormatRegistry.load([BUILTIN_FORMATS_DIR]);
  const plan = planCache(registry);
  const dirs = [path.join(ROOT, "examples"), path.join(ROOT, "test/fixtures/rollup/corpus")];
  const files = dirs.flatMap((d) => readdirSync(d).map((f) => path.join(d, f)));
  for await (const r of loadSessions(files, registry)) {
    if (r.ok && r.format.id === "kernteam")
      records.push(sessionRecord(r.file, r.session, r.format, plan(r.format.id), { includeText: true }));
  }
});

const opts: OutputOptions = {
  layouts: new Set(["wide"]),
  dialect: { excel: false },
  includeText: true,
  by: "gemeente",
  minGroup: 1,
  lang: "nl",
};

describe("the wide layout", () => {
  it("is the same whether its header is known first or the rows are spooled", () => {
    const plan = planCache(registry)("kernteam");
    // More than one version and repeat answers, or the header would be trivially the same.
    expect(new Set(records.map((r) => r.version)).size).toBeGreaterThan(1);
    expect(records.some((r) => wideShape(plan, r).repeats.some(([, n]) => n > 1))).toBe(true);
    const write = (name: string, header?: ReturnType<typeof wideHeaders>) => {
      const set = new OutputSet(path.join(tmp.dir, name), plan, opts, header?.get("kernteam"));
      records.forEach((r, i) => set.add(r, `s${i}`));
      return readFileSync(set.finish().files.find((f) => f.endsWith("-wide.csv"))!, "utf8");
    };
    const spooled = write("spooled");
    const direct = write("direct", wideHeaders(records.map((r) => wideShape(plan, r))));
    expect(parse(direct)).toHaveLength(records.length + 1);
    expect(direct).toBe(spooled);
  });

  it("refuses a session its known header was not made for", () => {
    const plan = planCache(registry)("kernteam");
    const most = records.reduce((a, b) =>
      wideShape(plan, b).repeats.reduce((n, [, k]) => n + k, 0) > wideShape(plan, a).repeats.reduce((n, [, k]) => n + k, 0) ? b : a,
    );
    const others = records.filter((r) => r !== most);
    const set = new OutputSet(
      path.join(tmp.dir, "misfit"),
      plan,
      opts,
      wideHeaders(others.map((r) => wideShape(plan, r)))?.get("kernteam"),
    );
    for (const r of others) set.add(r, r.file);
    expect(() => set.add(most, most.file)).toThrow(/wide header does not fit/);
    set.abort();
  });
});
