// The line above every question: where we are and how the time goes.
import { fill, tr } from "../i18n/lang.js";
import { META_SECTION } from "../format/walk.js";
import type { RunnerState } from "../conversation/types.js";
import { progress, sectionOf, PARTICIPANTS } from "../conversation/steps.js";
import { msg } from "../i18n/messages.js";

export function clockText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  return `${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** Milliseconds per timing key including the time the current step has been on screen. */
export function liveClock(state: RunnerState, now: number): Record<string, number> {
  const ms = { ...state.clock.ms };
  const key = sectionOf(state.format, state.cursor);
  ms[key] = (ms[key] ?? 0) + Math.max(0, now - state.clock.at);
  return ms;
}

/**
 * Every overrun the clock already shows: `section:<id>` for each section past its timebox,
 * `total` past the duration. Read when a file is opened, these were warned about before
 * (a resume or --reopen does not warn again).
 */
export function overruns(state: RunnerState): string[] {
  const { format } = state;
  const ms = state.clock.ms;
  const over = format.sections.filter((s) => (ms[s.id] ?? 0) > s.minutes * 60_000).map((s) => `section:${s.id}`);
  const total = Object.values(ms).reduce((a, b) => a + b, 0);
  if (format.duration > 0 && total > format.duration * 60_000) over.push("total");
  return over;
}

export interface Header {
  line: string;
  /** Set when the section runs over its timebox. */
  warning?: string;
  /** Keys of what has run over: `section:<id>`, `total` — each warned about once. */
  over: string[];
  /** Set when the whole conversation runs over its duration. */
  totalWarning?: string;
}

export function header(state: RunnerState, now: number): Header {
  const { format, session, cursor } = state;
  const p = progress(format, session, cursor);
  const ms = liveClock(state, now);
  const total = Object.values(ms).reduce((a, b) => a + b, 0);
  const totalText = fill(msg("runner.header.total-t-d"), { t: clockText(total), d: clockText(format.duration * 60_000) });
  const parts: string[] = [];
  let warning: string | undefined;
  const over: string[] = [];
  if (p.section === META_SECTION) {
    parts.push(msg("common.details"), fill(msg("runner.header.question-n-c"), { n: p.questionNumber, c: p.questionCount }));
  } else if (p.section === PARTICIPANTS) {
    parts.push(msg("common.participants"));
  } else if (p.sectionNumber > 0) {
    const section = format.sections[p.sectionNumber - 1]!;
    const spent = ms[section.id] ?? 0;
    const box = section.minutes * 60_000;
    parts.push(
      fill(msg("runner.header.section-n-c"), { n: p.sectionNumber, c: p.sectionCount }),
      tr(section.title),
      fill(msg("runner.header.question-n-c"), { n: p.questionNumber, c: p.questionCount }),
      fill(msg("runner.header.section-t-b"), { t: clockText(spent), b: clockText(box) }),
    );
    if (spent > box) {
      over.push(`section:${section.id}`);
      warning = fill(msg("runner.header.section-m-min-over-its"), {
        m: Math.ceil((spent - box) / 60_000),
      });
    }
  } else {
    parts.push(msg("runner.header.review"));
  }
  parts.push(totalText);
  const planned = format.duration * 60_000;
  let totalWarning: string | undefined;
  if (planned > 0 && total > planned) {
    over.push("total");
    const key = format.duration === 1 ? "runner.header.conversation-m-min-over-1-minute" : "runner.header.conversation-m-min-over-its";
    totalWarning = fill(msg(key), { m: Math.ceil((total - planned) / 60_000), d: format.duration });
  }
  return { line: parts.join(" · "), over, ...(warning ? { warning } : {}), ...(totalWarning ? { totalWarning } : {}) };
}
