// The afstem version, inlined so that start-up (and --version) need not read package.json.
// test/core/version.test.ts fails when this and package.json disagree.
export const VERSION = "0.1.0";
