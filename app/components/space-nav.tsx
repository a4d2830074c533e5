import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

/** The tabs of a space; more arrive with threads, meetings and documents. */
export function SpaceNav({ slug, name }: { slug: string; name: string }) {
  const { t } = useTranslation();
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
        <li>
          <NavLink to={`/spaces/${slug}/members`}>{t("space.members")}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
