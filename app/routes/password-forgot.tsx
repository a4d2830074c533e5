import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { getHub } from "../auth/guard.server";
import { FormError, TextField } from "../components/form";
import { PageTitle } from "../components/page-title";
import { formatDateTime } from "../lib/dates";
import { readFormData } from "../lib/form.server";
import { getInstance, getLocale } from "../middleware/i18next";
import { recordAudit } from "../models/audit.server";
import { createPasswordReset } from "../models/password-reset.server";
import { getUserByEmail } from "../models/user.server";
import { requestPasswordResetSchema } from "../schemas/auth";
import type { Route } from "./+types/password-forgot";

export function loader({ context }: Route.LoaderArgs) {
  return { ttlMinutes: Math.round(getHub(context).config.passwordResetTtlMs / 60_000) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { db, config, mailer, loginLimiterByIp, clientIp } = getHub(context);
  const submission = parseWithZod(await readFormData(request), {
    schema: requestPasswordResetSchema,
  });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), sent: false }, { status: 400 });
  }
  const t = getInstance(context).t;
  // Shares the sign-in limit per address: resets are another way to probe and to flood inboxes.
  const limit = loginLimiterByIp.check(clientIp);
  if (limit.limited) {
    const minutes = Math.max(1, Math.ceil(limit.retryAfterMs / 60_000));
    return data(
      {
        result: submission.reply({ formErrors: [t("login.rateLimited", { minutes })] }),
        sent: false,
      },
      { status: 429 },
    );
  }
  loginLimiterByIp.hit(clientIp);
  const user = await getUserByEmail(db, { email: submission.value.email });
  // The answer is the same whether or not the account exists, so the form reveals nobody.
  if (user && user.status === "active") {
    const reset = await createPasswordReset(db, {
      userId: user.id,
      ttlMs: config.passwordResetTtlMs,
    });
    await recordAudit(db, {
      actorId: null,
      action: "password_reset.requested",
      subjectType: "user",
      subjectId: user.id,
    });
    // Not awaited: waiting for the mail server only when the account exists would let the
    // response time tell who has an account. The mailer never throws.
    void mailer.send({
      to: user.email,
      subject: t("mail.resetSubject"),
      text: t("mail.resetBody", {
        name: user.name,
        expires: formatDateTime(reset.expiresAt, getLocale(context)),
        link: `${config.publicUrl}/password/reset/${reset.token}`,
      }),
    });
  }
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPassword({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: requestPasswordResetSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="page narrow">
      <PageTitle title={t("reset.requestTitle")} />
      <h1>{t("reset.requestTitle")}</h1>
      {actionData?.sent ? (
        <p role="status" className="notice">
          {t("reset.sent", { minutes: loaderData.ttlMinutes })}
        </p>
      ) : null}
      <p>{t("reset.requestIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormError id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.email}
          label={t("reset.email")}
          type="email"
          autoComplete="email"
        />
        <button type="submit" className="button">
          {t("reset.send")}
        </button>
      </Form>
    </div>
  );
}
