import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { getHub, requireSpace } from "../auth/guard.server";
import { can, type Action } from "../auth/permissions.server";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import {
  sendConsultationClosedMails,
  sendConsultationReminderMails,
} from "../lib/consultation-mail.server";
import { formatDateTime } from "../lib/dates";
import { fieldErrorsOf, readFormData } from "../lib/form.server";
import { renderPost } from "../lib/markdown.server";
import { getInstance } from "../middleware/i18next";
import { recordAudit } from "../models/audit.server";
import {
  answersVisible,
  closeConsultation,
  getAnswer,
  getConsultation,
  isAsked,
  listAnswers,
  listConsultationPapers,
  listRecipients,
  listReminders,
  remindNonResponders,
  saveAnswer,
} from "../models/consultation.server";
import {
  answerSchema,
  ANSWER_MAX_LENGTH,
  closeSchema,
  consultationIdSchema,
  STANCES,
} from "../schemas/consultation";
import type { Route } from "./+types/space-consultation";

const notFound = () => data({ error: "notFound" }, { status: 404 });

/** The consultation of this space, or 404 (also for an id that is not an id at all). */
async function loadConsultation(
  context: Route.LoaderArgs["context"],
  request: Request,
  params: { slug: string; consultationId: string },
) {
  const found = await requireSpace(context, request, {
    slug: params.slug,
    action: "consultation.read",
  });
  const { db } = getHub(context);
  if (!consultationIdSchema.safeParse(params.consultationId).success) throw notFound();
  const consultation = await getConsultation(db, {
    spaceId: found.space.id,
    consultationId: params.consultationId,
  });
  if (!consultation) throw notFound();
  const asked = await isAsked(db, {
    spaceId: found.space.id,
    consultationId: consultation.id,
    userId: found.user.id,
  });
  return { ...found, consultation, asked };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role, consultation, asked } = await loadConsultation(
    context,
    request,
    params,
  );
  const { db } = getHub(context);
  const scope = { spaceId: space.id, consultationId: consultation.id };
  const canManage = can(user, "consultation.manage", { spaceRole: role });
  const now = new Date().toISOString();
  const isOpen = !consultation.closedAt && consultation.deadline > now;
  const showAnswers = answersVisible(consultation, { canManage });
  const answers = showAnswers ? await listAnswers(db, scope) : null;
  const recipients = canManage ? await listRecipients(db, scope) : null;
  // The question's Markdown source and the outcome's stay on the server: the page shows HTML.
  const { question: _q, outcome: _o, ...shown } = consultation;
  return {
    space: { slug: space.slug, name: space.name },
    consultation: shown,
    now,
    isOpen,
    asked,
    canAnswer: isOpen && can(user, "consultation.answer", { spaceRole: role, isAsked: asked }),
    myAnswer: asked ? await getAnswer(db, { ...scope, userId: user.id }) : null,
    showAnswers,
    answers,
    papers: await listConsultationPapers(db, scope),
    canManage,
    status: recipients
      ? {
          asked: recipients.length,
          answered: recipients.filter((r) => r.answered).length,
          pending: recipients
            .filter((r) => !r.answered)
            .map((r) => ({
              userId: r.userId,
              name: r.name,
              organisationName: r.organisationName,
              lastRemindedAt: r.lastRemindedAt,
              reachable: r.reachable,
            })),
          stances: Object.fromEntries(
            STANCES.map((s) => [s, (answers ?? []).filter((a) => a.stance === s).length]),
          ),
          reminders: await listReminders(db, scope),
        }
      : null,
  };
}

interface Outcome {
  error?: string;
  fieldErrors?: Record<string, string[]>;
  notice?: string;
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, space, role, consultation, asked } = await loadConsultation(
    context,
    request,
    params,
  );
  const { db, mailer, config } = getHub(context);
  const t = getInstance(context).t;
  const form = Object.fromEntries(await readFormData(request));
  const allow = (action: Action) => {
    if (!can(user, action, { spaceRole: role, isAsked: asked })) {
      throw data({ error: "forbidden" }, { status: 403 });
    }
  };
  const refuse = (status: number, error: string, fieldErrors?: Record<string, string[]>) =>
    data<Outcome>({ error, fieldErrors }, { status });
  const scope = { spaceId: space.id, consultationId: consultation.id };
  const about = {
    space,
    consultation: {
      id: consultation.id,
      title: consultation.title,
      deadline: consultation.deadline,
    },
  };

  switch (form.intent) {
    case "answer": {
      allow("consultation.answer");
      // Told before the form is looked at: no answer, however written, can be stored now.
      if (consultation.closedAt) return refuse(409, t("consultations.isClosed"));
      if (Date.parse(consultation.deadline) <= Date.now())
        return refuse(409, t("consultations.isLate"));
      const parsed = answerSchema.safeParse(form);
      if (!parsed.success) {
        return refuse(400, t("validation.formInvalid"), fieldErrorsOf(parsed.error));
      }
      const { body, stance } = parsed.data;
      const saved = await saveAnswer(db, {
        ...scope,
        userId: user.id,
        body,
        bodyHtml: renderPost(body).html,
        stance,
      });
      switch (saved) {
        case "notFound":
          throw notFound();
        case "notAsked":
          throw data({ error: "forbidden" }, { status: 403 });
        case "closed":
          return refuse(409, t("consultations.isClosed"));
        case "late":
          return refuse(409, t("consultations.isLate"));
      }
      return {
        notice: t(
          saved === "created" ? "consultations.answerSaved" : "consultations.answerUpdated",
        ),
      } satisfies Outcome as Outcome;
    }
    case "remind": {
      allow("consultation.manage");
      const result = await remindNonResponders(db, {
        ...scope,
        kind: "manual",
        sentById: user.id,
      });
      switch (result.status) {
        case "notFound":
          throw notFound();
        case "closed":
          return refuse(409, t("consultations.alreadyClosed"));
        case "late":
          return refuse(409, t("consultations.lateNoRemind"));
      }
      if (result.reminded.length === 0) {
        return { notice: t("consultations.nobodyToRemind") } satisfies Outcome as Outcome;
      }
      await sendConsultationReminderMails({ mailer, config }, result.reminded, about);
      return {
        notice: t("consultations.reminded", { count: result.reminded.length }),
      } satisfies Outcome as Outcome;
    }
    case "close": {
      allow("consultation.manage");
      if (consultation.closedAt) return refuse(409, t("consultations.alreadyClosed"));
      const parsed = closeSchema.safeParse(form);
      if (!parsed.success) {
        return refuse(400, t("validation.formInvalid"), fieldErrorsOf(parsed.error));
      }
      const { outcome } = parsed.data;
      const result = await closeConsultation(db, {
        ...scope,
        userId: user.id,
        outcome,
        outcomeHtml: renderPost(outcome).html,
      });
      if (result.status === "notFound") throw notFound();
      if (result.status === "alreadyClosed") return refuse(409, t("consultations.alreadyClosed"));
      await recordAudit(db, {
        actorId: user.id,
        action: "consultation.closed",
        subjectType: "consultation",
        subjectId: consultation.id,
        spaceId: space.id,
        details: { title: consultation.title, notified: result.participants.length },
      });
      await sendConsultationClosedMails({ mailer, config }, result.participants, {
        ...about,
        outcome,
      });
      return {
        notice: t("consultations.closedDone", { count: result.participants.length }),
      } satisfies Outcome as Outcome;
    }
    default:
      return refuse(400, t("validation.formInvalid"));
  }
}

export default function SpaceConsultation({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { space, consultation, papers, status, myAnswer } = loaderData;
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const errors = actionData?.fieldErrors ?? {};
  const fieldError = (name: string, id: string) =>
    errors[name]?.length ? (
      <p id={`${id}-error`} className="field__error">
        {errors[name]!.map((e) => t(e as never)).join(" ")}
      </p>
    ) : null;
  const invalid = (name: string, id: string, hint?: string) => {
    const ids = [errors[name]?.length ? `${id}-error` : null, hint ?? null].filter(Boolean);
    return {
      ...(errors[name]?.length ? { "aria-invalid": true } : {}),
      ...(ids.length ? { "aria-describedby": ids.join(" ") } : {}),
    };
  };

  return (
    <div className="page">
      <PageTitle title={`${consultation.title} · ${space.name}`} />
      <p className="eyebrow">
        <Link to={`/spaces/${space.slug}/consultations`}>{space.name}</Link>
      </p>
      <h1>{consultation.title}</h1>
      <SpaceNav slug={space.slug} name={space.name} />

      {actionData?.error ? (
        <p role="alert" className="form-error">
          {actionData.error}
        </p>
      ) : null}
      {actionData?.notice ? (
        <p role="status" className="notice">
          {actionData.notice}
        </p>
      ) : null}

      {consultation.closedAt ? (
        <section aria-labelledby="outcome-heading" className="card notice">
          <h2 id="outcome-heading">{t("consultations.outcome")}</h2>
          <div
            className="post__body"
            dangerouslySetInnerHTML={{ __html: consultation.outcomeHtml ?? "" }}
          />
          <p className="muted">
            {t("consultations.closedBy", {
              when: when(consultation.closedAt),
              name: consultation.closedByName ?? "",
            })}
          </p>
        </section>
      ) : null}

      <p className="muted">
        <span className="badge">
          {consultation.closedAt ? t("consultations.statusClosed") : t("consultations.statusOpen")}
        </span>
        {t("consultations.deadlineOn", { when: when(consultation.deadline) })}
        {!consultation.closedAt && !loaderData.isOpen
          ? ` · ${t("consultations.pastDeadline")}`
          : null}
        {" · "}
        {t("consultations.askedBy", {
          name: consultation.createdByName,
          when: when(consultation.createdAt),
        })}
      </p>

      <section aria-labelledby="question-heading">
        <h2 id="question-heading">{t("consultations.question")}</h2>
        <div
          className="post__body"
          dangerouslySetInnerHTML={{ __html: consultation.questionHtml }}
        />
        {papers.length ? (
          <>
            <h3>{t("consultations.papers")}</h3>
            <ul>
              {papers.map((p) => (
                <li key={p.id}>
                  <Link to={`/spaces/${space.slug}/documents/${p.id}`}>{p.title}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p className="muted">
          {consultation.answerVisibility === "members"
            ? t("consultations.visibilityMembersNote")
            : t("consultations.visibilitySecretariatNote")}
        </p>
      </section>

      {loaderData.asked ? (
        <section aria-labelledby="my-answer-heading" className="card">
          <h2 id="my-answer-heading">{t("consultations.yourAnswer")}</h2>
          {myAnswer && !loaderData.canAnswer ? (
            <>
              {myAnswer.stance ? (
                <p>
                  <span className="badge">
                    {t(`consultations.stances.${myAnswer.stance}` as never)}
                  </span>
                </p>
              ) : null}
              <div className="post__body" dangerouslySetInnerHTML={{ __html: myAnswer.bodyHtml }} />
            </>
          ) : null}
          {!loaderData.canAnswer ? (
            <p>{consultation.closedAt ? t("consultations.isClosed") : t("consultations.isLate")}</p>
          ) : (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="answer" />
              <p className="notice">{t("notice.noCitizenData")}</p>
              <p id="answer-hint" className="field__hint">
                {t("consultations.canEditUntil", { when: when(consultation.deadline) })}
              </p>
              <div className="field">
                <label htmlFor="answer-body">{t("consultations.answerLabel")}</label>
                <textarea
                  id="answer-body"
                  name="body"
                  rows={8}
                  required
                  maxLength={ANSWER_MAX_LENGTH}
                  defaultValue={myAnswer?.body ?? ""}
                  key={myAnswer?.updatedAt ?? "new"}
                  {...invalid("body", "answer-body", "answer-hint")}
                />
                {fieldError("body", "answer-body")}
              </div>
              <div className="field">
                <label htmlFor="answer-stance">{t("consultations.stanceLabel")}</label>
                <select
                  id="answer-stance"
                  name="stance"
                  defaultValue={myAnswer?.stance ?? ""}
                  key={myAnswer?.updatedAt ?? "new"}
                  {...invalid("stance", "answer-stance")}
                >
                  <option value="">{t("consultations.stanceUnset")}</option>
                  {STANCES.map((s) => (
                    <option key={s} value={s}>
                      {t(`consultations.stances.${s}`)}
                    </option>
                  ))}
                </select>
                {fieldError("stance", "answer-stance")}
              </div>
              <button type="submit" className="button">
                {myAnswer ? t("consultations.updateAnswer") : t("consultations.saveAnswer")}
              </button>
            </Form>
          )}
        </section>
      ) : loaderData.canManage ? null : (
        <p className="muted">{t("consultations.notAskedNote")}</p>
      )}

      {status ? (
        <section aria-labelledby="status-heading" className="card">
          <h2 id="status-heading">{t("consultations.status")}</h2>
          <p>
            <strong>
              {t("consultations.responseRate", { answered: status.answered, asked: status.asked })}
            </strong>
          </p>
          <h3 id="pending-heading">{t("consultations.notAnsweredList")}</h3>
          {status.pending.length === 0 ? (
            <p>{t("consultations.everyoneAnswered")}</p>
          ) : (
            <ul aria-labelledby="pending-heading">
              {status.pending.map((p) => (
                <li key={p.userId}>
                  <Link to={`/people/${p.userId}`}>{p.name}</Link>
                  {p.organisationName ? `, ${p.organisationName}` : null}
                  {p.lastRemindedAt
                    ? ` · ${t("consultations.lastReminded", { when: when(p.lastRemindedAt) })}`
                    : null}
                  {!p.reachable ? ` · ${t("consultations.unreachable")}` : null}
                </li>
              ))}
            </ul>
          )}
          {loaderData.isOpen && status.pending.length > 0 ? (
            <Form method="post" className="row-form">
              <input type="hidden" name="intent" value="remind" />
              <button type="submit" className="button secondary">
                {t("consultations.remind")}
              </button>
            </Form>
          ) : null}
          {status.answered > 0 ? (
            <>
              <h3>{t("consultations.stanceTally")}</h3>
              <ul className="plain-list">
                {STANCES.map((s) => (
                  <li key={s}>
                    {t(`consultations.stances.${s}`)}: {status.stances[s] ?? 0}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>{t("consultations.reminders")}</h3>
          {status.reminders.length === 0 ? <p>{t("consultations.noReminders")}</p> : null}
          <ul>
            {status.reminders.map((r) => (
              <li key={r.id}>
                {r.kind === "automatic"
                  ? t("consultations.reminderAutomatic", {
                      when: when(r.sentAt),
                      count: r.recipientCount,
                    })
                  : t("consultations.reminderManual", {
                      when: when(r.sentAt),
                      count: r.recipientCount,
                      name: r.sentByName ?? "",
                    })}
              </li>
            ))}
          </ul>
          {!consultation.closedAt ? (
            <p className="muted">{t("consultations.autoReminderNote")}</p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">{t("consultations.answers")}</h2>
        {loaderData.answers === null ? (
          <p>{t("consultations.answersHidden")}</p>
        ) : loaderData.answers.length === 0 ? (
          <p>{t("consultations.noAnswers")}</p>
        ) : (
          <ul className="posts" aria-labelledby="answers-heading">
            {loaderData.answers.map((a) => (
              <li key={a.id} className="post">
                <p className="muted">
                  <Link to={`/people/${a.userId}`}>{a.authorName}</Link>
                  {a.organisationName ? `, ${a.organisationName}` : null} ·{" "}
                  {a.updatedAt !== a.createdAt
                    ? t("consultations.editedAt", { when: when(a.updatedAt) })
                    : t("consultations.answeredAt", { when: when(a.createdAt) })}
                </p>
                {a.stance ? (
                  <p>
                    <span className="badge">{t(`consultations.stances.${a.stance}` as never)}</span>
                  </p>
                ) : null}
                <div className="post__body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {loaderData.canManage && !consultation.closedAt ? (
        <section aria-labelledby="close-heading" className="card">
          <h2 id="close-heading">{t("consultations.closeHeading")}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="close" />
            <div className="field">
              <label htmlFor="close-outcome">{t("consultations.outcomeLabel")}</label>
              <p id="close-outcome-hint" className="field__hint">
                {t("consultations.outcomeHint")}
              </p>
              <textarea
                id="close-outcome"
                name="outcome"
                rows={6}
                required
                {...invalid("outcome", "close-outcome", "close-outcome-hint")}
              />
              {fieldError("outcome", "close-outcome")}
            </div>
            <button type="submit" className="button">
              {t("consultations.close")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
