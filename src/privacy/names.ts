// Names a session knows, and a scrubber that replaces them in free text. People type names
// into every kind of field ("Spreekuur met Anouk de Vries", "Ineke zegt", "Bakker's aanpak"),
// so a name is matched as a whole, as first name and as surname, ignoring case and accents,
// on word boundaries and with a possessive ending. Pure: plain strings in, plain strings out.

/** Dutch name particles: part of a surname, never a name on their own ("de", "van der"). */
const PARTICLES = new Set([
  "van",
  "de",
  "der",
  "den",
  "het",
  "'t",
  "t",
  "ter",
  "ten",
  "te",
  "in",
  "op",
  "von",
  "la",
  "le",
  "du",
  "da",
  "di",
  "del",
  "el",
  "al",
  "'s",
  "s",
  "d'",
  "vd",
  "v/d",
  "v.d.",
]);

/** Capitalised words in persoonlijk text that are ordinary Dutch words, not names. */
const NOT_NAMES = new Set([
  "casus",
  "groep",
  "leerling",
  "leerlingen",
  "school",
  "ouder",
  "ouders",
  "moeder",
  "vader",
  "broer",
  "zus",
  "kind",
  "klas",
  "jongen",
  "meisje",
  "sinds",
  "maar",
  "want",
  "omdat",
  "toen",
  "daarna",
  "nu",
  "ook",
  "niet",
  "wel",
  "geen",
  "een",
  "het",
  "de",
  "die",
  "dat",
  "deze",
  "dit",
  "er",
  "hij",
  "zij",
  "ze",
  "wij",
  "we",
  "ik",
  "jij",
  "hun",
  "haar",
  "zijn",
  "met",
  "bij",
  "voor",
  "na",
  "naar",
  "van",
  "in",
  "op",
  "aan",
  "om",
  "over",
  "uit",
  "tot",
  "en",
  "of",
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december",
  "maandag",
  "dinsdag",
  "woensdag",
  "donderdag",
  "vrijdag",
  "zaterdag",
  "zondag",
  "cjg",
  "ggd",
  "socius",
  "met",
  "swv",
]);

/** Letters that carry no combining mark but are typed without it all the same (Yılmaz → Yilmaz). */
const PLAIN: Record<string, string> = { ı: "i", ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", ð: "d", þ: "th", ĳ: "ij", "’": "'" };

/** Case- and accent-free form of one character (may be longer or shorter than the input). */
function foldCharUncached(c: string): string {
  const f = c.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  return PLAIN[f] ?? f;
}

// Folding is the scrubber's hot loop (every free-text character of every session): each
// distinct character is folded once. Texts use few distinct characters, so this stays small.
const folded = new Map<string, string>();
function foldChar(c: string): string {
  let f = folded.get(c);
  if (f === undefined) folded.set(c, (f = foldCharUncached(c)));
  return f;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** ASCII folds to its lower case, one character for one (no PLAIN key is ASCII). */
const ASCII = /^[\x00-\x7f]*$/;

export function fold(s: string): string {
  return foldText(s).folded;
}

/**
 * fold(), and whether every character kept its length: then offsets in the folded text are
 * offsets in the original. Runs of ASCII are lower-cased in one piece; only the other
 * characters go one by one (most texts are ASCII with an emoji or an accent here and there).
 */
function foldText(s: string): { folded: string; sameOffsets: boolean } {
  if (ASCII.test(s)) return { folded: s.toLowerCase(), sameOffsets: true };
  let out = "";
  let sameOffsets = true;
  let run = 0;
  for (let i = 0; i < s.length; ) {
    const u = s.charCodeAt(i);
    if (u < 0x80) {
      i++;
      continue;
    }
    if (run < i) out += s.slice(run, i).toLowerCase();
    // One code point, as `for (const c of s)` would give it (a lone surrogate on its own).
    const len = isHigh(u) && i + 1 < s.length && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
    const f = foldChar(s.slice(i, i + len));
    if (f.length !== len) sameOffsets = false;
    out += f;
    i += len;
    run = i;
  }
  if (run < s.length) out += s.slice(run).toLowerCase();
  return { folded: out, sameOffsets };
}

const WORD = /[\p{L}\p{N}'’]+/gu;

/** What joins the parts of one name: hyphens ("Jansen-Bakker") and apostrophes ("O'Connor"). */
const HYPHENS = /[-‐–]/;
const APOSTROPHES = /['’‘`´]/;
/** Without its hyphens and apostrophes: "seánoconnor" for "Seán O'Connor" written as one word. */
const bare = (s: string): string => s.split(APOSTROPHES).join("").split(HYPHENS).join("");

/** The forms of one full name that must not appear: the whole name, surname with particles, each part. */
export function nameForms(fullName: string): string[] {
  const tokens = fullName
    .split(/[\s]+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter(Boolean);
  const forms = new Set<string>();
  const add = (s: string) => {
    const f = fold(s).trim();
    // Single letters are initials ("A. de Vries"): matching them would scrub every "a". A part
    // that is an ordinary word ("Er" of Er Tan, "Haar" of Van der Haar) would scrub every "er"
    // and "haar": it is only a name where it is written with a capital (capitalForms).
    if ([...f.replace(/[^\p{L}\p{N}]/gu, "")].length >= 2 && !PARTICLES.has(f) && !NOT_NAMES.has(f)) forms.add(f);
  };
  if (tokens.length > 1) {
    add(tokens.join(" "));
    // Written as one word, as in user names and addresses: "mariekejansen", "joellevanderberg",
    // and the initial with the surname, "mjansen", "jvanderberg".
    add(tokens.join(""));
    add(bare(tokens.join("")));
    const surname = bare(tokens.slice(1).join(""));
    if ([...surname].length >= 3 && !PARTICLES.has(fold(tokens[0]!))) {
      const initial = [...tokens[0]!][0]!;
      add(`${initial}${surname}`);
      // E-mail addresses and user names drop the particles and keep one part of a double
      // surname: "avries" (Anouk de Vries), "jberg" (Joëlle van der Berg), "mjansen" and
      // "mbakker" (Marieke Jansen-Bakker); also as typed, "mjansen-bakker".
      add(`${initial}${tokens.slice(1).join("")}`);
      for (const t of tokens.slice(1)) {
        if (PARTICLES.has(fold(t))) continue;
        for (const part of [t, ...t.split(HYPHENS)]) {
          const p = bare(part);
          if ([...p].length >= 3) add(`${initial}${p}`);
        }
      }
    }
  }
  tokens.forEach((t, i) => {
    if (PARTICLES.has(fold(t))) {
      // "de Vries", "van der Berg": the surname as it is written after a first name.
      const rest = tokens.slice(i);
      if (i > 0 && rest.some((x) => !PARTICLES.has(fold(x)))) {
        add(rest.join(" "));
        add(rest.join(""));
      }
      return;
    }
    add(t);
    // Double surnames: "Jansen-Bakker" is also "Jansen", "Bakker" and "JansenBakker"; "O'Connor"
    // is also "OConnor" and "Connor" (web addresses and user names drop the marks).
    const parts = t.split(HYPHENS);
    if (parts.length > 1) add(parts.join(""));
    for (const part of parts) {
      add(part);
      const pieces = part.split(APOSTROPHES);
      if (pieces.length < 2) continue;
      add(pieces.join(""));
      // Only pieces that can be a name on their own: "IB'er" must not make "er" a name.
      for (const piece of pieces) if ([...piece].length >= 3) add(piece);
    }
  });
  return [...forms];
}

/**
 * The parts of a full name that are ordinary Dutch words ("Er" of Er Tan, "Haar" of Van der
 * Haar), folded: matched only where the text writes them with a capital, so that every "er" and
 * "haar" stays while "Er zei" still loses the name. Particles are no form at all ("Van Dijk"
 * would take every "Van harte" with it), so a first name "Van" goes only with its surname.
 */
export function capitalForms(fullName: string): string[] {
  const out = new Set<string>();
  for (const raw of fullName.split(/\s+/)) {
    const f = fold(raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));
    if ([...f].length >= 2 && !PARTICLES.has(f) && NOT_NAMES.has(f)) out.add(f);
  }
  return [...out];
}

/**
 * GGZ, CJG, IB'er, MDO: capitals only, two to five of them. The field's own jargon, not a name —
 * taking "GGZ" in a persoonlijk casus for a name garbled "jeugd-GGZ" in every open answer.
 */
const ABBREVIATION = /^\p{Lu}{2,5}(?:['’]\p{Ll}+)?$/u;

/**
 * Words in a persoonlijk text that look like names: capitalised, not an ordinary word, not an
 * abbreviation. Scrubbing a few ordinary words too is the safe side of this guess.
 */
export function namesInText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const w = m[0].replace(/['’]s?$/u, "");
    if (w.length >= 2 && /^\p{Lu}/u.test(w) && !ABBREVIATION.test(w) && !NOT_NAMES.has(fold(w))) out.push(w);
  }
  return out;
}

const LETTER = /^\p{L}/u;
const SPACE = /\s/;
/** A unicode regex never starts a match between the halves of a surrogate pair. */
const isMidPair = (s: string, i: number) => i > 0 && isLow(s.charCodeAt(i)) && isHigh(s.charCodeAt(i - 1));

/** ASCII letter; other characters go to the unicode regex. */
const asciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** Is the code point that ends just before `i` a letter? (A digit does not join a name: "Joëlle2".) */
function letterBefore(s: string, i: number): boolean {
  if (i <= 0) return false;
  const c = s.charCodeAt(i - 1);
  if (c < 0x80) return asciiLetter(c);
  const from = i >= 2 && isLow(c) && isHigh(s.charCodeAt(i - 2)) ? i - 2 : i - 1;
  return LETTER.test(s.slice(from, i));
}
function letterAt(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const c = s.charCodeAt(i);
  return c < 0x80 ? asciiLetter(c) : LETTER.test(s.slice(i, i + 2));
}
/** `\s` for one character: ASCII by hand, the rest by the regex. */
const isSpace = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c < 0x80 ? c === 32 || (c >= 9 && c <= 13) : SPACE.test(s[i]!);
};

/** Possessive endings, in the order the alternation `(?:['’]s|['’]|s)?` tries them. */
const ENDINGS = ["'s", "’s", "'", "’", "s", ""];

/**
 * `(?<!\p{L})(?:form1|form2|…)(?:['’]s|['’]|s)?(?!\p{L})` at one position,
 * with the spaces inside a form matching `\s+`, tried in the regex's own order (forms in the
 * order given, then each ending): the end of the match, or -1. Written out because compiling
 * that unicode regex once per session cost ~1.5 ms — more than reading the session.
 */
function formMatcher(forms: readonly Form[]): (s: string, at: number, capital: () => boolean) => number {
  const tokens = forms.map((f) => ({ parts: partsOf(f.text), capital: f.capital }));
  const formEnd = (s: string, at: number, parts: readonly string[]): number => {
    let i = at;
    for (let k = 0; k < parts.length; k++) {
      if (k > 0) {
        const j = i;
        while (i < s.length && isSpace(s, i)) i++;
        if (i === j) return -1;
      }
      if (!s.startsWith(parts[k]!, i)) return -1;
      i += parts[k]!.length;
    }
    return i;
  };
  return (s, at, capital) => {
    if (letterBefore(s, at)) return -1;
    for (const { parts, capital: needsCapital } of tokens) {
      if (needsCapital && !capital()) continue;
      const e = formEnd(s, at, parts);
      if (e < 0) continue;
      for (const end of ENDINGS) if (s.startsWith(end, e) && !letterAt(s, e + end.length)) return e + end.length;
    }
    return -1;
  };
}

export interface Scrubber {
  /** The text with every known name replaced by the marker. */
  (text: string): string;
  /** How many names were replaced so far. */
  readonly count: number;
}

/**
 * `fn` worked out once per argument. The same participants and owners come back in session after
 * session of a rollup; bounded, so a huge corpus of distinct names cannot grow it.
 */
function remembered(fn: (key: string) => readonly string[]): (key: string) => readonly string[] {
  const seen = new Map<string, readonly string[]>();
  return (key) => {
    let v = seen.get(key);
    if (v === undefined) {
      if (seen.size >= 10000) seen.clear();
      seen.set(key, (v = fn(key)));
    }
    return v;
  };
}

const cachedForms = remembered(nameForms);
const cachedCapitalForms = remembered(capitalForms);
/** The words of a form (split once per form, not once per session). */
const partsOf = remembered((form) => form.split(/\s+/));

/** A form to match; `capital`: only where the text writes its first letter as a capital. */
interface Form {
  text: string;
  capital: boolean;
}

/** A scrubber for these full names (participants, action owners, names in persoonlijk text). */
interface Matcher {
  /** `capital`: is the text's character where the match starts a capital? (asked only when it matters) */
  matchAt: (s: string, at: number, capital: () => boolean) => number;
  /** A match starts with its form's first word (folded): only where one of them occurs can a name start. */
  firsts: string[];
}

function matcherFor(names: readonly string[]): Matcher | null {
  const free = new Set(names.flatMap((n) => cachedForms(String(n))));
  const forms: Form[] = [...free].map((text) => ({ text, capital: false }));
  for (const text of new Set(names.flatMap((n) => cachedCapitalForms(String(n))))) if (!free.has(text)) forms.push({ text, capital: true });
  forms.sort((a, b) => b.text.length - a.text.length);
  return forms.length ? { matchAt: formMatcher(forms), firsts: [...new Set(forms.map((f) => partsOf(f.text)[0]!))] } : null;
}

/** Does the text's code point at `i` start with a capital letter? */
const CAPITAL = /^\p{Lu}/u;
const capitalAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c < 0x80 ? c >= 65 && c <= 90 : CAPITAL.test(text.slice(i, i + 2));
};

export function nameScrubber(names: readonly string[], marker: string): Scrubber {
  const matcher = matcherFor(names);
  let count = 0;
  if (!matcher) {
    const id = ((t: string) => t) as Scrubber;
    Object.defineProperty(id, "count", { get: () => 0 });
    return id;
  }
  const { matchAt, firsts } = matcher;
  const scrub = ((text: string): string => {
    if (!text) return text;
    const { folded: foldedText, sameOffsets } = foldText(text);
    const candidates: number[] = [];
    for (const f of firsts) for (let at = foldedText.indexOf(f); at >= 0; at = foldedText.indexOf(f, at + 1)) candidates.push(at);
    if (!candidates.length) return text;
    candidates.sort((x, y) => x - y);
    // Match on the folded text, replace in the original: keep a map of folded → original
    // offsets where a character folded to another length ("ß" → "ss"); elsewhere they are equal.
    let starts: number[] | undefined;
    if (!sameOffsets) {
      starts = [];
      let i = 0;
      for (const c of text) {
        const f = foldChar(c);
        for (let k = 0; k < f.length; k++) starts.push(i);
        i += c.length;
      }
      starts.push(text.length);
    }
    let out = "";
    let last = 0;
    let searchFrom = 0;
    for (const at of candidates) {
      if (at < searchFrom || isMidPair(foldedText, at)) continue;
      const from = starts ? starts[at]! : at;
      const end = matchAt(foldedText, at, () => capitalAt(text, from));
      if (end < 0) continue;
      searchFrom = end;
      const to = starts ? starts[end]! : end;
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

/** The words of a name, folded, without marks around them: "J. van der Berg " → j, van, der, berg. */
const nameWords = (name: string): string[] =>
  fold(name)
    .split(/\s+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter(Boolean);

/** Titles written before a name, never part of it. */
const TITLES = new Set(["mevr", "mevrouw", "mw", "dhr", "heer", "meneer", "mr", "mrs", "ms", "drs", "dr", "ir"]);

/**
 * An owner's name as words in the order first name, particles, surname: "Van der Berg, J." →
 * j, van, der, berg; "J.v.d. Berg" and "vd Berg" → (j,) van, der, berg; titles dropped.
 */
function ownerWords(who: string): string[] {
  const comma = who.indexOf(",");
  const ordered = comma > 0 ? `${who.slice(comma + 1)} ${who.slice(0, comma)}` : who;
  const out: string[] = [];
  for (const raw of fold(ordered).split(/\s+/)) {
    // "j.v.d." is an initial and an abbreviated particle written together.
    const m = /^([\p{L}])\.(v\.?d\.?|v\/d)$/u.exec(raw);
    const pieces = m ? [m[1]!, m[2]!] : [raw];
    for (const piece of pieces) {
      const t = piece.replace(/^[^\p{L}\p{N}/]+|[^\p{L}\p{N}]+$/gu, "");
      if (!t || TITLES.has(t)) continue;
      if (/^(?:v\.?d|v\/d)$/.test(t)) out.push("van", "der");
      else out.push(t);
    }
  }
  return out;
}

/**
 * The participant an action owner names. Owners are typed by hand ("joelle van der berg",
 * "J. van der Berg", "Weiß", a trailing space), so besides the exact name: the same words
 * ignoring case, accents and spacing; else the one participant whose name forms hold every
 * form of the owner's (first name, surname, whole name) and whose first name starts with the
 * owner's initial, if one is given. Two participants that fit equally well: none (a role
 * guessed wrong would move the action to another organisation).
 */
export function ownerOf<P extends { name?: unknown }>(who: string, participants: readonly P[]): P | undefined {
  // Exactly one, here too: two participants of one name (a CJG worker and an IB'er both called
  // Ingrid van Leeuwen) leave the owner unknown, and the action keeps its recorded organisation.
  const exact = participants.filter((p) => p.name === who);
  if (exact.length) return exact.length === 1 ? exact[0] : undefined;
  const words = nameWords(who);
  if (!words.length) return undefined;
  const key = words.join(" ");
  const same = participants.filter((p) => p.name !== undefined && nameWords(String(p.name)).join(" ") === key);
  if (same.length) return same.length === 1 ? same[0] : undefined;
  // The way an owner is written on a list: "Van der Berg, J.", "J.v.d. Berg", "mevr. vd Berg".
  const written = ownerWords(who);
  if (!written.length) return undefined;
  // "j van der berg" is no form of Joëlle's: the initial is checked on its own below.
  const forms = cachedForms(written.join(" ")).filter((f) => partsOf(f)[0]!.length > 1);
  if (!forms.length) return undefined;
  const initial = written[0]!.length === 1 ? written[0] : undefined;
  const fits = participants.filter((p) => {
    if (p.name === undefined) return false;
    const theirs = cachedForms(String(p.name));
    if (!forms.every((f) => theirs.includes(f))) return false;
    return initial === undefined || nameWords(String(p.name))[0]?.startsWith(initial) === true;
  });
  return fits.length === 1 ? fits[0] : undefined;
}
