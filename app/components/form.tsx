import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";

/** A labelled input whose errors (i18n keys) are announced and tied to it for screen readers. */
export function TextField({
  field,
  label,
  type = "text",
  autoComplete,
  hint,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const hintId = `${field.id}-hint`;
  const errors = field.errors ?? [];
  // Conform puts the error id first in aria-describedby while the field is invalid; naming it
  // here too would make screen readers read the message twice.
  const { key, ...inputProps } = getInputProps(field, {
    type,
    ariaDescribedBy: hint ? hintId : undefined,
  });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input key={key} {...inputProps} autoComplete={autoComplete} />
      {errors.length ? (
        <p id={field.errorId} className="field__error">
          {errors.map((e) => t(e as never)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** Errors that belong to the whole form (wrong password, rate limit), announced politely. */
export function FormError({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  return (
    <div id={id} role="alert" className={errors?.length ? "form-error" : undefined}>
      {errors?.map((e) => (
        <p key={e}>{t(e as never)}</p>
      ))}
    </div>
  );
}
