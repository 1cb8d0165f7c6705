// YAML errors in words of ours, in the user's language: the yaml package's own text
// ("Unexpected scalar at node end", "Not a YAML token") is English and tells a person nothing.
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../src/yaml/parse.js";
import { inScope } from "../../src/util/scope.js";

const BROKEN: [string, string, string][] = [
  ["text after a closing quote", 'school: "a" b\n', "1:13"],
  ["a dash list inside [ ]", "a: [\n  - x\n]\n", "2:3"],
  ["an unknown escape", 'a: "x\\q"\n', "1:6"],
  ["a value starting with @", "a: @b\n", "1:4"],
  ["a backtick", "a: `b`\n", "1:4"],
];

describe("YAML errors", () => {
  it.each(BROKEN)("%s: located, in Dutch, without the library's English", (_what, text, at) => {
    const f = parseYaml(text, "x.yaml").findings.find((x) => x.severity === "error")!;
    expect(`${f.line}:${f.col}`).toBe(at);
    expect(f.message).toMatch(/^YAML-fout: /);
    expect(f.message).not.toMatch(/[Uu]nexpected|token|not allowed|[Ii]nvalid escape|at node end/);
  });
  it("in English with --lang en", () => {
    const f = inScope({ lang: "en", cwd: process.cwd(), env: {} }, () => parseYaml('school: "a" b\n', "x.yaml")).findings[0]!;
    expect(f.message).toMatch(/^YAML error: unexpected text here/);
  });
});
