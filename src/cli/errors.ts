// The error types are core types (src/core/errors.ts): the core throws them without
// importing the CLI. Re-exported here for the CLI layer and the commands.
export * from "../core/errors.js";
