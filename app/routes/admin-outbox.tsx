import { useTranslation } from "react-i18next";
import { getHub, requirePermission } from "../auth/guard.server";
import { PageTitle } from "../components/page-title";
import { formatDateTime } from "../lib/dates";
import { listOutboxMail } from "../models/outbox.server";
import type { Route } from "./+types/admin-outbox";

export async function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "admin.outbox.read");
  return { mails: await listOutboxMail(getHub(context).db) };
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="page">
      <PageTitle title={t("outbox.title")} />
      <h1>{t("outbox.title")}</h1>
      <p>{t("outbox.intro")}</p>
      {loaderData.mails.length === 0 ? <p>{t("outbox.empty")}</p> : null}
      <ul className="card-list">
        {loaderData.mails.map((m) => (
          <li key={m.id} className="card">
            <h2>{m.subject}</h2>
            <dl className="meta-list">
              <dt>{t("outbox.to")}</dt>
              <dd>{m.toAddress}</dd>
              <dt>{t("outbox.createdAt")}</dt>
              <dd>{formatDateTime(m.createdAt, i18n.language)}</dd>
            </dl>
            <pre className="mail-body">{m.text}</pre>
          </li>
        ))}
      </ul>
    </div>
  );
}
