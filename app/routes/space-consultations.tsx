import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { getHub, requireSpace } from "../auth/guard.server";
import { can } from "../auth/permissions.server";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { sendConsultationAskedMails } from "../lib/consultation-mail.server";
import { formatDateTime } from "../lib/dates";
import { fieldErrorsOf, readFormData } from "../lib/form.server";
import { renderPost } from "../lib/markdown.server";
import { getInstance } from "../middleware/i18next";
import { recordAudit } from "../models/audit.server";
import {
  createConsultation,
  listAskableMembers,
  listConsultations,
  type ConsultationSummary,
} from "../models/consultation.server";
import { listDocuments } from "../models/document.server";
import { consultationFormValues, newConsultationSchema } from "../schemas/consultation";
import type { Route } from "./+types/space-consultations";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "consultation.read",
  });
  const { db } = getHub(context);
  const canManage = can(user, "consultation.manage", { spaceRole: role });
  const { open, closed } = await listConsultations(db, { spaceId: space.id, userId: user.id });
  return {
    space: { slug: space.slug, name: space.name },
    open,
    closed,
    now: new Date().toISOString(),
    canManage,
    // What the secretariat's form offers: the people it may ask and the papers it may attach.
    members: canManage ? await listAskableMembers(db, { spaceId: space.id }) : [],
    papers: canManage
      ? (await listDocuments(db, { spaceId: space.id })).map((d) => ({ id: d.id, title: d.title }))
      : [],
  };
}

type Outcome = {
  error: string;
  fieldErrors: Record<string, string[]>;
  values: Record<string, unknown>;
};

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, space } = await requireSpace(context, request, {
    slug: params.slug,
    action: "consultation.manage",
  });
  const { db, mailer, config } = getHub(context);
  const t = getInstance(context).t;
  const values = consultationFormValues(await readFormData(request));
  const refuse = (fieldErrors: Record<string, string[]>) =>
    data<Outcome>({ error: t("validation.formInvalid"), fieldErrors, values }, { status: 400 });

  const parsed = newConsultationSchema.safeParse(values);
  if (!parsed.success) return refuse(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  if (Date.parse(input.deadline) <= Date.now()) {
    return refuse({ deadline: ["consultations.deadlinePast"] });
  }
  const question = renderPost(input.question);
  const result = await createConsultation(db, {
    spaceId: space.id,
    createdById: user.id,
    title: input.title,
    question: input.question,
    questionHtml: question.html,
    deadline: input.deadline,
    audience: input.audience,
    // "All" asks the members of the day; a stray list sent with it means nothing.
    recipientIds: input.audience === "chosen" ? input.recipientIds : [],
    answerVisibility: input.answerVisibility,
    documentIds: input.documentIds,
  });
  switch (result.status) {
    case "badRecipient":
      return refuse({ recipientIds: ["consultations.recipientInvalid"] });
    case "noRecipients":
      return refuse({ audience: ["consultations.noRecipients"] });
    case "badDocument":
      return refuse({ documentIds: ["consultations.paperInvalid"] });
  }
  await recordAudit(db, {
    actorId: user.id,
    action: "consultation.created",
    subjectType: "consultation",
    subjectId: result.consultationId,
    spaceId: space.id,
    details: { title: input.title, asked: result.asked.length },
  });
  await sendConsultationAskedMails({ mailer, config }, result.asked, {
    space,
    consultation: { id: result.consultationId, title: input.title, deadline: input.deadline },
    askerName: user.name,
  });
  return redirect(`/spaces/${space.slug}/consultations/${result.consultationId}`);
}

export default function SpaceConsultations({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { space, open, closed, canManage } = loaderData;
  return (
    <div className="page">
      <PageTitle title={`${t("consultations.title")} · ${space.name}`} />
      <p className="eyebrow">{space.name}</p>
      <h1>{t("consultations.title")}</h1>
      <SpaceNav slug={space.slug} name={space.name} />
      <p className="bio">{t("consultations.intro")}</p>

      <h2 id="open-heading">{t("consultations.open")}</h2>
      {open.length === 0 ? <p>{t("consultations.noneOpen")}</p> : null}
      <ConsultationList
        items={open}
        labelledBy="open-heading"
        slug={space.slug}
        canManage={canManage}
        now={loaderData.now}
      />

      <h2 id="closed-heading">{t("consultations.closed")}</h2>
      {closed.length === 0 ? <p>{t("consultations.noneClosed")}</p> : null}
      <ConsultationList
        items={closed}
        labelledBy="closed-heading"
        slug={space.slug}
        canManage={canManage}
        now={loaderData.now}
      />

      {canManage ? (
        <NewConsultationForm
          members={loaderData.members}
          papers={loaderData.papers}
          errors={actionData?.fieldErrors ?? {}}
          error={actionData?.error}
          values={actionData?.values ?? {}}
        />
      ) : null}
    </div>
  );
}

function ConsultationList({
  items,
  labelledBy,
  slug,
  canManage,
  now,
}: {
  items: ConsultationSummary[];
  labelledBy: string;
  slug: string;
  canManage: boolean;
  now: string;
}) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return null;
  return (
    <ul className="thread-list" aria-labelledby={labelledBy}>
      {items.map((c) => (
        <li key={c.id} className="thread-list__item">
          <h3 className="card-title">
            <Link to={`/spaces/${slug}/consultations/${c.id}`}>{c.title}</Link>
          </h3>
          <p className="muted">
            {c.closedAt
              ? t("consultations.closedOn", { when: formatDateTime(c.closedAt, i18n.language) })
              : t("consultations.deadlineOn", { when: formatDateTime(c.deadline, i18n.language) })}
            {!c.closedAt && c.deadline <= now ? ` · ${t("consultations.pastDeadline")}` : null}
            {canManage
              ? ` · ${t("consultations.responseRate", { answered: c.answeredCount, asked: c.askedCount })}`
              : null}
          </p>
          {c.viewerAsked && c.viewerAnswered ? (
            <p>
              <span className="badge">{t("consultations.answered")}</span>
            </p>
          ) : null}
          {c.viewerAsked && !c.viewerAnswered ? (
            <p className="unread">{t("consultations.notAnswered")}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function NewConsultationForm({
  members,
  papers,
  errors,
  error,
  values,
}: {
  members: { id: string; name: string; role: string }[];
  papers: { id: string; title: string }[];
  errors: Record<string, string[]>;
  error?: string;
  values: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const id = (name: string) => `consultation-${name}`;
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  const list = (name: string) => (Array.isArray(values[name]) ? (values[name] as string[]) : []);
  const errorOf = (name: string) =>
    errors[name]?.length ? (
      <p id={`${id(name)}-error`} className="field__error">
        {errors[name]!.map((e) => t(e as never)).join(" ")}
      </p>
    ) : null;
  const described = (name: string, hint = false) => {
    const ids = [
      errors[name]?.length ? `${id(name)}-error` : null,
      hint ? `${id(name)}-hint` : null,
    ]
      .filter(Boolean)
      .join(" ");
    return {
      ...(errors[name]?.length ? { "aria-invalid": true } : {}),
      ...(ids ? { "aria-describedby": ids } : {}),
    };
  };
  const audience = text("audience") || "all";
  const visibility = text("answerVisibility") || "members";
  return (
    <section aria-labelledby="new-consultation-heading" className="card">
      <h2 id="new-consultation-heading">{t("consultations.new")}</h2>
      <p className="notice">{t("notice.noCitizenData")}</p>
      <Form method="post" className="stack" noValidate>
        {error ? (
          <p role="alert" className="form-error">
            {error}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={id("title")}>{t("consultations.fields.title")}</label>
          <input
            id={id("title")}
            name="title"
            required
            maxLength={200}
            defaultValue={text("title")}
            {...described("title")}
          />
          {errorOf("title")}
        </div>
        <div className="field">
          <label htmlFor={id("question")}>{t("consultations.fields.question")}</label>
          <p id={`${id("question")}-hint`} className="field__hint">
            {t("consultations.fields.questionHint")}
          </p>
          <textarea
            id={id("question")}
            name="question"
            rows={8}
            required
            defaultValue={text("question")}
            {...described("question", true)}
          />
          {errorOf("question")}
        </div>
        <div className="field">
          <label htmlFor={id("deadline")}>{t("consultations.fields.deadline")}</label>
          <input
            id={id("deadline")}
            name="deadline"
            type="datetime-local"
            required
            defaultValue={text("deadline")}
            {...described("deadline")}
          />
          {errorOf("deadline")}
        </div>
        <fieldset className="field" {...described("audience")}>
          <legend>{t("consultations.fields.audience")}</legend>
          <label className="checkbox">
            <input type="radio" name="audience" value="all" defaultChecked={audience === "all"} />
            {t("consultations.fields.audienceAll")}
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="audience"
              value="chosen"
              defaultChecked={audience === "chosen"}
            />
            {t("consultations.fields.audienceChosen")}
          </label>
          {errorOf("audience")}
        </fieldset>
        <fieldset className="field" {...described("recipientIds")}>
          <legend>{t("consultations.fields.recipients")}</legend>
          <div className="checkbox-grid">
            {members.map((m) => (
              <label key={m.id} className="checkbox">
                <input
                  type="checkbox"
                  name="recipientIds"
                  value={m.id}
                  defaultChecked={list("recipientIds").includes(m.id)}
                />
                {m.name} ({t(`space.role.${m.role}` as never)})
              </label>
            ))}
          </div>
          {errorOf("recipientIds")}
        </fieldset>
        <fieldset className="field" {...described("answerVisibility")}>
          <legend>{t("consultations.fields.visibility")}</legend>
          <label className="checkbox">
            <input
              type="radio"
              name="answerVisibility"
              value="members"
              defaultChecked={visibility === "members"}
            />
            {t("consultations.fields.visibilityMembers")}
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="answerVisibility"
              value="secretariat"
              defaultChecked={visibility === "secretariat"}
            />
            {t("consultations.fields.visibilitySecretariat")}
          </label>
          {errorOf("answerVisibility")}
        </fieldset>
        <fieldset className="field" {...described("documentIds")}>
          <legend>{t("consultations.fields.papers")}</legend>
          {papers.length === 0 ? <p>{t("consultations.fields.noPapers")}</p> : null}
          <ul className="plain-list">
            {papers.map((p) => (
              <li key={p.id}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    name="documentIds"
                    value={p.id}
                    defaultChecked={list("documentIds").includes(p.id)}
                  />
                  {p.title}
                </label>
              </li>
            ))}
          </ul>
          {errorOf("documentIds")}
        </fieldset>
        <button type="submit" className="button">
          {t("consultations.create")}
        </button>
      </Form>
    </section>
  );
}
