// One question on screen: the header, the section intro on entering a section, then the
// answer (or a command). A repeat group is asked item by item, each field saved as it comes.
import type { AnswerValue, Question, RepeatItem } from "../format/types.js";
import { fill, tr } from "../i18n/lang.js";
import { isAnswered } from "../session/condition.js";
import { isFieldVisible } from "../session/visibility.js";
import type { Ctx } from "./context.js";
import { askValue, removeCommand, splitUnfinished, UNFINISHED } from "./ask.js";
import { moreMenu, typedCommand } from "./command-actions.js";
import { header, type Header } from "./header.js";
import { paint } from "../ui/colour.js";
import { askFollowup } from "./followup.js";
import { agreementsSection } from "../format/agreements.js";
import { answerOf, firstStepOf, questionOf, sameStep } from "../conversation/steps.js";
import { showItem, showValue } from "../conversation/values.js";
import { isPartyScores, jointOf } from "../session/party-scores.js";
import type { Proposal } from "../conversation/types.js";
import { msg } from "../i18n/messages.js";
import { missingFieldProblems } from "../conversation/finalize.js";

/** Overruns not warned about yet (each once): their warnings, marked as given. */
export function newWarnings(ctx: Ctx, h: Header = header(ctx.state(), ctx.now())): string[] {
  const warned = (ctx.warned ??= new Set());
  const out: string[] = [];
  for (const key of h.over) {
    if (warned.has(key)) continue;
    warned.add(key);
    const text = key === "total" ? h.totalWarning : h.warning;
    if (text) out.push(text);
  }
  return out;
}

/**
 * Before every prompt: the over-time warnings not yet in the transcript — those the live line
 * showed during the last prompt, and overruns that happened since (the line UI's only way).
 */
export function printWarnings(ctx: Ctx): void {
  const text = [...(ctx.shownLive ?? []), ...newWarnings(ctx)];
  ctx.shownLive = [];
  for (const t of text) ctx.ui.print(paint.yellow(`⚠ ${t}`));
}

/**
 * The header above a question. In a terminal it is a live line redrawn every second while a
 * prompt is open; elsewhere it is printed once. Running over a section's timebox and over the
 * whole duration is each warned about once (issue 15, item 10): in a terminal the live line
 * shows the warning the moment the clock passes the limit, and it stays in the transcript
 * above the next prompt; the line UI prints it before the next prompt (see `printWarnings`).
 */
export function printHeader(ctx: Ctx): void {
  if (ctx.ui.setStatus) {
    ctx.ui.print("");
    ctx.ui.setStatus(() => {
      const live = header(ctx.state(), ctx.now());
      const shown = (ctx.shownLive ??= []);
      shown.push(...newWarnings(ctx, live));
      const late = live.over.length ? paint.yellow(` · ⚠ ${msg("runner.question.over-time")}`) : "";
      return paint.dim(live.line) + late + shown.map((t) => `\n${paint.yellow(`⚠ ${t}`)}`).join("");
    });
    return;
  }
  ctx.ui.print(`\n${header(ctx.state(), ctx.now()).line}`);
}

export async function askQuestion(ctx: Ctx, id: string): Promise<Proposal> {
  const state = ctx.state();
  const { question: q, section } = questionOf(state.format, id);
  if (section) {
    const first = firstStepOf(state.format, state.session, section.id);
    if (first && sameStep(first, state.cursor)) {
      ctx.ui.print(`\n== ${tr(section.title)} ==${section.intro ? `\n${tr(section.intro)}` : ""}`);
    }
  }
  // Entering the agreements section: first last year's agreements (when there are any).
  if (section && ctx.previous && section.id === agreementsSection(state.format)?.id && !state.editing) {
    const first = firstStepOf(state.format, state.session, section.id);
    if (first && sameStep(first, state.cursor)) {
      const p = await askFollowup(ctx);
      if (p) return p;
    }
  }
  printHeader(ctx);
  const mark = q.required ? " *" : "";
  if (q.type === "repeat") return askRepeat(ctx, q, mark);
  const existing = answerOf(state.format, state.session, id);
  if (q.type === "scale" && q.perParty) return askPerParty(ctx, q, existing, mark);
  const got = await askValue(ctx, q, existing, tr(q.prompt) + mark);
  if ("proposal" in got) return got.proposal;
  if (isAnswered(got.value)) return { type: "answer", value: got.value };
  // Unticking every option of an answered multichoice clears it; an empty line keeps (see askValue).
  return isAnswered(existing) && got.value !== undefined ? { type: "answer", value: undefined } : { type: "skip" };
}

/** The roles present, in the format's order: each gives its own score on a per_party scale. */
export function presentParties(ctx: Ctx): { id: string; label: string }[] {
  const { format, session } = ctx.state();
  return format.participants
    .filter((r) => session.participants.some((p) => p.role === r.id && p.present))
    .map((r) => ({ id: r.id, label: tr(r.label) || r.id }));
}

/**
 * A `per_party` scale: every present party first gives its own score (the format's help
 * asks for that), then the joint score is agreed. Skipping a party leaves it out.
 *
 * Each party's score is saved as it is given: until the joint score completes the answer
 * (`{joint, parties}`, which needs both), the scores so far wait in the question's note after
 * the unfinished-answer mark, as `cjg=4, socius=2`, like an unfinished long text. Coming back
 * (also after --resume) starts from them. `:terug` at a party goes to the party before it, at
 * the joint score to the last party, at the first party to the previous question.
 */
async function askPerParty(ctx: Ctx, q: Question, existing: AnswerValue | undefined, mark: string): Promise<Proposal> {
  const one: Question = { ...q, perParty: false, required: false };
  const had = isPartyScores(existing) ? existing : undefined;
  const roles = presentParties(ctx);
  const noteOf = () => splitUnfinished(ctx.state().session.notes[q.id]);
  const kept = partyScoresText(noteOf().unfinished);
  const parties: Record<string, number> = {};
  for (const r of roles) if (kept?.[r.id] !== undefined) parties[r.id] = kept[r.id]!;
  // In the format's order of roles, however the scores were given (going back, skipping).
  const ordered = () => Object.fromEntries(roles.filter((r) => parties[r.id] !== undefined).map((r) => [r.id, parties[r.id]!]));
  const keep = (complete: boolean) => {
    const { base } = noteOf();
    const text = Object.entries(ordered())
      .map(([r, n]) => `${r}=${n}`)
      .join(", ");
    const note = complete || !text ? base : `${base ? `${base}\n` : ""}${UNFINISHED()}${text}`;
    if ((ctx.state().session.notes[q.id] ?? "") !== note) ctx.dispatch({ type: "note", text: note });
  };
  if (roles.length) ctx.ui.print(msg("runner.question.first-each-party-gives-its"));
  // Step i < roles.length: party i's own score; step roles.length: the joint score.
  for (let i = 0; ; ) {
    const role = roles[i];
    if (role) {
      const before = kept ? parties[role.id] : (parties[role.id] ?? had?.parties[role.id]);
      const got = await askValue(ctx, one, before, `${tr(q.prompt)} — ${role.label}`);
      if ("proposal" in got) {
        if (got.proposal.type === "back" && i > 0) {
          i--;
          continue;
        }
        if (got.proposal.type !== "skip") return got.proposal;
        delete parties[role.id];
      } else if (typeof got.value === "number") parties[role.id] = got.value;
      keep(false);
      i++;
      continue;
    }
    const spread = Object.entries(ordered())
      .map(([r, n]) => `${roles.find((x) => x.id === r)?.label ?? r} ${n}`)
      .join(" · ");
    const joint = jointOf(existing);
    // The cursor starts at the earlier joint score, else at the parties' median: a proposal, not an answer.
    const scores = Object.values(parties).sort((a, b) => a - b);
    const median = scores.length ? scores[Math.floor((scores.length - 1) / 2)] : undefined;
    const got = await askValue(
      ctx,
      q.perParty ? { ...q, perParty: false } : q,
      typeof joint === "number" ? joint : median,
      `${tr(q.prompt)} — ${msg("runner.question.joint")}${mark}${spread ? `  (${spread})` : ""}`,
    );
    if ("proposal" in got) {
      if (got.proposal.type === "back" && roles.length) {
        i = roles.length - 1;
        continue;
      }
      return got.proposal;
    }
    if (typeof got.value !== "number") return isAnswered(existing) ? { type: "answer", value: existing } : { type: "skip" };
    keep(true);
    return { type: "answer", value: { joint: got.value, parties: ordered() } };
  }
}

/** `cjg=4, socius=2` (an unfinished per_party answer in a note) as scores; undefined when it is not that. */
function partyScoresText(text: string | undefined): Record<string, number> | undefined {
  if (text === undefined || !/^\s*[A-Za-z][\w-]*=\d+(\s*,\s*[A-Za-z][\w-]*=\d+)*\s*$/.test(text)) return undefined;
  return Object.fromEntries([...text.matchAll(/([A-Za-z][\w-]*)=(\d+)/g)].map((m) => [m[1]!, Number(m[2])]));
}

/**
 * A repeat group. A list that is there already comes with a menu: keep it, add an item, change
 * or remove one item (also `:weg N`, as in a list), or start over. An answer from a hand-edited
 * or older file can break the format's rules (more items than `maxItems`, a code that is no
 * option in a field): it is fixed item by item here, not retyped (README: "u verbetert ze via
 * een antwoord wijzigen…"). Every change is saved at once, as every field is.
 */
async function askRepeat(ctx: Ctx, q: Question, mark: string): Promise<Proposal> {
  const ui = ctx.ui;
  const state = ctx.state();
  const existing = answerOf(state.format, state.session, q.id);
  let items: RepeatItem[] = Array.isArray(existing) ? (structuredClone(existing) as RepeatItem[]) : [];
  ui.print(tr(q.prompt) + mark);
  if (items.length) {
    const save = () => ctx.dispatch({ type: "answer", value: (items.length ? items : undefined) as AnswerValue, stay: true });
    const remove = (i: number) => {
      items = items.filter((_, k) => k !== i);
      save();
      ui.print(fill(msg("runner.ask.item-n-removed"), { n: i + 1 }));
    };
    for (let show = true; ; ) {
      // At its maxItems the list is not offered another item, and the format's message says why.
      const full = fullProblem(ctx, q, items);
      if (show) {
        // The list, and what is wrong with it (once, and again after every change).
        ui.print(items.length ? showValue(q, items, tr) : msg("runner.ask.list-empty"));
        const max = q.validate?.maxItems;
        if (full !== undefined) {
          const over = typeof max === "number" && items.length > max;
          ui.print(`! ${fill(msg(over ? "runner.question.list-too-long-m" : "runner.question.list-full-m"), { m: full })}`);
        }
        for (const t of itemProblems(ctx, q, items)) ui.print(`! ${t}`);
        for (const m of [...missingByItem(ctx, q, items).values()].flat()) ui.print(`! ${m}`);
        show = false;
      }
      const choice = await ui.select<string>({
        message: fill(msg("runner.question.n-item-s-what-now"), { n: items.length }),
        choices: [
          { value: "keep", name: msg("runner.question.keep-continue") },
          ...(full !== undefined ? [] : [{ value: "add", name: msg("runner.question.add-item") }]),
          ...(items.length
            ? [
                { value: "change", name: msg("runner.question.change-item") },
                { value: "remove", name: msg("runner.question.remove-item") },
                { value: "restart", name: msg("runner.question.start-over-clear-list") },
              ]
            : []),
          { separator: "──" },
          { value: "back", name: msg("common.back") },
          { value: "more", name: msg("common.more") },
        ],
        commands: true,
      });
      if (!["keep", "add", "change", "remove", "restart", "back", "more"].includes(choice)) {
        // `:weg N` (`:weg`: the last item) takes an item out, as in a list.
        const rm = removeCommand(choice);
        if (rm) {
          const i = rm.index === undefined ? items.length - 1 : rm.index - 1;
          if (i >= 0 && i < items.length) {
            remove(i);
            show = true;
          } else ui.print(fill(msg("runner.ask.no-item-n"), { n: rm.index ?? "" }));
          continue;
        }
        // A typed command, as at a question; `:skip` keeps the list as it is.
        const typed = await typedCommand(ctx, choice, q);
        if (typed?.proposal) return typed.proposal.type === "skip" ? { type: "answer", value: items } : typed.proposal;
        continue;
      }
      if (choice === "keep") {
        // The list as a whole meets the format's rules (minItems, maxItems), and so does every
        // item, as any answer must.
        const wrong = [listProblem(ctx, q, items), ...itemProblems(ctx, q, items)].filter((t) => t !== undefined);
        if (!wrong.length) return { type: "answer", value: (items.length ? items : undefined) as AnswerValue };
        ui.print(`! ${fill(msg("runner.question.list-not-accepted-m"), { m: wrong.join("; ") })}`);
        continue;
      }
      if (choice === "back") return { type: "back" };
      if (choice === "more") {
        const p = await moreMenu(ctx, q);
        if (p) return p;
        continue;
      }
      if (choice === "change" || choice === "remove") {
        const i = await pickItem(ctx, q, items, choice);
        if (i === undefined) continue;
        if (choice === "remove") remove(i);
        else {
          const p = await changeItem(ctx, q, items, i);
          if (p) return p;
        }
        show = true;
        continue;
      }
      if (choice === "restart") items = [];
      break;
    }
  }
  for (;;) {
    const item: RepeatItem = {};
    ui.print(fill(msg("runner.question.item-n"), { n: items.length + 1 }));
    for (const f of q.fields ?? []) {
      if (!isFieldVisible(f, item, ctx.state().session, ctx.state().format)) continue;
      // A long text's lines are saved as they come, into this item (never as the repeat's answer).
      const saveField = (v: AnswerValue) =>
        ctx.dispatch({ type: "answer", value: [...items, { ...item, [f.id]: v }] as AnswerValue, stay: true });
      const got = await askValue(ctx, f, undefined, tr(f.prompt) + (f.required ? " *" : ""), saveField);
      if ("proposal" in got) {
        if (got.proposal.type === "skip") continue;
        return got.proposal;
      }
      if (!isAnswered(got.value)) continue;
      item[f.id] = got.value as RepeatItem[string];
      // Save each field as it is given: a crash mid-item keeps what was said.
      ctx.dispatch({ type: "answer", value: [...items, item] as AnswerValue, stay: true });
    }
    if (Object.keys(item).length) items.push(item);
    const more = await anotherItem(ctx, q, items);
    if (more === false) return items.length ? { type: "answer", value: items } : { type: "skip" };
    if (more !== true) return more;
  }
}

/**
 * Which item to change or remove, each shown by its fields; undefined for "back". Marked as the
 * answers are in the overview: ✓, or ✗ with what is wrong when the item breaks the format's rules.
 */
async function pickItem(ctx: Ctx, q: Question, items: RepeatItem[], what: "change" | "remove"): Promise<number | undefined> {
  const wrong = itemProblemsByItem(ctx, q, items);
  for (const [n, m] of missingByItem(ctx, q, items)) wrong.set(n, [...(wrong.get(n) ?? []), ...m]);
  const name = (item: RepeatItem, i: number) => {
    const problems = wrong.get(i + 1);
    return `${problems ? "✗" : "✓"} ${i + 1}. ${showItem(q, item, tr)}${problems ? `  ! ${problems.join("; ")}` : ""}`;
  };
  const picked = await ctx.ui.select<string>({
    message: msg(what === "change" ? "runner.question.which-item-change" : "runner.question.which-item-remove"),
    choices: [
      ...items.map((item, i) => ({ value: String(i), name: name(item, i) })),
      { separator: "──" },
      { value: "", name: msg("common.back") },
    ],
  });
  return picked === "" ? undefined : Number(picked);
}

/**
 * Item `i` again, field by field, each with its old value as the default: Enter (or `:over`)
 * keeps it. Each field is saved as it is given; `:terug` goes back to the list's menu with the
 * fields changed so far, any other command leaves the question as from a field of a new item.
 */
async function changeItem(ctx: Ctx, q: Question, items: RepeatItem[], i: number): Promise<Proposal | undefined> {
  const old = items[i]!;
  const item: RepeatItem = { ...old };
  const save = (it: RepeatItem) => {
    items[i] = it;
    ctx.dispatch({ type: "answer", value: items as AnswerValue, stay: true });
  };
  ctx.ui.print(fill(msg("runner.question.item-n"), { n: i + 1 }));
  for (const f of q.fields ?? []) {
    if (!isFieldVisible(f, item, ctx.state().session, ctx.state().format)) {
      // A field that no longer applies (an earlier field changed) goes, as it is never asked.
      if (f.id in item) {
        delete item[f.id];
        save({ ...item });
      }
      continue;
    }
    const saveField = (v: AnswerValue) => save({ ...item, [f.id]: v as RepeatItem[string] });
    const got = await askValue(ctx, f, old[f.id] as AnswerValue | undefined, tr(f.prompt) + (f.required ? " *" : ""), saveField);
    if ("proposal" in got) {
      if (got.proposal.type === "skip") continue;
      return got.proposal.type === "back" ? undefined : got.proposal;
    }
    // Enter keeps (undefined); unticking every option of a multichoice field clears it.
    if (isAnswered(got.value)) item[f.id] = got.value as RepeatItem[string];
    else if (got.value !== undefined) delete item[f.id];
    else continue;
    save({ ...item });
  }
  ctx.ui.print(fill(msg("runner.question.item-n-changed"), { n: i + 1 }));
  return undefined;
}

/** What is wrong inside the items (a field's code that is no option, …), by item number (from 1). */
function itemProblemsByItem(ctx: Ctx, q: Question, items: RepeatItem[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const add = (n: number, message: string) => {
    const list = out.get(n) ?? [];
    if (!list.includes(message)) list.push(message);
    out.set(n, list);
  };
  for (const p of ctx.checker.check(q, items)) if (typeof p.path[0] === "number") add(p.path[0] + 1, p.message);
  return out;
}

/** Items lacking a required field that applies in them (1-based), in finalizing's words: shown, never refused here. */
function missingByItem(ctx: Ctx, q: Question, items: RepeatItem[]): Map<number, string[]> {
  const { format, session } = ctx.state();
  const withItems = { ...session, answers: { ...session.answers, [q.id]: items as AnswerValue } };
  const out = new Map<number, string[]>();
  for (const m of missingFieldProblems(format, withItems))
    if (m.id === q.id) out.set(m.item + 1, [...(out.get(m.item + 1) ?? []), m.message]);
  return out;
}

/** What is wrong inside the items, as "item 2: …". */
function itemProblems(ctx: Ctx, q: Question, items: RepeatItem[]): string[] {
  return [...itemProblemsByItem(ctx, q, items)].map(([n, m]) => fill(msg("runner.question.item-n-m"), { n, m: m.join("; ") }));
}

/** Why a repeat's list is not acceptable as a whole (its minItems, maxItems: the format's message), or undefined. */
function listProblem(ctx: Ctx, q: Question, items: RepeatItem[]): string | undefined {
  const problems = ctx.checker.check(q, items).filter((p) => p.path.length === 0);
  return problems.length ? problems.map((p) => p.message).join("; ") : undefined;
}

/** Why no item may be added: the list is at its maxItems (the format's message), or undefined. */
function fullProblem(ctx: Ctx, q: Question, items: RepeatItem[]): string | undefined {
  const max = q.validate?.maxItems;
  return typeof max === "number" && items.length >= max ? listProblem(ctx, q, [...items, {}]) : undefined;
}

/**
 * "Nog een toevoegen?" The items so far are saved already, so a typed command works here as at
 * a question (`:stop`, `:terug`, `:notitie …`); `:skip` means no more. It was refused as an
 * unknown choice, and only Ctrl+C left the list. At the list's maxItems it is not asked (another
 * item was accepted and finalized before, and the file was then refused everywhere); "no" is
 * refused while the list breaks a rule of the whole (too few items), with the format's message,
 * and then `:skip` leaves the question with the items kept (finalizing waits until it is right).
 */
async function anotherItem(ctx: Ctx, q: Question, items: RepeatItem[]): Promise<boolean | Proposal> {
  const full = fullProblem(ctx, q, items);
  if (full !== undefined) {
    ctx.ui.print(`! ${fill(msg("runner.question.list-full-m"), { m: full })}`);
    return false;
  }
  for (;;) {
    const more = await ctx.ui.select<string>({
      message: msg("runner.question.add-another"),
      choices: [
        { value: "yes", name: msg("runner.question.yes-another") },
        { value: "no", name: msg("runner.question.no-done") },
      ],
      default: "no",
      commands: true,
    });
    const wrong = items.length ? listProblem(ctx, q, items) : undefined;
    if (more === "yes") return true;
    if (more === "no") {
      if (wrong === undefined) return false;
      ctx.ui.print(`! ${fill(msg("runner.question.list-not-accepted-m"), { m: wrong })}`);
      continue;
    }
    const typed = await typedCommand(ctx, more, q);
    if (typed?.proposal) return typed.proposal.type === "skip" && wrong === undefined ? false : typed.proposal;
  }
}
