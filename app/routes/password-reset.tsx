import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { getHub } from "../auth/guard.server";
import { hashPassword } from "../auth/password.server";
import { FormError, TextField } from "../components/form";
import { PageTitle } from "../components/page-title";
import { readFormData } from "../lib/form.server";
import { recordAudit } from "../models/audit.server";
import { consumePasswordReset, isPasswordResetOpen } from "../models/password-reset.server";
import { resetPasswordSchema } from "../schemas/auth";
import type { Route } from "./+types/password-reset";

export async function loader({ context, params }: Route.LoaderArgs) {
  const open = await isPasswordResetOpen(getHub(context).db, { token: params.token });
  return data({ open }, { status: open ? 200 : 410 });
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { db } = getHub(context);
  const submission = parseWithZod(await readFormData(request), { schema: resetPasswordSchema });
  if (submission.status !== "success") {
    return data(
      { result: submission.reply({ hideFields: ["password", "passwordConfirm"] }) },
      { status: 400 },
    );
  }
  // A dead link is refused before hashing: argon2 is deliberately costly, and unknown tokens
  // must not buy an attacker that CPU. Consuming checks the link again, atomically.
  const open = await isPasswordResetOpen(db, { token: params.token });
  const userId =
    open &&
    (await consumePasswordReset(db, {
      token: params.token,
      passwordHash: await hashPassword(submission.value.password),
    }));
  if (!userId) {
    return data(
      {
        result: submission.reply({
          formErrors: ["reset.invalid"],
          hideFields: ["password", "passwordConfirm"],
        }),
      },
      { status: 410 },
    );
  }
  await recordAudit(db, {
    actorId: userId,
    action: "password_reset.completed",
    subjectType: "user",
    subjectId: userId,
  });
  return redirect("/login?passwordSet=1");
}

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
    // On submit, not on blur: a message appearing on blur is not announced, and it moves the
    // submit button away from under the pointer, so the first click misses it.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="page narrow">
      <PageTitle title={t("reset.title")} />
      <h1>{t("reset.title")}</h1>
      {loaderData.open ? (
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormError id={form.errorId} errors={form.errors?.map((e) => t(e as never))} />
          <TextField
            field={fields.password}
            label={t("reset.password")}
            type="password"
            autoComplete="new-password"
            hint={t("invitation.passwordHint")}
          />
          <TextField
            field={fields.passwordConfirm}
            label={t("reset.passwordConfirm")}
            type="password"
            autoComplete="new-password"
          />
          <button type="submit" className="button">
            {t("reset.submit")}
          </button>
        </Form>
      ) : (
        <>
          <p role="alert">{t("reset.invalid")}</p>
          <p>
            <Link to="/password/forgot">{t("reset.requestTitle")}</Link>
          </p>
        </>
      )}
    </div>
  );
}
