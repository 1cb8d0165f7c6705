// The synthetic corpus: sessions for the built-in formats, driven by the Format model so every
// file validates — hidden questions get no answer, finals have every required visible answer
// and every required role present. Deterministic for a seed.
import type { AnswerScalar, Format, Question } from "../format/types.js";
import type { FormatRegistry } from "../format/registry.js";
import type { Session, SessionParticipant } from "../session/types.js";
import { AnswerChecker } from "../session/answer-check.js";
import { askingOrder } from "../format/walk.js";
import { isAnswered } from "../session/condition.js";
import { isVisible } from "../session/visibility.js";
import { tr } from "../i18n/lang.js";
import { Rng } from "./prng.js";
import { newSession } from "../conversation/start.js";
import { addDays, answerFor, type AnswerContext } from "./answers.js";
import { SCHOOL_NAME, SCHOOL_PREFIX, VO_NAME, longText, personName, shortText } from "./words.js";

const GEMEENTE_REGIO: Record<string, string> = {
  beverwijk: "ijmond",
  heemskerk: "ijmond",
  velsen: "ijmond",
  bergen: "buch",
  uitgeest: "buch",
  castricum: "buch",
  heiloo: "buch",
  alkmaar: "noord-kennemerland",
  "dijk-en-waard": "noord-kennemerland",
};
const GEMEENTEN = Object.keys(GEMEENTE_REGIO);
const SCHOOLTYPES = [
  ["PO", 60],
  ["SBO", 8],
  ["SO", 6],
  ["VO", 20],
  ["VSO", 6],
] as const;

/** Which formats, how often. kernteam uses v1 before schooljaar 2026-2027, v2 after. */
const FORMAT_MIX = [
  ["kernteam", 55],
  ["kernteam-buch", 20],
  ["beleidsgroep", 12],
  ["routekaart", 13],
] as const;
const V2_FROM = "2026-08-01";
const FIRST_DAY = Date.UTC(2023, 8, 1);
const LAST_DAY = Date.UTC(2027, 6, 15);

export interface School {
  name: string;
  brin: string;
  gemeente: string;
  regio: string;
  schooltype: string;
}

function makeSchools(rng: Rng, n: number): School[] {
  const out: School[] = [];
  for (let i = 0; i < n; i++) {
    const schooltype = rng.weighted(SCHOOLTYPES);
    const gemeente = rng.pick(GEMEENTEN);
    const name = schooltype === "VO" ? rng.pick(VO_NAME) : `${rng.pick(SCHOOL_PREFIX)} ${rng.pick(SCHOOL_NAME)}`;
    const letters = String.fromCharCode(65 + rng.int(0, 25), 65 + rng.int(0, 25));
    const brin = `${String(rng.int(0, 99)).padStart(2, "0")}${letters}${rng.chance(0.6) ? String(rng.int(0, 9)).padStart(2, "0") : ""}`;
    out.push({ name, brin, gemeente, regio: GEMEENTE_REGIO[gemeente]!, schooltype });
  }
  return out;
}

function schoolDay(rng: Rng): string {
  for (;;) {
    const d = new Date(FIRST_DAY + rng.int(0, Math.floor((LAST_DAY - FIRST_DAY) / 86400000)) * 86400000);
    const m = d.getUTCMonth();
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6 || m === 7) continue; // weekends and August
    return d.toISOString().slice(0, 10);
  }
}

/** ISO date-time on the session day, with the Dutch summer/winter offset (roughly). */
function at(datum: string, minutes: number): string {
  const m = Number(datum.slice(5, 7));
  const off = m >= 4 && m <= 10 ? "+02:00" : "+01:00";
  const day = addDays(datum, Math.floor(minutes / 1440));
  const mm = minutes % 1440;
  return `${day}T${String(Math.floor(mm / 60)).padStart(2, "0")}:${String(mm % 60).padStart(2, "0")}:${String((minutes * 7) % 60).padStart(2, "0")}${off}`;
}

const optionCodes = (q: Question | undefined) => (q?.options ?? []).map((o) => o.code);

function metaValue(q: Question, school: School, datum: string, rng: Rng, format: Format): AnswerScalar | undefined {
  const codes = optionCodes(q);
  switch (q.id) {
    case "school":
      return format.id === "routekaart"
        ? `${rng.pick(["Expertteam jeugd", "Jeugdteam", "Wijkteam", "Team Jeugd & Gezin"])} ${school.gemeente.replace(/(^|-)(\w)/g, (_, a: string, b: string) => `${a ? " " : ""}${b.toUpperCase()}`)}`
        : school.name;
    case "brin":
      return school.brin;
    case "gemeente":
      return codes.includes(school.gemeente) ? school.gemeente : rng.pick(codes);
    case "regio":
      return codes.includes(school.regio) ? school.regio : rng.pick(codes);
    case "schooltype":
      return codes.includes(school.schooltype) ? school.schooltype : rng.pick(codes);
    case "datum":
      return datum;
    case "trimester": {
      const m = Number(datum.slice(5, 7));
      return m >= 9 ? "1" : m <= 3 ? "2" : "3";
    }
    default:
      return undefined;
  }
}

function participants(format: Format, school: School, rng: Rng, final: boolean): SessionParticipant[] {
  const out: SessionParticipant[] = [];
  for (const role of format.participants) {
    if (!role.required && !rng.chance(0.6)) continue;
    const copies = rng.chance(0.1) ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      const org = role.organisation ? tr(role.organisation) : undefined;
      out.push({
        name: personName(rng),
        role: role.id,
        ...(org ? { organisation: org === "School" ? school.name : org } : {}),
        present: role.required && final ? true : rng.chance(0.85),
      });
    }
  }
  return out;
}

export interface GeneratedSession {
  /** Position in the corpus: file names are deduplicated in this order. */
  i: number;
  session: Session;
  format: Format;
}

/** One session for one format; `status` and the school come from the caller's draws. */
export function generateSession(
  format: Format,
  school: School,
  datum: string,
  rng: Rng,
  checker: AnswerChecker,
  final: boolean,
  repeatItems?: number,
): Session {
  // A new session as `afstem run` starts one (conversation/start.ts), then made this school's.
  const started = at(datum, rng.int(8 * 60, 14 * 60));
  const session: Session = {
    ...newSession(format, Date.parse(started)),
    status: final ? "final" : "draft",
    started,
    updated: "",
    participants: participants(format, school, rng, final),
    history: [],
  };
  const ctx: AnswerContext = { rng, checker, datum, session, format, ...(repeatItems !== undefined ? { repeatItems } : {}) };
  const order = askingOrder(format);
  // A draft stops somewhere along the way; a final has been through everything.
  const stopAt = final ? order.length : rng.int(Math.floor(order.length * 0.2), order.length);
  const aside: Record<string, Session["answers"][string]> = {};
  for (const { question: q, sectionId, index } of order) {
    const isMeta = sectionId === "meta";
    if (!isVisible(q, session, format)) {
      if (!isMeta && rng.chance(0.02)) {
        const v = answerFor(ctx, q);
        if (v !== undefined) aside[q.id] = v;
      }
      continue;
    }
    if (index >= stopAt && !(isMeta && q.required)) continue;
    const answerIt = q.required ? final || rng.chance(0.85) : rng.chance(isMeta ? 0.9 : 0.8);
    if (!answerIt) {
      if (!isMeta && rng.chance(0.6)) session.skipped.push(q.id);
      continue;
    }
    const v = (isMeta ? metaValue(q, school, datum, rng, format) : undefined) ?? answerFor(ctx, q);
    if (v === undefined || !isAnswered(v)) continue;
    if (isMeta) session.meta[q.id] = v as AnswerScalar;
    else session.answers[q.id] = v;
  }
  if (Object.keys(aside).length) session.aside = aside;

  const answered = Object.keys(session.answers);
  for (const id of rng.sample(
    answered,
    rng.weighted([
      [0, 5],
      [1, 3],
      [2, 2],
      [3, 1],
    ] as const),
  ))
    session.notes[id] = longText(rng, 1);
  const minutes = format.duration;
  for (
    let i = rng.weighted([
      [0, 6],
      [1, 3],
      [2, 1],
    ] as const);
    i > 0;
    i--
  ) {
    session.parked.push({
      text: shortText(rng),
      ...(answered.length ? { question: rng.pick(answered) } : {}),
      time: at(datum, 9 * 60 + rng.int(0, minutes)),
    });
  }
  const people = session.participants;
  for (
    let i = rng.weighted([
      [0, 2],
      [1, 3],
      [2, 3],
      [3, 2],
      [5, 1],
    ] as const);
    i > 0;
    i--
  ) {
    const p = people.length ? rng.pick(people) : undefined;
    session.actions.push({
      what: longText(rng, 1),
      ...(p ? { who: p.name, ...(p.organisation ? { organisation: p.organisation } : {}) } : {}),
      ...(rng.chance(0.8) ? { due: addDays(datum, rng.int(7, 120)) } : {}),
      ...(answered.length && rng.chance(0.7) ? { question: rng.pick(answered) } : {}),
    });
  }
  session.timing.meta = rng.int(30, 200);
  session.timing.participants = rng.int(30, 240);
  for (const s of format.sections) session.timing[s.id] = Math.round(s.minutes * 60 * (0.6 + rng.next() * 0.8));

  const startMin = Number(session.started.slice(11, 13)) * 60 + Number(session.started.slice(14, 16));
  session.history.push({ event: "start", at: session.started });
  if (rng.chance(0.2)) session.history.push({ event: "resume", at: at(datum, startMin + 1440 * rng.int(1, 5)) });
  const end = at(datum, startMin + minutes + rng.int(-10, 20));
  if (final) {
    const by = [...new Set(people.filter((p) => p.present).map((p) => p.role))];
    session.finalized = { at: end, by };
    session.history.push({ event: "finalize", at: end, by });
  }
  session.updated = end > session.history[session.history.length - 1]!.at ? end : session.history[session.history.length - 1]!.at;
  return session;
}

export interface CorpusOptions {
  n: number;
  seed: number;
  /** Only sessions with i % count === index (for workers); every session draws from its own fork. */
  shard?: { index: number; count: number };
}

/** Sessions for the built-in formats, one at a time (a generator keeps memory flat at 10k). */
export async function* generateCorpus(registry: FormatRegistry, opts: CorpusOptions): AsyncGenerator<GeneratedSession> {
  const rng = new Rng(opts.seed);
  const checker = await AnswerChecker.create();
  const schools = makeSchools(rng.fork(), Math.max(12, Math.round(opts.n / 8)));
  const formats = new Map<string, Format>();
  const get = (id: string, version?: number): Format => {
    const key = `${id}@${version ?? "latest"}`;
    let f = formats.get(key);
    if (!f) {
      f = registry.get(id, version);
      if (!f) throw new Error(`format ${key} not found: is formats/ complete?`);
      formats.set(key, f);
    }
    return f;
  };
  for (let i = 0; i < opts.n; i++) {
    const r = rng.fork();
    if (opts.shard && i % opts.shard.count !== opts.shard.index) continue;
    const id = r.weighted(FORMAT_MIX);
    const datum = schoolDay(r);
    const format = id === "kernteam" ? get(id, datum < V2_FROM ? 1 : 2) : get(id);
    // A school from a gemeente the format offers (kernteam-buch: the BUCH gemeenten only).
    const gq = format.meta.find((q) => q.id === "gemeente");
    const allowed = gq ? optionCodes(gq) : GEMEENTEN;
    let school = r.pick(schools);
    for (let t = 0; t < 20 && !allowed.includes(school.gemeente); t++) school = r.pick(schools);
    if (!allowed.includes(school.gemeente)) {
      const gemeente = r.pick(allowed);
      school = { ...school, gemeente, regio: GEMEENTE_REGIO[gemeente] ?? school.regio };
    }
    yield { i, session: generateSession(format, school, datum, r, checker, r.chance(0.75)), format };
  }
}
