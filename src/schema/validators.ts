// Ajv is loaded and the schemas compiled only by the commands that validate, once per process.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ValidateFunction } from "ajv";
import { SCHEMA_DIR } from "../util/paths.js";

const cache = new Map<string, Promise<ValidateFunction>>();

async function compile(name: string): Promise<ValidateFunction> {
  const { default: AjvModule } = await import("ajv");
  // ajv is CommonJS; its default export is the class (or a namespace holding it).
  const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof import("ajv").default;
  // validateSchema off: these schemas are afstem's own, checked against the JSON Schema
  // meta-schema by the test suite (test/schema/schemas.test.ts); compiling the meta-schema cost
  // every process that validates ~20-30 ms of its start-up.
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true, validateSchema: false });
  const schema = JSON.parse(await readFile(path.join(SCHEMA_DIR, name), "utf8")) as object;
  return ajv.compile(schema);
}

function cached(name: string): Promise<ValidateFunction> {
  let p = cache.get(name);
  if (!p) {
    p = compile(name);
    cache.set(name, p);
  }
  return p;
}

export const formatSchemaValidator = () => cached("format.schema.json");
export const sessionSchemaValidator = () => cached("session.schema.json");
