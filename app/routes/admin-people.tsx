import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { getHub, requirePermission } from "../auth/guard.server";
import { PageTitle } from "../components/page-title";
import { readFormData } from "../lib/form.server";
import { getInstance } from "../middleware/i18next";
import { recordAudit } from "../models/audit.server";
import { listAllUsers, setUserStatus } from "../models/user.server";
import { disconnectUser } from "../realtime/publish.server";
import type { Route } from "./+types/admin-people";

const statusSchema = z.object({
  userId: z.uuid(),
  status: z.enum(["active", "deactivated"]),
});

export async function loader({ context, request }: Route.LoaderArgs) {
  const admin = requirePermission(context, request, "admin.people.manage");
  return { people: await listAllUsers(getHub(context).db), selfId: admin.id };
}

export async function action({ context, request }: Route.ActionArgs) {
  const admin = requirePermission(context, request, "admin.people.manage");
  const { db, io } = getHub(context);
  const t = getInstance(context).t;
  const parsed = statusSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success)
    return data({ error: t("validation.formInvalid"), notice: null }, { status: 400 });
  const { userId, status } = parsed.data;
  if (userId === admin.id) {
    return data({ error: t("adminPeople.notSelf"), notice: null }, { status: 409 });
  }
  if (!(await setUserStatus(db, { userId, status })))
    throw data({ error: "notFound" }, { status: 404 });
  await recordAudit(db, {
    actorId: admin.id,
    action: status === "deactivated" ? "user.deactivated" : "user.reactivated",
    subjectType: "user",
    subjectId: userId,
  });
  // After the commit: a deactivated person's open connections close now, not at their next request.
  if (status === "deactivated") disconnectUser(io, { userId });
  return {
    error: null,
    notice: t(
      status === "deactivated" ? "adminPeople.deactivatedDone" : "adminPeople.reactivatedDone",
    ),
  };
}

export default function AdminPeople({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageTitle title={t("adminPeople.title")} />
      <h1>{t("adminPeople.title")}</h1>
      {actionData?.notice ? (
        <p role="status" className="notice">
          {actionData.notice}
        </p>
      ) : null}
      {actionData?.error ? (
        <p role="alert" className="form-error">
          {actionData.error}
        </p>
      ) : null}
      <div className="table-scroll" role="region" aria-label={t("adminPeople.title")} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("members.name")}</th>
              <th scope="col">{t("members.email")}</th>
              <th scope="col">{t("members.organisation")}</th>
              <th scope="col">{t("adminPeople.status")}</th>
              <th scope="col">{t("members.manage")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.people.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/people/${p.id}`}>{p.name}</Link>
                </td>
                <td>{p.email}</td>
                <td>{p.organisationName ?? ""}</td>
                <td>{t(`adminPeople.statusValue.${p.status as "active" | "deactivated"}`)}</td>
                <td>
                  {p.id === loaderData.selfId ? null : (
                    <Form method="post" className="row-form">
                      <input type="hidden" name="userId" value={p.id} />
                      <input
                        type="hidden"
                        name="status"
                        value={p.status === "active" ? "deactivated" : "active"}
                      />
                      <button type="submit" className="button small secondary">
                        {p.status === "active"
                          ? t("adminPeople.deactivate")
                          : t("adminPeople.reactivate")}
                        <span className="visually-hidden"> {p.name}</span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
