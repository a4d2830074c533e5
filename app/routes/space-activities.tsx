import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { getHub, requireSpace } from "../auth/guard.server";
import { can } from "../auth/permissions.server";
import { ActivityForm } from "../components/activity-form";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { parseActivityForm, toOverlapView } from "../lib/activity-form.server";
import { formatTime } from "../lib/dates";
import { readFormData } from "../lib/form.server";
import { nowIso } from "../lib/ids.server";
import {
  currentMonth,
  formatDay,
  formatMonth,
  monthRange,
  monthWeeks,
  shiftMonth,
  WEEKDAYS,
} from "../lib/month-grid";
import { utcToCopenhagen } from "../lib/zoned-time";
import {
  createActivity,
  hasLocalActivities,
  listActivities,
  listActivityOrganisers,
} from "../models/activity.server";
import { listOrganisationOptions } from "../models/organisation.server";
import { activityQuerySchema, targetGroups } from "../schemas/activity";
import { getLocale } from "../middleware/i18next";
import type { Route } from "./+types/space-activities";

const notFound = () => data({ error: "notFound" }, { status: 404 });

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "activity.read",
  });
  if (!hasLocalActivities(space)) throw notFound();
  const { db } = getHub(context);
  const query = activityQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const month = query.month ?? currentMonth();
  const range = query.view === "month" ? monthRange(month) : { from: nowIso(), to: undefined };
  const activities = await listActivities(db, {
    spaceId: space.id,
    from: range.from,
    to: range.to,
    targetGroup: query.group,
    organiserOrganisationId: query.organiser,
  });
  const canCreate = can(user, "activity.create", { spaceRole: role });
  const me = canCreate
    ? await db
        .selectFrom("user")
        .select("organisationId")
        .where("id", "=", user.id)
        .executeTakeFirst()
    : undefined;
  return {
    space: { slug: space.slug, name: space.name },
    query: { ...query, month },
    activities: activities.map((a) => ({
      id: a.id,
      title: a.title,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      place: a.place,
      targetGroup: a.targetGroup as (typeof targetGroups)[number],
      organiserName: a.organiserName,
      cancelled: a.status === "cancelled",
      day: utcToCopenhagen(a.startsAt).date,
      start: formatTime(a.startsAt, getLocale(context)),
      end: formatTime(a.endsAt, getLocale(context)),
    })),
    organisers: await listActivityOrganisers(db, { spaceId: space.id }),
    organisations: canCreate ? await listOrganisationOptions(db) : [],
    defaultOrganisationId: me?.organisationId ?? "",
    canCreate,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  // Read first: a space without activities answers 404 to everyone, before any 403.
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "activity.read",
  });
  if (!hasLocalActivities(space)) throw notFound();
  if (!can(user, "activity.create", { spaceRole: role }))
    throw data({ error: "forbidden" }, { status: 403 });
  const { db } = getHub(context);
  const form = parseActivityForm(await readFormData(request));
  if (!form.ok) {
    return data(
      { values: form.values, fieldErrors: form.fieldErrors, overlaps: [] },
      { status: 400 },
    );
  }
  const result = await createActivity(db, {
    spaceId: space.id,
    createdById: user.id,
    activity: form.activity,
    confirmOverlap: form.confirmOverlap,
  });
  if (result.status === "overlap") {
    // Nothing is stored: the form comes back with the warning and a confirm button.
    return { values: form.values, fieldErrors: {}, overlaps: result.overlaps.map(toOverlapView) };
  }
  if (result.status === "badOrganiser") {
    return data(
      {
        values: form.values,
        fieldErrors: { organiserOrganisationId: ["validation.organisation"] },
        overlaps: [],
      },
      { status: 400 },
    );
  }
  if (result.status !== "saved") throw notFound();
  return redirect(`/spaces/${space.slug}/activities/${result.activityId}`);
}

type Item = Route.ComponentProps["loaderData"]["activities"][number];

export default function SpaceActivities({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { space, query, activities, organisers, organisations, canCreate } = loaderData;
  const base = `/spaces/${space.slug}/activities`;
  const link = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    const next = {
      view: query.view,
      month: query.month,
      group: query.group,
      organiser: query.organiser,
      ...changes,
    };
    if (next.view === "month") {
      params.set("view", "month");
      if (next.month) params.set("month", next.month);
    }
    if (next.group) params.set("group", next.group);
    if (next.organiser) params.set("organiser", next.organiser);
    const s = params.toString();
    return s ? `${base}?${s}` : base;
  };

  return (
    <div className="page">
      <PageTitle title={`${t("activities.title")} · ${space.name}`} />
      <p className="eyebrow">{space.name}</p>
      <h1>{t("activities.title")}</h1>
      <SpaceNav slug={space.slug} name={space.name} />
      <p>{t("activities.intro")}</p>

      <nav aria-label={t("activities.viewLabel")} className="folder-nav">
        <ul>
          <li>
            <Link
              to={link({ view: "list" })}
              aria-current={query.view === "list" ? "page" : undefined}
            >
              {t("activities.listView")}
            </Link>
          </li>
          <li>
            <Link
              to={link({ view: "month" })}
              aria-current={query.view === "month" ? "page" : undefined}
            >
              {t("activities.monthView")}
            </Link>
          </li>
          <li>
            <a href={`${base}/calendar.ics`} download>
              {t("activities.feed")}
            </a>
          </li>
        </ul>
      </nav>

      <Form
        method="get"
        className="filter-bar"
        role="search"
        aria-label={t("activities.filterLabel")}
      >
        {query.view === "month" ? (
          <>
            <input type="hidden" name="view" value="month" />
            <input type="hidden" name="month" value={query.month} />
          </>
        ) : null}
        <div className="field">
          <label htmlFor="filter-group">{t("activities.filterGroup")}</label>
          <select id="filter-group" name="group" defaultValue={query.group ?? ""}>
            <option value="">{t("activities.any")}</option>
            {targetGroups.map((g) => (
              <option key={g} value={g}>
                {t(`activities.groups.${g}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-organiser">{t("activities.filterOrganiser")}</label>
          <select id="filter-organiser" name="organiser" defaultValue={query.organiser ?? ""}>
            <option value="">{t("activities.any")}</option>
            {organisers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("activities.filterButton")}
        </button>
      </Form>

      {query.view === "month" ? (
        <MonthView month={query.month} activities={activities} base={base} link={link} />
      ) : (
        <section aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">{t("activities.upcoming")}</h2>
          {activities.length === 0 ? <p>{t("activities.none")}</p> : null}
          {groupByDay(activities).map(([day, items]) => (
            <section key={day} aria-labelledby={`day-${day}`} className="activity-day">
              <h3 id={`day-${day}`}>{formatDay(day, i18n.language)}</h3>
              <ul className="card-list">
                {items.map((a) => (
                  <li key={a.id} className="card">
                    <h4 className="card-title">
                      <Link to={`${base}/${a.id}`}>{a.title}</Link>
                      {a.cancelled ? (
                        <>
                          {" "}
                          <span className="badge">{t("activities.cancelled")}</span>
                        </>
                      ) : null}
                    </h4>
                    <p className="muted">
                      {t("activities.time", { start: a.start, end: a.end })} · {a.place} ·{" "}
                      {t(`activities.groups.${a.targetGroup}`)} ·{" "}
                      {a.organiserName ?? t("activities.noOrganiser")}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      )}

      {canCreate ? (
        <section aria-labelledby="new-activity-heading" className="card">
          <h2 id="new-activity-heading">{t("activities.form.newTitle")}</h2>
          <p className="notice">{t("notice.noCitizenData")}</p>
          <ActivityForm
            idPrefix="new-activity"
            slug={space.slug}
            values={
              actionData?.values ?? { organiserOrganisationId: loaderData.defaultOrganisationId }
            }
            errors={actionData?.fieldErrors}
            overlaps={actionData?.overlaps}
            organisations={organisations}
            submitLabel={t("activities.form.create")}
          />
        </section>
      ) : null}
    </div>
  );
}

function groupByDay(items: Item[]): [string, Item[]][] {
  const days = new Map<string, Item[]>();
  for (const item of items) days.set(item.day, [...(days.get(item.day) ?? []), item]);
  return [...days];
}

function MonthView({
  month,
  activities,
  base,
  link,
}: {
  month: string;
  activities: Item[];
  base: string;
  link: (changes: Record<string, string | undefined>) => string;
}) {
  const { t, i18n } = useTranslation();
  const byDay = new Map(groupByDay(activities));
  const previous = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  const label = formatMonth(month, i18n.language);
  return (
    <section aria-labelledby="month-heading">
      <h2 id="month-heading" className="month-title">
        {label}
      </h2>
      <nav aria-label={t("activities.monthNav")} className="month-nav">
        <Link to={link({ month: previous })}>
          {t("activities.previousMonth", { month: formatMonth(previous, i18n.language) })}
        </Link>
        <Link to={link({ month: next })}>
          {t("activities.nextMonth", { month: formatMonth(next, i18n.language) })}
        </Link>
      </nav>
      {activities.length === 0 ? <p>{t("activities.noneInMonth")}</p> : null}
      <div className="table-scroll" role="region" aria-labelledby="month-heading" tabIndex={0}>
        <table className="month-grid">
          <caption className="visually-hidden">
            {t("activities.monthCaption", { month: label })}
          </caption>
          <thead>
            <tr>
              {WEEKDAYS.map((d) => (
                <th key={d} scope="col">
                  <abbr title={t(`activities.weekdays.${d}`)}>
                    {t(`activities.weekdaysShort.${d}`)}
                  </abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthWeeks(month).map((week, i) => (
              <tr key={i}>
                {week.map((day, j) =>
                  day ? (
                    <td key={day} className={byDay.has(day) ? "has-activities" : undefined}>
                      <span className="month-grid__day">
                        <span aria-hidden="true">{Number(day.slice(8))}</span>
                        <span className="visually-hidden">{formatDay(day, i18n.language)}</span>
                      </span>
                      {byDay.has(day) ? (
                        <ul className="plain-list">
                          {byDay.get(day)!.map((a) => (
                            <li key={a.id}>
                              <Link to={`${base}/${a.id}`}>{`${a.start} ${a.title}`}</Link>
                              {a.cancelled ? (
                                <>
                                  {" "}
                                  <span className="badge">{t("activities.cancelled")}</span>
                                </>
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  ) : (
                    <td key={`empty-${j}`} />
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
