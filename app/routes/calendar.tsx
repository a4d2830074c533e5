import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { getHub, requirePermission } from "../auth/guard.server";
import { PageTitle } from "../components/page-title";
import { formatDate } from "../lib/dates";
import { readFormData } from "../lib/form.server";
import { recordAudit } from "../models/audit.server";
import {
  createCalendarFeed,
  getCalendarFeed,
  renewCalendarFeed,
} from "../models/calendar-feed.server";
import { calendarActionSchema } from "../schemas/calendar";
import type { Route } from "./+types/calendar";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requirePermission(context, request, "calendar.feed");
  const feed = await getCalendarFeed(getHub(context).db, { userId: user.id });
  return { feedCreatedAt: feed?.createdAt ?? null };
}

/**
 * Creates or renews the person's feed and shows its URL in this one response: only the token's
 * hash is stored, so the URL cannot be shown again later (and is never put in a redirect).
 */
export async function action({ context, request }: Route.ActionArgs) {
  const user = requirePermission(context, request, "calendar.feed");
  const { db, config } = getHub(context);
  const parsed = calendarActionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return data({ error: "validation.formInvalid" as const }, { status: 400 });
  const intent = parsed.data.intent;
  const made =
    intent === "create"
      ? await createCalendarFeed(db, { userId: user.id })
      : await renewCalendarFeed(db, { userId: user.id });
  if (!made) {
    // A second tab or an old page: never replace a feed by "create", nor make one by "renew".
    const error =
      intent === "create"
        ? ("calendar.alreadyExists" as const)
        : ("calendar.nothingToRenew" as const);
    return data({ error }, { status: 400 });
  }
  await recordAudit(db, {
    actorId: user.id,
    action: intent === "create" ? "calendar_feed.created" : "calendar_feed.renewed",
    subjectType: "user",
    subjectId: user.id,
  });
  return {
    done: intent,
    feedUrl: `${config.publicUrl}/calendar/feed/${made.token}.ics`,
  };
}

export default function Calendar({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const created = actionData && "feedUrl" in actionData ? actionData : null;
  const error = actionData && "error" in actionData ? actionData.error : null;
  const feedCreatedAt = loaderData.feedCreatedAt;
  return (
    <div className="page narrow">
      <PageTitle title={t("calendar.title")} />
      <h1>{t("calendar.title")}</h1>
      <p>{t("calendar.intro")}</p>
      <p>{t("calendar.contents")}</p>

      {created ? (
        <section aria-labelledby="feed-url-heading" className="card" role="status">
          <h2 id="feed-url-heading">
            {created.done === "create" ? t("calendar.created") : t("calendar.renewed")}
          </h2>
          <div className="field">
            <label htmlFor="feed-url">{t("calendar.feedUrl")}</label>
            <p id="feed-url-hint" className="field__hint">
              {t("calendar.copyNow")}
            </p>
            <input
              id="feed-url"
              type="text"
              readOnly
              value={created.feedUrl}
              aria-describedby="feed-url-hint"
            />
          </div>
        </section>
      ) : null}
      {error ? (
        <p role="alert" className="form-error">
          {t(error)}
        </p>
      ) : null}

      <section aria-labelledby="feed-heading" className="card">
        <h2 id="feed-heading">{t("calendar.privateHeading")}</h2>
        <p>{t("calendar.private")}</p>
        <p>{t("calendar.onceOnly")}</p>
        {feedCreatedAt ? (
          <>
            <p>{t("calendar.hasFeed", { date: formatDate(feedCreatedAt, i18n.language) })}</p>
            <Form method="post" className="stack">
              <p className="field__hint" id="renew-hint">
                {t("calendar.renewWarning")}
              </p>
              <button
                type="submit"
                name="intent"
                value="renew"
                className="button"
                aria-describedby="renew-hint"
              >
                {t("calendar.renew")}
              </button>
            </Form>
          </>
        ) : (
          <>
            <p>{t("calendar.noFeed")}</p>
            <Form method="post">
              <button type="submit" name="intent" value="create" className="button">
                {t("calendar.create")}
              </button>
            </Form>
          </>
        )}
      </section>

      <section aria-labelledby="howto-heading" className="card">
        <h2 id="howto-heading">{t("calendar.howToHeading")}</h2>
        <h3>{t("calendar.outlookHeading")}</h3>
        <p>{t("calendar.outlookSteps")}</p>
        <h3>{t("calendar.googleHeading")}</h3>
        <p>{t("calendar.googleSteps")}</p>
        <h3>{t("calendar.appleHeading")}</h3>
        <p>{t("calendar.appleSteps")}</p>
        <p className="muted">{t("calendar.singleHint")}</p>
      </section>
    </div>
  );
}
