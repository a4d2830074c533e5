import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { getHub, requireUser } from "../auth/guard.server";
import { PageTitle } from "../components/page-title";
import { SpacePeriod } from "../components/space-period";
import { listSpacesForUser } from "../models/space.server";
import type { Route } from "./+types/home";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const spaces = await listSpacesForUser(getHub(context).db, { userId: user.id });
  return { name: user.name, isSiteAdmin: user.isSiteAdmin, spaces };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { spaces } = loaderData;
  return (
    <div className="page">
      <PageTitle title={t("home.title")} />
      <p className="eyebrow">{t("home.greeting", { name: loaderData.name })}</p>
      <h1>{t("home.title")}</h1>
      {spaces.length === 0 ? <p>{t("home.noSpaces")}</p> : null}
      <ul className="card-list">
        {spaces.map((s) => (
          <li key={s.id} className="card">
            <h2>
              <Link to={`/spaces/${s.slug}`}>{s.name}</Link>
            </h2>
            <p className="muted">
              {t(`space.kind.${s.kind}` as never)} ·{" "}
              {t("home.role", { role: t(`space.role.${s.role}`) })}
            </p>
            <p>{s.purpose}</p>
            <SpacePeriod start={s.periodStart} end={s.periodEnd} />
          </li>
        ))}
      </ul>
      {loaderData.isSiteAdmin ? (
        <section aria-labelledby="admin-heading" className="card">
          <h2 id="admin-heading">{t("nav.admin")}</h2>
          <p>{t("home.adminIntro")}</p>
          <ul>
            <li>
              <Link to="/admin/invitations">{t("nav.invitations")}</Link>
            </li>
            <li>
              <Link to="/admin/outbox">{t("nav.outbox")}</Link>
            </li>
          </ul>
        </section>
      ) : null}
    </div>
  );
}
