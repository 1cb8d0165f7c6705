// A fast reader for the YAML that session files actually contain: block mappings and
// sequences, one-line flow collections, plain/quoted scalars and | > block scalars, read
// with the YAML 1.2 core schema. The `yaml` package builds a full CST with positions and is
// ~6x slower than reading the file; a rollup needs only the data. Anything this reader is not
// sure about (anchors, tags, multi-line flow or quoted scalars, odd numbers, tabs, duplicate
// keys, ...) returns undefined and the caller uses the full parser, so the result is either
// exactly what `yaml` would give or nothing. Tests compare both on generated sessions.

/**
 * YAML's white space inside a line is the space and the tab; JavaScript's trim() also strips
 * no-break and ideographic spaces, which YAML keeps as content (`a: 640\u3000` is a string).
 * The reader trims spaces only; tabs make it give up elsewhere.
 */
const trimSpacesEnd = (s: string): string => {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 32) e--;
  return e === s.length ? s : s.slice(0, e);
};
const trimSpacesStart = (s: string): string => {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === 32) i++;
  return i ? s.slice(i) : s;
};

/** Thrown internally to give up; never escapes parseSubset. */
class Bail extends Error {}
const bail = (): never => {
  throw new Bail();
};

type Data = unknown;

const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const isKeyStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
const isKeyChar = (c: number) => isKeyStart(c) || c === 46 || c === 45;

/**
 * `^([A-Za-z0-9_][A-Za-z0-9_.-]*):(?: +|$)` by hand (the reader's hottest test, once per line):
 * the length of the key, or -1. The value starts after the colon and its spaces.
 */
function keyLength(text: string): number {
  return keyLengthAt(text, 0, text.length);
}

// Session files repeat a few dozen keys thousands of times: each is checked once.
const goodKeys = new Set<string>();

/** Keys the core schema would read as numbers, booleans or null are turned into other strings by `yaml`. */
function checkKey(k: string): string {
  const c = k.charCodeAt(0);
  // Starting with a letter and six characters or longer: a string in the core schema (most keys).
  if (k.length > 5 && ((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) return k;
  if (goodKeys.has(k)) return k;
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  // A key starting with a letter is a string unless it spells a boolean or null.
  if (letter ? k.length <= 5 && plainKind(k) !== "string" : plainKind(k) !== "string") bail();
  if (k === "__proto__") bail();
  if (goodKeys.size < 10000) goodKeys.add(k);
  return k;
}

function plainKind(s: string): "null" | "bool" | "number" | "string" {
  if (s === "" || s === "~" || s === "null" || s === "Null" || s === "NULL") return "null";
  if (s === "true" || s === "True" || s === "TRUE" || s === "false" || s === "False" || s === "FALSE") return "bool";
  if (INT.test(s) || FLOAT.test(s) || /^[-+]?(0o|0x|\.inf|\.nan)/i.test(s) || /^\.(inf|nan)$/i.test(s)) return "number";
  return "string";
}

/** YAML 1.2 core schema resolution of a plain scalar. */
function plain(s: string): Data {
  const c = s.charCodeAt(0);
  if (((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) && s.length > 5) {
    // Ordinary words: only the comment/mapping/tab checks apply.
    if (s.includes(": ") || s.includes(" #") || s.charCodeAt(s.length - 1) === 58 || s.includes("\t")) bail();
    return s;
  }
  if (s === "" || s === "~" || s === "null" || s === "Null" || s === "NULL") return null;
  if (s === "true" || s === "True" || s === "TRUE") return true;
  if (s === "false" || s === "False" || s === "FALSE") return false;
  if (INT.test(s) || FLOAT.test(s)) return Number(s);
  // Forms we do not resolve here: octal/hex ints, .inf/.nan, things that look like syntax.
  if (/^[-+]?(0o|0x|\.inf|\.nan)/i.test(s) || /^\.(inf|nan)$/i.test(s)) bail();
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^-[^\s]/.test(s)) bail();
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":") || s.includes("\t")) bail();
  return s;
}

const ESC: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  "\t": "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
};

/** A double-quoted scalar starting at s[i] === '"'; returns [value, index after the closing quote]. */
function doubleQuoted(s: string, i: number): [string, number] {
  let out = "";
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j]!;
    if (c === '"') return [out, j + 1];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = s[++j];
    if (e === undefined) bail();
    if (e === "x" || e === "u" || e === "U") {
      const len = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = s.slice(j + 1, j + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) bail();
      out += String.fromCodePoint(parseInt(hex, 16));
      j += len;
    } else if (ESC[e!] !== undefined) out += ESC[e!];
    else bail();
  }
  return bail(); // not closed on this line: multi-line quoted scalars go to the full parser
}

function singleQuoted(s: string, i: number): [string, number] {
  let out = "";
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === "'") {
      if (s[j + 1] === "'") {
        out += "'";
        j++;
        continue;
      }
      return [out, j + 1];
    }
    out += s[j];
  }
  return bail();
}

/** Only spaces and an optional comment may follow a finished value. */
function rest(s: string, i: number): void {
  const r = s.slice(i);
  if (/^ *$/.test(r)) return;
  if (/^ +#/.test(r)) return;
  bail();
}

/** A one-line flow collection or scalar inside one, from s[i]; returns [value, next index]. */
function flow(s: string, i: number): [Data, number] {
  while (s[i] === " ") i++;
  const c = s[i];
  if (c === "[") {
    const out: Data[] = [];
    i++;
    for (;;) {
      while (s[i] === " ") i++;
      if (s[i] === "]") return [out, i + 1];
      const [v, j] = flow(s, i);
      out.push(v);
      i = j;
      while (s[i] === " ") i++;
      if (s[i] === ",") {
        i++;
        while (s[i] === " ") i++;
        if (s[i] === "]") bail(); // trailing comma
      } else if (s[i] !== "]") bail();
    }
  }
  if (c === "{") {
    const out: Record<string, Data> = {};
    i++;
    for (;;) {
      while (s[i] === " ") i++;
      if (s[i] === "}") return [out, i + 1];
      const [k, j] = flowScalar(s, i, true);
      if (typeof k !== "string" || s[j] !== ":" || k in out) bail();
      checkKey(k as string);
      const [v, m] = flow(s, j + 1);
      out[k as string] = v;
      i = m;
      while (s[i] === " ") i++;
      if (s[i] === ",") {
        i++;
        while (s[i] === " ") i++;
        if (s[i] === "}") bail();
      } else if (s[i] !== "}") bail();
    }
  }
  return flowScalar(s, i, false);
}

function flowScalar(s: string, i: number, key: boolean): [Data, number] {
  if (s[i] === '"') return doubleQuoted(s, i);
  if (s[i] === "'") return singleQuoted(s, i);
  let j = i;
  while (j < s.length) {
    const c = s[j]!;
    if (c === "," || c === "[" || c === "]" || c === "{" || c === "}") break;
    if (c === ":" && (key || s[j + 1] === " " || s[j + 1] === "," || s[j + 1] === "}" || s[j + 1] === "]" || j + 1 === s.length)) break;
    if (c === "#" && s[j - 1] === " ") bail();
    j++;
  }
  const text = trimSpacesEnd(trimSpacesStart(s.slice(i, j)));
  if (text === "" || (key && !/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(text))) bail();
  return [key ? text : plain(text), j];
}

export function parseSubset(source: string): Record<string, unknown> | undefined {
  try {
    return new Reader(source).document();
  } catch (err) {
    if (err instanceof Bail) return undefined;
    throw err;
  }
}

/** keyLength() on s[from, end), without cutting the line out first. */
function keyLengthAt(s: string, from: number, end: number): number {
  if (!isKeyStart(s.charCodeAt(from))) return -1;
  let i = from + 1;
  while (i < end && isKeyChar(s.charCodeAt(i))) i++;
  if (i >= end || s.charCodeAt(i) !== 58) return -1;
  return i + 1 === end || s.charCodeAt(i + 1) === 32 ? i - from : -1;
}

/** Could `trim()` remove this character? (Space itself is counted as indentation before.) */
const maybeBlank = (c: number) => c === 9 || c === 11 || c === 12 || c === 13 || c === 0xa0 || c === 0xfeff || (c >= 0x1680 && c <= 0x3000);

/**
 * Reads the text in place: a line is a range of the source, and only keys and values are cut
 * out of it (cutting every line and its indentation made half of the reader's garbage).
 */
class Reader {
  private readonly src: string;
  /** The text has tabs: lines are checked one by one for them. */
  private readonly odd: boolean;
  /** Start of the next line not yet consumed. */
  private pos = 0;
  // The next line with content, as found by peek() (valid while peekAt === pos).
  private peekAt = -1;
  private has = false;
  /** Its indentation, where its text starts and ends, where the line after it starts. */
  private ind = 0;
  private ts = 0;
  private te = 0;
  private after = 0;

  constructor(source: string) {
    this.src = source.includes("\r") ? source.replace(/\r\n/g, "\n") : source;
    // A carriage return on its own is a line break to YAML, and `yaml` rejects some: not ours.
    if (this.src.includes("\r")) bail();
    this.odd = this.src.includes("\t");
  }

  /** Is there a next line that carries content (comments and blank lines skipped)? Not consumed. */
  private peek(): boolean {
    if (this.peekAt === this.pos) return this.has;
    const s = this.src;
    const n = s.length;
    let p = this.pos;
    while (p < n) {
      let e = s.indexOf("\n", p);
      if (e < 0) e = n;
      if (this.odd) {
        const l = s.slice(p, e);
        if (l.includes("\t")) {
          const t = l.trimStart();
          if (t !== "" && !t.startsWith("#")) bail();
        }
      }
      let i = p;
      while (i < e && s.charCodeAt(i) === 32) i++;
      const c = s.charCodeAt(i);
      if (i === e || c === 35 || (c === 9 && /^[ \t]*$/.test(s.slice(i, e)))) {
        p = e + 1;
        continue;
      }
      // A line of other white space (no-break, ideographic) is content to YAML, not blank.
      if (maybeBlank(c)) bail();
      if ((c === 45 && s.startsWith("---", i)) || (c === 46 && s.startsWith("...", i)) || c === 37) bail();
      this.pos = this.peekAt = p;
      this.has = true;
      this.ind = i - p;
      this.ts = i;
      this.te = e;
      this.after = e + 1;
      return true;
    }
    this.pos = this.peekAt = p;
    this.has = false;
    return false;
  }

  private consume(): void {
    this.pos = this.after;
  }

  /** Does s[ts, te) start a sequence item ("- x" or "-")? */
  private dash(ts: number, te: number): boolean {
    return this.src.charCodeAt(ts) === 45 && (te === ts + 1 || this.src.charCodeAt(ts + 1) === 32);
  }

  document(): Record<string, unknown> {
    if (!this.peek() || this.ind !== 0) bail();
    const map = this.mapping(0);
    if (this.peek()) bail();
    return map;
  }

  /** A block mapping at `indent`; its first line may already be consumed (text s[first, firstEnd)). */
  private mapping(indent: number, first = -1, firstEnd = 0): Record<string, unknown> {
    const s = this.src;
    const out: Record<string, unknown> = {};
    const keys: string[] = [];
    let many: Set<string> | undefined;
    let ts = first;
    let te = firstEnd;
    for (;;) {
      if (ts < 0) {
        if (!this.peek() || this.ind < indent) return out;
        if (this.ind > indent) bail();
        ts = this.ts;
        te = this.te;
        this.consume();
      }
      let key: string;
      let after: string;
      if (s.charCodeAt(ts) === 34) {
        const text = s.slice(ts, te);
        const [k, j] = doubleQuoted(text, 0);
        if (text[j] !== ":" || (text[j + 1] !== undefined && text[j + 1] !== " ")) bail();
        key = k;
        after = trimSpacesStart(text.slice(j + 1));
      } else {
        const n = keyLengthAt(s, ts, te);
        if (n < 0) bail();
        key = s.slice(ts, ts + n);
        let j = ts + n + 1;
        while (j < te && s.charCodeAt(j) === 32) j++;
        after = j === te ? "" : s.slice(j, te);
      }
      // Duplicate keys: `key in out` on objects of ever new shapes cost ~10 µs a session; a list
      // of the keys so far is cheaper for the dozen or so a mapping has (a Set for long ones).
      if (many ? many.has(key) : keys.includes(key)) bail();
      checkKey(key);
      if (many) many.add(key);
      else if (keys.push(key) > 16) many = new Set(keys);
      out[key] = this.value(after, indent, true);
      ts = -1;
    }
  }

  /** The value after `key:` or `- ` (already consumed), at a node of the given indent. */
  private value(after: string, indent: number, inMap: boolean): Data {
    if (after === "" || after.charCodeAt(0) === 35) {
      if (this.peek()) {
        const { ind, ts, te } = this;
        if (ind > indent) {
          this.consume();
          return this.dash(ts, te) ? this.sequence(ind, ts, te) : this.mapping(ind, ts, te);
        }
        if (inMap && ind === indent && this.dash(ts, te)) {
          this.consume();
          return this.sequence(ind, ts, te);
        }
      }
      return null;
    }
    const c = after[0];
    if (c === "|" || c === ">") return this.blockScalar(after, indent);
    if (c === "&" || c === "*" || c === "!" || c === "?") bail();
    if (c === "[" || c === "{" || c === '"' || c === "'") {
      const [v, j] = c === '"' ? doubleQuoted(after, 0) : c === "'" ? singleQuoted(after, 0) : flow(after, 0);
      rest(after, j);
      this.noContinuation(indent);
      return v;
    }
    const hash = after.indexOf(" #");
    const v = plain(trimSpacesEnd(hash >= 0 ? after.slice(0, hash) : after));
    this.noContinuation(indent);
    return v;
  }

  /** A deeper line after a one-line value would be a multi-line scalar: not ours. */
  private noContinuation(indent: number): void {
    if (this.peek() && this.ind > indent) bail();
  }

  /** A block sequence at `indent` whose first item line, s[ts, te), is already consumed. */
  private sequence(indent: number, ts: number, te: number): Data[] {
    const s = this.src;
    const out: Data[] = [];
    for (;;) {
      if (ts < 0) {
        if (!this.peek() || this.ind < indent) return out;
        if (this.ind > indent || !this.dash(this.ts, this.te)) {
          if (this.ind === indent) return out; // the next key of a mapping at the same indent
          bail();
        }
        ts = this.ts;
        te = this.te;
        this.consume();
      }
      const item = te - ts === 1 ? "" : s.slice(ts + 2, te);
      const body = trimSpacesStart(item);
      const lead = item.length - body.length;
      if (body.startsWith("- ") || body === "-") bail(); // nested "- - x"
      if (body !== "" && body.charCodeAt(0) !== 35 && keyLength(body) >= 0) {
        // "- key: value" starts a mapping whose keys sit at indent + 2 + lead
        out.push(this.mapping(indent + 2 + lead, te - body.length, te));
      } else {
        out.push(this.value(body, indent, false));
      }
      ts = -1;
    }
  }

  private blockScalar(header: string, indent: number): string {
    const m = /^([|>])([-]?)( +#.*)?$/.exec(trimSpacesEnd(header));
    if (!m) bail();
    const literal = m![1] === "|";
    const strip = m![2] === "-";
    const s = this.src;
    const lines: string[] = [];
    let n = -1;
    while (this.pos < s.length) {
      let e = s.indexOf("\n", this.pos);
      if (e < 0) e = s.length;
      const l = s.slice(this.pos, e);
      const t = trimSpacesStart(l);
      const ind = l.length - t.length;
      if (t === "") {
        if (n < 0) bail(); // leading blank lines: leave to the full parser
        if (l.length > n) bail(); // whitespace-only line with content spaces
        lines.push("");
        this.pos = e + 1;
        continue;
      }
      if (n < 0) {
        if (ind <= indent) break;
        n = ind;
      }
      if (ind < n) break;
      if (l.slice(0, n).includes("\t")) bail();
      const content = l.slice(n);
      if (!literal && (content.startsWith(" ") || content.startsWith("\t"))) bail(); // more-indented folded lines
      lines.push(content);
      this.pos = e + 1;
    }
    if (n < 0) bail();
    while (lines.length && lines[lines.length - 1] === "") lines.pop();
    let body: string;
    if (literal) body = lines.join("\n");
    else {
      body = "";
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (i === 0) body = line;
        else if (line === "") body += "\n";
        else body += lines[i - 1] === "" ? line : ` ${line}`;
      }
    }
    return strip || body === "" ? body : `${body}\n`;
  }
}
