// Names a session knows, and a scrubber that replaces them in free text. People type names
// into every kind of field ("Spreekuur met Anouk de Vries", "Ineke zegt", "Bakker's aanpak"),
// so a name is matched as a whole, as first name and as surname, ignoring case and accents,
// on word boundaries and with a possessive ending. Pure: plain strings in, plain strings out.

/** Dutch name particles: part of a surname, never a name on their own ("de", "van der"). */
const PARTICLES = new Set(["van", "de", "der", "den", "het", "'t", "t", "ter", "ten", "te", "in", "op", "von", "la", "le", "du", "da", "di", "del", "el", "al", "'s", "s", "d'", "vd", "v/d", "v.d."]);

/** Capitalised words in persoonlijk text that are ordinary Dutch words, not names. */
const NOT_NAMES = new Set([
  "casus", "groep", "leerling", "leerlingen", "school", "ouder", "ouders", "moeder", "vader", "broer", "zus", "kind",
  "klas", "jongen", "meisje", "sinds", "maar", "want", "omdat", "toen", "daarna", "nu", "ook", "niet", "wel", "geen",
  "een", "het", "de", "die", "dat", "deze", "dit", "er", "hij", "zij", "ze", "wij", "we", "ik", "jij", "hun", "haar",
  "zijn", "met", "bij", "voor", "na", "naar", "van", "in", "op", "aan", "om", "over", "uit", "tot", "en", "of",
  "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
  "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "cjg", "ggd", "socius", "met", "swv",
]);

/** Letters that carry no combining mark but are typed without it all the same (Yılmaz → Yilmaz). */
const PLAIN: Record<string, string> = { ı: "i", ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", ð: "d", þ: "th", ĳ: "ij", "’": "'" };

/** Case- and accent-free form of one character (may be longer or shorter than the input). */
function foldChar(c: string): string {
  const f = c.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  return PLAIN[f] ?? f;
}

export function fold(s: string): string {
  let out = "";
  for (const c of s) out += foldChar(c);
  return out;
}

const WORD = /[\p{L}\p{N}'’]+/gu;

/** The forms of one full name that must not appear: the whole name, surname with particles, each part. */
export function nameForms(fullName: string): string[] {
  const tokens = fullName.split(/[\s]+/).map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")).filter(Boolean);
  const forms = new Set<string>();
  const add = (s: string) => {
    const f = fold(s).trim();
    // Single letters are initials ("A. de Vries"): matching them would scrub every "a".
    if ([...f.replace(/[^\p{L}\p{N}]/gu, "")].length >= 2 && !PARTICLES.has(f)) forms.add(f);
  };
  if (tokens.length > 1) add(tokens.join(" "));
  tokens.forEach((t, i) => {
    if (PARTICLES.has(fold(t))) {
      // "de Vries", "van der Berg": the surname as it is written after a first name.
      const rest = tokens.slice(i).join(" ");
      if (i > 0 && tokens.slice(i).some((x) => !PARTICLES.has(fold(x)))) add(rest);
      return;
    }
    add(t);
    // Double surnames: "Jansen-Bakker" is also "Jansen" and "Bakker".
    for (const part of t.split(/[-‐–]/)) add(part);
  });
  return [...forms];
}

/**
 * Words in a persoonlijk text that look like names: capitalised, not an ordinary word.
 * Scrubbing a few ordinary words too is the safe side of this guess.
 */
export function namesInText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const w = m[0].replace(/['’]s?$/u, "");
    if (w.length >= 2 && /^\p{Lu}/u.test(w) && !NOT_NAMES.has(fold(w))) out.push(w);
  }
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export interface Scrubber {
  /** The text with every known name replaced by the marker. */
  (text: string): string;
  /** How many names were replaced so far. */
  readonly count: number;
}

/** A scrubber for these full names (participants, action owners, names in persoonlijk text). */
export function nameScrubber(names: readonly string[], marker: string): Scrubber {
  const forms = [...new Set(names.flatMap((n) => nameForms(String(n))))].sort((a, b) => b.length - a.length);
  let count = 0;
  if (forms.length === 0) {
    const id = ((t: string) => t) as Scrubber;
    Object.defineProperty(id, "count", { get: () => 0 });
    return id;
  }
  const body = forms.map((f) => f.split(/\s+/).map(escapeRe).join("\\s+")).join("|");
  // Lookarounds instead of \b: \b knows no accents. A possessive ('s, ’s, s, ') belongs to the name.
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?:['’]s|['’]|s)?(?![\\p{L}\\p{N}])`, "gu");
  const scrub = ((text: string): string => {
    if (!text) return text;
    // Match on the folded text, replace in the original: keep a map of folded → original offsets.
    let folded = "";
    const starts: number[] = [];
    let i = 0;
    for (const c of text) {
      const f = foldChar(c);
      for (let k = 0; k < f.length; k++) starts.push(i);
      folded += f;
      i += c.length;
    }
    starts.push(text.length);
    let out = "";
    let last = 0;
    re.lastIndex = 0;
    for (const m of folded.matchAll(re)) {
      const from = starts[m.index]!;
      const to = starts[m.index + m[0].length]!;
      if (from < last) continue;
      out += text.slice(last, from) + marker;
      last = to;
      count++;
    }
    return last === 0 ? text : out + text.slice(last);
  }) as Scrubber;
  Object.defineProperty(scrub, "count", { get: () => count });
  return scrub;
}
