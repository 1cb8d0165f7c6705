// Which section holds a format's agreements: where last year's agreements are followed up,
// and what the report's first block "Afspraken en acties" quotes.
import type { Format, Section } from "./types.js";

/** Id `afspraken`, else the section with an `afspraken` question, else the last section. */
export function agreementsSection(format: Format): Section | undefined {
  return (
    format.sections.find((s) => s.id === "afspraken") ??
    format.sections.find((s) => s.questions.some((q) => q.id.includes("afspraken"))) ??
    format.sections.at(-1)
  );
}
