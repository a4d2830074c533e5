import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { getHub } from "../auth/guard.server";
import { can } from "../auth/permissions.server";
import { FormError } from "../components/form";
import { PageTitle } from "../components/page-title";
import { FieldError, invalid, type FieldErrors } from "../components/plan-fields";
import { showDate } from "../components/plan-timeline";
import { formatDateTime } from "../lib/dates";
import { fieldErrorsOf, readFormData } from "../lib/form.server";
import { renderPost } from "../lib/markdown.server";
import { forbidden, notFound, requirePlanViewer } from "../lib/plan-access.server";
import { stances, type InitiativeStatus, type Stance, type TargetGroup } from "../lib/plan";
import { toPostView } from "../lib/post-view";
import { listMentionableMembers } from "../models/membership.server";
import {
  addUpdate,
  getInitiative,
  getLatestRound,
  getOwnRecommendation,
  getReadableDocument,
  getRound,
  isLinkableMeeting,
  isRoundOpen,
  linkDocument,
  linkMeeting,
  listLinkableDocuments,
  listLinkableMeetings,
  listLinkedDocuments,
  listLinkedMeetings,
  listLinkedThreads,
  listUpdates,
  saveRecommendation,
  summariseRecommendations,
  unlinkDocument,
  unlinkMeeting,
} from "../models/plan.server";
import { createThread, listPosts } from "../models/thread.server";
import { publishPostCreated } from "../realtime/publish.server";
import { initiativeActionSchema } from "../schemas/plan";
import type { Route } from "./+types/plan-initiative";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = await requirePlanViewer(context, request);
  const { db } = getHub(context);
  const initiative = await getInitiative(db, { initiativeId: params.id });
  if (!initiative) notFound();
  const userId = viewer.user.id;
  const canReadDrafts = (role: string) =>
    can(viewer.user, "meeting.readDrafts", { spaceRole: role as never });
  const canContribute = viewer.canContribute(initiative.ownerOrganisationId);
  const round = await getLatestRound(db, { planId: initiative.planId });
  const roundOpen = round ? isRoundOpen(round) : false;
  return {
    initiative,
    updates: await listUpdates(db, { initiativeId: initiative.id }),
    documents: await listLinkedDocuments(db, { initiativeId: initiative.id, userId }),
    threads: await listLinkedThreads(db, { initiativeId: initiative.id, userId }),
    meetings: await listLinkedMeetings(db, {
      initiativeId: initiative.id,
      userId,
      canReadDrafts,
    }),
    linkableDocuments: canContribute ? await listLinkableDocuments(db, { userId }) : [],
    linkableMeetings: canContribute
      ? await listLinkableMeetings(db, { userId, canReadDrafts })
      : [],
    canManage: viewer.canManage,
    canContribute,
    canRecommend: viewer.canRecommend,
    canDiscuss: viewer.canDiscuss,
    round: round && {
      id: round.id,
      question: round.question,
      deadline: round.deadline,
      closedAt: round.closedAt,
      open: roundOpen,
    },
    own:
      round && viewer.canRecommend
        ? await getOwnRecommendation(db, {
            roundId: round.id,
            initiativeId: initiative.id,
            userId,
          })
        : null,
    // Individual answers are the expert group's own: others see neither counts nor reasons.
    summary:
      round && viewer.canReadRecommendations
        ? await summariseRecommendations(db, { roundId: round.id, initiativeId: initiative.id })
        : null,
  };
}

/** Which rule each intent answers to; checked before the rest of the form is read. */
type Intent =
  | "addUpdate"
  | "recommend"
  | "linkDocument"
  | "unlinkDocument"
  | "linkMeeting"
  | "unlinkMeeting"
  | "startDiscussion";

export async function action({ context, request, params }: Route.ActionArgs) {
  const viewer = await requirePlanViewer(context, request);
  const { db, io } = getHub(context);
  const initiative = await getInitiative(db, { initiativeId: params.id });
  if (!initiative) notFound();
  const form = await readFormData(request);
  const values = Object.fromEntries(
    [...form.entries()].filter(([, v]) => typeof v === "string"),
  ) as Record<string, string>;
  const intent = values.intent as Intent | undefined;
  const contribute = viewer.canContribute(initiative.ownerOrganisationId);
  const allowed: Record<Intent, boolean> = {
    addUpdate: contribute,
    linkDocument: contribute,
    unlinkDocument: contribute,
    linkMeeting: contribute,
    unlinkMeeting: contribute,
    recommend: viewer.canRecommend,
    startDiscussion: viewer.canDiscuss,
  };
  if (intent && Object.hasOwn(allowed, intent) && !allowed[intent]) forbidden();

  const fail = (errors: FieldErrors) =>
    data({ intent: intent ?? "", errors, values }, { status: 400 });
  const parsed = initiativeActionSchema.safeParse(values);
  if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  const back = redirect(`/plan/${initiative.id}`);
  const canReadDrafts = (role: string) =>
    can(viewer.user, "meeting.readDrafts", { spaceRole: role as never });

  switch (input.intent) {
    case "addUpdate": {
      await addUpdate(db, {
        initiativeId: initiative.id,
        authorId: viewer.user.id,
        body: input.body,
        bodyHtml: renderPost(input.body).html,
      });
      return back;
    }
    case "recommend": {
      const round = await getRound(db, { roundId: input.roundId });
      if (!round || round.planId !== initiative.planId) notFound();
      const result = await saveRecommendation(db, {
        roundId: round.id,
        initiativeId: initiative.id,
        userId: viewer.user.id,
        stance: input.stance,
        reason: input.reason,
      });
      if (result === "closed") return fail({ form: ["plan.recommend.closed"] });
      return back;
    }
    case "linkDocument": {
      // Only a document the person may read themselves: a link must not reveal more.
      const doc = await getReadableDocument(db, {
        documentId: input.documentId,
        userId: viewer.user.id,
      });
      // One the person may not read is, to them, one that does not exist.
      if (!doc || !can(viewer.user, "document.read", { spaceRole: doc.role as never })) {
        notFound();
      }
      await linkDocument(db, { initiativeId: initiative.id, documentId: doc.id });
      return back;
    }
    case "unlinkDocument":
      await unlinkDocument(db, { initiativeId: initiative.id, documentId: input.documentId });
      return back;
    case "linkMeeting": {
      const [subjectType, subjectId] = input.target.split(":") as [
        "meeting" | "agenda_item",
        string,
      ];
      const visible = await isLinkableMeeting(db, {
        userId: viewer.user.id,
        canReadDrafts,
        subjectType,
        subjectId,
      });
      if (!visible) notFound();
      await linkMeeting(db, {
        initiativeId: initiative.id,
        subjectType,
        subjectId,
        createdById: viewer.user.id,
      });
      return back;
    }
    case "unlinkMeeting":
      await unlinkMeeting(db, {
        initiativeId: initiative.id,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
      });
      return back;
    case "startDiscussion": {
      const spaceId = viewer.expertGroupId!;
      const rendered = renderPost(input.body, await listMentionableMembers(db, { spaceId }));
      const result = await createThread(db, {
        spaceId,
        authorId: viewer.user.id,
        title: input.title,
        subjectType: "initiative",
        subjectId: initiative.id,
        post: {
          body: input.body,
          html: rendered.html,
          mentionedUserIds: rendered.mentionedUserIds,
        },
      });
      if (result.status === "created") {
        const [opening] = await listPosts(db, { spaceId, threadId: result.threadId, limit: 1 });
        publishPostCreated(io, {
          spaceId,
          threadId: result.threadId,
          post: toPostView(opening!, { canModerate: false }),
        });
      }
      return redirect(`/spaces/${viewer.expertGroupSlug}/threads/${result.threadId}`);
    }
  }
}

export default function InitiativePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { initiative, updates, documents, threads, meetings, round, own, summary } = loaderData;
  const errorsFor = (intent: string): FieldErrors =>
    actionData && actionData.intent === intent ? actionData.errors : {};
  const valuesFor = (intent: string): Record<string, string> =>
    actionData && actionData.intent === intent ? actionData.values : {};

  return (
    <div className="page">
      <PageTitle title={`${initiative.title} · ${t("plan.title")}`} />
      <p className="eyebrow">
        <Link to={`/plan?plan=${initiative.planId}`}>{initiative.planTitle}</Link>
      </p>
      <h1>{initiative.title}</h1>
      {loaderData.canManage ? (
        <p>
          <Link to={`/plan/${initiative.id}/edit`}>{t("plan.edit")}</Link>
        </p>
      ) : null}

      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading" className="visually-hidden">
          {t("plan.initiative.facts")}
        </h2>
        <dl className="meta-list">
          <dt>{t("plan.targetGroup.label")}</dt>
          <dd>{t(`plan.targetGroup.${initiative.targetGroup as TargetGroup}`)}</dd>
          <dt>{t("plan.initiative.owner")}</dt>
          <dd>
            <Link to={`/organisations/${initiative.ownerOrganisationId}`}>
              {initiative.ownerName}
            </Link>
          </dd>
          <dt>{t("plan.initiative.partners")}</dt>
          <dd>
            {initiative.partners.length
              ? initiative.partners.map((p, i) => (
                  <span key={p.id}>
                    {i > 0 ? ", " : null}
                    <Link to={`/organisations/${p.id}`}>{p.name}</Link>
                  </span>
                ))
              : t("plan.table.none")}
          </dd>
          <dt>{t("plan.initiative.funding")}</dt>
          <dd>{initiative.fundingContext || t("plan.table.none")}</dd>
          <dt>{t("plan.initiative.start")}</dt>
          <dd>
            <time dateTime={initiative.startDate}>{showDate(initiative.startDate, locale)}</time>
          </dd>
          <dt>{t("plan.initiative.end")}</dt>
          <dd>
            <time dateTime={initiative.endDate}>{showDate(initiative.endDate, locale)}</time>
          </dd>
          <dt>{t("plan.status.label")}</dt>
          <dd>{t(`plan.status.${initiative.status as InitiativeStatus}`)}</dd>
        </dl>
        {initiative.description ? <p className="preserve-lines">{initiative.description}</p> : null}
      </section>

      <section aria-labelledby="recommendation-heading" className="card" id="recommendation">
        <h2 id="recommendation-heading">{t("plan.round.heading")}</h2>
        {!round ? <p>{t("plan.round.none")}</p> : null}
        {round ? (
          <>
            <p>{round.question}</p>
            <p>
              {round.closedAt
                ? t("plan.round.closed", { when: formatDateTime(round.closedAt, locale) })
                : round.open
                  ? t("plan.round.current", { deadline: formatDateTime(round.deadline, locale) })
                  : t("plan.round.pastDeadline", {
                      deadline: formatDateTime(round.deadline, locale),
                    })}
            </p>
            {!loaderData.canRecommend ? (
              <p className="muted">{t("plan.round.onlyMembers")}</p>
            ) : null}
          </>
        ) : null}
        {round && loaderData.canRecommend ? (
          <RecommendForm
            roundId={round.id}
            open={round.open}
            own={own}
            errors={errorsFor("recommend")}
            values={valuesFor("recommend")}
          />
        ) : null}
        {summary ? <Summary summary={summary} /> : null}
      </section>

      <section aria-labelledby="updates-heading" className="card">
        <h2 id="updates-heading">{t("plan.updates.heading")}</h2>
        <p className="muted">{t("plan.updates.whoMay")}</p>
        {updates.length === 0 ? <p>{t("plan.updates.none")}</p> : null}
        <ol className="plan-updates" aria-labelledby="updates-heading">
          {updates.map((u) => (
            <li key={u.id}>
              <article>
                <p className="muted">
                  {u.authorOrganisation
                    ? t("plan.updates.by", {
                        name: u.authorName,
                        organisation: u.authorOrganisation,
                        when: formatDateTime(u.createdAt, locale),
                      })
                    : t("plan.updates.byNoOrganisation", {
                        name: u.authorName,
                        when: formatDateTime(u.createdAt, locale),
                      })}
                </p>
                {/* Rendered on the server with raw HTML off (app/lib/markdown.server.ts). */}
                <div className="post__body" dangerouslySetInnerHTML={{ __html: u.bodyHtml }} />
              </article>
            </li>
          ))}
        </ol>
        {loaderData.canContribute ? (
          <UpdateForm errors={errorsFor("addUpdate")} values={valuesFor("addUpdate")} />
        ) : null}
      </section>

      <section aria-labelledby="documents-heading" className="card">
        <h2 id="documents-heading">{t("plan.documents.heading")}</h2>
        {documents.length === 0 ? <p>{t("plan.documents.none")}</p> : null}
        <ul>
          {documents.map((d) => (
            <li key={d.id}>
              <Link to={`/spaces/${d.slug}/documents/${d.id}`}>{d.title}</Link>{" "}
              <span className="muted">{t("plan.documents.inSpace", { space: d.spaceName })}</span>
              {loaderData.canContribute ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="unlinkDocument" />
                  <input type="hidden" name="documentId" value={d.id} />
                  <button type="submit" className="link-button">
                    {t("plan.documents.unlink", { title: d.title })}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {loaderData.canContribute && loaderData.linkableDocuments.length ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="linkDocument" />
            <div className="field">
              <label htmlFor="link-documentId">{t("plan.documents.pick")}</label>
              <select
                id="link-documentId"
                name="documentId"
                {...invalid("link-documentId-error", errorsFor("linkDocument").documentId)}
              >
                {loaderData.linkableDocuments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.spaceName}: {d.title}
                  </option>
                ))}
              </select>
              <FieldError
                id="link-documentId-error"
                errors={errorsFor("linkDocument").documentId}
              />
            </div>
            <p>
              <button type="submit" className="button secondary">
                {t("plan.documents.link")}
              </button>
            </p>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="threads-heading" className="card">
        <h2 id="threads-heading">{t("plan.threads.heading")}</h2>
        {threads.length === 0 ? <p>{t("plan.threads.none")}</p> : null}
        <ul>
          {threads.map((th) => (
            <li key={th.id}>
              <Link to={`/spaces/${th.slug}/threads/${th.id}`}>{th.title}</Link>{" "}
              <span className="muted">
                {th.spaceName} · {t("plan.threads.replies", { count: th.replyCount })}
              </span>
            </li>
          ))}
        </ul>
        {loaderData.canDiscuss ? (
          <DiscussionForm
            errors={errorsFor("startDiscussion")}
            values={valuesFor("startDiscussion")}
          />
        ) : null}
      </section>

      <section aria-labelledby="meetings-heading" className="card">
        <h2 id="meetings-heading">{t("plan.meetings.heading")}</h2>
        {meetings.length === 0 ? <p>{t("plan.meetings.none")}</p> : null}
        <ul>
          {meetings.map((m) => (
            <li key={`${m.subjectType}:${m.subjectId}`}>
              <Link to={`/spaces/${m.slug}/meetings/${m.meetingId}`}>
                {m.subjectType === "agenda_item"
                  ? `${m.title} (${t("plan.meetings.agendaItem", { meeting: m.meetingTitle })})`
                  : m.title}
              </Link>{" "}
              <span className="muted">
                {m.spaceName} · {formatDateTime(m.startsAt, locale)}
              </span>
              {loaderData.canContribute ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="unlinkMeeting" />
                  <input type="hidden" name="subjectType" value={m.subjectType} />
                  <input type="hidden" name="subjectId" value={m.subjectId} />
                  <button type="submit" className="link-button">
                    {t("plan.meetings.unlink", { title: m.title })}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {loaderData.canContribute && loaderData.linkableMeetings.length ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="linkMeeting" />
            <div className="field">
              <label htmlFor="link-target">{t("plan.meetings.pick")}</label>
              <select
                id="link-target"
                name="target"
                {...invalid("link-target-error", errorsFor("linkMeeting").target)}
              >
                {loaderData.linkableMeetings.map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </select>
              <FieldError id="link-target-error" errors={errorsFor("linkMeeting").target} />
            </div>
            <p>
              <button type="submit" className="button secondary">
                {t("plan.meetings.link")}
              </button>
            </p>
          </Form>
        ) : null}
      </section>
    </div>
  );
}

function RecommendForm({
  roundId,
  open,
  own,
  errors,
  values,
}: {
  roundId: string;
  open: boolean;
  own: { stance: string; reason: string } | null;
  errors: FieldErrors;
  values: Record<string, string>;
}) {
  const { t } = useTranslation();
  const stance = values.stance ?? own?.stance ?? "";
  return (
    <>
      {own ? (
        <p>
          <strong>
            {t("plan.recommend.yours", { stance: t(`plan.stance.${own.stance as Stance}`) })}
          </strong>
        </p>
      ) : null}
      {/* After the deadline the form stays away, and the action refuses answers anyway. */}
      {open || errors.form ? (
        <Form method="post" className="stack" aria-labelledby="recommend-heading">
          <h3 id="recommend-heading">{t("plan.recommend.heading")}</h3>
          <FormError id="recommend-form-error" errors={errors.form} />
          <p className="muted">{t("plan.recommend.change")}</p>
          <input type="hidden" name="intent" value="recommend" />
          <input type="hidden" name="roundId" value={roundId} />
          <fieldset className="field" {...invalid("recommend-stance-error", errors.stance)}>
            <legend>{t("plan.recommend.stance")}</legend>
            {stances.map((s) => (
              <label key={s} className="checkbox">
                <input
                  type="radio"
                  name="stance"
                  value={s}
                  defaultChecked={stance === s}
                  required
                />
                {t(`plan.stance.${s}`)}
              </label>
            ))}
            <FieldError id="recommend-stance-error" errors={errors.stance} />
          </fieldset>
          <div className="field">
            <label htmlFor="recommend-reason">{t("plan.recommend.reason")}</label>
            <p id="recommend-reason-hint" className="field__hint">
              {t("plan.recommend.reasonHint")}
            </p>
            <textarea
              id="recommend-reason"
              name="reason"
              rows={4}
              required
              defaultValue={values.reason ?? own?.reason ?? ""}
              aria-invalid={errors.reason?.length ? true : undefined}
              aria-describedby={
                errors.reason?.length
                  ? "recommend-reason-error recommend-reason-hint"
                  : "recommend-reason-hint"
              }
            />
            <FieldError id="recommend-reason-error" errors={errors.reason} />
          </div>
          <p>
            <button type="submit" className="button">
              {t("plan.recommend.submit")}
            </button>
          </p>
        </Form>
      ) : null}
    </>
  );
}

function Summary({
  summary,
}: {
  summary: {
    counts: Record<Stance, number>;
    answers: {
      userId: string;
      name: string;
      organisationName: string | null;
      stance: string;
      reason: string;
    }[];
  };
}) {
  const { t } = useTranslation();
  const total = summary.answers.length;
  return (
    <div className="plan-summary">
      <h3>{t("plan.summary.heading")}</h3>
      <table>
        <caption>{t("plan.summary.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("plan.recommend.stance")}</th>
            <th scope="col">{t("plan.summary.count")}</th>
          </tr>
        </thead>
        <tbody>
          {stances.map((s) => (
            <tr key={s} data-stance={s}>
              <th scope="row">{t(`plan.stance.${s}`)}</th>
              <td>{summary.counts[s]}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t("plan.summary.total")}</th>
            <td>{total}</td>
          </tr>
        </tbody>
      </table>
      <h4>{t("plan.summary.reasons")}</h4>
      {total === 0 ? <p>{t("plan.summary.none")}</p> : null}
      <ul className="plan-reasons">
        {summary.answers.map((a) => (
          <li key={a.userId} data-stance={a.stance}>
            <strong>
              {t("plan.summary.answer", {
                name: a.name,
                organisation: a.organisationName ?? "–",
                stance: t(`plan.stance.${a.stance as Stance}`),
              })}
            </strong>
            <p className="preserve-lines">{a.reason}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

function UpdateForm({ errors, values }: { errors: FieldErrors; values: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="stack" aria-labelledby="update-new-heading">
      <h3 id="update-new-heading">{t("plan.updates.new")}</h3>
      <p className="notice">{t("notice.noCitizenData")}</p>
      <input type="hidden" name="intent" value="addUpdate" />
      <div className="field">
        <label htmlFor="update-body">{t("plan.updates.body")}</label>
        <p id="update-body-hint" className="field__hint">
          {t("plan.updates.hint")}
        </p>
        <textarea
          id="update-body"
          name="body"
          rows={5}
          required
          defaultValue={values.body ?? ""}
          aria-invalid={errors.body?.length ? true : undefined}
          aria-describedby={
            errors.body?.length ? "update-body-error update-body-hint" : "update-body-hint"
          }
        />
        <FieldError id="update-body-error" errors={errors.body} />
      </div>
      <p>
        <button type="submit" className="button">
          {t("plan.updates.submit")}
        </button>
      </p>
    </Form>
  );
}

function DiscussionForm({
  errors,
  values,
}: {
  errors: FieldErrors;
  values: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <details open={Object.keys(errors).length > 0 || undefined}>
      <summary>{t("plan.threads.start")}</summary>
      <Form method="post" className="stack">
        <p className="notice">{t("notice.noCitizenData")}</p>
        <input type="hidden" name="intent" value="startDiscussion" />
        <div className="field">
          <label htmlFor="discussion-title">{t("plan.threads.titleLabel")}</label>
          <input
            id="discussion-title"
            name="title"
            required
            defaultValue={values.title ?? ""}
            {...invalid("discussion-title-error", errors.title)}
          />
          <FieldError id="discussion-title-error" errors={errors.title} />
        </div>
        <div className="field">
          <label htmlFor="discussion-body">{t("plan.threads.body")}</label>
          <textarea
            id="discussion-body"
            name="body"
            rows={4}
            required
            defaultValue={values.body ?? ""}
            {...invalid("discussion-body-error", errors.body)}
          />
          <FieldError id="discussion-body-error" errors={errors.body} />
        </div>
        <p>
          <button type="submit" className="button secondary">
            {t("plan.threads.submit")}
          </button>
        </p>
      </Form>
    </details>
  );
}
