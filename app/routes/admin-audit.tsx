import { useTranslation } from "react-i18next";
import { getHub, requirePermission } from "../auth/guard.server";
import { PageTitle } from "../components/page-title";
import { formatDateTime } from "../lib/dates";
import { listAuditEntries } from "../models/audit.server";
import type { Route } from "./+types/admin-audit";

export async function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "admin.audit.read");
  return { entries: await listAuditEntries(getHub(context).db) };
}

export default function AdminAudit({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="page">
      <PageTitle title={t("audit.title")} />
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      {loaderData.entries.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t("audit.title")} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.where")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.createdAt, i18n.language)}</td>
                  <td>{e.actorName ?? t("audit.system")}</td>
                  <td>{t(`audit.action.${e.action}` as never, { defaultValue: e.action })}</td>
                  <td>{e.spaceName ?? ""}</td>
                  <td>
                    <code>{e.details === "{}" ? "" : e.details}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
