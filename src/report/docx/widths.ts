// Column widths for the documents' tables, from the width of their text. Pure: no docx.
//
// Text is measured in DejaVu Sans, the widest font a reader plausibly sees: LibreOffice on Linux
// shows Calibri in it when Calibri is missing, and Calibri itself is narrower. A column at least
// as wide as its longest word in DejaVu Sans keeps that word whole in every reader.

/** Advance widths of U+0020–U+007E in DejaVu Sans and DejaVu Sans Bold, in thousandths of an em. */
const REGULAR = widthTable(
  "318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 636 636 636 636 636 636 636 636 636 636 337 337 838 838 838 531 " +
    "1000 684 686 698 770 632 575 775 752 295 295 656 557 863 748 787 603 787 695 635 611 732 684 989 685 611 685 390 337 390 838 500 " +
    "500 613 635 550 635 615 352 635 634 278 278 579 278 974 634 612 635 635 411 521 392 634 592 818 592 592 525 636 337 636 838",
);
const BOLD = widthTable(
  "348 456 521 838 696 1002 872 306 457 457 523 838 380 415 380 365 696 696 696 696 696 696 696 696 696 696 400 400 838 838 838 580 " +
    "1000 774 762 734 830 683 683 821 837 372 372 775 637 995 837 850 733 850 770 720 682 812 774 1103 771 724 725 457 365 457 838 500 " +
    "500 675 716 593 716 678 435 716 712 343 343 665 343 1042 712 687 716 716 493 595 478 712 652 924 645 652 582 712 365 712 838",
);
/** Outside ASCII: a few punctuation marks by their width, other Latin letters as wide letters, the rest a full em. */
const OTHER: Record<string, number> = {
  "–": 500,
  "—": 1000,
  "…": 1000,
  "‘": 318,
  "’": 318,
  "“": 518,
  "”": 518,
  "«": 557,
  "»": 557,
  "\u00a0": 318,
};

function widthTable(s: string): number[] {
  return s.split(" ").map(Number);
}

function charWidth(ch: string, table: number[]): number {
  const c = ch.codePointAt(0)!;
  if (c >= 0x20 && c < 0x7f) return table[c - 0x20]!;
  const known = OTHER[ch];
  if (known !== undefined) return known;
  // é, ë, ç: the letter under the accent.
  const base = ch.normalize("NFD").codePointAt(0)!;
  if (base >= 0x20 && base < 0x7f) return table[base - 0x20]!;
  return c < 0x250 ? 800 : 1000;
}

/** The tables' text is 9.5 pt: an em is 190 twips. A little extra for rounding in the reader. */
const EM_TWIPS = 190 * 1.03;

/** Width of `text` on one line, in twips, at the tables' 9.5 pt. */
export function textWidth(text: string, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let em = 0;
  for (const ch of text) em += charWidth(ch, table);
  return Math.ceil((em / 1000) * EM_TWIPS);
}

/** Left and right cell margins (parts.ts) and a little room besides. */
export const CELL_MARGINS = 2 * 90 + 40;

/** Short cells that stay on one line as a whole (dates, "loopt nog", scores): never broken at a space or hyphen. */
const UNBREAKABLE = /^[\d\s./:–-]{1,12}$|^.{1,10}$/;

/** Lines of one cell: the cell's own lines, trimmed, without the empty ones. */
function cellLines(text: string): string[] {
  return text
    .split(/\r\n?|\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** After a hyphen between letters Word and LibreOffice may end a line ("Heuvel-|Oosterhuis"); not before a digit. */
const AFTER_HYPHEN = /(?<=\p{L}-)(?=\p{L})/u;

/**
 * The parts of `line` that must stay whole: its words, or the whole of a short line. With `hyphens`,
 * a word may also end a line after a hyphen between letters, as the readers do on their own.
 */
function units(line: string, hyphens: boolean): string[] {
  if (UNBREAKABLE.test(line)) return [line];
  const words = line.split(/\s+/).filter(Boolean);
  return hyphens ? words.flatMap((w) => w.split(AFTER_HYPHEN)) : words;
}

/** The widest part of `line` that must stay whole, leaving out parts wider than `over` (over-long words). */
function unitWidth(line: string, bold: boolean, hyphens = false, over = Number.POSITIVE_INFINITY): number {
  let widest = 0;
  for (const u of units(line, hyphens)) {
    const w = textWidth(u, bold);
    if (w + CELL_MARGINS <= over) widest = Math.max(widest, w);
  }
  return widest;
}

/** The least width at which `text`, wrapped at spaces, takes at most `lines` lines. */
function widthForLines(text: string, lines: number, bold: boolean): number {
  const words = text.split(/\s+/).filter(Boolean);
  const widths = words.map((w) => textWidth(w, bold));
  const space = textWidth(" ", bold);
  const fits = (width: number) => {
    let n = 1;
    let used = 0;
    for (const w of widths) {
      if (used && used + space + w > width) {
        n++;
        used = w;
      } else used += (used ? space : 0) + w;
    }
    return n <= lines;
  };
  let lo = Math.max(0, ...widths);
  let hi = textWidth(words.join(" "), bold);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A word wider than this share of the table is over-long: it breaks rather than take room from the other columns. */
const LONG_WORD_SHARE = 1 / 3;
/** A header may take this many lines; more and the header row towers over a one-word column. */
const HEADER_LINES = 3;
/** A column whose content fits in this share of the table is kept on one line when there is room (names, dates, statuses). */
const SHORT_SHARE = 0.25;

interface Needs {
  /** No word broken: the longest word (or short cell), header included. */
  min: number;
  /** The header in at most HEADER_LINES lines. */
  header: number;
  /** Every line of the column on one line. */
  oneLine: number;
}

/**
 * What a column needs. A word wider than `over` does not count: it breaks, the column keeps its
 * other words. When the table's words do not all fit (`tight`), a word may end a line after a hyphen.
 */
function needsOf(head: string, cells: string[], tight = false, over = Number.POSITIVE_INFINITY): Needs {
  let min = 0;
  let oneLine = 0;
  for (const l of cellLines(head)) min = Math.max(min, unitWidth(l, true, tight, over));
  let header = 0;
  for (const l of cellLines(head)) header = Math.max(header, widthForLines(l, HEADER_LINES, true));
  for (const c of cells) {
    for (const l of cellLines(c)) {
      min = Math.max(min, unitWidth(l, false, tight, over));
      oneLine = Math.max(oneLine, textWidth(l, false));
    }
  }
  return { min: min + CELL_MARGINS, header: Math.max(min, header) + CELL_MARGINS, oneLine: Math.max(min, header, oneLine) + CELL_MARGINS };
}

/**
 * Columns that do not all fit: the widest give way, down to a common width, and the others keep
 * their longest word whole. One over-long word then breaks, but squeezes nothing else.
 */
function shareOut(mins: number[], total: number): number[] {
  const sorted = [...mins].sort((a, b) => a - b);
  let rest = total;
  let cap = 0;
  for (let i = 0; i < sorted.length; i++) {
    const even = rest / (sorted.length - i);
    if (sorted[i]! >= even) {
      cap = even;
      break;
    }
    rest -= sorted[i]!;
    cap = sorted[i]!;
  }
  return mins.map((m) => Math.floor(Math.min(m, cap)));
}

/**
 * Column widths that fit their content, in this order while the table's width allows:
 * 1. every word whole (names, organisations, dates never broken mid-word);
 * 2. every header in at most three lines;
 * 3. short columns (names, dates, statuses) on one line;
 * 4. the rest of the width by weight.
 * A word longer than a third of the table (over-long) counts in none of these steps: it breaks,
 * unless its column's share in step 4 holds it. Only when even step 1 does not fit does a column
 * get less than its longest other word: a word may then end a line after a hyphen, and if the rest
 * still does not fit, the widest columns give way (`shareOut`).
 */
export function fitWidths(head: string[], rows: string[][], weights: number[], total: number): number[] {
  const columnNeeds = (tight: boolean, over?: number) =>
    head.map((h, i) =>
      needsOf(
        h,
        rows.map((r) => r[i] ?? ""),
        tight,
        over,
      ),
    );
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  // An over-long word never claims its width: it breaks, and its column keeps only its other words,
  // so the steps below give names, dates and long texts their room first; the word gets only what
  // the weights give its column. This holds also when every word, the long one included, would fit
  // whole: the Deelnemers table with one long organisation kept it whole in a column of 4344 and left
  // every name two lines ('Anouk de / Vries'), as the Acties table did before with a column a third wide.
  const over = Math.floor(total * LONG_WORD_SHARE);
  let needs = columnNeeds(false, over);
  if (sum(columnNeeds(false).map((n) => n.min)) > total) {
    // The table's words, the over-long ones included, do not all fit: words may now also end a
    // line after a hyphen, so a long text like 'Wat' keeps a share of the width. When even that
    // is not enough, the widest columns share what the others leave.
    needs = columnNeeds(true, over);
    if (sum(needs.map((n) => n.min)) > total)
      return shareOut(
        needs.map((n) => n.min),
        total,
      );
  }
  const widths = needs.map((n) => n.min);
  let free = total - sum(widths);
  // Step 2: headers towards three lines. When the width does not reach, the narrowest columns
  // are raised first, all to the same width (a level), so no header is left towering alone.
  const extraAt = (level: number) => needs.reduce((a, n, i) => a + Math.max(0, Math.min(n.header, level) - widths[i]!), 0);
  let lo = 0;
  let hi = Math.max(...needs.map((n) => n.header));
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (extraAt(mid) <= free) lo = mid;
    else hi = mid - 1;
  }
  free -= extraAt(lo);
  needs.forEach((n, i) => (widths[i] = Math.max(widths[i]!, Math.min(n.header, lo))));
  // Step 3: short columns on one line, the cheapest first, each only as a whole (half a line more is no use).
  const short = needs.map((_, i) => i).filter((i) => needs[i]!.oneLine <= total * SHORT_SHARE && needs[i]!.oneLine > widths[i]!);
  short.sort((a, b) => needs[a]!.oneLine - widths[a]! - (needs[b]!.oneLine - widths[b]!));
  for (const i of short) {
    const extra = needs[i]!.oneLine - widths[i]!;
    if (extra > free) break;
    widths[i] = needs[i]!.oneLine;
    free -= extra;
  }
  // Step 4: each column its weight's share of the table, but never less than it has; repeat for the rest.
  const fixed = new Set<number>();
  for (let round = 0; round < head.length; round++) {
    const room = total - widths.reduce((a, w, i) => a + (fixed.has(i) ? w : 0), 0);
    const weight = weights.reduce((a, w, i) => a + (fixed.has(i) ? 0 : (w ?? 0)), 0);
    if (weight <= 0) break;
    let changed = false;
    const shares = head.map((_, i) => (fixed.has(i) ? widths[i]! : ((weights[i] ?? 0) / weight) * room));
    head.forEach((_, i) => {
      if (!fixed.has(i) && shares[i]! < widths[i]!) {
        fixed.add(i);
        changed = true;
      }
    });
    if (!changed) {
      head.forEach((_, i) => {
        if (!fixed.has(i)) widths[i] = shares[i]!;
      });
      break;
    }
  }
  return widths.map((w) => Math.floor(w));
}
