import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { getHub, requireSpace } from "../auth/guard.server";
import { can } from "../auth/permissions.server";
import { PageTitle } from "../components/page-title";
import { formatDateTime } from "../lib/dates";
import { getPost, getThread, listRevisions } from "../models/thread.server";
import type { Route } from "./+types/post-history";

/** Earlier versions of an edited post, for the members of its space. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "thread.read",
  });
  const { db } = getHub(context);
  const thread = await getThread(db, { spaceId: space.id, threadId: params.threadId });
  const post = thread ? await getPost(db, { spaceId: space.id, postId: params.postId }) : null;
  // A hidden post's history is the moderators' to read, like the post itself.
  const visible =
    post &&
    !post.deletedAt &&
    (!post.hiddenAt || can(user, "thread.moderate", { spaceRole: role }));
  if (!thread || !post || post.threadId !== thread.id || !visible) {
    throw data({ error: "notFound" }, { status: 404 });
  }
  return {
    space: { slug: space.slug, name: space.name },
    thread: { id: thread.id, title: thread.title },
    current: post.body,
    revisions: await listRevisions(db, { spaceId: space.id, postId: post.id }),
  };
}

export default function PostHistory({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { space, thread, current, revisions } = loaderData;
  return (
    <div className="page narrow-wide">
      <PageTitle title={t("thread.historyTitle")} />
      <p className="eyebrow">
        <Link to={`/spaces/${space.slug}/threads/${thread.id}`}>{thread.title}</Link>
      </p>
      <h1>{t("thread.historyTitle")}</h1>
      <h2>{t("thread.currentVersion")}</h2>
      <pre className="mail-body">{current}</pre>
      {revisions.map((r) => (
        <section key={r.id}>
          <h2>
            {t("thread.replacedAt", {
              when: formatDateTime(r.replacedAt, i18n.language),
              name: r.editorName,
            })}
          </h2>
          <pre className="mail-body">{r.body}</pre>
        </section>
      ))}
    </div>
  );
}
