// The resolved format as plain JSON in one language: the shape `formats show --json` prints
// and later tools rely on. Texts become strings; empty optional keys are left out.
import type { Format, Lang, Question } from "./types.js";
import { tr } from "../i18n/lang.js";
import { questionCount } from "./walk.js";

type Json = Record<string, unknown>;

function compact(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** An optional list or mapping with nothing in it is left out, like an absent one. */
function filled<T>(v: T[] | undefined): T[] | undefined;
function filled(v: object | undefined): object | undefined;
function filled(v: object | undefined): object | undefined {
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v.length : Object.keys(v).length) ? v : undefined;
}

export function questionJson(q: Question, lang: Lang): Json {
  return compact({
    id: q.id,
    type: q.type,
    prompt: tr(q.prompt, lang),
    help: q.help ? tr(q.help, lang) : undefined,
    required: q.required,
    when: q.when,
    share_when: q.shareWhen,
    validate: filled(q.validate),
    message: q.message ? tr(q.message, lang) : undefined,
    tags: filled(q.tags),
    privacy: q.privacy,
    was: filled(q.was),
    options: filled(q.options?.map((o) => ({ code: o.code, label: tr(o.label, lang) }))),
    min: q.min,
    max: q.max,
    per_party: q.perParty ? true : undefined,
    labels: q.labels
      ? filled(compact({ min: q.labels.min ? tr(q.labels.min, lang) : undefined, max: q.labels.max ? tr(q.labels.max, lang) : undefined }))
      : undefined,
    fields: q.fields?.map((f) => questionJson(f, lang)),
  });
}

export function formatJson(f: Format, lang: Lang): Json {
  return compact({
    id: f.id,
    version: f.version,
    title: tr(f.title, lang),
    description: f.description ? tr(f.description, lang) : undefined,
    language: f.language,
    extends: f.extends,
    duration: f.duration,
    questions: questionCount(f),
    meta: f.meta.map((q) => questionJson(q, lang)),
    participants: f.participants.map((p) =>
      compact({
        id: p.id,
        label: tr(p.label, lang),
        organisation: p.organisation ? tr(p.organisation, lang) : undefined,
        required: p.required,
      }),
    ),
    sections: f.sections.map((s) =>
      compact({
        id: s.id,
        title: tr(s.title, lang),
        intro: s.intro ? tr(s.intro, lang) : undefined,
        minutes: s.minutes,
        questions: s.questions.map((q) => questionJson(q, lang)),
      }),
    ),
    source: f.source,
  });
}
