import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useLoaderData } from "react-router";
import { getHub, requireSpace } from "../auth/guard.server";
import { can, type Action } from "../auth/permissions.server";
import { Field, MeetingFields, Outcome, type FieldErrors } from "../components/meeting-form";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { formatDateTime, formatTime } from "../lib/dates";
import { fieldErrorsOf, readFormData } from "../lib/form.server";
import { renderPost } from "../lib/markdown.server";
import { sendMeetingMails } from "../lib/meeting-mail.server";
import { utcToCopenhagen } from "../lib/zoned-time";
import { getInstance } from "../middleware/i18next";
import {
  addAgendaItem,
  addItemLink,
  decideProposal,
  deleteAgendaItem,
  getAgendaItem,
  linkDocument,
  listAgenda,
  listPaperOptions,
  listProposals,
  moveAgendaItem,
  proposeAgendaItem,
  removeItemLink,
  unlinkDocument,
  updateAgendaItem,
  type AgendaItemView,
} from "../models/agenda.server";
import { recordAudit } from "../models/audit.server";
import { getDocument } from "../models/document.server";
import {
  changeMeetingStatus,
  deleteDraftMeeting,
  getAttendance,
  getMeeting,
  listAttendance,
  listMeetingRecipients,
  respondToMeeting,
  updateMeetingDetails,
} from "../models/meeting.server";
import { listMentionableMembers } from "../models/membership.server";
import { publishMeetingChanged } from "../realtime/publish.server";
import { useMeetingLive } from "../realtime/use-meeting-live";
import {
  AGENDA_KINDS,
  ATTENDANCE_RESPONSES,
  DURATION_MAX,
  formObject,
  meetingActionSchema,
} from "../schemas/meeting";
import type { Route } from "./+types/space-meeting";

const notFound = () => data({ error: "notFound" }, { status: 404 });

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "meeting.read",
  });
  const { db } = getHub(context);
  const spaceRole = role;
  const canManage = can(user, "meeting.manage", { spaceRole });
  const meeting = await getMeeting(db, {
    spaceId: space.id,
    meetingId: params.meetingId,
    canReadDrafts: can(user, "meeting.readDrafts", { spaceRole }),
  });
  if (!meeting) throw notFound();
  const scope = { spaceId: space.id, meetingId: meeting.id, viewerId: user.id };
  const [agenda, proposals, myAttendance, attendance, members, papers] = await Promise.all([
    listAgenda(db, { ...scope, meetingStartsAt: meeting.startsAt }),
    listProposals(db, { ...scope, canManage }),
    getAttendance(db, { meetingId: meeting.id, userId: user.id }),
    canManage ? listAttendance(db, { spaceId: space.id, meetingId: meeting.id }) : null,
    canManage ? listMentionableMembers(db, { spaceId: space.id }) : [],
    canManage ? listPaperOptions(db, { spaceId: space.id }) : [],
  ]);
  return {
    space: { slug: space.slug, name: space.name },
    meeting: {
      ...meeting,
      startsLocal: utcToCopenhagen(meeting.startsAt).local,
      endsLocal: utcToCopenhagen(meeting.endsAt).local,
    },
    agenda,
    proposals,
    myAttendance,
    attendance,
    members,
    papers,
    me: user.id,
    canManage,
    canPropose: can(user, "agenda.propose", { spaceRole }),
    canRespond: can(user, "meeting.respond", { spaceRole }),
  };
}

type ActionData = {
  error: string | null;
  notice: string | null;
  /** Which form the errors belong to: the intent, and the item for per-item forms. */
  form?: string;
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
};

const PER_ITEM_FORMS = new Set(["editItem", "addDocument", "addLink", "decline"]);

// A meeting's answers are open until it has taken place (or was called off).
const OPEN_FOR_ANSWERS = new Set(["draft", "published"]);

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "meeting.read",
  });
  const { db, io, mailer, config } = getHub(context);
  const i18n = getInstance(context);
  const t = i18n.t;
  const spaceRole = role;
  const meeting = await getMeeting(db, {
    spaceId: space.id,
    meetingId: params.meetingId,
    canReadDrafts: can(user, "meeting.readDrafts", { spaceRole }),
  });
  if (!meeting) throw notFound();
  const raw = formObject(await readFormData(request), ["accessUserIds"]);
  const values = Object.fromEntries(
    Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  // Per-item forms repeat on the page: their errors belong to the one item's form.
  const formKey = PER_ITEM_FORMS.has(values.intent ?? "")
    ? `${values.intent}:${values.itemId}`
    : (values.intent ?? "");
  const parsed = meetingActionSchema.safeParse(raw);
  if (!parsed.success) {
    return data<ActionData>(
      {
        error: t("meetings.validation.fixErrors"),
        notice: null,
        form: formKey,
        fieldErrors: fieldErrorsOf(parsed.error),
        values,
      },
      { status: 400 },
    );
  }
  const input = parsed.data;
  const allow = (action: Action) => {
    if (!can(user, action, { spaceRole })) throw data({ error: "forbidden" }, { status: 403 });
  };
  const scope = { spaceId: space.id, meetingId: meeting.id };
  const page = `/spaces/${space.slug}/meetings/${meeting.id}`;
  const refuse = (message: string, status = 409) =>
    data<ActionData>({ error: message, notice: null, form: formKey }, { status });
  const done = (notice: string | null = null) => {
    // Only after the write has committed: viewers reload and see it.
    publishMeetingChanged(io, scope);
    return data<ActionData>({ error: null, notice });
  };
  const audit = (action: string, details: Record<string, unknown> = {}) =>
    recordAudit(db, {
      actorId: user.id,
      action,
      subjectType: "meeting",
      subjectId: meeting.id,
      spaceId: space.id,
      details: { title: meeting.title, ...details },
    });
  /** An accepted agenda item of this meeting the person may see; 404 otherwise. */
  const requireItem = async (itemId: string) => {
    const item = await getAgendaItem(db, { ...scope, itemId, viewerId: user.id });
    if (!item || item.state !== "accepted") throw notFound();
    return item;
  };
  const mail = async (kind: "published" | "cancelled" | "reminder", onlyNotAnswered = false) => {
    const recipients = await listMeetingRecipients(db, {
      spaceId: space.id,
      notAnsweredMeetingId: onlyNotAnswered ? meeting.id : undefined,
    });
    return sendMeetingMails(
      { mailer, config, i18n },
      { kind, recipients, meeting, space: { slug: space.slug, name: space.name } },
    );
  };

  switch (input.intent) {
    case "edit": {
      allow("meeting.manage");
      const { intent: _intent, ...fields } = input;
      await updateMeetingDetails(db, { ...scope, fields });
      await audit("meeting.updated");
      return done(t("meetings.page.saved"));
    }
    case "publish": {
      allow("meeting.manage");
      if (!(await changeMeetingStatus(db, { ...scope, from: ["draft"], to: "published" })))
        return refuse(t("meetings.page.alreadyPublished"));
      await audit("meeting.published");
      const count = await mail("published");
      return done(t("meetings.page.published", { count }));
    }
    case "markHeld": {
      allow("meeting.manage");
      if (!(await changeMeetingStatus(db, { ...scope, from: ["published"], to: "held" })))
        return refuse(t("meetings.page.cannotMarkHeld"));
      await audit("meeting.held");
      return done(t("meetings.page.heldDone"));
    }
    case "cancel": {
      allow("meeting.manage");
      // Only what members were told of can be called off; a draft is simply deleted (a cancelled
      // draft would otherwise become visible to members as a meeting they never heard of).
      if (!(await changeMeetingStatus(db, { ...scope, from: ["published"], to: "cancelled" })))
        return refuse(t("meetings.page.cannotCancel"));
      await audit("meeting.cancelled");
      const count = await mail("cancelled");
      return done(t("meetings.page.cancelled", { count }));
    }
    case "delete": {
      allow("meeting.manage");
      if (!(await deleteDraftMeeting(db, scope))) return refuse(t("meetings.page.cannotDelete"));
      await audit("meeting.deleted");
      publishMeetingChanged(io, scope);
      return redirect(`/spaces/${space.slug}/meetings`);
    }
    case "addItem": {
      allow("meeting.manage");
      if (input.parentId) {
        const parent = await requireItem(input.parentId);
        // One level of sub-items only.
        if (parent.parentId) throw notFound();
      }
      await addAgendaItem(db, {
        ...scope,
        userId: user.id,
        parentId: input.parentId,
        item: { ...input, descriptionHtml: renderPost(input.description).html },
      });
      return done();
    }
    case "editItem": {
      allow("meeting.manage");
      await requireItem(input.itemId);
      await updateAgendaItem(db, {
        ...scope,
        itemId: input.itemId,
        userId: user.id,
        item: { ...input, descriptionHtml: renderPost(input.description).html },
      });
      return done();
    }
    case "deleteItem": {
      allow("meeting.manage");
      const item = await requireItem(input.itemId);
      await deleteAgendaItem(db, { ...scope, itemId: item.id, parentId: item.parentId });
      return done();
    }
    case "moveUp":
    case "moveDown": {
      allow("meeting.manage");
      const item = await requireItem(input.itemId);
      const moved = await moveAgendaItem(db, {
        ...scope,
        itemId: item.id,
        parentId: item.parentId,
        viewerId: user.id,
        direction: input.intent === "moveUp" ? "up" : "down",
      });
      return moved ? done() : data<ActionData>({ error: null, notice: null });
    }
    case "addDocument": {
      allow("meeting.manage");
      await requireItem(input.itemId);
      if (!(await getDocument(db, { spaceId: space.id, documentId: input.documentId }))) {
        return data<ActionData>(
          {
            error: t("meetings.agenda.documentNotInSpace"),
            notice: null,
            form: formKey,
            fieldErrors: { documentId: ["meetings.agenda.documentNotInSpace"] },
          },
          { status: 400 },
        );
      }
      await linkDocument(db, { itemId: input.itemId, documentId: input.documentId });
      return done();
    }
    case "removeDocument": {
      allow("meeting.manage");
      await requireItem(input.itemId);
      await unlinkDocument(db, { itemId: input.itemId, documentId: input.documentId });
      return done();
    }
    case "addLink": {
      allow("meeting.manage");
      await requireItem(input.itemId);
      await addItemLink(db, { itemId: input.itemId, title: input.title, url: input.url });
      return done();
    }
    case "removeLink": {
      allow("meeting.manage");
      await requireItem(input.itemId);
      if (!(await removeItemLink(db, { itemId: input.itemId, linkId: input.linkId })))
        throw notFound();
      return done();
    }
    case "propose": {
      allow("agenda.propose");
      const { intent: _intent, ...fields } = input;
      await proposeAgendaItem(db, {
        ...scope,
        userId: user.id,
        item: { ...fields, descriptionHtml: renderPost(fields.description).html },
      });
      return done(t("meetings.proposals.sent"));
    }
    case "accept":
    case "decline": {
      allow("meeting.manage");
      const item = await getAgendaItem(db, { ...scope, itemId: input.itemId, viewerId: user.id });
      if (!item || item.state === "accepted") throw notFound();
      const decided = await decideProposal(db, {
        ...scope,
        itemId: item.id,
        decision:
          input.intent === "accept" ? { accept: true } : { accept: false, reason: input.reason },
      });
      if (!decided) return refuse(t("meetings.proposals.alreadyDecided"));
      return done(
        t(
          input.intent === "accept"
            ? "meetings.proposals.accepted"
            : "meetings.proposals.declinedDone",
        ),
      );
    }
    case "respond": {
      allow("meeting.respond");
      if (!OPEN_FOR_ANSWERS.has(meeting.status)) return refuse(t("meetings.attendance.locked"));
      await respondToMeeting(db, {
        meetingId: meeting.id,
        userId: user.id,
        response: input.response,
        note: input.note,
      });
      return done(t("meetings.attendance.saved"));
    }
    case "remind": {
      allow("meeting.manage");
      if (meeting.status !== "published") return refuse(t("meetings.attendance.locked"));
      const count = await mail("reminder", true);
      await audit("meeting.reminded", { count });
      return data<ActionData>({
        error: null,
        notice: count
          ? t("meetings.attendance.reminded", { count })
          : t("meetings.attendance.nobodyToRemind"),
      });
    }
  }
}

export default function MeetingPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { space, meeting, agenda, proposals, canManage, canPropose, canRespond } = loaderData;
  useMeetingLive(meeting.id);
  const result = actionData as ActionData | undefined;
  const base = `/spaces/${space.slug}/meetings/${meeting.id}`;
  const endTime = formatTime(meeting.endsAt, i18n.language);
  const visibleCount = agenda.reduce((n, item) => n + 1 + item.children.length, 0);
  const errorsFor = (form: string) => (result?.form === form ? result.fieldErrors : undefined);
  return (
    <div className="page">
      <PageTitle title={`${meeting.title} · ${space.name}`} />
      <p className="eyebrow">
        <Link to={`/spaces/${space.slug}/meetings`}>
          {space.name} · {t("meetings.title")}
        </Link>
      </p>
      <h1>{meeting.title}</h1>
      <SpaceNav slug={space.slug} name={space.name} />
      {meeting.status === "cancelled" ? (
        <p className="form-error">{t("meetings.page.cancelledBanner")}</p>
      ) : null}
      {meeting.status === "draft" ? (
        <p className="notice">{t("meetings.page.draftBanner")}</p>
      ) : null}
      <Outcome notice={result?.notice} error={result?.error} />

      <dl className="meta-list">
        <dt>{t("meetings.page.when")}</dt>
        <dd>
          {formatDateTime(meeting.startsAt, i18n.language)}–{endTime}
        </dd>
        {meeting.place ? (
          <>
            <dt>{t("meetings.page.place")}</dt>
            <dd>{meeting.place}</dd>
          </>
        ) : null}
        {meeting.onlineUrl ? (
          <>
            <dt>{t("meetings.page.online")}</dt>
            <dd>
              <a href={meeting.onlineUrl} rel="noopener noreferrer">
                {meeting.onlineUrl}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t("meetings.page.status")}</dt>
        <dd>
          <span className={`badge status-${meeting.status}`}>
            {t(`meetings.status.${meeting.status}` as never)}
          </span>
          {meeting.seriesId ? ` · ${t("meetings.series.partOf")}` : null}
        </dd>
      </dl>
      {meeting.description ? <p className="bio">{meeting.description}</p> : null}
      <ul className="meeting-links">
        <li>
          <Link to={`${base}/print`}>{t("meetings.page.print")}</Link>
        </li>
        <li>
          <Link to={`${base}/minutes`}>{t("meetings.page.minutes")}</Link>
        </li>
        <li>
          <a href={`${base}/calendar.ics`}>{t("meetings.page.calendar")}</a>
        </li>
      </ul>

      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t("meetings.agenda.title")}</h2>
        <p className="muted">{t("meetings.agenda.count", { count: visibleCount })}</p>
        {agenda.length === 0 ? <p>{t("meetings.agenda.empty")}</p> : null}
        <ol className="agenda">
          {agenda.map((item, i) => (
            <AgendaEntry
              key={item.id}
              item={item}
              number={`${i + 1}`}
              first={i === 0}
              last={i === agenda.length - 1}
              errorsFor={errorsFor}
            />
          ))}
        </ol>
        {canManage ? (
          <AddItemForm
            errors={errorsFor("addItem")}
            values={result?.form === "addItem" ? result.values : undefined}
          />
        ) : null}
      </section>

      <ProposalsSection
        errorsFor={errorsFor}
        canPropose={canPropose && !canManage}
        proposals={proposals}
        canManage={canManage}
      />

      {canRespond ? <AttendanceSection errors={errorsFor("respond")} /> : null}

      {canManage ? <ManageSection errors={errorsFor("edit")} /> : null}
    </div>
  );
}

type LoaderData = Route.ComponentProps["loaderData"];
type ErrorsFor = (form: string) => FieldErrors;

/** The route's loader data, for the sections below (they all render inside this route). */
const useMeetingData = () => useLoaderData<typeof loader>();

function AgendaEntry({
  item,
  number,
  first,
  last,
  errorsFor,
}: {
  item: AgendaItemView;
  number: string;
  first: boolean;
  last: boolean;
  errorsFor: ErrorsFor;
}) {
  const { t, i18n } = useTranslation();
  const { canManage, papers, space } = useMeetingData();
  const headingId = `item-${item.id}-title`;
  return (
    <li className="agenda__item" id={`item-${item.id}`}>
      <article aria-labelledby={headingId}>
        <h3 id={headingId} className="agenda__title">
          <span className="agenda__time">
            {t("meetings.agenda.time", { time: formatTime(item.startsAt, i18n.language) })}
          </span>{" "}
          <span className="agenda__number">{number}.</span> {item.title}
        </h3>
        <p className="agenda__meta">
          <span className={`badge kind-${item.kind}`}>
            {t(`meetings.agenda.kind.${item.kind}`)}
          </span>
          {item.isClosed ? (
            <span className="badge badge--closed">{t("meetings.agenda.closed")}</span>
          ) : null}{" "}
          {t("meetings.agenda.minutes", { count: item.durationMinutes })}
          {item.presenter ? ` · ${t("meetings.agenda.presenter", { name: item.presenter })}` : null}
        </p>
        {item.descriptionHtml ? (
          <div
            className="agenda__body"
            dangerouslySetInnerHTML={{ __html: item.descriptionHtml }}
          />
        ) : null}
        {item.documents.length || item.links.length ? (
          <div className="agenda__papers">
            <h4>{t("meetings.agenda.papers")}</h4>
            <ul>
              {item.documents.map((d) => (
                <li key={d.id}>
                  <Link to={`/spaces/${space.slug}/documents/${d.id}`}>{d.title}</Link>
                  {canManage ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="removeDocument" />
                      <input type="hidden" name="itemId" value={item.id} />
                      <input type="hidden" name="documentId" value={d.id} />{" "}
                      <button
                        type="submit"
                        className="link-button"
                        aria-label={t("meetings.agenda.removeLabel", { title: d.title })}
                      >
                        {t("meetings.agenda.remove")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
              {item.links.map((l) => (
                <li key={l.id}>
                  <a href={l.url} rel="noopener noreferrer">
                    {l.title}
                  </a>
                  {canManage ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="removeLink" />
                      <input type="hidden" name="itemId" value={item.id} />
                      <input type="hidden" name="linkId" value={l.id} />{" "}
                      <button
                        type="submit"
                        className="link-button"
                        aria-label={t("meetings.agenda.removeLabel", { title: l.title })}
                      >
                        {t("meetings.agenda.remove")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {canManage ? (
          <div className="agenda__tools">
            <Form method="post" className="inline-form">
              <input type="hidden" name="itemId" value={item.id} />
              <button
                type="submit"
                name="intent"
                value="moveUp"
                className="button small secondary"
                disabled={first}
                aria-label={t("meetings.agenda.moveUpLabel", { title: item.title })}
              >
                {t("meetings.agenda.moveUp")}
              </button>{" "}
              <button
                type="submit"
                name="intent"
                value="moveDown"
                className="button small secondary"
                disabled={last}
                aria-label={t("meetings.agenda.moveDownLabel", { title: item.title })}
              >
                {t("meetings.agenda.moveDown")}
              </button>{" "}
              <button
                type="submit"
                name="intent"
                value="deleteItem"
                className="button small secondary"
                aria-label={t("meetings.agenda.deleteLabel", { title: item.title })}
              >
                {t("meetings.agenda.delete")}
              </button>
            </Form>
            <details>
              <summary>{t("meetings.agenda.edit")}</summary>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="editItem" />
                <input type="hidden" name="itemId" value={item.id} />
                <ItemFields
                  idPrefix={`edit-${item.id}`}
                  item={item}
                  errors={errorsFor(`editItem:${item.id}`)}
                />
                <button type="submit" className="button small">
                  {t("meetings.agenda.save")}
                </button>
              </Form>
            </details>
            <details>
              <summary>{t("meetings.agenda.papers")}</summary>
              {papers.length ? (
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="addDocument" />
                  <input type="hidden" name="itemId" value={item.id} />
                  <Field
                    id={`doc-${item.id}`}
                    name="documentId"
                    label={t("meetings.agenda.attachDocument")}
                    errors={errorsFor(`addDocument:${item.id}`)}
                  >
                    {papers.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.title}
                      </option>
                    ))}
                  </Field>
                  <button type="submit" className="button small">
                    {t("meetings.agenda.attach")}
                  </button>
                </Form>
              ) : null}
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="addLink" />
                <input type="hidden" name="itemId" value={item.id} />
                <Field
                  id={`link-title-${item.id}`}
                  name="title"
                  label={t("meetings.agenda.linkTitle")}
                  errors={errorsFor(`addLink:${item.id}`)}
                  required
                />
                <Field
                  id={`link-url-${item.id}`}
                  name="url"
                  type="url"
                  label={t("meetings.agenda.linkUrl")}
                  hint={t("meetings.fields.onlineUrlHint")}
                  errors={errorsFor(`addLink:${item.id}`)}
                  required
                />
                <button type="submit" className="button small">
                  {t("meetings.agenda.addLink")}
                </button>
              </Form>
            </details>
          </div>
        ) : null}
      </article>
      {item.children.length ? (
        <ol className="agenda agenda--sub">
          {item.children.map((child, j) => (
            <AgendaEntry
              key={child.id}
              item={child}
              number={`${number}.${j + 1}`}
              first={j === 0}
              last={j === item.children.length - 1}
              errorsFor={errorsFor}
            />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/** Title, description, presenter, duration, kind and (for the secretariat) closed access. */
function ItemFields({
  idPrefix,
  item,
  errors,
  values,
  withAccess = true,
}: {
  idPrefix: string;
  item?: AgendaItemView;
  errors?: FieldErrors;
  values?: Record<string, string>;
  withAccess?: boolean;
}) {
  const { t } = useTranslation();
  const { members, me } = useMeetingData();
  return (
    <>
      <Field
        id={`${idPrefix}-title`}
        name="title"
        label={t("meetings.agenda.fields.title")}
        defaultValue={values?.title ?? item?.title}
        errors={errors}
        required
      />
      <Field
        id={`${idPrefix}-description`}
        name="description"
        label={t("meetings.agenda.fields.description")}
        hint={t("meetings.agenda.fields.descriptionHint")}
        defaultValue={values?.description ?? item?.description}
        errors={errors}
        multiline
      />
      <Field
        id={`${idPrefix}-presenter`}
        name="presenter"
        label={t("meetings.agenda.fields.presenter")}
        defaultValue={values?.presenter ?? item?.presenter}
        errors={errors}
      />
      <Field
        id={`${idPrefix}-durationMinutes`}
        name="durationMinutes"
        type="number"
        min={0}
        max={DURATION_MAX}
        label={t("meetings.agenda.fields.durationMinutes")}
        defaultValue={values?.durationMinutes ?? String(item?.durationMinutes ?? 15)}
        errors={errors}
      />
      <Field
        id={`${idPrefix}-kind`}
        name="kind"
        label={t("meetings.agenda.fields.kind")}
        defaultValue={values?.kind ?? item?.kind ?? "orientation"}
        errors={errors}
      >
        {AGENDA_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`meetings.agenda.kind.${k}`)}
          </option>
        ))}
      </Field>
      {withAccess ? (
        <fieldset className="access-picker">
          <legend>{t("meetings.agenda.closed")}</legend>
          <div className="checkbox">
            <input
              type="checkbox"
              id={`${idPrefix}-isClosed`}
              name="isClosed"
              defaultChecked={item?.isClosed}
              aria-describedby={`${idPrefix}-isClosed-hint`}
            />
            <label htmlFor={`${idPrefix}-isClosed`}>{t("meetings.agenda.closed")}</label>
          </div>
          <p id={`${idPrefix}-isClosed-hint`} className="field__hint">
            {t("meetings.agenda.closedHint")}
          </p>
          <p className="field__hint">{t("meetings.agenda.access")}</p>
          <ul className="checkbox-list">
            {members
              .filter((m) => m.id !== me)
              .map((m) => (
                <li key={m.id} className="checkbox">
                  <input
                    type="checkbox"
                    id={`${idPrefix}-access-${m.id}`}
                    name="accessUserIds"
                    value={m.id}
                    defaultChecked={item?.accessUserIds.includes(m.id)}
                  />
                  <label htmlFor={`${idPrefix}-access-${m.id}`}>{m.name}</label>
                </li>
              ))}
          </ul>
        </fieldset>
      ) : null}
    </>
  );
}

function AddItemForm({
  errors,
  values,
}: {
  errors?: FieldErrors;
  values?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const { agenda } = useMeetingData();
  return (
    <section aria-labelledby="add-item-heading" className="card">
      <h3 id="add-item-heading">{t("meetings.agenda.add")}</h3>
      <p className="notice">{t("notice.noCitizenData")}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="addItem" />
        <ItemFields idPrefix="new-item" errors={errors} values={values} />
        <Field
          id="new-item-parentId"
          name="parentId"
          label={t("meetings.agenda.parent")}
          defaultValue={values?.parentId ?? ""}
          errors={errors}
        >
          <option value="">{t("meetings.agenda.noParent")}</option>
          {agenda.map((item, i) => (
            <option key={item.id} value={item.id}>
              {i + 1}. {item.title}
            </option>
          ))}
        </Field>
        <button type="submit" className="button">
          {t("meetings.agenda.addSubmit")}
        </button>
      </Form>
    </section>
  );
}

function ProposalsSection({
  proposals,
  canManage,
  canPropose,
  errorsFor,
}: {
  proposals: LoaderData["proposals"];
  canManage: boolean;
  canPropose: boolean;
  errorsFor: ErrorsFor;
}) {
  const { t } = useTranslation();
  if (!proposals.length && !canPropose) return null;
  return (
    <section aria-labelledby="proposals-heading">
      <h2 id="proposals-heading">{t("meetings.proposals.title")}</h2>
      <ul className="proposals">
        {proposals.map((p) => (
          <li key={p.id} className="card">
            <h3 id={`proposal-${p.id}`}>{p.title}</h3>
            <p className="muted">
              {t("meetings.proposals.proposedBy", { name: p.proposedByName })} ·{" "}
              {t(`meetings.agenda.kind.${p.kind}`)} ·{" "}
              {t("meetings.agenda.minutes", { count: p.durationMinutes })}
            </p>
            {p.descriptionHtml ? (
              <div dangerouslySetInnerHTML={{ __html: p.descriptionHtml }} />
            ) : null}
            {p.state === "declined" ? (
              <p className="proposal-state">
                {t("meetings.proposals.declined", { reason: p.declineReason })}
              </p>
            ) : canManage ? (
              <div className="stack">
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="itemId" value={p.id} />
                  <button type="submit" className="button small">
                    {t("meetings.proposals.accept")}
                  </button>
                </Form>
                <Form method="post" className="row-form">
                  <input type="hidden" name="intent" value="decline" />
                  <input type="hidden" name="itemId" value={p.id} />
                  <Field
                    id={`decline-${p.id}`}
                    name="reason"
                    label={t("meetings.proposals.reason")}
                    errors={errorsFor(`decline:${p.id}`)}
                    required
                  />
                  <button type="submit" className="button small secondary">
                    {t("meetings.proposals.decline")}
                  </button>
                </Form>
              </div>
            ) : (
              <p className="proposal-state">{t("meetings.proposals.pending")}</p>
            )}
          </li>
        ))}
      </ul>
      {canPropose ? (
        <details className="card">
          <summary>{t("meetings.proposals.propose")}</summary>
          <p className="muted">{t("meetings.proposals.proposeIntro")}</p>
          <p className="notice">{t("notice.noCitizenData")}</p>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="propose" />
            <ItemFields idPrefix="propose" errors={errorsFor("propose")} withAccess={false} />
            <button type="submit" className="button">
              {t("meetings.proposals.submit")}
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

function AttendanceSection({ errors }: { errors?: FieldErrors }) {
  const { t } = useTranslation();
  const { meeting, myAttendance, attendance, canManage } = useMeetingData();
  const open = OPEN_FOR_ANSWERS.has(meeting.status);
  const counts = { attending: 0, absent: 0, maybe: 0, none: 0 };
  for (const a of attendance ?? []) counts[(a.response as keyof typeof counts) ?? "none"]++;
  return (
    <section aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">{t("meetings.attendance.title")}</h2>
      {myAttendance ? (
        <p className="my-answer">
          {t("meetings.attendance.current", {
            response: t(`meetings.response.${myAttendance.response}` as never),
          })}
          {myAttendance.note ? ` (${myAttendance.note})` : null}
        </p>
      ) : null}
      {open ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="respond" />
          <fieldset aria-describedby={errors?.response ? "response-error" : undefined}>
            <legend>{t("meetings.attendance.yourAnswer")}</legend>
            {ATTENDANCE_RESPONSES.map((r) => (
              <div key={r} className="checkbox">
                <input
                  type="radio"
                  id={`response-${r}`}
                  name="response"
                  value={r}
                  required
                  defaultChecked={myAttendance?.response === r}
                />
                <label htmlFor={`response-${r}`}>{t(`meetings.response.${r}`)}</label>
              </div>
            ))}
            {errors?.response ? (
              <p id="response-error" className="field__error">
                {errors.response.map((m) => t(m as never)).join(" ")}
              </p>
            ) : null}
          </fieldset>
          <Field
            id="response-note"
            name="note"
            label={t("meetings.attendance.note")}
            defaultValue={myAttendance?.note}
          />
          <button type="submit" className="button">
            {t("meetings.attendance.save")}
          </button>
        </Form>
      ) : (
        <p className="muted">{t("meetings.attendance.locked")}</p>
      )}
      {canManage && attendance ? (
        <>
          <h3 id="attendance-table-heading">{t("meetings.attendance.table")}</h3>
          <p>{t("meetings.attendance.summary", counts)}</p>
          <div
            className="table-scroll"
            role="region"
            aria-labelledby="attendance-table-heading"
            tabIndex={0}
          >
            <table className="attendance-table">
              <thead>
                <tr>
                  <th scope="col">{t("meetings.attendance.name")}</th>
                  <th scope="col">{t("meetings.attendance.response")}</th>
                  <th scope="col">{t("meetings.attendance.noteCol")}</th>
                </tr>
              </thead>
              <tbody>
                {attendance.map((a) => (
                  <tr key={a.userId}>
                    <td>{a.name}</td>
                    <td>
                      {a.response
                        ? t(`meetings.response.${a.response}` as never)
                        : t("meetings.notAnswered")}
                    </td>
                    <td>{a.note ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {meeting.status === "published" && counts.none > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="remind" />
              <button type="submit" className="button secondary">
                {t("meetings.attendance.remind")}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function ManageSection({ errors }: { errors?: FieldErrors }) {
  const { t } = useTranslation();
  const { meeting } = useMeetingData();
  return (
    <section aria-labelledby="manage-heading" className="card">
      <h2 id="manage-heading">{t("meetings.page.manage")}</h2>
      <div className="row-form">
        {meeting.status === "draft" ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="publish" />
            <button type="submit" className="button" aria-describedby="publish-hint">
              {t("meetings.page.publish")}
            </button>
          </Form>
        ) : null}
        {meeting.status === "published" ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="markHeld" />
            <button type="submit" className="button secondary">
              {t("meetings.page.markHeld")}
            </button>
          </Form>
        ) : null}
        {meeting.status === "published" ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="button secondary">
              {t("meetings.page.cancel")}
            </button>
          </Form>
        ) : null}
        {meeting.status === "draft" ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="button secondary">
              {t("meetings.page.delete")}
            </button>
          </Form>
        ) : null}
      </div>
      {meeting.status === "draft" ? (
        <p id="publish-hint" className="field__hint">
          {t("meetings.page.publishHint")}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="edit" />
        <MeetingFields
          idPrefix="edit"
          errors={errors}
          values={{
            title: meeting.title,
            startsAt: meeting.startsLocal,
            endsAt: meeting.endsLocal,
            place: meeting.place,
            onlineUrl: meeting.onlineUrl ?? "",
            description: meeting.description,
          }}
        />
        <button type="submit" className="button">
          {t("meetings.page.save")}
        </button>
      </Form>
    </section>
  );
}
