import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { getHub, requirePermission } from "../auth/guard.server";
import { PageTitle } from "../components/page-title";
import { SpacePeriod } from "../components/space-period";
import { listAllSpaces, listSpacesForUser } from "../models/space.server";
import type { Route } from "./+types/spaces";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requirePermission(context, request, "space.list");
  const { db } = getHub(context);
  const mine = await listSpacesForUser(db, { userId: user.id });
  // Administrators also see the spaces they are not in, to administer them.
  const others = user.isSiteAdmin
    ? (await listAllSpaces(db)).filter((s) => !mine.some((m) => m.id === s.id))
    : [];
  return { mine, others };
}

export default function Spaces({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const card = (s: (typeof loaderData.mine)[number] | (typeof loaderData.others)[number]) => (
    <li key={s.id} className="card">
      <h3>
        <Link to={`/spaces/${s.slug}`}>{s.name}</Link>
      </h3>
      <p className="muted">
        {t(`space.kind.${s.kind}` as never)}
        {"role" in s ? ` · ${t("home.role", { role: t(`space.role.${s.role}`) })}` : null}
      </p>
      <p>{s.purpose}</p>
      <SpacePeriod start={s.periodStart} end={s.periodEnd} />
    </li>
  );
  return (
    <div className="page">
      <PageTitle title={t("spaces.title")} />
      <h1>{t("spaces.title")}</h1>
      <p>{t("spaces.intro")}</p>
      <h2>{t("spaces.mine")}</h2>
      {loaderData.mine.length === 0 ? <p>{t("home.noSpaces")}</p> : null}
      <ul className="card-list">{loaderData.mine.map(card)}</ul>
      {loaderData.others.length ? (
        <>
          <h2>{t("spaces.others")}</h2>
          <ul className="card-list">{loaderData.others.map(card)}</ul>
        </>
      ) : null}
    </div>
  );
}
