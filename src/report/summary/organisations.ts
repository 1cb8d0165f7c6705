// Owners' organisations as typed in sessions ("Gemeente", "Gemeente (BUCH)", "ggd jgz") mapped
// onto the organisations the formats declare for their participant roles; text that names
// none of them goes under "Overig".
import type { Format, Lang } from "../../format/types.js";
import { tr } from "../../i18n/lang.js";

const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** Declared organisations (participant roles' `organisation`), in format order, unique. */
export function declaredOrganisations(formats: readonly Format[], lang: Lang): string[] {
  const out: string[] = [];
  for (const f of formats)
    for (const p of f.participants) {
      const o = tr(p.organisation, lang).trim();
      if (o && !out.some((x) => norm(x) === norm(o))) out.push(o);
    }
  return out;
}

/**
 * The declared organisation a typed name means, or undefined. Exact (normalised) match first,
 * then the longest declared name that the text contains as a word ("Gemeente Castricum" →
 * "Gemeente"), then a role id or a declared name's first word ("Socius" → "Socius/MET").
 */
export function organisationMatcher(
  declared: readonly string[],
  roleOrg: ReadonlyMap<string, string>,
): (typed: string | undefined, role?: string) => string | undefined {
  const entries = declared.map((d) => ({ name: d, key: norm(d), first: norm(d).split(" ")[0]! }));
  return (typed, role) => {
    if (role && roleOrg.has(role)) return roleOrg.get(role);
    const t = norm(typed ?? "");
    if (!t) return undefined;
    const exact = entries.find((e) => e.key === t);
    if (exact) return exact.name;
    const words = ` ${t} `;
    const within = entries.filter((e) => words.includes(` ${e.key} `)).sort((a, b) => b.key.length - a.key.length)[0];
    if (within) return within.name;
    const first = entries.find((e) => e.first.length >= 3 && words.includes(` ${e.first} `));
    return first?.name;
  };
}

/** role id → declared organisation. */
export function roleOrganisations(formats: readonly Format[], lang: Lang): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of formats)
    for (const p of f.participants) {
      const o = tr(p.organisation, lang).trim();
      if (o && !m.has(p.id)) m.set(p.id, o);
    }
  return m;
}
