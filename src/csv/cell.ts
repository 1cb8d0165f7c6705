// One CSV cell: the formula guard and number formatting. Text a spreadsheet would run as a
// formula (=, +, -, @, tab, CR) gets a leading apostrophe, always; numbers the format types as
// numbers stay numbers (also negative ones), with a decimal comma for Dutch Excel.

/** What the rollup layouts put in a cell: text, a typed number, or nothing. */
export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that Excel, LibreOffice or Google Sheets would evaluate is made inert. */
export function guardText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function formatNumber(n: number, decimalComma: boolean): string {
  if (!Number.isFinite(n)) return "";
  const s = String(n);
  return decimalComma ? s.replace(".", ",") : s;
}

/** The text written for a cell (before CSV quoting). */
export function cellText(cell: Cell, decimalComma: boolean): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return formatNumber(cell, decimalComma);
  return guardText(cell);
}
