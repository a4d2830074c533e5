import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { getHub, requirePermission } from "../auth/guard.server";
import { FormError, TextField } from "../components/form";
import { PageTitle } from "../components/page-title";
import { formatDateTime } from "../lib/dates";
import { readFormData } from "../lib/form.server";
import { sendInvitationMail } from "../lib/invitation-mail.server";
import { getInstance, getLocale } from "../middleware/i18next";
import { recordAudit } from "../models/audit.server";
import { createInvitation, listOpenInvitations } from "../models/invitation.server";
import { getUserByEmail } from "../models/user.server";
import { inviteSchema } from "../schemas/auth";
import type { Route } from "./+types/admin-invitations";

export async function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "admin.invitation.manage");
  const { db, config } = getHub(context);
  return {
    invitations: await listOpenInvitations(db),
    ttlDays: Math.round(config.invitationTtlMs / 86_400_000),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const admin = requirePermission(context, request, "admin.invitation.manage");
  const { db, config, mailer } = getHub(context);
  const submission = parseWithZod(await readFormData(request), { schema: inviteSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), sentTo: null }, { status: 400 });
  }
  const { email } = submission.value;
  if (await getUserByEmail(db, { email })) {
    return data(
      {
        result: submission.reply({ fieldErrors: { email: ["invitation.alreadyUser"] } }),
        sentTo: null,
      },
      { status: 409 },
    );
  }
  const invitation = await createInvitation(db, {
    email,
    invitedById: admin.id,
    ttlMs: config.invitationTtlMs,
  });
  await recordAudit(db, {
    actorId: admin.id,
    action: "invitation.created",
    subjectType: "invitation",
    subjectId: invitation.id,
    details: { email },
  });
  await sendInvitationMail(
    { mailer, config, t: getInstance(context).t, locale: getLocale(context) },
    { email, inviterName: admin.name, token: invitation.token, expiresAt: invitation.expiresAt },
  );
  return { result: submission.reply({ resetForm: true }), sentTo: email };
}

export default function AdminInvitations({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="page">
      <PageTitle title={t("invitation.adminTitle")} />
      <h1>{t("invitation.adminTitle")}</h1>
      <p>{t("invitation.adminIntro", { days: loaderData.ttlDays })}</p>
      {actionData?.sentTo ? (
        <p role="status" className="notice">
          {t("invitation.sent", { email: actionData.sentTo })}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack narrow">
        <FormError id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.email}
          label={t("invitation.email")}
          type="email"
          autoComplete="off"
        />
        <button type="submit" className="button">
          {t("invitation.send")}
        </button>
      </Form>
      <h2>{t("invitation.pending")}</h2>
      {loaderData.invitations.length === 0 ? (
        <p>{t("invitation.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("invitation.email")}</th>
              <th scope="col">{t("invitation.invitedAt")}</th>
              <th scope="col">{t("invitation.expiresAt")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.invitations.map((i) => (
              <tr key={i.id}>
                <td>{i.email}</td>
                <td>{formatDateTime(i.createdAt, i18n.language)}</td>
                <td>{formatDateTime(i.expiresAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
