// Resolving `extends`: the child inherits everything; meta, participants and sections merge
// by id (same id replaces in place, new ids are appended); `remove: [ids]` drops some.
import type { Format, ParticipantRole, Question, Section } from "./types.js";
import type { FormatSpec, SectionSpec } from "./normalize.js";
import type { Finding } from "../findings/finding.js";
import { originOf, setOrigin, where } from "./origin.js";
import { fill } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";
import { lintArgument, type BrokenFormat } from "./broken.js";

export type SpecLookup = (id: string) => FormatSpec | undefined;
/** A file that does not parse but declares the format an id names (it shadows any other). */
export type UnparsedLookup = (id: string) => BrokenFormat | undefined;

export interface Resolved {
  format: Format;
  findings: Finding[];
  /**
   * Inherited questions the child's `remove` dropped: question id → index of the `remove` entry
   * that dropped it (the question's own id, or the id of its section). Lint uses it to point a
   * condition still naming such a question at the entry that caused it.
   */
  removed?: Map<string, number>;
}

/**
 * Merge by id: a child entry replaces the parent's entry with its id, in place. Only the
 * parent's: an id the child itself gives twice is kept twice, so lint reports it (unique-id)
 * instead of the second silently winning.
 */
function mergeById<T extends { id: string }>(parent: T[], child: T[] | undefined): T[] {
  if (!child) return [...parent];
  const out = [...parent];
  const replaced = new Set<string>();
  for (const item of child) {
    const i = replaced.has(item.id) ? -1 : parent.findIndex((p) => p.id === item.id);
    if (i >= 0) out[i] = item;
    else out.push(item);
    replaced.add(item.id);
  }
  return out;
}

function copyOrigin<T extends object>(from: object, to: T): T {
  const o = originOf(from);
  if (o) setOrigin(to, o);
  return to;
}

/** Titles made up from an id because none was written; lint reports them (title-missing). */
const madeUpTitles = new WeakSet<object>();
const madeUpTitle = (id: string) => {
  const t = { nl: id };
  madeUpTitles.add(t);
  return t;
};
export const isMadeUpTitle = (t: object): boolean => madeUpTitles.has(t);

function finishSection(spec: SectionSpec, fallbackTitle: string): Section {
  const sec: Section = {
    id: spec.id,
    title: spec.title ?? madeUpTitle(fallbackTitle),
    minutes: spec.minutes ?? 0,
    questions: spec.questions ?? [],
  };
  if (spec.intro) sec.intro = spec.intro;
  return copyOrigin(spec, sec);
}

function mergeSections(parent: SectionSpec[], child: SectionSpec[] | undefined): SectionSpec[] {
  if (!child) return [...parent];
  const childQuestionIds = new Set(child.flatMap((s) => (s.questions ?? []).map((q) => q.id)));
  const out = parent.map((p) => {
    const c = child.find((s) => s.id === p.id);
    if (!c) {
      // A question the child redefines elsewhere replaces the parent's copy.
      const questions = (p.questions ?? []).filter((q) => !childQuestionIds.has(q.id));
      return copyOrigin(p, { ...p, questions });
    }
    // Keys the child leaves out are inherited; an omitted `questions` keeps the parent's.
    const merged: SectionSpec = { ...p, ...c };
    if (!c.questions) merged.questions = (p.questions ?? []).filter((q) => !childQuestionIds.has(q.id));
    return copyOrigin(c, merged);
  });
  // New sections, and a second section with an id already given (kept, so lint reports it).
  child.forEach((c, i) => {
    if (!parent.some((p) => p.id === c.id) || child.findIndex((s) => s.id === c.id) !== i) out.push(c);
  });
  return out;
}

/**
 * Turn a spec into a resolved Format, following `extends` through `lookup`. A parent whose file
 * does not parse (`unparsed`) is not "not found": the finding says where it is and how many
 * errors lint reports there.
 */
export function resolveSpec(spec: FormatSpec, lookup: SpecLookup, chain: string[] = [], unparsed?: UnparsedLookup): Resolved {
  const findings: Finding[] = [];
  let base: Format | undefined;
  if (spec.extends !== undefined) {
    // Positions are computed only when reporting: for a cached spec they cost a parse.
    const at = () => where(spec, ["extends"]) ?? { file: spec.parsed.file, line: 1, col: 1 };
    if (spec.extends === spec.id || chain.includes(spec.extends)) {
      findings.push({
        ...at(),
        severity: "error",
        rule: "extends-cycle",
        message: fill(msg("format.extends.extends-forms-cycle-chain"), {
          chain: [...chain, spec.id, spec.extends].join(" → "),
        }),
      });
    } else {
      const broken = unparsed?.(spec.extends);
      const parentSpec = broken ? undefined : lookup(spec.extends);
      if (broken) {
        findings.push({
          ...at(),
          severity: "error",
          rule: "extends-target",
          message: fill(
            msg(broken.errors === 1 ? "format.extends.format-id-extend-in-file-1" : "format.extends.format-id-extend-in-file-n"),
            {
              id: spec.extends,
              file: broken.shown,
              arg: lintArgument(broken.shown),
              n: broken.errors,
            },
          ),
        });
      } else if (!parentSpec) {
        findings.push({
          ...at(),
          severity: "error",
          rule: "extends-target",
          message: fill(msg("format.extends.format-id-extend-was-not"), { id: spec.extends }),
        });
      } else {
        const parent = resolveSpec(parentSpec, lookup, [...chain, spec.id], unparsed);
        // Problems inside the parent are the parent's; only a broken chain concerns the child.
        // Shown at this file's own `extends` key: that is where the chain leaves this file.
        for (const f of parent.findings) {
          if (f.rule === "extends-cycle" || f.rule === "extends-target") findings.push({ ...f, ...at() });
        }
        base = parent.format;
      }
    }
  }

  const parentSections: SectionSpec[] = base?.sections ?? [];
  let sections = mergeSections(parentSections, spec.sections);
  let meta = mergeById<Question>(base?.meta ?? [], spec.meta);
  let participants = mergeById<ParticipantRole>(base?.participants ?? [], spec.participants);

  const removed = new Map<string, number>();
  if (spec.remove.length > 0 && spec.extends === undefined) {
    // Nothing is inherited, so nothing can be removed: one error, not a warning per entry.
    findings.push({
      ...(where(spec, ["remove"]) ?? { file: spec.parsed.file, line: 1, col: 1 }),
      severity: "error",
      rule: "remove-without-extends",
      message: msg("format.extends.remove-without-extends"),
    });
  } else if (spec.remove.length > 0) {
    const known = new Set<string>([
      ...sections.map((s) => s.id),
      ...sections.flatMap((s) => (s.questions ?? []).map((q) => q.id)),
      ...meta.map((q) => q.id),
      ...participants.map((p) => p.id),
    ]);
    spec.remove.forEach((id, i) => {
      if (!known.has(id)) {
        const loc = where(spec, ["remove", i]) ?? { file: spec.parsed.file, line: 1, col: 1 };
        findings.push({
          ...loc,
          severity: "warning",
          rule: "remove-unknown",
          message: fill(msg("format.extends.id-remove-but-does-not"), { id }),
        });
      }
    });
    const drop = new Set(spec.remove);
    spec.remove.forEach((id, i) => {
      for (const s of sections) {
        if (s.id === id) for (const q of s.questions ?? []) if (!removed.has(q.id)) removed.set(q.id, i);
        for (const q of s.questions ?? []) if (q.id === id && !removed.has(id)) removed.set(id, i);
      }
      if (meta.some((q) => q.id === id) && !removed.has(id)) removed.set(id, i);
    });
    sections = sections
      .filter((s) => !drop.has(s.id))
      .map((s) => copyOrigin(s, { ...s, questions: (s.questions ?? []).filter((q) => !drop.has(q.id)) }));
    meta = meta.filter((q) => !drop.has(q.id));
    participants = participants.filter((p) => !drop.has(p.id));
  }

  for (const sec of sections) {
    if (!sec.title) {
      const loc = where(sec, ["id"]) ?? { file: spec.parsed.file, line: 1, col: 1 };
      findings.push({
        ...loc,
        severity: "error",
        rule: "section-title",
        message: fill(msg("format.extends.section-id-has-no-title"), { id: sec.id }),
      });
    }
  }

  const format: Format = {
    id: spec.id,
    version: spec.version,
    title: spec.title ?? base?.title ?? madeUpTitle(spec.id),
    language: spec.language,
    duration: spec.duration ?? base?.duration ?? 0,
    meta,
    participants,
    sections: sections.map((s) => finishSection(s, s.id)),
    source: spec.parsed.file,
  };
  const description = spec.description ?? base?.description;
  if (description) format.description = description;
  if (spec.extends) format.extends = spec.extends;
  setOrigin(format, { parsed: spec.parsed, path: [] });
  return removed.size ? { format, findings, removed } : { format, findings };
}
