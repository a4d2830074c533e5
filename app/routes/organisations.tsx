import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { getHub, requirePermission } from "../auth/guard.server";
import { PageTitle } from "../components/page-title";
import { organisationTypes } from "../lib/organisation-types";
import { listOrganisations } from "../models/organisation.server";
import { directoryFilterSchema } from "../schemas/directory";
import type { Route } from "./+types/organisations";

export async function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "organisation.view");
  const { organisationType } = directoryFilterSchema.parse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  return {
    organisations: await listOrganisations(getHub(context).db, { type: organisationType }),
    organisationType: organisationType ?? "",
  };
}

export default function Organisations({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageTitle title={t("organisation.title")} />
      <h1>{t("organisation.title")}</h1>
      <Form method="get" className="filter-bar">
        <div className="field">
          <label htmlFor="organisationType">{t("people.organisationType")}</label>
          <select
            id="organisationType"
            name="organisationType"
            defaultValue={loaderData.organisationType}
          >
            <option value="">{t("people.any")}</option>
            {organisationTypes.map((type) => (
              <option key={type} value={type}>
                {t(`organisation.type.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("people.filterButton")}
        </button>
      </Form>
      <ul className="card-list">
        {loaderData.organisations.map((o) => (
          <li key={o.id} className="card">
            <h2 className="card-title">
              <Link to={`/organisations/${o.id}`}>{o.name}</Link>
            </h2>
            <p className="muted">{t(`organisation.type.${o.type}` as never)}</p>
            <p>{o.description}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
