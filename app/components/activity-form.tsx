import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { formatDateTime } from "../lib/dates";
import { targetGroups } from "../schemas/activity";

export type ActivityFormValues = Partial<
  Record<
    | "title"
    | "startsAt"
    | "endsAt"
    | "place"
    | "targetGroup"
    | "organiserOrganisationId"
    | "contactName"
    | "contactDetails"
    | "description",
    string
  >
>;

export interface OverlapView {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  organiserName: string | null;
}

/**
 * The create and edit form of an activity. After an overlap warning it shows the activities it
 * collides with and a second submit button that sends `confirmOverlap`: nothing is stored until
 * the person presses it, and it works without JavaScript.
 */
export function ActivityForm({
  idPrefix,
  slug,
  intent,
  values,
  errors = {},
  overlaps = [],
  organisations,
  submitLabel,
}: {
  idPrefix: string;
  slug: string;
  intent?: string;
  values: ActivityFormValues;
  errors?: Record<string, string[]>;
  overlaps?: OverlapView[];
  organisations: { id: string; name: string }[];
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const id = (name: string) => `${idPrefix}-${name}`;
  const described = (name: string, hint?: boolean) =>
    [errors[name]?.length ? `${id(name)}-error` : null, hint ? `${id(name)}-hint` : null]
      .filter(Boolean)
      .join(" ") || undefined;
  const error = (name: string) =>
    errors[name]?.length ? (
      <p id={`${id(name)}-error`} className="field__error">
        {errors[name]!.map((e) => t(e as never)).join(" ")}
      </p>
    ) : null;
  const invalid = (name: string) => (errors[name]?.length ? true : undefined);
  const group = values.targetGroup as (typeof targetGroups)[number] | undefined;
  const hasFieldErrors = Object.keys(errors).length > 0;
  // A changed form must be checked again: the key remounts inputs with the values sent back.
  const key = JSON.stringify(values);

  return (
    <Form method="post" className="stack" key={key} noValidate>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {hasFieldErrors ? (
        <p role="alert" className="form-error">
          {t("activities.validation.fixErrors")}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={id("title")}>{t("activities.form.title")}</label>
        <input
          id={id("title")}
          name="title"
          required
          maxLength={200}
          defaultValue={values.title ?? ""}
          aria-invalid={invalid("title")}
          aria-describedby={described("title")}
        />
        {error("title")}
      </div>
      <div className="field">
        <label htmlFor={id("startsAt")}>{t("activities.form.startsAt")}</label>
        <p id={`${id("startsAt")}-hint`} className="field__hint">
          {t("activities.form.timeHint")}
        </p>
        <input
          id={id("startsAt")}
          name="startsAt"
          type="datetime-local"
          required
          defaultValue={values.startsAt ?? ""}
          aria-invalid={invalid("startsAt")}
          aria-describedby={described("startsAt", true)}
        />
        {error("startsAt")}
      </div>
      <div className="field">
        <label htmlFor={id("endsAt")}>{t("activities.form.endsAt")}</label>
        <p id={`${id("endsAt")}-hint`} className="field__hint">
          {t("activities.form.timeHint")}
        </p>
        <input
          id={id("endsAt")}
          name="endsAt"
          type="datetime-local"
          required
          defaultValue={values.endsAt ?? ""}
          aria-invalid={invalid("endsAt")}
          aria-describedby={described("endsAt", true)}
        />
        {error("endsAt")}
      </div>
      <div className="field">
        <label htmlFor={id("place")}>{t("activities.form.place")}</label>
        <input
          id={id("place")}
          name="place"
          required
          maxLength={200}
          defaultValue={values.place ?? ""}
          aria-invalid={invalid("place")}
          aria-describedby={described("place")}
        />
        {error("place")}
      </div>
      <div className="field">
        <label htmlFor={id("targetGroup")}>{t("activities.form.targetGroup")}</label>
        <select
          id={id("targetGroup")}
          name="targetGroup"
          required
          defaultValue={values.targetGroup ?? ""}
          aria-invalid={invalid("targetGroup")}
          aria-describedby={described("targetGroup")}
        >
          <option value="">{t("activities.form.chooseGroup")}</option>
          {targetGroups.map((g) => (
            <option key={g} value={g}>
              {t(`activities.groups.${g}`)}
            </option>
          ))}
        </select>
        {error("targetGroup")}
      </div>
      <div className="field">
        <label htmlFor={id("organiserOrganisationId")}>{t("activities.form.organiser")}</label>
        <select
          id={id("organiserOrganisationId")}
          name="organiserOrganisationId"
          defaultValue={values.organiserOrganisationId ?? ""}
          aria-invalid={invalid("organiserOrganisationId")}
          aria-describedby={described("organiserOrganisationId")}
        >
          <option value="">{t("activities.noOrganiser")}</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        {error("organiserOrganisationId")}
      </div>
      <fieldset className="stack">
        <legend>{t("activities.contact")}</legend>
        <p id={`${idPrefix}-contact-hint`} className="notice">
          {t("activities.form.contactHint")}
        </p>
        <div className="field">
          <label htmlFor={id("contactName")}>{t("activities.form.contactName")}</label>
          <input
            id={id("contactName")}
            name="contactName"
            maxLength={200}
            autoComplete="off"
            defaultValue={values.contactName ?? ""}
            aria-invalid={invalid("contactName")}
            aria-describedby={[described("contactName"), `${idPrefix}-contact-hint`]
              .filter(Boolean)
              .join(" ")}
          />
          {error("contactName")}
        </div>
        <div className="field">
          <label htmlFor={id("contactDetails")}>{t("activities.form.contactDetails")}</label>
          <input
            id={id("contactDetails")}
            name="contactDetails"
            maxLength={200}
            autoComplete="off"
            defaultValue={values.contactDetails ?? ""}
            aria-invalid={invalid("contactDetails")}
            aria-describedby={[described("contactDetails"), `${idPrefix}-contact-hint`]
              .filter(Boolean)
              .join(" ")}
          />
          {error("contactDetails")}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={id("description")}>{t("activities.form.description")}</label>
        <p id={`${id("description")}-hint`} className="field__hint">
          {t("activities.form.descriptionHint")}
        </p>
        <textarea
          id={id("description")}
          name="description"
          rows={5}
          defaultValue={values.description ?? ""}
          aria-invalid={invalid("description")}
          aria-describedby={described("description", true)}
        />
        {error("description")}
      </div>
      {overlaps.length ? (
        <div role="alert" className="notice overlap-warning" id={`${idPrefix}-overlap`}>
          <h3>{t("activities.overlap.title")}</h3>
          <p>
            {t("activities.overlap.intro", {
              count: overlaps.length,
              group: group ? t(`activities.groups.${group}`) : "",
            })}
          </p>
          <ul>
            {overlaps.map((o) => (
              <li key={o.id}>
                <Link to={`/spaces/${slug}/activities/${o.id}`}>{o.title}</Link>
                {" – "}
                {o.organiserName ?? t("activities.noOrganiser")},{" "}
                {formatDateTime(o.startsAt, i18n.language)}–
                {formatDateTime(o.endsAt, i18n.language)}, {o.place}
              </li>
            ))}
          </ul>
          <p>{t("activities.overlap.confirmHint")}</p>
        </div>
      ) : null}
      <div className="row-form">
        <button type="submit" className="button">
          {submitLabel}
        </button>
        {overlaps.length ? (
          <button
            type="submit"
            name="confirmOverlap"
            value="1"
            className="button secondary"
            aria-describedby={`${idPrefix}-overlap`}
          >
            {t("activities.overlap.confirm")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}
