import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { getHub } from "../auth/guard.server";
import { hashPassword } from "../auth/password.server";
import { createSession, serializeSessionCookie } from "../auth/session.server";
import { FormError, TextField } from "../components/form";
import { PageTitle } from "../components/page-title";
import { readFormData } from "../lib/form.server";
import { recordAudit } from "../models/audit.server";
import { acceptInvitation, getOpenInvitation } from "../models/invitation.server";
import { acceptInvitationSchema } from "../schemas/auth";
import type { Route } from "./+types/invitation";

export async function loader({ context, params }: Route.LoaderArgs) {
  const invitation = await getOpenInvitation(getHub(context).db, { token: params.token });
  // 410 Gone: the link existed once or never; either way it cannot be used now.
  if (!invitation) return data({ email: null }, { status: 410 });
  return { email: invitation.email };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { db, config } = getHub(context);
  const submission = parseWithZod(await readFormData(request), { schema: acceptInvitationSchema });
  if (submission.status !== "success") {
    return data(
      { result: submission.reply({ hideFields: ["password", "passwordConfirm"] }) },
      { status: 400 },
    );
  }
  // A dead invitation is refused before hashing (argon2 is deliberately costly); accepting
  // checks the invitation again, atomically.
  const open = await getOpenInvitation(db, { token: params.token });
  const userId =
    open &&
    (await acceptInvitation(db, {
      token: params.token,
      name: submission.value.name,
      passwordHash: await hashPassword(submission.value.password),
    }));
  if (!userId) {
    return data(
      {
        result: submission.reply({
          formErrors: ["invitation.invalid"],
          hideFields: ["password", "passwordConfirm"],
        }),
      },
      { status: 410 },
    );
  }
  await recordAudit(db, {
    actorId: userId,
    action: "invitation.accepted",
    subjectType: "user",
    subjectId: userId,
  });
  const { token } = await createSession(db, { userId });
  const secure = new URL(request.url).protocol === "https:";
  return redirect("/", {
    headers: {
      "Set-Cookie": serializeSessionCookie(token, { secure, maxAgeMs: config.sessionAbsoluteMs }),
    },
  });
}

export default function AcceptInvitation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: acceptInvitationSchema }),
    // On submit, not on blur: a message appearing on blur is not announced, and it moves the
    // submit button away from under the pointer, so the first click misses it.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="page narrow">
      <PageTitle title={t("invitation.acceptTitle")} />
      <h1>{t("invitation.acceptTitle")}</h1>
      {loaderData.email ? (
        <>
          <p>{t("invitation.acceptIntro", { email: loaderData.email })}</p>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormError id={form.errorId} errors={form.errors?.map((e) => t(e as never))} />
            <TextField field={fields.name} label={t("invitation.name")} autoComplete="name" />
            <TextField
              field={fields.password}
              label={t("invitation.password")}
              type="password"
              autoComplete="new-password"
              hint={t("invitation.passwordHint")}
            />
            <TextField
              field={fields.passwordConfirm}
              label={t("invitation.passwordConfirm")}
              type="password"
              autoComplete="new-password"
            />
            <button type="submit" className="button">
              {t("invitation.accept")}
            </button>
          </Form>
        </>
      ) : (
        <p role="alert">{t("invitation.invalid")}</p>
      )}
    </div>
  );
}
