import type { TFunction } from "i18next";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, useNavigation } from "react-router";
import { getHub, requireSpace } from "../auth/guard.server";
import { can, type Action, type SpaceRole } from "../auth/permissions.server";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { formatDateTime } from "../lib/dates";
import { readFormData } from "../lib/form.server";
import { renderPostWithMentions } from "../lib/markdown.server";
import { toPostView, type PostView } from "../lib/post-view";
import { getInstance } from "../middleware/i18next";
import { listThreadDocuments } from "../models/document.server";
import { listMentionableMembers } from "../models/membership.server";
import {
  addReply,
  deletePost,
  editPost,
  getPost,
  getThread,
  listPosts,
  openThreadForReader,
  setPostHidden,
  setSubscription,
  setThreadFlag,
} from "../models/thread.server";
import {
  publishPostCreated,
  publishPostUpdated,
  publishThreadUpdated,
} from "../realtime/publish.server";
import { useThreadLive } from "../realtime/use-thread-live";
import { threadActionSchema, POST_MAX_LENGTH } from "../schemas/thread";
import type { Route } from "./+types/space-thread";

const notFound = () => data({ error: "notFound" }, { status: 404 });

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "thread.read",
  });
  const { db } = getHub(context);
  const thread = await getThread(db, { spaceId: space.id, threadId: params.threadId });
  if (!thread) throw notFound();
  const canModerate = can(user, "thread.moderate", { spaceRole: role });
  const rows = await listPosts(db, { spaceId: space.id, threadId: thread.id });
  const reader = await openThreadForReader(db, {
    threadId: thread.id,
    userId: user.id,
    seq: thread.lastSeq,
  });
  return {
    space: { id: space.id, slug: space.slug, name: space.name },
    thread,
    // The Markdown source is for the edit form, which only the author gets: sending it for
    // everyone's posts nearly doubled the page's data (ADR 0009).
    posts: rows.map((r) => {
      const view = toPostView(r, { canModerate });
      return view.authorId === user.id ? view : { ...view, source: "" };
    }),
    // Documents every member may read (document.read is thread.read): one indexed query.
    documents: await listThreadDocuments(db, { spaceId: space.id, threadId: thread.id }),
    lastReadSeq: reader.lastReadSeq,
    subscription: reader.subscription,
    me: user.id,
    canReply: can(user, "post.create", { spaceRole: role }),
    canModerate,
    isObserver: role === "observer",
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "thread.read",
  });
  const { db, io } = getHub(context);
  const t = getInstance(context).t;
  const thread = await getThread(db, { spaceId: space.id, threadId: params.threadId });
  if (!thread) throw notFound();
  const parsed = threadActionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "validation.formInvalid";
    return data({ error: t(message as never), postedSeq: null }, { status: 400 });
  }
  const input = parsed.data;
  const spaceRole: SpaceRole | null = role;
  const allow = (action: Action, extra: { isAuthor?: boolean } = {}) => {
    if (!can(user, action, { spaceRole, ...extra }))
      throw data({ error: "forbidden" }, { status: 403 });
  };
  const scope = { spaceId: space.id, threadId: thread.id };
  const render = async (body: string) => {
    const rendered = await renderPostWithMentions(body, () =>
      listMentionableMembers(db, { spaceId: space.id }),
    );
    return { body, html: rendered.html, mentionedUserIds: rendered.mentionedUserIds };
  };

  switch (input.intent) {
    case "reply": {
      allow("post.create");
      const result = await addReply(db, {
        ...scope,
        authorId: user.id,
        post: { ...(await render(input.body)), clientId: input.clientId },
      });
      if (result.status === "locked") {
        return data({ error: t("thread.lockedMessage"), postedSeq: null }, { status: 409 });
      }
      if (result.status === "notFound") throw notFound();
      if (result.status === "created") {
        const [row] = await listPosts(db, { ...scope, afterSeq: result.seq - 1, limit: 1 });
        publishPostCreated(io, { ...scope, post: toPostView(row!, { canModerate: false }) });
      }
      return { error: null, postedSeq: result.seq };
    }
    case "edit":
    case "delete": {
      const post = await getPost(db, { spaceId: space.id, postId: input.postId });
      if (!post || post.threadId !== thread.id) throw notFound();
      const isAuthor = post.authorId === user.id;
      if (input.intent === "edit") {
        allow("post.edit", { isAuthor });
        if (thread.lockedAt)
          return data({ error: t("thread.lockedMessage"), postedSeq: null }, { status: 409 });
        await editPost(db, {
          spaceId: space.id,
          postId: post.id,
          editorId: user.id,
          post: await render(input.body),
        });
      } else {
        allow("post.delete", { isAuthor });
        await deletePost(db, { spaceId: space.id, postId: post.id });
      }
      publishPostUpdated(io, { ...scope, postId: post.id });
      return { error: null, postedSeq: null };
    }
    case "hide":
    case "unhide": {
      allow("thread.moderate");
      const post = await getPost(db, { spaceId: space.id, postId: input.postId });
      if (!post || post.threadId !== thread.id) throw notFound();
      await setPostHidden(db, {
        spaceId: space.id,
        postId: post.id,
        moderatorId: user.id,
        reason: input.intent === "hide" ? input.reason : null,
      });
      publishPostUpdated(io, { ...scope, postId: post.id });
      return { error: null, postedSeq: null };
    }
    case "lock":
    case "unlock":
    case "pin":
    case "unpin": {
      allow("thread.moderate");
      await setThreadFlag(db, {
        ...scope,
        flag: input.intent === "lock" || input.intent === "unlock" ? "lockedAt" : "pinnedAt",
        on: input.intent === "lock" || input.intent === "pin",
      });
      publishThreadUpdated(io, scope);
      return { error: null, postedSeq: null };
    }
    case "subscribe": {
      allow("thread.subscribe");
      await setSubscription(db, {
        threadId: thread.id,
        userId: user.id,
        subscription: input.subscription === "normal" ? null : input.subscription,
      });
      return { error: null, postedSeq: null };
    }
  }
}

// Keyed by thread, so moving from one thread to another starts from that thread's own posts.
export default function Thread(props: Route.ComponentProps) {
  return <ThreadPage key={props.loaderData.thread.id} {...props} />;
}

function ThreadPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const {
    space,
    thread,
    documents,
    lastReadSeq,
    me,
    canReply,
    canModerate,
    isObserver,
    subscription,
  } = loaderData;
  const live = useThreadLive({ threadId: thread.id, posts: loaderData.posts });
  const navigation = useNavigation();
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const replyRef = useRef<HTMLFormElement>(null);

  // A stored reply clears the form and gets a fresh client id; a failed one keeps both to retry.
  useEffect(() => {
    if (actionData?.postedSeq) {
      replyRef.current?.reset();
      setClientId(crypto.randomUUID());
    }
  }, [actionData]);

  const firstNew =
    lastReadSeq > 0 ? live.posts.find((p) => p.seq > lastReadSeq && p.authorId !== me) : undefined;
  const others = live.viewers.filter((v) => v.id !== me);
  const busy = navigation.state !== "idle";

  return (
    <div className="page">
      <PageTitle title={`${thread.title} · ${space.name}`} />
      <p className="eyebrow">
        <Link to={`/spaces/${space.slug}/threads`}>{space.name}</Link>
      </p>
      <h1>{thread.title}</h1>
      <SpaceNav slug={space.slug} name={space.name} />
      <p className="muted">
        {thread.pinnedAt ? <span className="badge">{t("threads.pinned")}</span> : null}
        {thread.lockedAt ? <span className="badge">{t("threads.locked")}</span> : null}
        {t("threads.startedBy", { name: thread.authorName })} ·{" "}
        {formatDateTime(thread.createdAt, i18n.language)}
      </p>
      {documents.length ? (
        <section aria-labelledby="thread-documents">
          <h2 id="thread-documents">{t("thread.documents")}</h2>
          <ul>
            {documents.map((d) => (
              <li key={d.id}>
                <Link to={`/spaces/${space.slug}/documents/${d.id}`}>{d.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="thread-tools">
        <Form method="post" className="row-form">
          <input type="hidden" name="intent" value="subscribe" />
          <label htmlFor="subscription">{t("thread.subscription")}</label>
          <select
            id="subscription"
            name="subscription"
            defaultValue={subscription ?? "normal"}
            key={subscription ?? "normal"}
          >
            <option value="normal">{t("thread.subscriptionNormal")}</option>
            <option value="follow">{t("thread.follow")}</option>
            <option value="mute">{t("thread.mute")}</option>
          </select>
          <button type="submit" className="button small secondary">
            {t("thread.save")}
          </button>
        </Form>
        {canModerate ? (
          <Form method="post" className="row-form">
            <button
              type="submit"
              name="intent"
              value={thread.pinnedAt ? "unpin" : "pin"}
              className="button small secondary"
            >
              {thread.pinnedAt ? t("thread.unpin") : t("thread.pin")}
            </button>
            <button
              type="submit"
              name="intent"
              value={thread.lockedAt ? "unlock" : "lock"}
              className="button small secondary"
            >
              {thread.lockedAt ? t("thread.unlock") : t("thread.lock")}
            </button>
          </Form>
        ) : null}
      </div>

      <p className="presence" aria-live="polite">
        {others.length
          ? t("thread.viewing", { names: others.map((v) => v.name).join(", ") })
          : null}
      </p>

      {actionData?.error ? (
        <p role="alert" className="form-error">
          {actionData.error}
        </p>
      ) : null}

      <ol className="posts" aria-label={t("thread.posts")}>
        {live.posts.map((post) => (
          <li key={post.seq} id={`p${post.seq}`}>
            {firstNew?.seq === post.seq ? (
              <p className="new-marker" id="new">
                {t("thread.newSinceLastVisit")}
              </p>
            ) : null}
            <PostItem
              post={post}
              me={me}
              canModerate={canModerate}
              locked={!!thread.lockedAt}
              t={t}
              lang={i18n.language}
            />
          </li>
        ))}
      </ol>

      <p className="typing" aria-live="polite">
        {live.typingNames.length
          ? t("thread.typing", { names: live.typingNames.join(", ") })
          : null}
      </p>

      {thread.lockedAt ? (
        <p className="notice">{t("thread.lockedMessage")}</p>
      ) : canReply ? (
        <section aria-labelledby="reply-heading" className="card">
          <h2 id="reply-heading">{t("thread.reply")}</h2>
          <p className="notice">{t("notice.noCitizenData")}</p>
          <Form method="post" ref={replyRef} className="stack">
            <input type="hidden" name="intent" value="reply" />
            <input type="hidden" name="clientId" value={clientId} />
            <div className="field">
              <label htmlFor="reply-body">{t("thread.replyLabel")}</label>
              <p id="reply-hint" className="field__hint">
                {t("threads.markdownHint")}
              </p>
              <textarea
                id="reply-body"
                name="body"
                rows={5}
                required
                maxLength={POST_MAX_LENGTH}
                aria-describedby="reply-hint"
                onInput={live.notifyTyping}
              />
            </div>
            <button type="submit" className="button" disabled={busy}>
              {t("thread.send")}
            </button>
          </Form>
        </section>
      ) : isObserver ? (
        <p className="notice">{t("thread.observerNotice")}</p>
      ) : null}
    </div>
  );
}

type T = TFunction<"translation">;

// `t` and the language come from the page: useTranslation in each of a thread's many posts
// cost more server time than rendering the posts themselves (ADR 0009).
function PostItem({
  post,
  me,
  canModerate,
  locked,
  t,
  lang,
}: {
  post: PostView;
  me: string;
  canModerate: boolean;
  locked: boolean;
  t: T;
  lang: string;
}) {
  const mine = post.authorId === me;
  return (
    <article className={`post post--${post.state}`} aria-labelledby={`p${post.seq}-author`}>
      <header className="post__header">
        <strong id={`p${post.seq}-author`}>{post.authorName}</strong>
        {post.organisationName ? <span className="muted">, {post.organisationName}</span> : null}
        <span className="muted">
          {" "}
          · <a href={`#p${post.seq}`}>{formatDateTime(post.createdAt, lang)}</a>
        </span>
        {post.editedAt && post.state === "visible" ? (
          <span className="muted">
            {" "}
            · <Link to={`posts/${post.id}/history`}>{t("thread.edited")}</Link>
          </span>
        ) : null}
      </header>
      {post.state === "deleted" ? (
        <p className="muted">{t("thread.deleted")}</p>
      ) : post.state === "hidden" && !canModerate ? (
        <p className="muted">{t("thread.hidden", { reason: post.hiddenReason })}</p>
      ) : (
        <>
          {post.state === "hidden" ? (
            <p className="notice">
              {t("thread.hiddenForModerator", { reason: post.hiddenReason })}
            </p>
          ) : null}
          <div className="post__body" dangerouslySetInnerHTML={{ __html: post.html }} />
        </>
      )}
      {post.state !== "deleted" ? (
        <div className="post__actions">
          {mine && !locked && post.state === "visible" ? (
            <details>
              <summary>{t("thread.edit")}</summary>
              <EditForm postId={post.id} source={post.source} t={t} />
            </details>
          ) : null}
          {mine ? (
            <Form method="post" className="row-form">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="postId" value={post.id} />
              <button type="submit" className="button small secondary">
                {t("thread.delete")}
              </button>
            </Form>
          ) : null}
          {canModerate && post.state === "visible" ? (
            <details>
              <summary>{t("thread.hide")}</summary>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="hide" />
                <input type="hidden" name="postId" value={post.id} />
                <div className="field">
                  <label htmlFor={`reason-${post.id}`}>{t("thread.hideReason")}</label>
                  <input id={`reason-${post.id}`} name="reason" required maxLength={500} />
                </div>
                <button type="submit" className="button small">
                  {t("thread.hide")}
                </button>
              </Form>
            </details>
          ) : null}
          {canModerate && post.state === "hidden" ? (
            <Form method="post" className="row-form">
              <input type="hidden" name="intent" value="unhide" />
              <input type="hidden" name="postId" value={post.id} />
              <button type="submit" className="button small secondary">
                {t("thread.unhide")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

function EditForm({ postId, source, t }: { postId: string; source: string; t: T }) {
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="edit" />
      <input type="hidden" name="postId" value={postId} />
      <div className="field">
        <label htmlFor={`edit-${postId}`}>{t("thread.editLabel")}</label>
        <textarea
          id={`edit-${postId}`}
          name="body"
          rows={4}
          required
          maxLength={POST_MAX_LENGTH}
          defaultValue={source}
        />
      </div>
      <button type="submit" className="button small">
        {t("thread.saveEdit")}
      </button>
    </Form>
  );
}
