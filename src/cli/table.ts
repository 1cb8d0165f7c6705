// Plain text tables for the terminal: columns padded to the widest cell.
export function table(rows: string[][], gap = 2): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c + " ".repeat(widths[i]! - [...c].length + gap)))
        .join("")
        .trimEnd(),
    )
    .join("\n")
    .concat("\n");
}
