import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useSearchParams } from "react-router";
import { getDummyHash, verifyPassword } from "../auth/password.server";
import { createSession, serializeSessionCookie } from "../auth/session.server";
import { getHub, getSessionUser, safeRedirectPath } from "../auth/guard.server";
import { FormError, TextField } from "../components/form";
import { PageTitle } from "../components/page-title";
import { readFormData } from "../lib/form.server";
import { getInstance } from "../middleware/i18next";
import { getUserForLogin, normaliseEmail } from "../models/user.server";
import { loginSchema } from "../schemas/auth";
import type { Route } from "./+types/login";

export function loader({ context, request }: Route.LoaderArgs) {
  if (getSessionUser(context)) {
    throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  }
  return null;
}

// React Router passes only cookies from an action's headers on by default; a 429 must keep its
// Retry-After.
export function headers({ actionHeaders }: Route.HeadersArgs) {
  return actionHeaders;
}

export async function action({ request, context }: Route.ActionArgs) {
  const hub = getHub(context);
  const t = getInstance(context).t;
  const submission = parseWithZod(await readFormData(request), { schema: loginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const accountKey = normaliseEmail(email);
  const byIp = hub.loginLimiterByIp.check(hub.clientIp);
  const byAccount = hub.loginLimiterByAccount.check(accountKey);
  if (byIp.limited || byAccount.limited) {
    const ms = Math.max(byIp.retryAfterMs, byAccount.retryAfterMs);
    const minutes = Math.max(1, Math.ceil(ms / 60_000));
    return data(
      {
        result: submission.reply({
          formErrors: [t("login.rateLimited", { minutes })],
          hideFields: ["password"],
        }),
      },
      { status: 429, headers: { "Retry-After": String(Math.ceil(ms / 1000)) } },
    );
  }
  hub.loginLimiterByIp.hit(hub.clientIp);

  const user = await getUserForLogin(hub.db, { email });
  // Verify against a dummy hash for unknown accounts so timing does not reveal who exists.
  const valid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  if (!user || !user.passwordHash || !valid) {
    hub.loginLimiterByAccount.hit(accountKey);
    return data(
      { result: submission.reply({ formErrors: [t("login.invalid")], hideFields: ["password"] }) },
      { status: 401 },
    );
  }
  if (user.status !== "active") {
    return data(
      {
        result: submission.reply({
          formErrors: [t("login.deactivated")],
          hideFields: ["password"],
        }),
      },
      { status: 403 },
    );
  }
  hub.loginLimiterByAccount.reset(accountKey);
  const { token } = await createSession(hub.db, { userId: user.id });
  const secure = new URL(request.url).protocol === "https:";
  return redirect(safeRedirectPath(redirectTo), {
    headers: {
      "Set-Cookie": serializeSessionCookie(token, {
        secure,
        maxAgeMs: hub.config.sessionAbsoluteMs,
      }),
    },
  });
}

export default function Login({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const notice = params.get("loggedOut")
    ? t("login.loggedOut")
    : params.get("passwordSet")
      ? t("login.passwordSet")
      : null;
  return (
    <div className="page narrow">
      <PageTitle title={t("login.title")} />
      <h1>{t("login.title")}</h1>
      {notice ? (
        <p role="status" className="notice">
          {notice}
        </p>
      ) : null}
      <p>{t("login.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormError id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <TextField
          field={fields.email}
          label={t("login.email")}
          type="email"
          autoComplete="username"
        />
        <TextField
          field={fields.password}
          label={t("login.password")}
          type="password"
          autoComplete="current-password"
        />
        <button type="submit" className="button">
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/password/forgot">{t("login.forgot")}</Link>
      </p>
    </div>
  );
}
