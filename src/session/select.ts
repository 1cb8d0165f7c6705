// Which sessions a regional output counts: each conversation once (copies in backup/, a file
// saved twice), only those in the period asked for, drafts only when asked, and never a
// `*.conflict-*` copy left by a sync tool. Pure: the commands pass in what they read.

export interface Candidate {
  file: string;
  /** Same key = same conversation; undefined when the session does not say enough to tell. */
  conversation?: string;
  /** ISO date-time of the last save. */
  updated: string;
  /** meta.datum (YYYY-MM-DD), if given. */
  datum?: string;
  status: "draft" | "final";
}

export interface Period {
  from?: string;
  to?: string;
}

export interface Selection<T> {
  kept: T[];
  /** Per conversation counted once: the file used and the files left out. */
  duplicates: { used: string; others: string[] }[];
  outsidePeriod: number;
  drafts: number;
}

/** `x.conflict-20261002.yaml`, `x.conflict-laptop.yml`: copies a sync tool made, never counted. */
export function isConflictCopy(file: string): boolean {
  const base = file.split(/[\\/]/).pop() ?? file;
  return /\.conflict-[^/\\]*\.ya?ml$/i.test(base) || /\.conflict\.ya?ml$/i.test(base);
}

export function inPeriod(datum: string | undefined, period: Period): boolean {
  if (!period.from && !period.to) return true;
  if (!datum || !/^\d{4}-\d{2}-\d{2}$/.test(datum)) return false;
  return (!period.from || datum >= period.from) && (!period.to || datum <= period.to);
}

/** A conversation key is only trusted when it names a school and a date. */
export function conversationKeyOf(formatId: string, brin: unknown, school: unknown, datum: unknown): string | undefined {
  const who =
    String(brin ?? "")
      .trim()
      .toUpperCase() ||
    String(school ?? "")
      .trim()
      .toLowerCase()
      .replace(/\s+/g, " ");
  const when = String(datum ?? "").trim();
  return who && when ? `${formatId}\u0000${who}\u0000${when}` : undefined;
}

/** Is date-time a later than b? Offsets count ("10:00+02:00" is before "09:00Z"). */
function later(a: string, b: string): boolean {
  const x = Date.parse(a);
  const y = Date.parse(b);
  return Number.isNaN(x) || Number.isNaN(y) ? a > b : x > y;
}

const sameTime = (a: string, b: string): boolean => !later(a, b) && !later(b, a);
const baseLength = (file: string): number => (file.split(/[\\/]/).pop() ?? file).length;
/** The shorter file name, then the shorter path (`in/e.yaml` before `in/backup/e.yaml`). */
const shorterName = (a: string, b: string): boolean =>
  baseLength(a) < baseLength(b) || (baseLength(a) === baseLength(b) && a.length < b.length);

export type SelectOptions = Period & { includeDrafts: boolean };

/** Why a session is left out on its own (before copies are compared), or undefined when it may count. */
export function leftOut(c: Candidate, opts: SelectOptions): "outsidePeriod" | "drafts" | undefined {
  if (!inPeriod(c.datum, opts)) return "outsidePeriod";
  if (c.status !== "final" && !opts.includeDrafts) return "drafts";
  return undefined;
}

export function selectSessions<T>(items: readonly T[], view: (t: T) => Candidate, opts: SelectOptions): Selection<T> {
  const sel: Selection<T> = { kept: [], duplicates: [], outsidePeriod: 0, drafts: 0 };
  const eligible: T[] = [];
  for (const t of items) {
    const why = leftOut(view(t), opts);
    if (why) sel[why]++;
    else eligible.push(t);
  }
  // The newest save of a conversation wins. On a tie, the shorter file name: a copy adds to
  // the name ("x (conflict copy).yaml", "x (1).yaml", "x - kopie.yaml"), and "x (…" sorts
  // before "x.yaml", so the file met first was often the copy; then the shorter path (a copy
  // in backup/ is deeper); then the file met first.
  const best = new Map<string, T>();
  for (const t of eligible) {
    const c = view(t);
    if (c.conversation === undefined) continue;
    // `has`, not a falsy test: the rollup's items are record numbers, and record 0 is one.
    const cur = best.get(c.conversation);
    if (
      !best.has(c.conversation) ||
      later(c.updated, view(cur as T).updated) ||
      (sameTime(c.updated, view(cur as T).updated) && shorterName(c.file, view(cur as T).file))
    )
      best.set(c.conversation, t);
  }
  const others = new Map<string, string[]>();
  for (const t of eligible) {
    const c = view(t);
    if (c.conversation === undefined || best.get(c.conversation) === t) sel.kept.push(t);
    else others.set(c.conversation, [...(others.get(c.conversation) ?? []), c.file]);
  }
  for (const [key, files] of others) sel.duplicates.push({ used: view(best.get(key)!).file, others: files });
  return sel;
}
