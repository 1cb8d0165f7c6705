// Packs a report DOCX while formatting only the parts that differ per report. docx's
// Packer.toBuffer formats every part (styles, theme, numbering, settings, ...) and deflates it
// again for each document; those parts are the same for every report in a batch, so they are
// formatted and deflated once per thread (from the first report) and reused as zip entries.
//
// This leans on docx internals (Packer.compiler's formatter, File's parts) and on how the
// compiler writes XML. It is therefore checked, not trusted: the template is taken only when a
// second report formatted this way gives exactly the parts Packer.compiler.compile gives, and
// a document of another shape (an image, a second header) falls back to Packer.toBuffer.
// test/report/fast-pack.test.ts pins this against the installed docx.
import { Packer, type Document } from "docx";
import { crc32, deflateRawSync } from "node:zlib";

/** The parts that carry the report's own text; everything else is the house style. */
export const VARYING = ["word/document.xml", "word/header1.xml", "word/footer1.xml", "docProps/core.xml"] as const;
type Varying = (typeof VARYING)[number];
const NUMBERING = "word/numbering.xml";

// --- the docx internals used, typed as narrowly as we use them --------------------------------
type Xmlable = Record<string, unknown>;
interface Component {
  prepForXml(ctx: unknown): Xmlable | undefined;
}
interface Wrapper {
  View: Component;
}
interface Concrete {
  reference: string;
  instance: number;
  numId: number;
}
interface FileInternals {
  Document: Wrapper & { Relationships: { RelationshipCount: number } };
  Headers: readonly Wrapper[];
  Footers: readonly Wrapper[];
  CoreProperties: Component;
  Numbering: { ConcreteNumbering: readonly Concrete[] };
  Media: { Array: readonly unknown[] };
  Comments: { IsEmpty: boolean };
  FontTable: { files: readonly unknown[] };
  Macros?: unknown;
}
interface CompilerInternals {
  compile(file: Document): Map<string, string | Uint8Array>;
  formatter: { format(input: Component, ctx: unknown): Xmlable };
  numberingReplacer: { replace(xml: string, concrete: readonly Concrete[]): string };
}

function compiler(): CompilerInternals | undefined {
  const c = (Packer as unknown as { compiler?: Partial<CompilerInternals> }).compiler;
  return typeof c?.compile === "function" && typeof c.formatter?.format === "function" && typeof c.numberingReplacer?.replace === "function"
    ? (c as CompilerInternals)
    : undefined;
}

/** The key of XML already written (a snippet, see parts.ts): no XML name can start with a NUL. */
export const RAW = "\u0000raw";

// --- XML text, written exactly as docx's stringifyXmlable writes it (no indent) ---------------
const ESC: Record<string, string> = { "&": "&amp;", '"': "&quot;", "'": "&apos;", "<": "&lt;", ">": "&gt;" };
export const escapeAll = (v: string) => v.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESC[c] ?? "");
const escapeValue = (v: unknown) => (typeof v === "string" ? escapeAll(v) : v);

function attrs(attr: Record<string, unknown>): string {
  let out = "";
  for (const key in attr) if (Object.hasOwn(attr, key)) out += ` ${key}="${String(escapeValue(attr[key]))}"`;
  return out;
}

function firstKey(o: object): string | undefined {
  for (const k in o) if (Object.hasOwn(o, k)) return k;
  return undefined;
}

/**
 * One element, as docx's resolve() + format() write it, quirks included: a text value
 * replaces the content item before it. That item is always the one pushed last, so only
 * the last item is held back (`last`) and the rest is already text (`done`).
 */
export function xmlOf(data: Xmlable): string {
  const name = firstKey(data);
  const values = name === undefined ? undefined : data[name];
  if (name === RAW) return values as string;
  let attributes = "";
  let done = "";
  let last: string | undefined;
  const push = (s: string) => {
    if (last !== undefined) done += last;
    last = s;
  };
  if (typeof values === "object") {
    if (values !== null) {
      const { _attr: attr, _cdata: cdata } = values as { _attr?: Record<string, unknown>; _cdata?: string };
      if (attr) attributes += attrs(attr);
      if (cdata) push(`<![CDATA[${cdata.replace(/\]\]>/g, "]]]]><![CDATA[>")}]]>`);
      if (Array.isArray(values)) {
        let text = false;
        push("");
        for (const v of values as unknown[]) {
          if (typeof v === "object") {
            const o = v as Xmlable;
            if (firstKey(o) === "_attr") attributes += attrs(o._attr as Record<string, unknown>);
            else push(xmlOf(o));
          } else {
            last = String(escapeValue(v));
            text = true;
          }
        }
        if (!text) push("");
      }
    }
  } else push(values === undefined ? "" : String(escapeValue(values)));
  const open = (name ? `<${name}` : "") + attributes;
  if (last === undefined) return `${open}/>`;
  return `${open}${name ? ">" : ""}${done}${last}${name ? `</${name}>` : ""}`;
}

const DECL = '<?xml version="1.0" encoding="UTF-8"?>';
const DECL_STANDALONE = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

// --- zip: stored once for the shared parts, deflated per report for the rest ------------------
interface Entry {
  name: Buffer;
  crc: number;
  size: number;
  data: Buffer;
}
/** A fixed date (1980-01-01 00:00) in every entry: the same report gives the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

function entry(path: string, data: string | Uint8Array, level: number): Entry {
  const raw = typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data);
  return { name: Buffer.from(path, "utf8"), crc: crc32(raw), size: raw.length, data: deflateRawSync(raw, { level }) };
}

function zip(entries: Entry[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.name.length, 26);
    local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    local.copy(dir, 8, 6, 28); // flags … name length, as in the local header
    dir.writeUInt32LE(offset, 42);
    chunks.push(local, e.name, e.data);
    central.push(dir, e.name);
    offset += 30 + e.name.length + e.data.length;
  }
  const dirSize = central.reduce((a, b) => a + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

// --- the packer ------------------------------------------------------------------------------
/** Level 6 is what docx (fflate) uses; the shared parts are deflated once, so they get 9. */
const LEVEL = 6;
const SHARED_LEVEL = 9;
const key = (c: Concrete) => `${c.reference}\u0000${c.instance}\u0000${c.numId}`;

/** The shape every report shares; a document of another shape is packed by docx itself. */
function shapeOf(f: FileInternals): string | undefined {
  if (
    f.Headers.length !== 1 ||
    f.Footers.length !== 1 ||
    f.Media.Array.length ||
    !f.Comments.IsEmpty ||
    f.FontTable.files.length ||
    f.Macros !== undefined
  )
    return undefined;
  return `rels:${f.Document.Relationships.RelationshipCount}`;
}

/** The per-report parts, formatted as Compiler.xmlifyFile formats them (document first: it creates the list instances). */
function varyingParts(c: CompilerInternals, doc: Document): Map<Varying, string> {
  const f = doc as unknown as FileInternals;
  const ctx = (viewWrapper: unknown) => ({ viewWrapper, file: doc, stack: [] });
  const concrete = () => f.Numbering.ConcreteNumbering;
  const body = DECL_STANDALONE + xmlOf(c.formatter.format(f.Document.View, ctx(f.Document)));
  const header = DECL + xmlOf(c.formatter.format(f.Headers[0]!.View, ctx(f.Headers[0])));
  const footer = DECL + xmlOf(c.formatter.format(f.Footers[0]!.View, ctx(f.Footers[0])));
  const core = DECL_STANDALONE + xmlOf(c.formatter.format(f.CoreProperties, ctx(f.Document)));
  return new Map<Varying, string>([
    ["word/document.xml", c.numberingReplacer.replace(body, concrete())],
    ["word/header1.xml", c.numberingReplacer.replace(header, concrete())],
    ["word/footer1.xml", c.numberingReplacer.replace(footer, concrete())],
    ["docProps/core.xml", core],
  ]);
}

/** core.xml carries the time of writing: compared without it. */
const timeless = (xml: string) => xml.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, "$1");

export class ReportPacker {
  private constructor(
    private readonly c: CompilerInternals,
    private readonly shape: string,
    private readonly order: string[],
    private readonly shared: Map<string, Entry>,
    private readonly lists: Set<string>,
  ) {}

  /**
   * A packer whose shared parts come from `make(0)`, or undefined when docx does not behave as
   * this module expects. `make(i, snippets)` builds a fresh document of sample i (0 and 1 must
   * differ in text, 0 must use every list the reports use), with or without snippets.
   */
  static create(make: (i: 0 | 1, snippets: boolean) => Document): ReportPacker | undefined {
    const c = compiler();
    if (!c) return undefined;
    try {
      const full = [c.compile(make(0, false)), c.compile(make(1, false))];
      const first = make(0, false);
      const shape = shapeOf(first as unknown as FileInternals);
      if (!shape || shapeOf(make(1, false) as unknown as FileInternals) !== shape) return undefined;
      // Both ways a report is built here (plain docx, and with parts.ts's snippets) must give docx's XML.
      const mine = [varyingParts(c, first), varyingParts(c, make(1, false))];
      const snipped = [varyingParts(c, make(0, true)), varyingParts(c, make(1, true))];
      for (let i = 0; i < 2; i++) {
        for (const p of VARYING) {
          const theirs = full[i]!.get(p);
          if (typeof theirs !== "string") return undefined;
          if (timeless(theirs) !== timeless(mine[i]!.get(p)!) || timeless(theirs) !== timeless(snipped[i]!.get(p)!)) return undefined;
        }
      }
      // The shared parts must really be shared: the same for two different reports.
      const shared = new Map<string, Entry>();
      for (const [path, data] of full[0]!) {
        if ((VARYING as readonly string[]).includes(path)) continue;
        const other = full[1]!.get(path);
        if (other === undefined || !sameData(data, other)) return undefined;
        shared.set(path, entry(path, data, SHARED_LEVEL));
      }
      if (full[1]!.size !== full[0]!.size) return undefined;
      const lists = new Set((first as unknown as FileInternals).Numbering.ConcreteNumbering.map(key));
      if (!full[0]!.has(NUMBERING)) return undefined;
      return new ReportPacker(c, shape, [...full[0]!.keys()], shared, lists);
    } catch {
      return undefined;
    }
  }

  /** The DOCX, or undefined when this document is not of the shape the shared parts fit. */
  pack(doc: Document): Buffer | undefined {
    const f = doc as unknown as FileInternals;
    if (shapeOf(f) !== this.shape) return undefined;
    const parts = varyingParts(this.c, doc);
    // numbering.xml lists the list instances the body used: one without bullets (or with
    // others) gets its own, formatted as the compiler does, after the body.
    const own = new Map<string, string>(parts);
    const lists = f.Numbering.ConcreteNumbering;
    if (lists.length !== this.lists.size || !lists.every((n) => this.lists.has(key(n)))) {
      own.set(
        NUMBERING,
        DECL_STANDALONE +
          xmlOf(this.c.formatter.format(f.Numbering as unknown as Component, { viewWrapper: f.Document, file: doc, stack: [] })),
      );
    }
    return zip(this.order.map((p) => (own.has(p) ? entry(p, own.get(p)!, LEVEL) : this.shared.get(p)!)));
  }
}

function sameData(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  return Buffer.from(a).equals(Buffer.from(b));
}
