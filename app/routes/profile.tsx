import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { getHub, requirePermission } from "../auth/guard.server";
import { FormError, TextField } from "../components/form";
import { PageTitle } from "../components/page-title";
import { readFormData } from "../lib/form.server";
import { recordAudit } from "../models/audit.server";
import { listOrganisationOptions } from "../models/organisation.server";
import { getOwnProfile, updateOwnProfile } from "../models/person.server";
import { languageCodes, profileSchema } from "../schemas/profile";
import type { Route } from "./+types/profile";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requirePermission(context, request, "profile.edit");
  const { db } = getHub(context);
  return {
    profile: await getOwnProfile(db, { userId: user.id }),
    organisations: await listOrganisationOptions(db),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requirePermission(context, request, "profile.edit");
  const { db } = getHub(context);
  const submission = parseWithZod(await readFormData(request), { schema: profileSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), saved: false }, { status: 400 });
  }
  const v = submission.value;
  const organisations = await listOrganisationOptions(db);
  if (v.organisationId && !organisations.some((o) => o.id === v.organisationId)) {
    return data(
      {
        result: submission.reply({ fieldErrors: { organisationId: ["validation.organisation"] } }),
        saved: false,
      },
      { status: 400 },
    );
  }
  await updateOwnProfile(db, {
    userId: user.id,
    name: v.name,
    title: v.title,
    bio: v.bio,
    phone: v.phone,
    contactVisibility: v.contactVisibility,
    organisationId: v.organisationId ?? null,
    expertise: v.expertise,
    languages: v.languages,
  });
  await recordAudit(db, {
    actorId: user.id,
    action: "profile.updated",
    subjectType: "user",
    subjectId: user.id,
  });
  return { result: submission.reply(), saved: true };
}

export default function Profile({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { profile, organisations } = loaderData;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
    shouldValidate: "onSubmit",
    defaultValue: {
      name: profile.name,
      title: profile.title ?? "",
      organisationId: profile.organisationId ?? "",
      bio: profile.bio,
      phone: profile.phone ?? "",
      contactVisibility: profile.contactVisibility,
      expertise: profile.expertise.join(", "),
      languages: profile.languages,
    },
  });
  const error = (field: { errors?: string[]; errorId: string }) =>
    field.errors?.length ? (
      <p id={field.errorId} className="field__error">
        {field.errors.map((e) => t(e as never)).join(" ")}
      </p>
    ) : null;
  return (
    <div className="page narrow">
      <PageTitle title={t("profile.title")} />
      <h1>{t("profile.title")}</h1>
      {actionData?.saved ? (
        <p role="status" className="notice">
          {t("profile.saved")}
        </p>
      ) : null}
      <p>
        <Link to="/calendar">{t("calendar.link")}</Link>
        <span className="muted"> – {t("calendar.linkHint")}</span>
      </p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormError id={form.errorId} errors={form.errors?.map((e) => t(e as never))} />
        <TextField field={fields.name} label={t("profile.name")} autoComplete="name" />
        <TextField
          field={fields.title}
          label={t("profile.jobTitle")}
          autoComplete="organization-title"
        />
        <div className="field">
          <label htmlFor={fields.organisationId.id}>{t("members.organisation")}</label>
          <select {...getSelectProps(fields.organisationId)} key={fields.organisationId.key}>
            <option value="">{t("profile.noOrganisation")}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          {error(fields.organisationId)}
        </div>
        <div className="field">
          <label htmlFor={fields.bio.id}>{t("profile.bio")}</label>
          <textarea {...getTextareaProps(fields.bio)} key={fields.bio.key} rows={4} />
          {error(fields.bio)}
        </div>
        <TextField
          field={fields.expertise}
          label={t("profile.expertise")}
          hint={t("profile.expertiseHint")}
        />
        <fieldset className="field">
          <legend>{t("profile.languages")}</legend>
          <div className="checkbox-grid">
            {languageCodes.map((code) => (
              <label key={code} className="checkbox">
                <input
                  type="checkbox"
                  name={fields.languages.name}
                  value={code}
                  defaultChecked={profile.languages.includes(code)}
                />
                {t(`language.${code}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField field={fields.phone} label={t("members.phone")} autoComplete="tel" />
        <fieldset className="field">
          <legend>{t("profile.contactVisibility")}</legend>
          {(["members", "nobody"] as const).map((value) => (
            <label key={value} className="checkbox">
              <input
                {...getInputProps(fields.contactVisibility, { type: "radio", value })}
                key={`${fields.contactVisibility.key}-${value}`}
              />
              {t(`profile.visibility.${value}`)}
            </label>
          ))}
          {error(fields.contactVisibility)}
        </fieldset>
        <button type="submit" className="button">
          {t("profile.save")}
        </button>
      </Form>
    </div>
  );
}
