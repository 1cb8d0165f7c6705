// The privacy gate as a pure function: what a region may see of one session.
import { describe, expect, it } from "vitest";
import type { Format, Question } from "../../src/format/types.js";
import type { Session } from "../../src/session/types.js";
import { release } from "../../src/privacy/gate.js";
import { isVisible, visibleIds } from "../../src/session/visibility.js";
import { nameForms, nameScrubber, namesInText, ownerOf } from "../../src/privacy/names.js";
import { protectGrid, protectLine } from "../../src/privacy/suppress.js";

const q = (id: string, type: Question["type"], privacy: Question["privacy"], extra: Partial<Question> = {}): Question => ({
  id,
  type,
  prompt: { nl: id },
  required: false,
  tags: [],
  privacy,
  was: [],
  ...extra,
});

const format: Format = {
  id: "t",
  version: 1,
  title: { nl: "T" },
  language: "nl",
  duration: 10,
  meta: [q("school", "text", "open"), q("datum", "date", "open")],
  participants: [{ id: "cjg", label: { nl: "CJG" }, organisation: { nl: "CJG" }, required: true }],
  sections: [
    {
      id: "s",
      title: { nl: "S" },
      minutes: 10,
      questions: [
        q("mag_delen", "yesno", "open"),
        q("toelichting", "longtext", "open", { shareWhen: { q: "mag_delen", is: true } }),
        q("goed", "longtext", "open"),
        q("intern_tekst", "longtext", "intern"),
        q("casus", "longtext", "persoonlijk"),
        q("score", "scale", "intern", { min: 1, max: 5 }),
        q("gp", "repeat", "open", {
          shareWhen: { q: "delen", is: true },
          fields: [
            q("titel", "text", "open"),
            q("wie", "multichoice", "open", { options: [{ code: "a", label: { nl: "A" } }] }),
            q("delen", "yesno", "open"),
          ],
        }),
      ],
    },
  ],
};

function session(answers: Session["answers"], extra: Partial<Session> = {}): Session {
  return {
    afstem: 1,
    format: { id: "t", version: 1 },
    status: "final",
    started: "2026-10-01T10:00:00Z",
    updated: "2026-10-01T11:00:00Z",
    meta: { school: "OBS Test", datum: "2026-10-01" },
    participants: [
      { name: "Anouk de Vries", role: "cjg", present: true },
      { name: "Ineke Bakker", role: "cjg", present: true },
      { name: "René Ömer", role: "cjg", present: true },
    ],
    answers,
    notes: { goed: "notitie met Anouk" },
    skipped: [],
    parked: [{ text: "Wachtlijst", time: "2026-10-01T10:30:00Z" }],
    actions: [
      { what: "Bellen met Ineke over de aanpak", who: "Ineke Bakker", due: "2026-11-01", question: "goed" },
      { what: "Casus Mohammed bespreken", who: "Anouk de Vries", question: "casus" },
    ],
    timing: {},
    history: [],
    ...extra,
  };
}

describe("name scrubbing", () => {
  const scrub = nameScrubber(["Anouk de Vries", "Ineke Bakker", "René Ömer", "Mohammed"], "[naam]");
  it.each([
    ["Spreekuur met Anouk de Vries op dinsdag", "Spreekuur met [naam] op dinsdag"],
    ["Ineke zegt dat het goed gaat", "[naam] zegt dat het goed gaat"],
    ["Bakker's aanpak werkt", "[naam] aanpak werkt"],
    ["Bakkers aanpak werkt", "[naam] aanpak werkt"],
    ["bakker en ineke", "[naam] en [naam]"],
    ["Rene en Omer", "[naam] en [naam]"],
    ["mevrouw De Vries belt", "mevrouw [naam] belt"],
    ["Vries", "[naam]"],
    ["een bakkerij en de vriesvak", "een bakkerij en de vriesvak"],
    ["MOHAMMED (groep 6)", "[naam] (groep 6)"],
  ])("%s", (input, expected) => {
    expect(scrub(input)).toBe(expected);
  });
  it.each([
    ["mail joelle.vanderberg@school.nl", "mail [naam].[naam]@school.nl"],
    ["j.vanderberg en Van der Berg", "j.[naam] en [naam]"],
    ["OConnor en O'Connor en Connor", "[naam] en [naam] en [naam]"],
    ["www.jansenbakker.nl", "www.[naam].nl"],
    ["Joëlle2 belde", "[naam]2 belde"],
    ["joellevanderberg@x.nl en sean.oconnor", "[naam]@x.nl en [naam].[naam]"],
    ["seanoconnor, femkejansenbakker, pbakker", "[naam], [naam], [naam]"],
    ["er is een bakker", "er is een [naam]"],
  ])("written together, without marks, or with a digit: %s", (input, expected) => {
    const s = nameScrubber(["Joëlle van der Berg", "Seán O'Connor", "Femke Jansen-Bakker", "Piet Bakker"], "[naam]");
    expect(s(input)).toBe(expected);
  });
  it("e-mail forms without the particles or with one part of a double surname: avries, jberg, mjansen, mbakker", () => {
    const s = nameScrubber(["Anouk de Vries", "Joëlle van der Berg", "Marieke Jansen-Bakker", "Mehmet Yılmaz"], "[naam]");
    expect(s("Mail avries@cjg.nl of jberg@ggd.nl, cc mjansen en mbakker; myilmaz belt terug.")).toBe(
      "Mail [naam]@cjg.nl of [naam]@ggd.nl, cc [naam] en [naam]; [naam] belt terug.",
    );
  });
  it("an abbreviation in a persoonlijk text is no name, and a piece after an apostrophe only when it could be one", () => {
    expect(namesInText("Casus: jeugd-GGZ, CJG en de IB'er met Sanne (SBO), ook JANSEN")).toEqual(["Sanne", "JANSEN"]);
    expect(nameForms("IB'er")).not.toContain("er");
  });
  it("a name part that is an ordinary word goes only where it is written with a capital: Er Tan, Van der Haar", () => {
    const s = nameScrubber(["Er Tan", "Joost van der Haar"], "[naam]");
    expect(s("Er zei dat er een wachtlijst is; haar moeder belt, Tan ook.")).toBe(
      "[naam] zei dat er een wachtlijst is; haar moeder belt, [naam] ook.",
    );
    expect(s("Haar aanpak en van der haar, ertan@x.nl")).toBe("[naam] aanpak en [naam], [naam]@x.nl");
    expect(s("ER TAN en er tan")).toBe("[naam] en [naam]");
    expect(nameForms("Er Tan")).not.toContain("er");
  });
  it("never treats a particle or an initial as a name", () => {
    expect(nameForms("A. van der Berg")).not.toContain("van");
    expect(nameForms("A. van der Berg")).not.toContain("a");
    expect(nameForms("A. van der Berg")).toContain("van der berg");
  });
});

describe("action owners typed by hand", () => {
  const people = [
    { name: "Joëlle van der Berg", role: "ib" },
    { name: "Femke Jansen-Bakker", role: "ggd" },
    { name: "Günther Weiß", role: "met" },
    { name: "Jan de Vries", role: "cjg" },
    { name: "Johan de Vries", role: "leerplicht" },
  ];
  it.each([
    ["Joëlle van der Berg", "ib"],
    ["joelle van der berg", "ib"],
    ["Femke Jansen-Bakker ", "ggd"],
    ["J. van der Berg", "ib"],
    ["Joëlle", "ib"],
    ["Weiß", "met"],
    ["weiss", "met"],
    ["Jansen", "ggd"],
    ["Van der Berg, J.", "ib"],
    ["J.v.d. Berg", "ib"],
    ["Joëlle vd Berg", "ib"],
    ["mevr. van der Berg", "ib"],
    // An initial with a double surname, as on a list.
    ["F. Jansen-Bakker", "ggd"],
    ["Jansen-Bakker, F.", "ggd"],
    ["Van der Berg, K.", undefined],
    // Two people fit: no guess.
    ["de Vries", undefined],
    ["J. de Vries", undefined],
    ["K. van der Berg", undefined],
    ["CJG", undefined],
    ["", undefined],
  ])("%s → %s", (who, role) => {
    expect(ownerOf(who, people)?.role).toBe(role);
  });
  it("two participants of one name: no owner, even for the exact name", () => {
    const twice = [
      { name: "Ingrid van Leeuwen", role: "cjg" },
      { name: "Ingrid van Leeuwen", role: "ib" },
    ];
    expect(ownerOf("Ingrid van Leeuwen", twice)).toBeUndefined();
  });
});

describe("release for the region", () => {
  it("school audience: everything, as it is", () => {
    const s = session({ casus: "x" });
    expect(release(s, format, "school")).toBe(s);
  });

  it("no names, no persoonlijk, no intern text; counts of what was held back", () => {
    const r = release(
      session({
        mag_delen: true,
        toelichting: "Afspraak met Anouk over het spreekuur",
        goed: "Ineke zegt: korte lijnen",
        intern_tekst: "interne oorzaak",
        casus: "Casus: Mohammed (groep 6) thuiszitter sinds maart",
        score: 2,
      }),
      format,
      "region",
    );
    const all = JSON.stringify(r);
    for (const secret of ["Anouk", "Ineke", "Bakker", "Vries", "Mohammed", "interne oorzaak", "thuiszitter", "notitie", "Wachtlijst"])
      expect(all).not.toContain(secret);
    expect(r.answers.toelichting).toBe("Afspraak met [naam] over het spreekuur");
    expect(r.answers.score).toBe(2); // intern codes are aggregated
    expect(r.withheld).toEqual(["intern_tekst"]);
    expect(r.actions).toEqual([
      { what: "Bellen met [naam] over de aanpak", ownerRole: "cjg", organisation: "CJG", due: "2026-11-01", question: "goed" },
      { ownerRole: "cjg", organisation: "CJG", question: "casus" },
    ]);
    expect(r.held).toMatchObject({ persoonlijk: 2, intern: 1, notShared: 0, notes: 2 });
    expect(r.held.namesScrubbed).toBeGreaterThanOrEqual(3);
  });

  it("share_when on a question: not released → treated as intern", () => {
    const r = release(session({ mag_delen: false, toelichting: "Niet voor de regio" }), format, "region");
    expect(r.answers.toelichting).toBeUndefined();
    expect(r.withheld).toContain("toelichting");
    expect(r.held.notShared).toBe(1);
  });

  it("freeText: false (a rollup without --include-text): no free text released, nothing scrubbed or counted as replaced", () => {
    const s = session({
      mag_delen: true,
      toelichting: "Afspraak met Anouk over het spreekuur",
      goed: "Ineke zegt: korte lijnen",
      score: 2,
      gp: [{ titel: "Spreekuur van Anouk", wie: ["a"], delen: true }],
    });
    const r = release(s, format, "region", { freeText: false });
    expect(r.answers.toelichting).toBeUndefined();
    expect(r.answers.goed).toBeUndefined();
    expect(r.withheld).toEqual(expect.arrayContaining(["toelichting", "goed"]));
    expect(r.answers.gp).toEqual([{ wie: ["a"], delen: true }]);
    expect(r.answers.score).toBe(2);
    // Held-back counts are the school's choices, unchanged; the names in the actions' text are still replaced.
    const all = release(s, format, "region");
    expect(r.held.intern).toBe(all.held.intern);
    expect(r.held.notShared).toBe(all.held.notShared);
    expect(r.actions[0]!.what).toBe("Bellen met [naam] over de aanpak");
    expect(all.held.namesScrubbed - r.held.namesScrubbed).toBe(3); // toelichting, goed, the item's titel
  });

  it("share_when on a repeat: judged per item on its own fields; a withheld item keeps only its codes", () => {
    const r = release(
      session({
        gp: [
          { titel: "Inloopspreekuur", wie: ["a"], delen: true },
          { titel: "Geheime werkwijze", wie: ["a"], delen: false },
          { titel: "Zonder antwoord", wie: ["a"] },
        ],
      }),
      format,
      "region",
    );
    expect(r.answers.gp).toEqual([{ titel: "Inloopspreekuur", wie: ["a"], delen: true }, { wie: ["a"], delen: false }, { wie: ["a"] }]);
    expect(JSON.stringify(r)).not.toContain("Geheime");
    expect(r.held.notShared).toBe(2);
  });
});

describe("small-group suppression", () => {
  /** Can a hidden cell be pinned to one value from the others and the total? */
  const derivable = (_values: number[], hidden: boolean[]) => hidden.filter(Boolean).length === 1;

  it("a single small cell next to a known total takes a second cell with it", () => {
    const p = protectLine([6, 1], 5, { minPrimary: 1 });
    expect(p.small).toEqual([false, true]);
    expect(p.hidden).toEqual([true, true]);
    expect(derivable([6, 1], p.hidden)).toBe(false);
  });

  it("two small cells whose sum pins them (1 + 1) take a third", () => {
    const p = protectLine([20, 1, 1, 30], 5, { minPrimary: 1 });
    expect(p.hidden.filter(Boolean).length).toBe(3);
    expect(p.hidden[0]).toBe(true); // the smallest published cell
  });

  it("nothing small: nothing hidden", () => {
    expect(protectLine([5, 9, 12], 5).hidden).toEqual([false, false, false]);
  });

  it("a grid: every row and column with a hidden cell has at least two", () => {
    const cells = [
      [10, 2, 8],
      [7, 9, 6],
      [12, 11, 3],
    ];
    const { hidden } = protectGrid(cells, 5);
    for (const row of hidden) expect(row.filter(Boolean).length === 0 || row.filter(Boolean).length >= 2).toBe(true);
    for (let c = 0; c < 3; c++) {
      const n = hidden.filter((r) => r[c]).length;
      expect(n === 0 || n >= 2).toBe(true);
    }
  });
});

describe("a hidden answer is no answer, also to consent and to other conditions", () => {
  const hiddenFormat: Format = {
    ...format,
    sections: [
      {
        id: "s",
        title: { nl: "S" },
        minutes: 10,
        questions: [
          q("extern", "yesno", "open"),
          q("mag_delen", "yesno", "open", { when: { q: "extern", is: true } }),
          q("verhaal", "longtext", "open", { shareWhen: { q: "mag_delen", is: true } }),
          q("a", "yesno", "open"),
          q("b", "yesno", "open", { when: { q: "a", is: true } }),
          q("c", "text", "open", { when: { q: "b", is: true } }),
          q("gp", "repeat", "open", {
            shareWhen: { q: "gp_delen", is: true },
            fields: [
              q("gp_tekst", "text", "open"),
              q("gp_extern", "yesno", "open"),
              q("gp_delen", "yesno", "open", { when: { q: "gp_extern", is: true } }),
            ],
          }),
        ],
      },
    ],
  };
  const s = (answers: Session["answers"]) => session(answers, { actions: [], notes: {}, parked: [] });

  it("share_when on a hidden answer: the text stays at school, counted as not released", () => {
    const r = release(s({ extern: false, mag_delen: true, verhaal: "GEHEIM VERHAAL" }), hiddenFormat, "region");
    expect(JSON.stringify(r)).not.toContain("GEHEIM");
    expect(r.withheld).toContain("verhaal");
    expect(r.held.notShared).toBe(1);
    // The same answer where it applies releases the text.
    expect(release(s({ extern: true, mag_delen: true, verhaal: "GEDEELD" }), hiddenFormat, "region").answers.verhaal).toBe("GEDEELD");
  });

  it("a repeat item's consent on a hidden field of the item releases nothing", () => {
    const r = release(s({ gp: [{ gp_tekst: "GEHEIM ITEM", gp_extern: false, gp_delen: true }] }), hiddenFormat, "region");
    expect(JSON.stringify(r)).not.toContain("GEHEIM");
    expect(r.answers.gp).toEqual([{ gp_extern: false }]);
  });

  it("a chain: c shown after b, b hidden by a, so c is hidden too", () => {
    const answers = { a: false, b: true, c: "CTEXT" };
    expect([...visibleIds(hiddenFormat, s(answers))]).not.toContain("c");
    expect(isVisible(hiddenFormat.sections[0]!.questions[5]!, s(answers), hiddenFormat)).toBe(false);
    expect(JSON.stringify(release(s(answers), hiddenFormat, "region"))).not.toContain("CTEXT");
    expect([...visibleIds(hiddenFormat, s({ a: true, b: true, c: "x" }))]).toContain("c");
  });
});
