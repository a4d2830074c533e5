import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { getHub, requirePermission } from "../auth/guard.server";
import type { SpaceRole } from "../auth/roles";
import { PageTitle } from "../components/page-title";
import { formatDate } from "../lib/dates";
import { getVisiblePerson } from "../models/person.server";
import type { Route } from "./+types/person";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requirePermission(context, request, "directory.view");
  const person = await getVisiblePerson(getHub(context).db, { viewer: user, personId: params.id });
  if (!person) throw data({ error: "notFound" }, { status: 404 });
  return { person, isSelf: person.id === user.id };
}

export default function Person({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { person, isSelf } = loaderData;
  const date = (iso: string) => formatDate(iso, i18n.language);
  return (
    <div className="page narrow-wide">
      <PageTitle title={person.name} />
      <h1>{person.name}</h1>
      {person.isKeyPerson ? <p className="badge">{t("training.keyPerson")}</p> : null}
      <p className="muted">
        {person.title}
        {person.organisationName ? (
          <>
            {person.title ? ", " : null}
            <Link to={`/organisations/${person.organisationId}`}>{person.organisationName}</Link>
          </>
        ) : null}
      </p>
      {person.status !== "active" ? <p className="notice">{t("profile.deactivated")}</p> : null}
      {isSelf ? (
        <p>
          <Link to="/profile">{t("profile.edit")}</Link>
        </p>
      ) : null}
      {person.bio ? <p className="bio">{person.bio}</p> : null}
      <dl className="meta-list">
        {person.expertise.length ? (
          <>
            <dt>{t("profile.expertise")}</dt>
            <dd>{person.expertise.join(", ")}</dd>
          </>
        ) : null}
        {person.languages.length ? (
          <>
            <dt>{t("profile.languages")}</dt>
            <dd>{person.languages.map((l) => t(`language.${l}` as never)).join(", ")}</dd>
          </>
        ) : null}
        <dt>{t("members.email")}</dt>
        <dd>
          {person.email ? (
            <a href={`mailto:${person.email}`}>{person.email}</a>
          ) : (
            t("members.contactHidden")
          )}
        </dd>
        {person.phone ? (
          <>
            <dt>{t("members.phone")}</dt>
            <dd>{person.phone}</dd>
          </>
        ) : null}
      </dl>
      {person.memberships.length ? (
        <>
          <h2>{t("profile.memberships")}</h2>
          <ul>
            {person.memberships.map((m) => (
              <li key={`${m.slug}-${m.appointedAt}`}>
                <Link to={`/spaces/${m.slug}`}>{m.name}</Link> ·{" "}
                {t(`space.role.${m.role as SpaceRole}`)} ·{" "}
                {m.leftAt
                  ? t("profile.formerPeriod", { from: date(m.appointedAt), to: date(m.leftAt) })
                  : t("profile.since", { from: date(m.appointedAt) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
