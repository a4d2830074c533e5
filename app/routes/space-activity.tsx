import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { getHub, requireSpace } from "../auth/guard.server";
import { can } from "../auth/permissions.server";
import { ActivityForm } from "../components/activity-form";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { parseActivityForm, toOverlapView } from "../lib/activity-form.server";
import { formatDateTime } from "../lib/dates";
import { readFormData } from "../lib/form.server";
import { utcToCopenhagen } from "../lib/zoned-time";
import { getInstance } from "../middleware/i18next";
import {
  deleteActivity,
  getActivity,
  hasLocalActivities,
  setActivityCancelled,
  updateActivity,
} from "../models/activity.server";
import { listOrganisationOptions } from "../models/organisation.server";
import { activityIntentSchema, type TargetGroup } from "../schemas/activity";
import type { Route } from "./+types/space-activity";

const notFound = () => data({ error: "notFound" }, { status: 404 });

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "activity.read",
  });
  if (!hasLocalActivities(space)) throw notFound();
  const { db } = getHub(context);
  const activity = await getActivity(db, { spaceId: space.id, activityId: params.activityId });
  if (!activity) throw notFound();
  const canEdit = can(user, "activity.edit", {
    spaceRole: role,
    isAuthor: activity.createdById === user.id,
  });
  return {
    space: { slug: space.slug, name: space.name },
    activity: {
      id: activity.id,
      title: activity.title,
      startsAt: activity.startsAt,
      endsAt: activity.endsAt,
      place: activity.place,
      targetGroup: activity.targetGroup as TargetGroup,
      organiserOrganisationId: activity.organiserOrganisationId,
      organiserName: activity.organiserName,
      contactName: activity.contactName,
      contactDetails: activity.contactDetails,
      description: activity.description,
      descriptionHtml: activity.descriptionHtml,
      cancelled: activity.status === "cancelled",
      createdByName: activity.createdByName,
    },
    organisations: canEdit ? await listOrganisationOptions(db) : [],
    canEdit,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "activity.read",
  });
  if (!hasLocalActivities(space)) throw notFound();
  const { db } = getHub(context);
  const t = getInstance(context).t;
  // Another space's activity, or none: the same 404, before anything else is looked at.
  const activity = await getActivity(db, { spaceId: space.id, activityId: params.activityId });
  if (!activity) throw notFound();
  if (!can(user, "activity.edit", { spaceRole: role, isAuthor: activity.createdById === user.id }))
    throw data({ error: "forbidden" }, { status: 403 });
  const form = await readFormData(request);
  const parsed = activityIntentSchema.safeParse({ intent: form.get("intent") });
  if (!parsed.success) {
    return data(
      { error: t("validation.formInvalid"), values: {}, fieldErrors: {}, overlaps: [] },
      { status: 400 },
    );
  }
  const scope = { spaceId: space.id, activityId: activity.id };
  const back = `/spaces/${space.slug}/activities/${activity.id}`;
  switch (parsed.data.intent) {
    case "edit": {
      const input = parseActivityForm(form);
      if (!input.ok) {
        return data(
          { error: null, values: input.values, fieldErrors: input.fieldErrors, overlaps: [] },
          { status: 400 },
        );
      }
      const result = await updateActivity(db, {
        ...scope,
        activity: input.activity,
        confirmOverlap: input.confirmOverlap,
      });
      if (result.status === "notFound") throw notFound();
      if (result.status === "badOrganiser") {
        return data(
          {
            error: null,
            values: input.values,
            fieldErrors: { organiserOrganisationId: ["validation.organisation"] },
            overlaps: [],
          },
          { status: 400 },
        );
      }
      if (result.status === "overlap") {
        return {
          error: null,
          values: input.values,
          fieldErrors: {},
          overlaps: result.overlaps.map(toOverlapView),
        };
      }
      return redirect(back);
    }
    case "cancel":
    case "reinstate":
      await setActivityCancelled(db, { ...scope, cancelled: parsed.data.intent === "cancel" });
      return redirect(back);
    case "delete":
      await deleteActivity(db, { ...scope, actorId: user.id });
      return redirect(`/spaces/${space.slug}/activities`);
  }
}

export default function SpaceActivity({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { space, activity, organisations, canEdit } = loaderData;
  const editing =
    !!actionData &&
    (actionData.overlaps.length > 0 || Object.keys(actionData.fieldErrors).length > 0);
  return (
    <div className="page">
      <PageTitle title={`${activity.title} · ${space.name}`} />
      <p className="eyebrow">
        <Link to={`/spaces/${space.slug}/activities`}>{t("activities.title")}</Link>
      </p>
      <h1>
        {activity.title}
        {activity.cancelled ? (
          <>
            {" "}
            <span className="badge">{t("activities.cancelled")}</span>
          </>
        ) : null}
      </h1>
      <SpaceNav slug={space.slug} name={space.name} />
      {actionData?.error ? (
        <p role="alert" className="form-error">
          {actionData.error}
        </p>
      ) : null}
      <dl className="meta-list">
        <dt>{t("activities.when")}</dt>
        <dd>
          {formatDateTime(activity.startsAt, i18n.language)} –{" "}
          {formatDateTime(activity.endsAt, i18n.language)}
        </dd>
        <dt>{t("activities.place")}</dt>
        <dd>{activity.place}</dd>
        <dt>{t("activities.targetGroup")}</dt>
        <dd>{t(`activities.groups.${activity.targetGroup}`)}</dd>
        <dt>{t("activities.organiser")}</dt>
        <dd>{activity.organiserName ?? t("activities.noOrganiser")}</dd>
        {activity.contactName || activity.contactDetails ? (
          <>
            <dt>{t("activities.contact")}</dt>
            <dd>{[activity.contactName, activity.contactDetails].filter(Boolean).join(", ")}</dd>
          </>
        ) : null}
      </dl>
      {activity.descriptionHtml ? (
        <section aria-labelledby="description-heading">
          <h2 id="description-heading">{t("activities.description")}</h2>
          <div
            className="post__body"
            dangerouslySetInnerHTML={{ __html: activity.descriptionHtml }}
          />
        </section>
      ) : null}
      <p className="muted">{t("activities.postedBy", { name: activity.createdByName })}</p>

      {canEdit ? (
        <>
          <details className="card" open={editing}>
            <summary>{t("activities.actions.edit")}</summary>
            <h2>{t("activities.form.editTitle")}</h2>
            <p className="notice">{t("notice.noCitizenData")}</p>
            <ActivityForm
              idPrefix="edit-activity"
              slug={space.slug}
              intent="edit"
              values={
                actionData && editing
                  ? actionData.values
                  : {
                      title: activity.title,
                      startsAt: utcToCopenhagen(activity.startsAt).local,
                      endsAt: utcToCopenhagen(activity.endsAt).local,
                      place: activity.place,
                      targetGroup: activity.targetGroup,
                      organiserOrganisationId: activity.organiserOrganisationId ?? "",
                      contactName: activity.contactName,
                      contactDetails: activity.contactDetails,
                      description: activity.description,
                    }
              }
              errors={actionData?.fieldErrors}
              overlaps={actionData?.overlaps}
              organisations={organisations}
              submitLabel={t("activities.form.save")}
            />
          </details>
          <div className="row-form">
            <Form method="post">
              <button
                type="submit"
                name="intent"
                value={activity.cancelled ? "reinstate" : "cancel"}
                className="button secondary"
              >
                {activity.cancelled
                  ? t("activities.actions.reinstate")
                  : t("activities.actions.cancel")}
              </button>
            </Form>
            <Form method="post">
              <button
                type="submit"
                name="intent"
                value="delete"
                className="button secondary"
                aria-describedby="delete-hint"
              >
                {t("activities.actions.delete")}
              </button>
            </Form>
          </div>
          <p id="delete-hint" className="field__hint">
            {t("activities.actions.deleteHint")}
          </p>
        </>
      ) : null}
      <p>
        <Link to={`/spaces/${space.slug}/activities`}>{t("activities.actions.backToList")}</Link>
      </p>
    </div>
  );
}
