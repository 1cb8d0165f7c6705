// How a path is shown: as people type it, relative to the invocation's working folder.
import { describe, expect, it } from "vitest";
import { displayPath } from "../../src/util/paths.js";
import { inScope } from "../../src/util/scope.js";

const inFolder = (cwd: string, p: string) => inScope({ lang: "nl", cwd, env: {} }, () => displayPath(p));

describe("displayPath", () => {
  it("inside the working folder: relative, also when it was given absolute or with ../", () => {
    expect(inFolder("/data/regio", "/data/regio/gesprekken/a.yaml")).toBe("gesprekken/a.yaml");
    expect(inFolder("/data/regio", "gesprekken/a.yaml")).toBe("gesprekken/a.yaml");
    expect(inFolder("/data/regio/gesprekken", "../gesprekken/a.yaml")).toBe("a.yaml");
  });

  it("outside it: absolute, however it was typed", () => {
    expect(inFolder("/data/regio/ijmond", "/data/regio/buch/a.yaml")).toBe("/data/regio/buch/a.yaml");
    expect(inFolder("/data/regio/ijmond", "../buch/a.yaml")).toBe("/data/regio/buch/a.yaml");
    expect(inFolder("/home/ib/werk/2026/regio", "/tmp/a.yaml")).toBe("/tmp/a.yaml");
  });

  it("the working folder itself is '.', never an empty string", () => {
    expect(inFolder("/data/regio", ".")).toBe(".");
    expect(inFolder("/data/regio", "/data/regio")).toBe(".");
  });
});
