import { useTranslation } from "react-i18next";
import { NavLink, useRouteLoaderData } from "react-router";

/** The tabs of a space; more arrive with threads, meetings and documents. */
export function SpaceNav({ slug, name }: { slug: string; name: string }) {
  const { t } = useTranslation();
  // Activities and the key-person training belong to local networks (the root knows the kinds).
  const root = useRouteLoaderData("root") as
    { spaces?: { slug: string; kind: string }[] } | undefined;
  const isLocalNetwork = root?.spaces?.some((s) => s.slug === slug && s.kind === "local_network");
  return (
    <nav aria-label={t("space.navLabel", { name })} className="tabs">
      <ul>
        <li>
          <NavLink to={`/spaces/${slug}`} end>
            {t("space.overview")}
          </NavLink>
        </li>
        <li>
          <NavLink to={`/spaces/${slug}/threads`}>{t("threads.title")}</NavLink>
        </li>
        <li>
          <NavLink to={`/spaces/${slug}/meetings`}>{t("meetings.title")}</NavLink>
        </li>
        <li>
          <NavLink to={`/spaces/${slug}/documents`}>{t("documents.title")}</NavLink>
        </li>
        {isLocalNetwork ? (
          <>
            <li>
              <NavLink to={`/spaces/${slug}/activities`}>{t("activities.title")}</NavLink>
            </li>
            <li>
              <NavLink to={`/spaces/${slug}/training`}>{t("training.title")}</NavLink>
            </li>
          </>
        ) : null}
        <li>
          <NavLink to={`/spaces/${slug}/action-items`}>{t("actionItems.title")}</NavLink>
        </li>
        <li>
          <NavLink to={`/spaces/${slug}/consultations`}>{t("consultations.title")}</NavLink>
        </li>
        <li>
          <NavLink to={`/spaces/${slug}/members`}>{t("space.members")}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
