// The CSV layer: formula guard, numbers, both dialects, and a round-trip property.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { cellText, guardText } from "../../src/csv/cell.js";
import { CsvEncoder, encodeRows } from "../../src/csv/dialect.js";

const readBack = (text: string, excel: boolean): string[][] =>
  parse(text, { delimiter: excel ? ";" : ",", record_delimiter: excel ? "\r\n" : "\n", relax_column_count: false }) as string[][];

describe("formula guard", () => {
  it.each(['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])("makes %j inert", (s) => {
    expect(guardText(s)).toBe(`'${s}`);
  });
  it("leaves ordinary text alone", () => {
    for (const s of ["", "Velsen", "1+1", " =1", "'quoted", "ja"]) expect(guardText(s)).toBe(s);
  });
  it("keeps typed numbers plain, negative ones too, with a decimal comma for Excel", () => {
    expect(cellText(-2, false)).toBe("-2");
    expect(cellText(-2.5, false)).toBe("-2.5");
    expect(cellText(-2.5, true)).toBe("-2,5");
    expect(cellText(3.6, true)).toBe("3,6");
    expect(cellText(null, true)).toBe("");
    expect(cellText("-2.5", false)).toBe("'-2.5");
  });
});

describe("dialects", () => {
  it("default: RFC 4180, comma, LF, quotes where needed", () => {
    expect(
      encodeRows(
        [
          ["a", "b,c", 'd"e', 1.5, null],
          ["x\ny", "p\rq", -1, "", "ok"],
        ],
        { excel: false },
      ),
    ).toBe('a,"b,c","d""e",1.5,\n"x\ny","p\rq",-1,,ok\n');
  });
  it("excel: semicolon, CRLF, decimal comma", () => {
    expect(
      encodeRows(
        [
          ["a", "b;c", "d,e", 1.5, -2.25],
          ["x\ny", "=1", null, 0, "z"],
        ],
        { excel: true },
      ),
    ).toBe('a;"b;c";d,e;1,5;-2,25\r\n"x\ny";\'=1;;0;z\r\n');
  });
});

describe("round trip (property)", () => {
  const guarded = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
  for (const excel of [false, true]) {
    it(`any text reads back unchanged except for the formula guard (${excel ? "excel" : "default"})`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.array(fc.string({ unit: "binary" }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
          (rows) => {
            const width = rows[0]!.length;
            const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
            // A record of one empty cell is an empty line, which CSV readers skip; give it a neighbour.
            const safe = table.map((r) => (r.length === 1 ? [...r, "x"] : r));
            const back = readBack(encodeRows(safe, { excel }), excel);
            expect(back).toEqual(safe.map((r) => r.map(guarded)));
          },
        ),
        { numRuns: 300 },
      );
    });
  }
});

describe("the quick encoder", () => {
  for (const excel of [false, true]) {
    it(`gives csv-stringify's bytes for any cells (${excel ? "excel" : "default"})`, () => {
      const quick = new CsvEncoder({ excel });
      const reference = new CsvEncoder({ excel }, false);
      const cell = fc.oneof(
        fc.string({ unit: "binary" }),
        fc.constantFrom("", ",", ";", '"', "\r\n", "\r", "\n", '""', "a;b,c"),
        fc.double(),
        fc.integer(),
        fc.constant(null),
        fc.constant(undefined),
      );
      fc.assert(
        fc.property(fc.array(cell, { maxLength: 6 }), (cells) => {
          expect(quick.fragment(cells)).toBe(reference.fragment(cells));
        }),
        { numRuns: 2000 },
      );
    });
  }
});
