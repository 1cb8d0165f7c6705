// The version lives in the core (src/core/version.ts) so that caches can key on it without
// importing the CLI; re-exported here for the CLI layer.
export { VERSION } from "../core/version.js";
