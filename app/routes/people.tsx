import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { getHub, requirePermission } from "../auth/guard.server";
import { spaceRoles } from "../auth/roles";
import { PageTitle } from "../components/page-title";
import { organisationTypes } from "../lib/organisation-types";
import { listVisiblePeople } from "../models/person.server";
import { listAllSpaces, listSpacesForUser } from "../models/space.server";
import { directoryFilterSchema } from "../schemas/directory";
import type { Route } from "./+types/people";

/** People per page: a search for a common name can match hundreds. */
export const PEOPLE_PER_PAGE = 50;

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requirePermission(context, request, "directory.view");
  const { db } = getHub(context);
  const filter = directoryFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const spaces = user.isSiteAdmin
    ? await listAllSpaces(db)
    : await listSpacesForUser(db, { userId: user.id });
  // A space filter may only name a space the viewer can see; any other finds nobody.
  const space = filter.space ? spaces.find((s) => s.slug === filter.space) : undefined;
  const page = filter.page ?? 1;
  const people =
    filter.space && !space
      ? []
      : await listVisiblePeople(db, {
          viewer: user,
          filter: {
            q: filter.q,
            organisationType: filter.organisationType,
            role: filter.role,
            spaceId: space?.id,
          },
          limit: PEOPLE_PER_PAGE,
          offset: (page - 1) * PEOPLE_PER_PAGE,
        });
  const total = people[0]?.matchCount ?? 0;
  return {
    people,
    filter,
    page,
    total,
    pages: Math.ceil(total / PEOPLE_PER_PAGE),
    spaces: spaces.map((s) => ({ slug: s.slug, name: s.name })),
  };
}

export default function People({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { people, filter, page, total, pages, spaces } = loaderData;
  // The same search, on another page.
  const pageLink = (n: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) {
      if (key !== "page" && value) params.set(key, String(value));
    }
    if (n > 1) params.set("page", String(n));
    const query = params.toString();
    return query ? `?${query}` : ".";
  };
  return (
    <div className="page">
      <PageTitle title={t("people.title")} />
      <h1>{t("people.title")}</h1>
      <p>{t("people.intro")}</p>
      <Form method="get" className="filter-bar" role="search" aria-label={t("people.searchLabel")}>
        <div className="field">
          <label htmlFor="q">{t("people.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="organisationType">{t("people.organisationType")}</label>
          <select
            id="organisationType"
            name="organisationType"
            defaultValue={filter.organisationType ?? ""}
          >
            <option value="">{t("people.any")}</option>
            {organisationTypes.map((type) => (
              <option key={type} value={type}>
                {t(`organisation.type.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="role">{t("members.role")}</label>
          <select id="role" name="role" defaultValue={filter.role ?? ""}>
            <option value="">{t("people.any")}</option>
            {spaceRoles.map((r) => (
              <option key={r} value={r}>
                {t(`space.role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="space">{t("people.space")}</label>
          <select id="space" name="space" defaultValue={filter.space ?? ""}>
            <option value="">{t("people.any")}</option>
            {spaces.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("people.searchButton")}
        </button>
      </Form>
      <p role="status">
        {pages > 1
          ? `${t("people.count", { count: total })} ${t("people.pageOf", { page, pages })}`
          : t("people.count", { count: total })}
      </p>
      <ul className="card-list">
        {people.map((p) => (
          <li key={p.id} className="card">
            <h2 className="card-title">
              <Link to={`/people/${p.id}`}>{p.name}</Link>
              {p.isKeyPerson ? (
                <>
                  {" "}
                  <span className="badge">{t("training.keyPerson")}</span>
                </>
              ) : null}
            </h2>
            <p className="muted">{[p.title, p.organisationName].filter(Boolean).join(", ")}</p>
            {p.expertise.length ? (
              <ul className="tags" aria-label={t("profile.expertise")}>
                {p.expertise.map((tag) => (
                  <li key={tag}>{tag}</li>
                ))}
              </ul>
            ) : null}
            {p.email ? (
              <p>
                <a href={`mailto:${p.email}`}>{p.email}</a>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav aria-label={t("people.pagination")} className="pagination">
          {page > 1 ? (
            <Link to={pageLink(page - 1)} rel="prev">
              {t("people.previousPage")}
            </Link>
          ) : null}
          {page < pages ? (
            <Link to={pageLink(page + 1)} rel="next">
              {t("people.nextPage")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
