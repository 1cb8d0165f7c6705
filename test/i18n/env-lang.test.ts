// AFSTEM_LANG as people set locale variables: the language part counts, case and region aside.
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

describe("AFSTEM_LANG", () => {
  it.each(["en", "EN", "en_GB.UTF-8", "en-US", " en "])("%j gives English", (value) => {
    const r = runCli(["lint", "/geen/map/hier.yaml"], { env: { AFSTEM_LANG: value } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("file not found");
  });

  it.each(["nl_NL.UTF-8", "fr", "english", ""])("%j gives Dutch", (value) => {
    const r = runCli(["lint", "/geen/map/hier.yaml"], { env: { AFSTEM_LANG: value } });
    expect(r.stderr).toContain("bestand niet gevonden");
  });

  it("--lang wins over AFSTEM_LANG", () => {
    const r = runCli(["lint", "/geen/map/hier.yaml", "--lang", "nl"], { env: { AFSTEM_LANG: "en_GB.UTF-8" } });
    expect(r.stderr).toContain("bestand niet gevonden");
  });
});
