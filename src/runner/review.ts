// The review: every answer so far, what is missing, and the way to finalize ("vaststellen").
import type { Question } from "../format/types.js";
import { fill, tr } from "../i18n/lang.js";
import { isAnswered } from "../session/condition.js";
import { isVisible } from "../session/visibility.js";
import type { Ctx } from "./context.js";
import type { Proposal, RunnerState } from "../conversation/types.js";
import { finalizeProblems, missingFieldProblems, presentRoles, roleLabels, type AnswerCheck } from "../conversation/finalize.js";
import { answerOf } from "../conversation/steps.js";
import { showValue } from "../conversation/values.js";
import { manageLists, moreMenu, typedCommand } from "./command-actions.js";
import { askFollowup, hasPrevious, statusLabel } from "./followup.js";
import { printHeader } from "./question.js";
import { msg } from "../i18n/messages.js";

const indent = (text: string, pad = "      ") => text.split("\n").join(`\n${pad}`);

/**
 * Why an answer breaks the format's rules (the checks `validate` and finalizing use, a repeat
 * item's missing required field included), or
 * undefined: such an answer is not counted or marked as answered (✓) — it is ✗, to be fixed.
 */
function invalidOf(state: RunnerState, q: Question, checker: AnswerCheck | undefined): string | undefined {
  const v = answerOf(state.format, state.session, q.id);
  if (!isAnswered(v)) return undefined;
  const problems = checker ? checker.check(q, v).map((p) => p.message) : [];
  // A repeat item without a required field: what finalizing would refuse, said here already.
  if (q.type === "repeat")
    problems.push(...missingFieldProblems(state.format, state.session).flatMap((m) => (m.id === q.id ? [m.message] : [])));
  return problems.length ? [...new Set(problems)].join("; ") : undefined;
}

/**
 * The overview (issue 15, item 9): open required questions first, then one line per section
 * with its progress and time — not every answer. The answers of a section are one choice away.
 */
export function overviewText(state: RunnerState, checker?: AnswerCheck): string {
  const { format, session } = state;
  const out: string[] = [`== ${msg("runner.review.overview")} ==`];
  const value = (q: Question) => answerOf(format, session, q.id);
  const invalid = (q: Question) => invalidOf(state, q, checker) !== undefined;
  const valid = (q: Question) => isAnswered(value(q)) && !invalid(q);
  const openRequired: string[] = [];
  const rows: [string, string][] = [];
  if (format.meta.length) {
    const qs = format.meta.filter((q) => isVisible(q, session, format));
    qs.filter((q) => q.required && !isAnswered(value(q))).forEach((q) => openRequired.push(`${msg("common.details")} — ${tr(q.prompt)}`));
    const bad = qs.filter(invalid).length;
    rows.push([
      msg("common.details"),
      `${qs.filter(valid).length}/${qs.length}${bad ? ` · ${fill(msg("runner.review.n-invalid"), { n: bad })}` : ""}`,
    ]);
  }
  if (format.participants.length) {
    const present = session.participants.filter((p) => p.present).length;
    rows.push([
      msg("common.participants"),
      session.participants.length
        ? fill(msg("runner.review.n-p-present"), { n: session.participants.length, p: present })
        : msg("runner.review.nobody-yet"),
    ]);
    for (const role of format.participants) {
      if (role.required && !session.participants.some((p) => p.role === role.id && p.present))
        openRequired.push(fill(msg("runner.review.participants-r-required-not-present"), { r: tr(role.label) }));
    }
  }
  format.sections.forEach((sec, i) => {
    const qs = sec.questions.filter((q) => isVisible(q, session, format));
    const done = qs.filter(valid).length;
    const bad = qs.filter(invalid).length;
    const skipped = qs.filter((q) => !isAnswered(value(q)) && session.skipped.includes(q.id)).length;
    const open = qs.filter((q) => q.required && !isAnswered(value(q)));
    open.forEach((q) => openRequired.push(`${i + 1}. ${tr(sec.title)} — ${tr(q.prompt)}`));
    const spent = Math.round((session.timing[sec.id] ?? 0) / 60);
    const parts = [fill(msg("runner.review.d-n-answered"), { d: done, n: qs.length })];
    if (bad) parts.push(fill(msg("runner.review.n-invalid"), { n: bad }));
    if (skipped) parts.push(fill(msg("runner.review.n-skipped"), { n: skipped }));
    if (open.length) parts.push(fill(msg("runner.review.n-required-open"), { n: open.length }));
    parts.push(fill(msg("runner.review.m-b-min"), { m: spent, b: sec.minutes }));
    rows.push([`${done === qs.length ? "✓" : open.length || bad ? "✗" : "·"} ${i + 1}. ${tr(sec.title)}`, parts.join(" · ")]);
  });
  if (openRequired.length) {
    out.push(fill(msg("runner.review.still-open-required-n"), { n: openRequired.length }), ...openRequired.map((t) => `  ✗ ${t}`), "");
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  out.push(...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`));
  const extras = [
    fill(msg("runner.review.action-items-n"), { n: session.actions.length }),
    fill(msg("runner.review.parked-topics-n"), { n: session.parked.length }),
    ...(session.followup?.length ? [fill(msg("runner.review.last-year-s-agreements-n"), { n: session.followup.length })] : []),
  ];
  out.push(`  ${extras.join(" · ")}`);
  return out.join("\n");
}

/**
 * The legend's marks: ✓ answered, – skipped, ✗ required and still open or breaking the format's
 * rules (with `checker`: a hand-edited file's answer, say), · optional and open.
 */
function markOf(state: RunnerState, q: Question, checker?: AnswerCheck): string {
  const v = answerOf(state.format, state.session, q.id);
  if (isAnswered(v)) return invalidOf(state, q, checker) === undefined ? "✓" : "✗";
  return state.session.skipped.includes(q.id) ? "–" : q.required ? "✗" : "·";
}

/** Every answer, or those of one section: pure, so it is tested and printed the same way. */
export function reviewText(state: RunnerState, only?: string, checker?: AnswerCheck): string {
  const { format, session } = state;
  const out: string[] = [];
  const line = (q: Question) => {
    const v = answerOf(format, session, q.id);
    const mark = markOf(state, q, checker);
    const roleLabel = (id: string) => tr(format.participants.find((r) => r.id === id)?.label) || id;
    const shown = isAnswered(v)
      ? indent(showValue(q, v, tr, roleLabel))
      : session.skipped.includes(q.id)
        ? msg("runner.review.skipped")
        : msg("runner.review.no-answer");
    out.push(`  ${mark} ${tr(q.prompt)}${q.required ? " *" : ""}\n      ${shown}`);
    const wrong = invalidOf(state, q, checker);
    if (wrong !== undefined) out.push(`      ! ${wrong}`);
    if (session.notes[q.id]) out.push(`      ${msg("common.note")}: ${session.notes[q.id]}`);
  };
  const want = (id: string) => only === undefined || only === id;
  if (format.meta.length && want("meta")) out.push(`== ${msg("common.details")} ==`);
  if (want("meta")) format.meta.filter((q) => isVisible(q, session, format)).forEach(line);
  if (format.participants.length && want("participants")) {
    out.push(`== ${msg("common.participants")} ==`);
    if (!session.participants.length) out.push(`  ${msg("runner.review.nobody-yet-2")}`);
    for (const p of session.participants) {
      const role = tr(format.participants.find((r) => r.id === p.role)?.label) || p.role;
      out.push(`  ${p.present ? "✓" : "·"} ${p.name || "—"} — ${role}${p.present ? "" : msg("runner.review.absent")}`);
    }
  }
  format.sections.forEach((s, i) => {
    if (!want(s.id)) return;
    out.push(`== ${i + 1}. ${tr(s.title)} ==`);
    s.questions.filter((q) => isVisible(q, session, format)).forEach(line);
  });
  if (only !== undefined) return out.join("\n");
  if (session.followup?.length) {
    out.push(`== ${msg("common.last-year-s-agreements")} ==`);
    for (const f of session.followup) out.push(`  • ${f.action} — ${statusLabel(f.status)}${f.note ? ` (${f.note})` : ""}`);
  }
  if (session.parked.length) out.push(`== ${msg("runner.review.parked-topics")} ==`, ...session.parked.map((p) => `  • ${p.text}`));
  if (session.actions.length) {
    out.push(`== ${msg("runner.review.action-items")} ==`);
    for (const a of session.actions)
      out.push(
        `  • ${a.what}${[a.who, a.organisation, a.due].some(Boolean) ? ` (${[a.who, a.organisation, a.due].filter(Boolean).join(", ")})` : ""}`,
      );
  }
  out.push(msg("runner.review.answered-skipped-required-still-open"));
  return out.join("\n");
}

async function pickQuestion(ctx: Ctx): Promise<string> {
  const state = ctx.state();
  const { format, session } = state;
  // Marked as in the answers list and its legend (a skipped or optional open question is no ✗).
  const choices = [...format.meta, ...format.sections.flatMap((s) => s.questions)]
    .filter((q) => isVisible(q, session, format))
    .map((q) => ({ value: q.id, name: `${markOf(state, q, ctx.checker)} ${tr(q.prompt)}${q.required ? " *" : ""}` }));
  return ctx.ui.select<string>({
    message: msg("runner.review.which-answer-change"),
    choices: [...choices, { separator: "──" }, { value: "", name: msg("runner.review.back-review") }],
  });
}

async function confirmParties(ctx: Ctx): Promise<string[] | undefined> {
  const { format, session } = ctx.state();
  const by: string[] = [];
  for (const role of presentRoles(format, session)) {
    const names = session.participants
      .filter((p) => p.role === role && p.present)
      .map((p) => p.name)
      .filter(Boolean)
      .join(", ");
    const label = tr(format.participants.find((r) => r.id === role)?.label) || role;
    const ok = await ctx.ui.confirm({
      message: fill(msg("runner.review.does-r-n-confirm-record"), { r: label, n: names ? ` (${names})` : "" }),
      default: true,
    });
    if (ok) by.push(role);
  }
  const missing = presentRoles(format, session).filter((r) => !by.includes(r));
  if (missing.length) {
    ctx.ui.print(fill(msg("runner.review.not-finalized-not-confirmed-list"), { list: roleLabels(format, missing).join(", ") }));
    return undefined;
  }
  return by;
}

/** The review screen; returns where to go next (or finalize / stop). */
export async function askReview(ctx: Ctx): Promise<Proposal> {
  const ui = ctx.ui;
  ui.print(`\n${overviewText(ctx.state(), ctx.checker)}`);
  // The clock runs on here too (timing key `review`): the live line, or the header once.
  printHeader(ctx);
  for (;;) {
    const choice = await ui.select<string>({
      message: msg("runner.review.review-what-now"),
      choices: [
        { value: "finalize", name: msg("runner.review.finalize-every-party-confirms") },
        { value: "edit", name: msg("runner.review.change-answer") },
        { value: "show", name: msg("runner.review.show-answers-section") },
        ...((await hasPrevious(ctx)) ? [{ value: "followup", name: msg("runner.review.go-through-last-year-s") }] : []),
        { value: "lists", name: msg("runner.review.action-items-parked-topics") },
        { value: "continue", name: msg("runner.review.continue-conversation") },
        { value: "more", name: msg("runner.review.more-note-park-action-section") },
        { value: "stop", name: msg("runner.review.save-draft-stop") },
      ],
      commands: true,
    });
    const typed = await typedCommand(ctx, choice);
    if (typed) {
      // `:overzicht` here: the overview again; any other move goes as from a question.
      if (typed.proposal?.type === "review") ui.print(`\n${overviewText(ctx.state(), ctx.checker)}`);
      else if (typed.proposal) return typed.proposal;
      continue;
    }
    if (choice === "stop") return { type: "stop" };
    if (choice === "continue") return { type: "continue" };
    if (choice === "more") {
      const p = await moreMenu(ctx);
      if (p && p.type !== "review") return p;
      continue;
    }
    if (choice === "show") {
      const { format } = ctx.state();
      const id = await ui.select<string>({
        message: msg("runner.review.which-section"),
        choices: [
          ...(format.meta.length ? [{ value: "meta", name: msg("common.details") }] : []),
          ...(format.participants.length ? [{ value: "participants", name: msg("common.participants") }] : []),
          ...format.sections.map((s, i) => ({ value: s.id, name: `${i + 1}. ${tr(s.title)}` })),
          { value: "*", name: msg("runner.review.everything") },
        ],
      });
      ui.print(`\n${reviewText(ctx.state(), id === "*" ? undefined : id, ctx.checker)}`);
      continue;
    }
    if (choice === "followup") {
      const p = await askFollowup(ctx, true);
      if (p && p.type !== "review") return p;
      continue;
    }
    if (choice === "lists") {
      await manageLists(ctx);
      continue;
    }
    if (choice === "edit") {
      const id = await pickQuestion(ctx);
      if (id) return { type: "goto", id };
      continue;
    }
    const { format, session } = ctx.state();
    const problems = finalizeProblems(format, session, undefined, ctx.checker);
    if (problems.length) {
      ui.print(`${msg("common.cannot-finalize-yet")}\n${problems.map((p) => `  ✗ ${p}`).join("\n")}`);
      continue;
    }
    const by = await confirmParties(ctx);
    if (by) return { type: "finalize", by };
  }
}
