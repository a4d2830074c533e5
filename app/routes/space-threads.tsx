import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { getHub, requireSpace } from "../auth/guard.server";
import { can } from "../auth/permissions.server";
import { FormError, TextField } from "../components/form";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { formatDateTime } from "../lib/dates";
import { readFormData } from "../lib/form.server";
import { renderPostWithMentions } from "../lib/markdown.server";
import { toPostView } from "../lib/post-view";
import { listMentionableMembers } from "../models/membership.server";
import { createThread, listPosts, listThreads } from "../models/thread.server";
import { publishPostCreated } from "../realtime/publish.server";
import { newThreadSchema } from "../schemas/thread";
import type { Route } from "./+types/space-threads";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "thread.read",
  });
  const threads = await listThreads(getHub(context).db, { spaceId: space.id, userId: user.id });
  return {
    space: { id: space.id, slug: space.slug, name: space.name },
    threads,
    canCreate: can(user, "thread.create", { spaceRole: role }),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, space } = await requireSpace(context, request, {
    slug: params.slug,
    action: "thread.create",
  });
  const { db, io } = getHub(context);
  const submission = parseWithZod(await readFormData(request), { schema: newThreadSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const { title, body, clientId } = submission.value;
  const rendered = await renderPostWithMentions(body, () =>
    listMentionableMembers(db, { spaceId: space.id }),
  );
  const result = await createThread(db, {
    spaceId: space.id,
    authorId: user.id,
    title,
    post: { body, html: rendered.html, mentionedUserIds: rendered.mentionedUserIds, clientId },
  });
  // The client id belongs to another post: not a retry of this form, and nothing is stored.
  if (result.status === "conflict") {
    return data(
      { result: submission.reply({ formErrors: ["validation.formInvalid"] }) },
      { status: 400 },
    );
  }
  const { threadId } = result;
  // A retried submission was stored and announced the first time: only lead back to it.
  if (result.status === "created") {
    const [opening] = await listPosts(db, { spaceId: space.id, threadId, limit: 1 });
    publishPostCreated(io, {
      spaceId: space.id,
      threadId,
      post: toPostView(opening!, { canModerate: false }),
    });
  }
  return redirect(`/spaces/${space.slug}/threads/${threadId}`);
}

export default function SpaceThreads({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { space, threads, canCreate } = loaderData;
  const [clientId] = useState(() => crypto.randomUUID());
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newThreadSchema }),
    shouldValidate: "onSubmit",
  });

  return (
    <div className="page">
      <PageTitle title={`${t("threads.title")} · ${space.name}`} />
      <p className="eyebrow">{space.name}</p>
      <h1>{t("threads.title")}</h1>
      <SpaceNav slug={space.slug} name={space.name} />
      {threads.length === 0 ? <p>{t("threads.none")}</p> : null}
      <ul className="thread-list">
        {threads.map((th) => (
          <li key={th.id} className="thread-list__item">
            <h2 className="card-title">
              <Link to={`/spaces/${space.slug}/threads/${th.id}`}>{th.title}</Link>
            </h2>
            <p className="muted">
              {th.pinnedAt ? <span className="badge">{t("threads.pinned")}</span> : null}
              {th.lockedAt ? <span className="badge">{t("threads.locked")}</span> : null}
              {t("threads.startedBy", { name: th.authorName })} ·{" "}
              {t("threads.replies", { count: th.replyCount })} ·{" "}
              {t("threads.lastActivity", { when: formatDateTime(th.lastPostAt, i18n.language) })}
              {th.subscription === "mute" ? ` · ${t("threads.muted")}` : null}
            </p>
            {th.unread > 0 ? (
              <p className="unread">{t("threads.unread", { count: th.unread })}</p>
            ) : null}
          </li>
        ))}
      </ul>
      {canCreate ? (
        <section aria-labelledby="new-thread-heading" className="card">
          <h2 id="new-thread-heading">{t("threads.new")}</h2>
          <p className="notice">{t("notice.noCitizenData")}</p>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormError id={form.errorId} errors={form.errors?.map((e) => t(e as never))} />
            <input type="hidden" name="clientId" value={clientId} />
            <TextField field={fields.title} label={t("threads.titleLabel")} />
            <div className="field">
              <label htmlFor={fields.body.id}>{t("threads.body")}</label>
              <p id={`${fields.body.id}-hint`} className="field__hint">
                {t("threads.markdownHint")}
              </p>
              <textarea {...getTextareaProps(fields.body)} key={fields.body.key} rows={6} />
              {fields.body.errors?.length ? (
                <p id={fields.body.errorId} className="field__error">
                  {fields.body.errors.map((e) => t(e as never)).join(" ")}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button">
              {t("threads.create")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
