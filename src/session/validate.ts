// A session checked against its format: every answer's type, options and validate rules,
// conditions, and (for a final session) required answers and parties. Pure over the parsed
// file; the registry supplies the format of the version the session names.
import type { Finding } from "../findings/finding.js";
import type { AnswerValue, Format, Question, RepeatItem } from "../format/types.js";
import type { FormatRegistry } from "../format/registry.js";
import { brokenFormatMessage } from "../format/broken.js";
import { fileKind, otherKindFinding } from "../yaml/file-kind.js";
import type { ReadSession } from "./io.js";
import type { Session } from "./types.js";
import { askingOrder, questionIndex, renames } from "../format/walk.js";
import { AnswerChecker, isValidDate, normalizeAnswer } from "./answer-check.js";
import { isAnswered } from "./condition.js";
import { isPartyScores, isPresentRole } from "./party-scores.js";
import { isFieldVisible, visibleIds } from "./visibility.js";
import { closest } from "../util/suggest.js";
import { MAX_FINDINGS_PER_FILE } from "../findings/finding.js";
import { fill } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";

export interface SessionCheck {
  session?: Session;
  format?: Format;
  findings: Finding[];
}

export interface ValidateOptions {
  /** An --answers file: missing keys are fine, `status: final` requirements still apply. */
  partial?: boolean;
}

/** Normalise hand-written values (ja/nee, numeric codes) so later checks see stored forms. */
export function normalizeSessionAnswers(session: Session, format: Format): void {
  const index = questionIndex(format);
  for (const id in session.answers) {
    const q = index.get(id)?.question;
    if (q && Object.hasOwn(session.answers, id))
      session.answers[id] = normalizeAnswer(q, session.answers[id]) as Session["answers"][string];
  }
  for (const id in session.meta) {
    const q = index.get(id)?.question;
    if (q && Object.hasOwn(session.meta, id)) session.meta[id] = normalizeAnswer(q, session.meta[id]) as Session["meta"][string];
  }
}

export function findSessionFormat(
  session: Session,
  registry: FormatRegistry,
): { format?: Format; problem?: { message: string; rule: string } } {
  const { id, version } = session.format;
  // A format with lint errors never loads; say where it is rather than "unknown format".
  const broken = registry.broken(id, version);
  if (broken) return { problem: { rule: "session-format-broken", message: brokenFormatMessage(broken) } };
  const versions = registry.versions(id);
  if (!versions.length) {
    const guess = closest(id, registry.ids());
    const message =
      fill(msg("session.validate.unknown-format-id"), { id }) +
      (guess
        ? fill(msg("session.validate.did-you-mean-g"), { g: guess })
        : fill(msg("session.validate.known-list"), { list: registry.ids().join(", ") || "—" }));
    return { problem: { rule: "session-format", message } };
  }
  const format = registry.get(id, version);
  if (!format) {
    return {
      problem: {
        rule: "session-format-version",
        message: fill(msg("session.validate.format-id-version-v-does"), {
          id,
          v: version,
          list: versions.join(", "),
        }),
      },
    };
  }
  return { format };
}

export async function validateSession(
  read: ReadSession,
  registry: FormatRegistry,
  opts: ValidateOptions = {},
  checker?: AnswerChecker,
): Promise<SessionCheck> {
  const { parsed, session } = read;
  const findings: Finding[] = [...read.findings];
  if (!session) return { findings };
  const file = parsed.file;
  // A format file is one finding (use lint), not every session key it lacks.
  if (!opts.partial && fileKind(parsed.data) === "format") return { findings: [otherKindFinding(file, "format")] };
  const data = parsed.data as Record<string, unknown>;
  const add = (p: (string | number)[], severity: "error" | "warning", rule: string, message: string, key = false) =>
    findings.push({ file, ...parsed.locate(p, { key }), severity, rule, message });

  if (!opts.partial && data.afstem === undefined) add([], "error", "session-kind", msg("session.validate.not-session-file-key-afstem"));
  if (data.format === undefined) {
    add([], "error", "session-format", msg("session.validate.key-format-id-version-missing"));
    return { session, findings };
  }
  if (findings.some((f) => f.severity === "error" && f.line === parsed.locate(["format"]).line)) return { session, findings };
  const found = findSessionFormat(session, registry);
  if (!found.format) {
    add(
      ["format", found.problem!.rule === "session-format-version" ? "version" : "id"],
      "error",
      found.problem!.rule,
      found.problem!.message,
    );
    return { session, findings };
  }
  const format = found.format;
  normalizeSessionAnswers(session, format);
  checker ??= await AnswerChecker.create();

  const order = askingOrder(format);
  const index = questionIndex(format);
  // Only a finding's "did you mean" needs these lists.
  const metaIds = () => format.meta.map((q) => q.id);
  const sectionIds = () => order.filter((a) => a.sectionId !== "meta").map((a) => a.question.id);
  const renamed = renames(format);
  const visible = visibleIds(format, session);

  const checkValue = (q: Question, value: unknown, base: (string | number)[]) => {
    for (const p of checker!.check(q, value)) {
      add([...base, ...p.path], "error", p.rule, `${q.id}: ${p.message}`);
    }
  };
  const unknownId = (id: string, candidates: () => string[], base: (string | number)[]) => {
    const old = renamed.get(id);
    // "Did you mean" only for findings that will be shown (findings/finding.ts caps them).
    const guess = old ?? (findings.length < MAX_FINDINGS_PER_FILE ? closest(id, candidates()) : undefined);
    const text = fill(msg("session.validate.unknown-question-id-format-f"), { id, f: format.id, v: format.version });
    add(base, "error", "unknown-question", guess ? `${text}${fill(msg("session.validate.did-you-mean-g"), { g: guess })}` : text, true);
  };

  // A repeat item's field whose condition does not hold for that item: the same warning as a
  // hidden question, at the field. Only fields with a `when` are looked at.
  const hiddenFields = (q: Question, items: unknown[], id: string) => {
    const fields = q.fields ?? [];
    if (!fields.some((f) => f.when)) return;
    items.forEach((item, i) => {
      if (item === null || typeof item !== "object" || Array.isArray(item)) return;
      const it = item as RepeatItem;
      for (const f of fields) {
        if (!f.when || !isAnswered(it[f.id] as AnswerValue) || isFieldVisible(f, it, session, format)) continue;
        add(
          ["answers", id, i, f.id],
          "warning",
          "answer-hidden",
          fill(msg("session.validate.field-answered-but-its-condition"), { id, n: i + 1, f: f.id }),
          true,
        );
      }
    });
  };

  for (const [id, value] of Object.entries(session.meta)) {
    const a = index.get(id);
    if (!a || a.sectionId !== "meta") unknownId(id, metaIds, ["meta", id]);
    else {
      checkValue(a.question, value, ["meta", id]);
      if (!visible.has(id) && isAnswered(value as AnswerValue))
        add(["meta", id], "warning", "answer-hidden", fill(msg("session.validate.id-answered-but-its-condition"), { id }), true);
    }
  }
  for (const [id, value] of Object.entries(session.answers)) {
    const a = index.get(id);
    if (!a || a.sectionId === "meta") {
      unknownId(id, sectionIds, ["answers", id]);
      continue;
    }
    checkValue(a.question, value, ["answers", id]);
    if (a.question.perParty && isPartyScores(value) && value.parties && typeof value.parties === "object") {
      const roleIds = format.participants.map((p) => p.id);
      for (const role of Object.keys(value.parties)) {
        if (roleIds.includes(role)) {
          // Only a present party gives its own score: another's is kept but never counted.
          if (!isPresentRole(session.participants, role)) {
            const listed = session.participants.some((p) => p?.role === role);
            add(
              ["answers", id, "parties", role],
              "warning",
              "party-absent",
              fill(msg(listed ? "session.validate.id-score-party-not-present" : "session.validate.id-score-role-not-participant"), {
                id,
                r: role,
              }),
              true,
            );
          }
          continue;
        }
        const guess = closest(role, roleIds);
        add(
          ["answers", id, "parties", role],
          "error",
          "participant-role",
          fill(msg("session.validate.id-unknown-role-r-roles"), { id, r: role, list: roleIds.join(", ") }) +
            (guess ? fill(msg("session.validate.did-you-mean-g"), { g: guess }) : ""),
          true,
        );
      }
    }
    if (!visible.has(id) && isAnswered(value)) {
      add(["answers", id], "warning", "answer-hidden", fill(msg("session.validate.id-answered-but-its-condition"), { id }), true);
    } else if (a.question.type === "repeat" && Array.isArray(value)) {
      hiddenFields(a.question, value, id);
    }
  }
  session.skipped.forEach((id, i) => {
    if (!index.has(id))
      add(["skipped", i], "warning", "unknown-question", fill(msg("session.validate.skipped-question-id-does-not"), { id }));
  });
  for (const id of Object.keys(session.notes)) {
    if (!index.has(id) && id !== "meta" && id !== "participants")
      add(["notes", id], "warning", "unknown-question", fill(msg("session.validate.note-unknown-question-id"), { id }), true);
  }
  const roles = format.participants.map((p) => p.id);
  session.participants.forEach((p, i) => {
    if (roles.length && !roles.includes(p.role)) {
      const guess = closest(String(p.role), roles);
      add(
        ["participants", i, "role"],
        "error",
        "participant-role",
        fill(msg("session.validate.unknown-role-r-roles-list"), { r: String(p.role), list: roles.join(", ") }) +
          (guess ? fill(msg("session.validate.did-you-mean-g"), { g: guess }) : ""),
      );
    }
  });
  // As written in the file (session.parked drops entries that are not mappings), so the line is right.
  (Array.isArray(data.parked) ? (data.parked as unknown[]) : []).forEach((p, i) => {
    const q = p !== null && typeof p === "object" ? (p as { question?: unknown }).question : undefined;
    // A topic parked at the participants step names that step, not a question.
    if (q === undefined || q === null || q === "meta" || q === "participants" || (typeof q === "string" && index.has(q))) return;
    add(
      ["parked", i, "question"],
      "warning",
      "unknown-question",
      fill(msg("session.validate.parked-refers-unknown-question-q"), { q: String(q) }),
    );
  });
  session.actions.forEach((a, i) => {
    if (a.due !== undefined && (typeof a.due !== "string" || !isValidDate(a.due))) {
      add(["actions", i, "due"], "error", "action-due", fill(msg("session.validate.d-not-valid-date-yyyy"), { d: String(a.due) }));
    }
    if (a.question !== undefined && !index.has(a.question)) {
      add(
        ["actions", i, "question"],
        "warning",
        "unknown-question",
        fill(msg("session.validate.action-refers-unknown-question-q"), { q: a.question }),
      );
    }
  });

  if (session.status === "final") {
    for (const { question, sectionId } of order) {
      if (!question.required || !visible.has(question.id)) continue;
      const value = sectionId === "meta" ? session.meta[question.id] : session.answers[question.id];
      if (!isAnswered(value)) {
        add(
          ["status"],
          "error",
          "required-missing",
          fill(msg("session.validate.final-session-lacks-required-answer"), { id: question.id }),
        );
      }
    }
    // A repeat's required fields, per item, where they apply in that item.
    for (const [q, i, f] of missingItemFields(format, session, visible)) {
      add(
        ["answers", q.id, i],
        "error",
        "required-missing",
        fill(msg("session.validate.final-session-item-lacks-required-field"), { id: q.id, n: i + 1, f: f.id }),
      );
    }
    for (const role of format.participants) {
      if (role.required && !session.participants.some((p) => p.role === role.id && p.present)) {
        // Listed but absent: point at that `present: false`; not listed at all: at the status.
        const absent = session.participants.findIndex((p) => p.role === role.id && p.present === false);
        add(
          absent >= 0 ? ["participants", absent, "present"] : ["status"],
          "error",
          "participant-missing",
          fill(msg("session.validate.final-session-without-required-participa"), { r: role.id }),
        );
      }
    }
    if (!session.finalized) add(["status"], "warning", "finalized-missing", msg("session.validate.status-final-but-finalized-time"));
  }
  return { session, format, findings };
}

/** Items of visible repeats that lack a required field which applies in them: [repeat, item index, field]. */
export function missingItemFields(format: Format, session: Session, visible: ReadonlySet<string>): [Question, number, Question][] {
  const out: [Question, number, Question][] = [];
  for (const { question: q } of askingOrder(format)) {
    const items = session.answers[q.id];
    if (q.type !== "repeat" || !visible.has(q.id) || !Array.isArray(items)) continue;
    const required = (q.fields ?? []).filter((f) => f.required);
    if (!required.length) continue;
    items.forEach((item, i) => {
      if (item === null || typeof item !== "object" || Array.isArray(item)) return;
      for (const f of required) {
        if (!isAnswered((item as RepeatItem)[f.id] as AnswerValue) && isFieldVisible(f, item as RepeatItem, session, format))
          out.push([q, i, f]);
      }
    });
  }
  return out;
}
