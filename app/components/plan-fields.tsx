import { useTranslation } from "react-i18next";
import { initiativeStatuses, targetGroups } from "../lib/plan";

export type FieldErrors = Record<string, string[]>;

/** A field's error messages (i18n keys), with the id its control points at. */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <p id={id} className="field__error">
      {errors.map((e) => t(e as never)).join(" ")}
    </p>
  );
}

/** aria attributes tying a control to its error message while it has one. */
export function invalid(id: string, errors?: string[]) {
  return errors?.length ? { "aria-invalid": true, "aria-describedby": id } : {};
}

export interface InitiativeFieldValues {
  planId?: string;
  title?: string;
  description?: string;
  targetGroup?: string;
  ownerOrganisationId?: string;
  partnerOrganisationIds?: string[];
  fundingContext?: string;
  startDate?: string;
  endDate?: string;
  status?: string;
}

/** The fields of an initiative, shared by the create and edit forms. */
export function InitiativeFields({
  values,
  errors,
  plans,
  organisations,
}: {
  values: InitiativeFieldValues;
  errors: FieldErrors;
  plans: { id: string; title: string }[];
  organisations: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const id = (name: string) => `initiative-${name}`;
  const err = (name: string) => <FieldError id={`${id(name)}-error`} errors={errors[name]} />;
  const aria = (name: string) => invalid(`${id(name)}-error`, errors[name]);
  const select = (
    name: keyof InitiativeFieldValues,
    label: string,
    options: { value: string; label: string }[],
  ) => (
    <div className="field">
      <label htmlFor={id(name)}>{label}</label>
      <select
        id={id(name)}
        name={name}
        required
        defaultValue={(values[name] as string | undefined) ?? ""}
        {...aria(name)}
      >
        <option value="" disabled>
          –
        </option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {err(name)}
    </div>
  );
  const input = (
    name: keyof InitiativeFieldValues,
    label: string,
    type = "text",
    hint?: string,
  ) => (
    <div className="field">
      <label htmlFor={id(name)}>{label}</label>
      {hint ? (
        <p id={`${id(name)}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id(name)}
        name={name}
        type={type}
        required={type === "date" || name === "title"}
        defaultValue={(values[name] as string | undefined) ?? ""}
        aria-invalid={errors[name]?.length ? true : undefined}
        aria-describedby={
          [errors[name]?.length ? `${id(name)}-error` : "", hint ? `${id(name)}-hint` : ""]
            .filter(Boolean)
            .join(" ") || undefined
        }
      />
      {err(name)}
    </div>
  );
  const partners = new Set(values.partnerOrganisationIds ?? []);
  return (
    <>
      {select(
        "planId",
        t("plan.initiative.planLabel"),
        plans.map((p) => ({ value: p.id, label: p.title })),
      )}
      {input("title", t("plan.form.titleLabel"))}
      <div className="field">
        <label htmlFor={id("description")}>{t("plan.initiative.description")}</label>
        <textarea
          id={id("description")}
          name="description"
          rows={5}
          defaultValue={values.description ?? ""}
          {...aria("description")}
        />
        {err("description")}
      </div>
      {select(
        "targetGroup",
        t("plan.targetGroup.label"),
        targetGroups.map((g) => ({ value: g, label: t(`plan.targetGroup.${g}`) })),
      )}
      {select(
        "ownerOrganisationId",
        t("plan.initiative.owner"),
        organisations.map((o) => ({ value: o.id, label: o.name })),
      )}
      <fieldset className="field" aria-describedby={`${id("partners")}-hint`}>
        <legend>{t("plan.initiative.partners")}</legend>
        <p id={`${id("partners")}-hint`} className="field__hint">
          {t("plan.form.partnersHint")}
        </p>
        <div className="checkbox-grid">
          {organisations.map((o) => (
            <label key={o.id} className="checkbox">
              <input
                type="checkbox"
                name="partnerOrganisationIds"
                value={o.id}
                defaultChecked={partners.has(o.id)}
              />
              {o.name}
            </label>
          ))}
        </div>
        <FieldError
          id={`${id("partnerOrganisationIds")}-error`}
          errors={errors.partnerOrganisationIds}
        />
      </fieldset>
      {input("fundingContext", t("plan.initiative.funding"), "text", t("plan.form.fundingHint"))}
      {input("startDate", t("plan.initiative.start"), "date")}
      {input("endDate", t("plan.initiative.end"), "date")}
      {select(
        "status",
        t("plan.status.label"),
        initiativeStatuses.map((s) => ({ value: s, label: t(`plan.status.${s}`) })),
      )}
    </>
  );
}
