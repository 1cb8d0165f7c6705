// Session files for report tests: the realistic examples, copied and varied in a temp dir.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { strFromU8, unzipSync } from "fflate";
import mammoth from "mammoth";
import { ROOT } from "./cli.js";

export const EXAMPLES = path.join(ROOT, "examples");
export const REGENBOOG = path.join(EXAMPLES, "2026-09-15-obs-de-regenboog-kernteam.yaml");
export const VUURTOREN = path.join(EXAMPLES, "2026-09-29-sbo-de-vuurtoren-kernteam.yaml");

export function readExample(file: string): any {
  return parse(readFileSync(file, "utf8"));
}

export function writeSession(dir: string, name: string, session: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, stringify(session));
  return file;
}

export async function docxHtml(file: string): Promise<string> {
  return (await mammoth.convertToHtml({ path: file })).value;
}

export async function docxText(file: string): Promise<string> {
  return (await mammoth.extractRawText({ path: file })).value;
}

/** The parts of the package (word/document.xml, word/header1.xml, ...) whose names match, read with fflate. */
export async function docxPart(file: string, part: RegExp): Promise<string> {
  const files = unzipSync(readFileSync(file), { filter: (f) => part.test(f.name) });
  return Object.values(files)
    .map((data) => strFromU8(data))
    .join("\n");
}

/** The texts of the paragraphs with a given style, in document order. */
export function styledParagraphs(documentXml: string, style: string): string[] {
  const out: string[] = [];
  for (const m of documentXml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)) {
    const body = m[1]!;
    if (!body.includes(`<w:pStyle w:val="${style}"/>`)) continue;
    out.push([...body.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""));
  }
  return out;
}
