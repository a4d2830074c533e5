import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { getHub, requireSpace } from "../auth/guard.server";
import { can } from "../auth/permissions.server";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { SpacePeriod } from "../components/space-period";
import { formatDate, formatDateTime } from "../lib/dates";
import { nowIso } from "../lib/ids.server";
import { getNextMeeting } from "../models/meeting.server";
import { listMembershipChanges } from "../models/membership.server";
import { countCurrentMembers } from "../models/space.server";
import type { Route } from "./+types/space";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "space.view",
  });
  const { db } = getHub(context);
  const spaceRole = role;
  const [memberCount, changes, nextMeeting] = await Promise.all([
    countCurrentMembers(db, { spaceId: space.id }),
    listMembershipChanges(db, { spaceId: space.id, limit: 8 }),
    // Administrators see the space to manage membership, not its meetings.
    can(user, "meeting.read", { spaceRole })
      ? getNextMeeting(db, {
          spaceId: space.id,
          canReadDrafts: can(user, "meeting.readDrafts", { spaceRole }),
          now: nowIso(),
        })
      : undefined,
  ]);
  return { space, role, memberCount, changes, nextMeeting };
}

export default function SpaceOverview({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { space, role, memberCount, changes, nextMeeting } = loaderData;
  return (
    <div className="page">
      <PageTitle title={space.name} />
      <p className="eyebrow">{t(`space.kind.${space.kind}` as never)}</p>
      <h1>{space.name}</h1>
      <SpaceNav slug={space.slug} name={space.name} />
      <SpacePeriod start={space.periodStart} end={space.periodEnd} />
      <p className="muted">
        {t("space.memberCount", { count: memberCount })}
        {role ? ` · ${t("home.role", { role: t(`space.role.${role}`) })}` : null}
      </p>
      <section aria-labelledby="purpose-heading">
        <h2 id="purpose-heading">{t("space.purpose")}</h2>
        <p>{space.purpose}</p>
      </section>
      {nextMeeting !== undefined ? (
        <section aria-labelledby="next-meeting-heading">
          <h2 id="next-meeting-heading">{t("meetings.overview.next")}</h2>
          {nextMeeting ? (
            <p>
              <Link to={`/spaces/${space.slug}/meetings/${nextMeeting.id}`}>
                {nextMeeting.title}
              </Link>
              {" · "}
              {formatDateTime(nextMeeting.startsAt, i18n.language)}
              {nextMeeting.place ? ` · ${nextMeeting.place}` : null}
            </p>
          ) : (
            <p>{t("meetings.overview.none")}</p>
          )}
          <p>
            <Link to={`/spaces/${space.slug}/meetings`}>{t("meetings.overview.all")}</Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading">{t("space.recentActivity")}</h2>
        {changes.length === 0 ? <p>{t("space.noActivity")}</p> : null}
        <ul>
          {changes.map((c) => (
            <li key={`${c.id}-${c.kind}`}>
              {t(c.kind === "joined" ? "space.joined" : "space.left", {
                name: c.name,
                date: formatDate(c.at, i18n.language),
              })}
            </li>
          ))}
        </ul>
      </section>
      <p className="notice">{t("space.comingSoon")}</p>
    </div>
  );
}
