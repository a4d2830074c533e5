import { useTranslation } from "react-i18next";
import { getHub, requireSpace } from "../auth/guard.server";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { SpacePeriod } from "../components/space-period";
import { formatDate } from "../lib/dates";
import { listMembershipChanges } from "../models/membership.server";
import { countCurrentMembers } from "../models/space.server";
import type { Route } from "./+types/space";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "space.view",
  });
  const { db } = getHub(context);
  const [memberCount, changes] = await Promise.all([
    countCurrentMembers(db, { spaceId: space.id }),
    listMembershipChanges(db, { spaceId: space.id, limit: 8 }),
  ]);
  return { space, role, memberCount, changes };
}

export default function SpaceOverview({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { space, role, memberCount, changes } = loaderData;
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
