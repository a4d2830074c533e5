import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { getHub, requirePermission } from "../auth/guard.server";
import { PageTitle } from "../components/page-title";
import { getOrganisation, listOrganisationSpaces } from "../models/organisation.server";
import { listVisiblePeople } from "../models/person.server";
import type { Route } from "./+types/organisation";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requirePermission(context, request, "organisation.view");
  const { db } = getHub(context);
  const organisation = await getOrganisation(db, { id: params.id });
  if (!organisation) throw data({ error: "notFound" }, { status: 404 });
  const [people, spaces] = await Promise.all([
    listVisiblePeople(db, { viewer: user, filter: { organisationId: organisation.id } }),
    listOrganisationSpaces(db, { organisationId: organisation.id, viewer: user }),
  ]);
  return { organisation, people, spaces };
}

export default function Organisation({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { organisation, people, spaces } = loaderData;
  return (
    <div className="page">
      <PageTitle title={organisation.name} />
      <p className="eyebrow">{t(`organisation.type.${organisation.type}` as never)}</p>
      <h1>{organisation.name}</h1>
      <p>{organisation.description}</p>
      {organisation.website && /^https?:\/\//.test(organisation.website) ? (
        <p>
          <a href={organisation.website} rel="noopener noreferrer">
            {organisation.website}
          </a>
        </p>
      ) : null}
      <h2>{t("organisation.people")}</h2>
      {people.length === 0 ? <p>{t("organisation.noPeople")}</p> : null}
      <ul>
        {people.map((p) => (
          <li key={p.id}>
            <Link to={`/people/${p.id}`}>{p.name}</Link>
            {p.title ? `, ${p.title}` : null}
          </li>
        ))}
      </ul>
      <h2>{t("organisation.spaces")}</h2>
      {spaces.length === 0 ? <p>{t("organisation.noSpaces")}</p> : null}
      <ul>
        {spaces.map((s) => (
          <li key={s.slug}>
            <Link to={`/spaces/${s.slug}`}>{s.name}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
