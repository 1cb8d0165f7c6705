// Raw YAML data → a FormatSpec (the file as written, before `extends` is resolved).
// Defensive on purpose: it runs on files that failed the schema too, so that lint can
// still report semantic findings; anything malformed is simply left out here.
import type {
  AnswerScalar,
  Condition,
  Lang,
  LocalText,
  Option,
  ParticipantRole,
  Privacy,
  Question,
  QuestionType,
  ValidateRules,
} from "./types.js";
import { PRIVACY_MARKS, QUESTION_TYPES } from "./types.js";
import type { DataPath, ParsedYaml } from "../yaml/parse.js";
import { setOrigin } from "./origin.js";

export interface SectionSpec {
  id: string;
  title?: LocalText;
  intro?: LocalText;
  minutes?: number;
  questions?: Question[];
}

export interface FormatSpec {
  id: string;
  version: number;
  title?: LocalText;
  description?: LocalText;
  language: Lang;
  extends?: string;
  remove: string[];
  duration?: number;
  meta?: Question[];
  participants?: ParticipantRole[];
  sections?: SectionSpec[];
  parsed: ParsedYaml;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const isScalar = (v: unknown): v is AnswerScalar =>
  typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));

export function normalizeText(v: unknown, lang: Lang): LocalText | undefined {
  if (typeof v === "string") return { [lang]: v };
  if (isObj(v)) {
    const out: LocalText = {};
    if (typeof v.nl === "string") out.nl = v.nl;
    if (typeof v.en === "string") out.en = v.en;
    return Object.keys(out).length ? out : undefined;
  }
  return undefined;
}

/** Each condition remembers its own place, so lint can point at the very `q:` that is wrong. */
function normalizeCondition(v: unknown, parsed: ParsedYaml, path: DataPath): Condition | undefined {
  if (!isObj(v)) return undefined;
  const placed = <T extends Condition>(c: T): T => {
    setOrigin(c, { parsed, path });
    return c;
  };
  if (Array.isArray(v.all)) {
    const all = v.all.map((c, i) => normalizeCondition(c, parsed, [...path, "all", i])).filter((c): c is Condition => !!c);
    return placed({ all });
  }
  if (Array.isArray(v.any)) {
    const any = v.any.map((c, i) => normalizeCondition(c, parsed, [...path, "any", i])).filter((c): c is Condition => !!c);
    return placed({ any });
  }
  if ("not" in v) {
    const not = normalizeCondition(v.not, parsed, [...path, "not"]);
    return not ? placed({ not }) : undefined;
  }
  const q = str(v.q);
  if (!q) return undefined;
  if ("is" in v && isScalar(v.is)) return placed({ q, is: v.is });
  if ("in" in v && Array.isArray(v.in)) return placed({ q, in: v.in.filter(isScalar) });
  if ("answered" in v && typeof v.answered === "boolean") return placed({ q, answered: v.answered });
  return undefined;
}

const VALIDATE_KEYS = ["minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems"] as const;

function normalizeValidate(v: unknown): ValidateRules | undefined {
  if (!isObj(v)) return undefined;
  const out: ValidateRules = {};
  for (const k of VALIDATE_KEYS) {
    const val = v[k];
    if (k === "pattern") {
      if (typeof val === "string") out.pattern = val;
    } else if (typeof val === "number") {
      out[k] = val;
    }
  }
  return out;
}

function normalizeOptions(v: unknown, lang: Lang, parsed: ParsedYaml, path: DataPath): Option[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: Option[] = [];
  v.forEach((o, i) => {
    if (!isObj(o)) return;
    // Codes are strings; `1` written unquoted is the same code as "1".
    const code = typeof o.code === "number" || typeof o.code === "boolean" ? String(o.code) : str(o.code);
    if (code === undefined) return;
    const opt: Option = { code, label: normalizeText(o.label, lang) ?? { [lang]: code } };
    setOrigin(opt, { parsed, path: [...path, i] });
    out.push(opt);
  });
  return out;
}

export function normalizeQuestion(v: unknown, lang: Lang, parsed: ParsedYaml, path: DataPath): Question | undefined {
  if (!isObj(v)) return undefined;
  const id = str(v.id);
  if (!id) return undefined;
  // A `type` that is not a string (even an object whose toString is not a function) is a schema finding, not a crash.
  const type = typeof v.type === "string" && (QUESTION_TYPES as readonly string[]).includes(v.type) ? (v.type as QuestionType) : "text";
  const q: Question = {
    id,
    type,
    prompt: normalizeText(v.prompt, lang) ?? { [lang]: id },
    required: v.required === true,
    tags: Array.isArray(v.tags) ? v.tags.filter((t): t is string => typeof t === "string") : [],
    privacy: (PRIVACY_MARKS as readonly string[]).includes(v.privacy as string) ? (v.privacy as Privacy) : "intern",
    was: Array.isArray(v.was) ? v.was.filter((t): t is string => typeof t === "string") : [],
  };
  const help = normalizeText(v.help, lang);
  if (help) q.help = help;
  const when = normalizeCondition(v.when, parsed, [...path, "when"]);
  if (when) q.when = when;
  const shareWhen = normalizeCondition(v.share_when, parsed, [...path, "share_when"]);
  if (shareWhen) q.shareWhen = shareWhen;
  const validate = normalizeValidate(v.validate);
  if (validate) q.validate = validate;
  const message = normalizeText(v.message, lang);
  if (message) q.message = message;
  const options = normalizeOptions(v.options, lang, parsed, [...path, "options"]);
  if (options) q.options = options;
  const min = num(v.min);
  if (min !== undefined) q.min = min;
  const max = num(v.max);
  if (max !== undefined) q.max = max;
  if (v.per_party === true) q.perParty = true;
  if (isObj(v.labels)) {
    const labels: NonNullable<Question["labels"]> = {};
    const lmin = normalizeText(v.labels.min, lang);
    const lmax = normalizeText(v.labels.max, lang);
    if (lmin) labels.min = lmin;
    if (lmax) labels.max = lmax;
    q.labels = labels;
  }
  if (Array.isArray(v.fields)) {
    q.fields = normalizeQuestions(v.fields, lang, parsed, [...path, "fields"]);
  }
  setOrigin(q, { parsed, path });
  return q;
}

export function normalizeQuestions(v: unknown, lang: Lang, parsed: ParsedYaml, path: DataPath): Question[] {
  if (!Array.isArray(v)) return [];
  const out: Question[] = [];
  v.forEach((item, i) => {
    const q = normalizeQuestion(item, lang, parsed, [...path, i]);
    if (q) out.push(q);
  });
  return out;
}

function normalizeParticipants(v: unknown, lang: Lang, parsed: ParsedYaml): ParticipantRole[] {
  if (!Array.isArray(v)) return [];
  const out: ParticipantRole[] = [];
  v.forEach((p, i) => {
    if (!isObj(p) || !str(p.id)) return;
    const role: ParticipantRole = {
      id: p.id as string,
      label: normalizeText(p.label, lang) ?? { [lang]: p.id as string },
      required: p.required === true,
    };
    const org = normalizeText(p.organisation, lang);
    if (org) role.organisation = org;
    setOrigin(role, { parsed, path: ["participants", i] });
    out.push(role);
  });
  return out;
}

function normalizeSections(v: unknown, lang: Lang, parsed: ParsedYaml): SectionSpec[] {
  if (!Array.isArray(v)) return [];
  const out: SectionSpec[] = [];
  v.forEach((s, i) => {
    if (!isObj(s) || !str(s.id)) return;
    const sec: SectionSpec = { id: s.id as string };
    const title = normalizeText(s.title, lang);
    if (title) sec.title = title;
    const intro = normalizeText(s.intro, lang);
    if (intro) sec.intro = intro;
    const minutes = num(s.minutes);
    if (minutes !== undefined) sec.minutes = minutes;
    if ("questions" in s) sec.questions = normalizeQuestions(s.questions, lang, parsed, ["sections", i, "questions"]);
    setOrigin(sec, { parsed, path: ["sections", i] });
    out.push(sec);
  });
  return out;
}

/** Normalise parsed YAML data; returns undefined when it is not even a mapping with an id. */
export function normalizeFormat(parsed: ParsedYaml): FormatSpec | undefined {
  const data = parsed.data;
  if (!isObj(data)) return undefined;
  const language: Lang = data.language === "en" ? "en" : "nl";
  const id = str(data.id) ?? "";
  const spec: FormatSpec = {
    id,
    version: typeof data.version === "number" && Number.isInteger(data.version) ? data.version : 0,
    language,
    remove: Array.isArray(data.remove) ? data.remove.filter((r): r is string => typeof r === "string") : [],
    parsed,
  };
  const title = normalizeText(data.title, language);
  if (title) spec.title = title;
  const description = normalizeText(data.description, language);
  if (description) spec.description = description;
  if (typeof data.extends === "string") spec.extends = data.extends;
  const duration = num(data.duration);
  if (duration !== undefined) spec.duration = duration;
  if ("meta" in data) spec.meta = normalizeQuestions(data.meta, language, parsed, ["meta"]);
  if ("participants" in data) spec.participants = normalizeParticipants(data.participants, language, parsed);
  if ("sections" in data) spec.sections = normalizeSections(data.sections, language, parsed);
  setOrigin(spec, { parsed, path: [] });
  return spec;
}
