import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type FieldErrors = Record<string, string[]> | undefined;

/**
 * A labelled form control for the meeting pages, with its hint and its errors (i18n keys) tied
 * to it for screen readers. Plain HTML: the forms work without JavaScript.
 */
export function Field({
  id,
  name,
  label,
  hint,
  errors,
  type = "text",
  defaultValue,
  required,
  multiline,
  children,
  min,
  max,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  errors?: FieldErrors;
  type?: string;
  defaultValue?: string;
  required?: boolean;
  multiline?: boolean;
  /** `<option>`s: the control is a `<select>`. */
  children?: ReactNode;
  min?: number;
  max?: number;
}) {
  const { t } = useTranslation();
  const messages = errors?.[name] ?? [];
  const describedBy =
    [hint ? `${id}-hint` : null, messages.length ? `${id}-error` : null]
      .filter(Boolean)
      .join(" ") || undefined;
  const common = {
    id,
    name,
    required,
    defaultValue,
    "aria-invalid": messages.length ? true : undefined,
    "aria-describedby": describedBy,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children ? (
        <select {...common}>{children}</select>
      ) : multiline ? (
        <textarea {...common} rows={4} />
      ) : (
        <input {...common} type={type} min={min} max={max} />
      )}
      {messages.length ? (
        <p id={`${id}-error`} className="field__error">
          {messages.map((m) => t(m as never)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** The fields of a meeting (title, start, end, place, link, description). */
export function MeetingFields({
  idPrefix,
  values = {},
  errors,
}: {
  idPrefix: string;
  values?: Record<string, string | undefined>;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        id={`${idPrefix}-title`}
        name="title"
        label={t("meetings.fields.title")}
        defaultValue={values.title}
        errors={errors}
        required
      />
      <Field
        id={`${idPrefix}-startsAt`}
        name="startsAt"
        type="datetime-local"
        label={t("meetings.fields.startsAt")}
        hint={t("meetings.fields.timeHint")}
        defaultValue={values.startsAt}
        errors={errors}
        required
      />
      <Field
        id={`${idPrefix}-endsAt`}
        name="endsAt"
        type="datetime-local"
        label={t("meetings.fields.endsAt")}
        defaultValue={values.endsAt}
        errors={errors}
        required
      />
      <Field
        id={`${idPrefix}-place`}
        name="place"
        label={t("meetings.fields.place")}
        defaultValue={values.place}
        errors={errors}
      />
      <Field
        id={`${idPrefix}-onlineUrl`}
        name="onlineUrl"
        type="url"
        label={t("meetings.fields.onlineUrl")}
        hint={t("meetings.fields.onlineUrlHint")}
        defaultValue={values.onlineUrl}
        errors={errors}
      />
      <Field
        id={`${idPrefix}-description`}
        name="description"
        label={t("meetings.fields.description")}
        defaultValue={values.description}
        errors={errors}
        multiline
      />
    </>
  );
}

/** A notice after a successful action, or an alert after a refused one. */
export function Outcome({ notice, error }: { notice?: string | null; error?: string | null }) {
  return (
    <>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="notice">
          {notice}
        </p>
      ) : null}
    </>
  );
}
