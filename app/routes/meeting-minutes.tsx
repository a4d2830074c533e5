import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { getHub, requireSpace } from "../auth/guard.server";
import { can, type Action } from "../auth/permissions.server";
import {
  ActionItemForm,
  ActionItemList,
  type ActionItemView,
  type AssigneeOptions,
} from "../components/action-items";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { toActionItemView } from "../lib/action-item-view.server";
import { formatDateTime } from "../lib/dates";
import { readFormData } from "../lib/form.server";
import { renderPost } from "../lib/markdown.server";
import { copenhagenToday } from "../lib/zoned-time";
import { getInstance } from "../middleware/i18next";
import { listActionItemsOfMeeting, listAssigneeOptions } from "../models/action-item.server";
import { getMeeting } from "../models/meeting.server";
import {
  addMinutesComment,
  approveMinutes,
  circulateMinutes,
  diffMinutes,
  getApprovedMinutes,
  listMinutesComments,
  listMinutesItems,
  listMinutesVersions,
  reopenMinutes,
  saveItemMinutes,
  type MinutesStatus,
  type Refusal,
  type SnapshotEntry,
} from "../models/minutes.server";
import { MINUTES_MAX_LENGTH, minutesActionSchema } from "../schemas/minutes";
import minutesStyles from "../styles/minutes.css?url";
import type { Route } from "./+types/meeting-minutes";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: minutesStyles }];

const notFound = () => data({ error: "notFound" }, { status: 404 });

// Markdown rendered on the server with raw HTML off (app/lib/markdown.server.ts).
const html = (text: string) => (text ? renderPost(text).html : "");

interface ItemView {
  id: string;
  parentId: string | null;
  title: string;
  isClosed: boolean;
  notes: string;
  decision: string;
  notesHtml: string;
  decisionHtml: string;
  change: "changed" | "new" | null;
}

function toItemView(e: SnapshotEntry, change: ItemView["change"] = null): ItemView {
  return {
    id: e.agendaItemId,
    parentId: e.parentId ?? null,
    title: e.title,
    isClosed: e.isClosed,
    notes: e.notes,
    decision: e.decision,
    notesHtml: html(e.notes),
    decisionHtml: html(e.decision),
    change,
  };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "meeting.read",
  });
  const { db } = getHub(context);
  const subject = { spaceRole: role };
  const canReadDrafts = can(user, "meeting.readDrafts", subject);
  const meeting = await getMeeting(db, {
    spaceId: space.id,
    meetingId: params.meetingId,
    canReadDrafts,
  });
  if (!meeting) throw notFound();
  const scope = { spaceId: space.id, meetingId: meeting.id };
  const url = new URL(request.url);
  const versionParam = url.searchParams.get("version");
  const print = url.searchParams.get("print") === "1";
  const status = meeting.minutesStatus as MinutesStatus;
  const canManage = can(user, "meeting.manage", subject);
  const versions = await listMinutesVersions(db, scope);
  const latest = versions.at(-1) ?? null;

  // What to show: an approved version asked for; the minutes being written (the secretariat
  // always, others once sent out); else the last approved version; else nothing yet.
  let view: "current" | "approved" | "notReady";
  let requested: number | null = null;
  if (versionParam !== null) {
    requested = /^\d{1,6}$/.test(versionParam) ? Number(versionParam) : NaN;
    view = "approved";
  } else if (canManage || status === "circulated" || status === "approved") {
    view = "current";
  } else if (latest) {
    view = "approved";
    requested = latest.versionNo;
  } else {
    view = "notReady";
  }

  let items: ItemView[] = [];
  let approval: { versionNo: number; approverName: string; approvedAt: string } | null = null;
  let changes: { since: number; changed: string[]; removed: string[] } | null = null;
  if (view === "approved") {
    const approved = Number.isNaN(requested)
      ? null
      : await getApprovedMinutes(db, { ...scope, versionNo: requested!, viewerId: user.id });
    if (!approved) throw notFound();
    items = approved.items.map((e) => toItemView(e));
    approval = approved;
  } else if (view === "current") {
    const current = await listMinutesItems(db, { ...scope, viewerId: user.id });
    const previous =
      status !== "approved" && latest && latest.versionNo === meeting.minutesVersion - 1
        ? await getApprovedMinutes(db, { ...scope, versionNo: latest.versionNo, viewerId: user.id })
        : null;
    if (previous) {
      const diff = diffMinutes(current, previous.items);
      items = current.map((e) =>
        toItemView(
          e,
          diff.changed.includes(e.agendaItemId)
            ? "changed"
            : diff.added.includes(e.agendaItemId)
              ? "new"
              : null,
        ),
      );
      changes = {
        since: previous.versionNo,
        changed: current
          .filter(
            (e) => diff.changed.includes(e.agendaItemId) || diff.added.includes(e.agendaItemId),
          )
          .map((e) => e.title),
        removed: diff.removed,
      };
    } else {
      items = current.map((e) => toItemView(e));
    }
    if (status === "approved" && latest) approval = latest;
  }

  const today = copenhagenToday();
  const actionItems: Record<string, ActionItemView[]> = {};
  if (view !== "notReady" && can(user, "actionItem.read", subject)) {
    for (const row of await listActionItemsOfMeeting(db, { ...scope, viewerId: user.id })) {
      if (!row.agendaItemId) continue;
      (actionItems[row.agendaItemId] ??= []).push(
        toActionItemView(row, { actor: user, spaceRole: role, today }),
      );
    }
  }
  const canCreateActionItems = can(user, "actionItem.manage", subject) && !print;
  const assigneeOptions: AssigneeOptions | null = canCreateActionItems
    ? await listAssigneeOptions(db, { spaceId: space.id })
    : null;

  return {
    space: { slug: space.slug, name: space.name },
    meeting: {
      id: meeting.id,
      title: meeting.title,
      startsAt: meeting.startsAt,
      status: meeting.status,
      minutesStatus: status,
      minutesVersion: meeting.minutesVersion,
    },
    view,
    print,
    items,
    approval,
    changes,
    versions,
    comments: view === "current" && !print ? await listMinutesComments(db, scope) : ([] as never[]),
    actionItems,
    assigneeOptions,
    canEdit:
      view === "current" &&
      canManage &&
      !print &&
      status !== "approved" &&
      meeting.status !== "draft" &&
      meeting.status !== "cancelled",
    canCirculate: view === "current" && canManage && status === "draft",
    canApprove:
      view === "current" &&
      can(user, "minutes.approve", subject) &&
      (status === "draft" || status === "circulated"),
    canReopen: view === "current" && can(user, "minutes.approve", subject) && status === "approved",
    canComment:
      view === "current" && can(user, "minutes.comment", subject) && status === "circulated",
  };
}

type ActionResult = {
  error: string | null;
  notice: string | null;
  itemId?: string;
  values?: { notes: string; decision: string };
};

function refusalMessage(refusal: Refusal, t: TFunction): { status: number; error: string } {
  switch (refusal.status) {
    case "notFound":
      throw notFound();
    case "stale":
      return { status: 409, error: t("minutes.errors.stale", { n: refusal.version }) };
    default:
      return { status: 409, error: t(`minutes.errors.${refusal.status}`) };
  }
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "meeting.read",
  });
  const { db, mailer, config } = getHub(context);
  const i18n = getInstance(context);
  const t = i18n.t;
  const subject = { spaceRole: role };
  const meeting = await getMeeting(db, {
    spaceId: space.id,
    meetingId: params.meetingId,
    canReadDrafts: can(user, "meeting.readDrafts", subject),
  });
  if (!meeting) throw notFound();
  const form = await readFormData(request);
  const parsed = minutesActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "validation.formInvalid";
    const itemId = form.get("agendaItemId");
    return data<ActionResult>(
      {
        error: t(message as never),
        notice: null,
        itemId: typeof itemId === "string" ? itemId : undefined,
        values: {
          notes: String(form.get("notes") ?? ""),
          decision: String(form.get("decision") ?? ""),
        },
      },
      { status: 400 },
    );
  }
  const input = parsed.data;
  const allow = (action: Action) => {
    if (!can(user, action, subject)) throw data({ error: "forbidden" }, { status: 403 });
  };
  const scope = { spaceId: space.id, meetingId: meeting.id };
  const refuse = (refusal: Refusal, extra: Partial<ActionResult> = {}) => {
    const { status, error } = refusalMessage(refusal, t);
    return data<ActionResult>({ error, notice: null, ...extra }, { status });
  };

  switch (input.intent) {
    case "saveItem": {
      allow("meeting.manage");
      const result = await saveItemMinutes(db, {
        ...scope,
        agendaItemId: input.agendaItemId,
        writerId: user.id,
        notes: input.notes,
        decision: input.decision,
      });
      if (result.status !== "saved") {
        return refuse(result, {
          itemId: input.agendaItemId,
          values: { notes: input.notes, decision: input.decision },
        });
      }
      return { error: null, notice: t("minutes.saved"), itemId: input.agendaItemId };
    }
    case "circulate": {
      allow("meeting.manage");
      const result = await circulateMinutes(db, { ...scope, version: input.version });
      if (result.status !== "circulated") return refuse(result);
      // After the commit: each person in their own language, with the link to the minutes.
      const link = `${config.publicUrl}/spaces/${space.slug}/meetings/${meeting.id}/minutes`;
      for (const person of result.recipients) {
        const mt = i18n.getFixedT(person.locale === "en" ? "en" : "da");
        const values = { name: person.name, meeting: meeting.title, space: space.name, link };
        await mailer.send({
          to: person.email,
          subject: mt("minutes.mail.subject", values),
          text: mt("minutes.mail.body", values),
        });
      }
      return {
        error: null,
        notice: t("minutes.circulated", { count: result.recipients.length }),
      };
    }
    case "comment": {
      allow("minutes.comment");
      const result = await addMinutesComment(db, {
        ...scope,
        authorId: user.id,
        version: input.version,
        body: input.body,
      });
      if (result.status !== "added") return refuse(result);
      return { error: null, notice: t("minutes.commentAdded") };
    }
    case "approve": {
      allow("minutes.approve");
      const result = await approveMinutes(db, {
        ...scope,
        version: input.version,
        approverId: user.id,
      });
      if (result.status !== "approved") return refuse(result);
      return { error: null, notice: t("minutes.approved") };
    }
    case "reopen": {
      allow("minutes.approve");
      const result = await reopenMinutes(db, {
        ...scope,
        version: input.version,
        actorId: user.id,
      });
      if (result.status !== "reopened") return refuse(result);
      return { error: null, notice: t("minutes.reopened", { n: result.version }) };
    }
  }
}

export default function MeetingMinutes({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const d = loaderData;
  const base = `/spaces/${d.space.slug}/meetings/${d.meeting.id}/minutes`;
  const printHref =
    d.view === "approved" && d.approval
      ? `${base}?version=${d.approval.versionNo}&print=1`
      : `${base}?print=1`;
  const titleOf = (title: string) => t("minutes.pageTitle", { meeting: title });

  return (
    <div className={`page minutes${d.print ? " minutes--print" : ""}`}>
      <PageTitle title={`${titleOf(d.meeting.title)} · ${d.space.name}`} />
      <p className="eyebrow">
        <Link to={`/spaces/${d.space.slug}`}>{d.space.name}</Link>
      </p>
      <h1>{titleOf(d.meeting.title)}</h1>
      {d.print ? null : <SpaceNav slug={d.space.slug} name={d.space.name} />}
      <p className="muted">
        {formatDateTime(d.meeting.startsAt, i18n.language)}
        {d.view !== "notReady" ? (
          <>
            {" · "}
            {t("minutes.status.label")}:{" "}
            <span className="minutes-status">
              {d.view === "approved"
                ? t("minutes.status.approved")
                : t(`minutes.status.${d.meeting.minutesStatus}`)}
            </span>
            {" · "}
            {t("minutes.versionLabel", {
              n:
                d.view === "approved"
                  ? d.approval!.versionNo
                  : Math.max(1, d.meeting.minutesVersion),
            })}
          </>
        ) : null}
      </p>
      <p className="no-print">
        {d.print ? (
          <>
            <span className="muted">{t("minutes.printHint")}</span>{" "}
            <Link
              to={
                d.view === "approved" && d.approval
                  ? `${base}?version=${d.approval.versionNo}`
                  : base
              }
            >
              {t("minutes.backToMinutes")}
            </Link>
          </>
        ) : (
          <>
            <Link to={`/spaces/${d.space.slug}/meetings/${d.meeting.id}`}>
              {t("minutes.backToMeeting")}
            </Link>
            {d.view !== "notReady" ? (
              <>
                {" · "}
                <Link to={printHref}>{t("minutes.print")}</Link>
              </>
            ) : null}
          </>
        )}
      </p>

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

      {d.view === "approved" && d.approval ? (
        <p className="notice minutes-approval">
          {t("minutes.viewingVersion", {
            n: d.approval.versionNo,
            name: d.approval.approverName,
            date: formatDateTime(d.approval.approvedAt, i18n.language),
          })}{" "}
          {d.print ? null : (
            <Link to={base} className="no-print">
              {t("minutes.viewCurrent")}
            </Link>
          )}
        </p>
      ) : null}
      {d.view === "current" && d.approval ? (
        <p className="notice minutes-approval">
          {t("minutes.approvedBy", {
            name: d.approval.approverName,
            date: formatDateTime(d.approval.approvedAt, i18n.language),
          })}
        </p>
      ) : null}
      {d.changes ? (
        <div className="notice minutes-changed" role="note">
          <p>
            <strong>{t("minutes.changedBanner", { n: d.changes.since })}</strong>
          </p>
          <p>
            {d.changes.changed.length
              ? t("minutes.changedItems", { titles: d.changes.changed.join(", ") })
              : t("minutes.noChangesYet")}
          </p>
          {d.changes.removed.length ? (
            <p>
              {t("minutes.removedItems", {
                n: d.changes.since,
                titles: d.changes.removed.join(", "),
              })}
            </p>
          ) : null}
          {d.print ? null : (
            <p className="no-print">
              <Link to={`${base}?version=${d.changes.since}`}>
                {t("minutes.viewVersion", {
                  n: d.changes.since,
                  name:
                    d.versions.find((v) => v.versionNo === d.changes!.since)?.approverName ?? "",
                  date: formatDateTime(
                    d.versions.find((v) => v.versionNo === d.changes!.since)?.approvedAt ??
                      new Date(0).toISOString(),
                    i18n.language,
                  ),
                })}
              </Link>
            </p>
          )}
        </div>
      ) : null}

      {d.view === "notReady" ? (
        <p className="notice">{t("minutes.notReady")}</p>
      ) : d.items.length === 0 ? (
        <p>{t("minutes.noItems")}</p>
      ) : (
        <>
          {d.canEdit ? <p className="notice no-print">{t("notice.noCitizenData")}</p> : null}
          <ol className="minutes-items">
            {d.items.map((item) => (
              <li
                key={item.id}
                id={`item-${item.id}`}
                className={`minutes-item${item.parentId ? " minutes-item--sub" : ""}`}
              >
                <MinutesItemView
                  item={item}
                  since={d.changes?.since ?? null}
                  canEdit={d.canEdit}
                  actionData={actionData?.itemId === item.id ? actionData : undefined}
                />
                {d.actionItems[item.id]?.length ? (
                  <section aria-labelledby={`actions-${item.id}`} className="minutes-actions">
                    <p id={`actions-${item.id}`} className="minutes-label">
                      {t("minutes.actionItemsOfItem")}
                    </p>
                    <ActionItemList
                      items={d.actionItems[item.id]!}
                      returnTo={`${base}#item-${item.id}`}
                      showSource={false}
                    />
                  </section>
                ) : null}
                {d.assigneeOptions && d.view === "current" ? (
                  <details className="no-print">
                    <summary>{t("minutes.createActionItem", { title: item.title })}</summary>
                    <ActionItemForm
                      slug={d.space.slug}
                      idPrefix={`action-${item.id}`}
                      options={d.assigneeOptions}
                      agendaItemId={item.id}
                    />
                  </details>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      )}

      {d.print ? null : (
        <>
          {d.canCirculate || d.canApprove || d.canReopen ? (
            <section aria-labelledby="workflow-heading" className="card no-print">
              <h2 id="workflow-heading">{t("minutes.workflow")}</h2>
              {d.canCirculate ? (
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="circulate" />
                  <input type="hidden" name="version" value={d.meeting.minutesVersion} />
                  <p className="field__hint">{t("minutes.circulateHint")}</p>
                  <button type="submit" className="button secondary">
                    {t("minutes.circulate")}
                  </button>
                </Form>
              ) : null}
              {d.canApprove ? (
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="approve" />
                  <input type="hidden" name="version" value={d.meeting.minutesVersion} />
                  <p className="field__hint">{t("minutes.approveHint")}</p>
                  <button type="submit" className="button">
                    {t("minutes.approve", { n: d.meeting.minutesVersion })}
                  </button>
                </Form>
              ) : null}
              {d.canReopen ? (
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="reopen" />
                  <input type="hidden" name="version" value={d.meeting.minutesVersion} />
                  <p className="field__hint">
                    {t("minutes.reopenHint", {
                      n: d.meeting.minutesVersion + 1,
                      previous: d.meeting.minutesVersion,
                    })}
                  </p>
                  <button type="submit" className="button secondary">
                    {t("minutes.reopen")}
                  </button>
                </Form>
              ) : null}
            </section>
          ) : null}

          {d.view === "current" && (d.comments.length > 0 || d.canComment) ? (
            <section aria-labelledby="comments-heading" className="card no-print">
              <h2 id="comments-heading">{t("minutes.comments")}</h2>
              {d.comments.length === 0 ? (
                <p>{t("minutes.noComments")}</p>
              ) : (
                <ol className="posts">
                  {d.comments.map((c) => (
                    <li key={c.id} className="post minutes-comment">
                      <p>
                        <strong>{c.authorName}</strong>{" "}
                        <span className="muted">
                          · {formatDateTime(c.createdAt, i18n.language)} ·{" "}
                          {t("minutes.commentVersion", { n: c.minutesVersion })}
                        </span>
                      </p>
                      <p className="bio">{c.body}</p>
                    </li>
                  ))}
                </ol>
              )}
              {d.canComment ? (
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="comment" />
                  <input type="hidden" name="version" value={d.meeting.minutesVersion} />
                  <p className="notice">{t("notice.noCitizenData")}</p>
                  <div className="field">
                    <label htmlFor="minutes-comment">{t("minutes.commentLabel")}</label>
                    <textarea
                      id="minutes-comment"
                      name="body"
                      rows={4}
                      required
                      maxLength={MINUTES_MAX_LENGTH}
                    />
                  </div>
                  <button type="submit" className="button small">
                    {t("minutes.commentSubmit")}
                  </button>
                </Form>
              ) : null}
            </section>
          ) : null}

          <section aria-labelledby="versions-heading" className="no-print">
            <h2 id="versions-heading">{t("minutes.versions")}</h2>
            {d.versions.length === 0 ? (
              <p>{t("minutes.noVersions")}</p>
            ) : (
              <ul className="plain-list">
                {d.versions.map((v) => (
                  <li key={v.versionNo}>
                    <Link to={`${base}?version=${v.versionNo}`}>
                      {t("minutes.viewVersion", {
                        n: v.versionNo,
                        name: v.approverName,
                        date: formatDateTime(v.approvedAt, i18n.language),
                      })}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function MinutesItemView({
  item,
  since,
  canEdit,
  actionData,
}: {
  item: ItemView;
  since: number | null;
  canEdit: boolean;
  actionData?: { error: string | null; values?: { notes: string; decision: string } };
}) {
  const { t } = useTranslation();
  const Heading = item.parentId ? "h3" : "h2";
  const values = actionData?.error ? actionData.values : undefined;
  return (
    <article aria-labelledby={`title-${item.id}`}>
      <Heading id={`title-${item.id}`} className="minutes-item__title">
        {item.title}
        {item.isClosed ? <span className="badge"> {t("minutes.closedItem")}</span> : null}
        {item.change && since !== null ? (
          <span className="badge badge--changed">
            {" "}
            {item.change === "new"
              ? t("minutes.newBadge", { n: since })
              : t("minutes.changedBadge", { n: since })}
          </span>
        ) : null}
      </Heading>
      {item.isClosed ? <p className="muted">{t("minutes.closedHint")}</p> : null}
      <p className="minutes-label">{t("minutes.notes")}</p>
      {item.notesHtml ? (
        <div
          className="post__body minutes-text"
          dangerouslySetInnerHTML={{ __html: item.notesHtml }}
        />
      ) : (
        <p className="muted">{t("minutes.empty")}</p>
      )}
      <p className="minutes-label">{t("minutes.decision")}</p>
      {item.decisionHtml ? (
        <div
          className="post__body minutes-text minutes-decision"
          dangerouslySetInnerHTML={{ __html: item.decisionHtml }}
        />
      ) : (
        <p className="muted">{t("minutes.empty")}</p>
      )}
      {canEdit ? (
        <details className="no-print" open={Boolean(values)}>
          <summary>{t("minutes.edit", { title: item.title })}</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="saveItem" />
            <input type="hidden" name="agendaItemId" value={item.id} />
            <p id={`hint-${item.id}`} className="field__hint">
              {t("minutes.markdownHint")}
            </p>
            <div className="field">
              <label htmlFor={`notes-${item.id}`}>{t("minutes.notesLabel")}</label>
              <textarea
                id={`notes-${item.id}`}
                name="notes"
                rows={6}
                maxLength={MINUTES_MAX_LENGTH}
                aria-describedby={`hint-${item.id}`}
                defaultValue={values?.notes ?? item.notes}
              />
            </div>
            <div className="field">
              <label htmlFor={`decision-${item.id}`}>{t("minutes.decisionLabel")}</label>
              <textarea
                id={`decision-${item.id}`}
                name="decision"
                rows={3}
                maxLength={MINUTES_MAX_LENGTH}
                aria-describedby={`hint-${item.id}`}
                defaultValue={values?.decision ?? item.decision}
              />
            </div>
            <button type="submit" className="button small">
              {t("minutes.save")}
            </button>
          </Form>
        </details>
      ) : null}
    </article>
  );
}
