import { useTranslation } from "react-i18next";
import { getHub, requireSpace } from "../auth/guard.server";
import { PageTitle } from "../components/page-title";
import { SpacePeriod } from "../components/space-period";
import { countCurrentMembers } from "../models/space.server";
import type { Route } from "./+types/space";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "space.view",
  });
  const memberCount = await countCurrentMembers(getHub(context).db, { spaceId: space.id });
  return { space, role, memberCount };
}

export default function SpaceOverview({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { space, role, memberCount } = loaderData;
  return (
    <div className="page">
      <PageTitle title={space.name} />
      <p className="eyebrow">{t(`space.kind.${space.kind}` as never)}</p>
      <h1>{space.name}</h1>
      <SpacePeriod start={space.periodStart} end={space.periodEnd} />
      <p className="muted">
        {t("space.memberCount", { count: memberCount })}
        {role ? ` · ${t("home.role", { role: t(`space.role.${role}`) })}` : null}
      </p>
      <section aria-labelledby="purpose-heading">
        <h2 id="purpose-heading">{t("space.purpose")}</h2>
        <p>{space.purpose}</p>
      </section>
      <p className="notice">{t("space.comingSoon")}</p>
    </div>
  );
}
