// afstem's own JSON schemas (formats/schema/) are compiled without checking them against the
// JSON Schema meta-schema at run time (src/schema/validators.ts: it cost every process ~20-30 ms):
// this test is where that check happens, so a broken schema still never ships.
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import AjvModule from "ajv";
import { SCHEMA_DIR } from "../../src/util/paths.js";
import { formatSchemaValidator, sessionSchemaValidator } from "../../src/schema/validators.js";

describe("afstem's JSON schemas", () => {
  const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".schema.json"));

  it("are valid JSON Schema (the meta-schema check the run-time compile skips)", () => {
    expect(files.sort()).toEqual(["format.schema.json", "session.schema.json"]);
    // ajv is CommonJS; its default export is the class (or a namespace holding it), as in validators.ts.
    const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof import("ajv").default;
    const ajv = new Ajv({ strict: false, allowUnionTypes: true });
    for (const f of files) {
      const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, f), "utf8")) as object;
      expect(ajv.validateSchema(schema), `${f}: ${ajv.errorsText(ajv.errors)}`).toBe(true);
    }
  });

  it("still reject what they describe as wrong", async () => {
    const session = await sessionSchemaValidator();
    expect(session({ format: 42 })).toBe(false);
    const format = await formatSchemaValidator();
    expect(format({ id: 42 })).toBe(false);
    expect(format.errors?.length).toBeGreaterThan(0);
  });
});
