import { useTranslation } from "react-i18next";

export interface DocumentFieldValues {
  title?: string;
  description?: string;
  folderId?: string | null;
  documentDate?: string | null;
  originOrganisationId?: string | null;
  f2CaseNumber?: string | null;
  f2DocumentNumber?: string | null;
  edocCaseNumber?: string | null;
  tags?: string[];
}

/** The descriptive fields shared by the upload form and the edit form. */
export function DocumentFields({
  idPrefix,
  values = {},
  folders,
  organisations,
  errors = {},
}: {
  idPrefix: string;
  values?: DocumentFieldValues;
  folders: { id: string; name: string }[];
  organisations: { id: string; name: string }[];
  errors?: Record<string, string[]>;
}) {
  const { t } = useTranslation();
  const id = (name: string) => `${idPrefix}-${name}`;
  const error = (name: string) =>
    errors[name]?.length ? (
      <p id={`${id(name)}-error`} className="field__error">
        {errors[name]!.map((e) => t(e as never)).join(" ")}
      </p>
    ) : null;
  const described = (name: string) =>
    errors[name]?.length ? { "aria-invalid": true, "aria-describedby": `${id(name)}-error` } : {};
  const text = (name: keyof DocumentFieldValues, label: string, required = false) => (
    <div className="field">
      <label htmlFor={id(name)}>{label}</label>
      <input
        id={id(name)}
        name={name}
        defaultValue={(values[name] as string | null | undefined) ?? ""}
        required={required}
        {...described(name)}
      />
      {error(name)}
    </div>
  );
  return (
    <>
      {text("title", t("documents.fields.title"), true)}
      <div className="field">
        <label htmlFor={id("description")}>{t("documents.fields.description")}</label>
        <textarea
          id={id("description")}
          name="description"
          rows={3}
          defaultValue={values.description ?? ""}
          {...described("description")}
        />
        {error("description")}
      </div>
      <div className="field">
        <label htmlFor={id("folderId")}>{t("documents.fields.folder")}</label>
        <select id={id("folderId")} name="folderId" defaultValue={values.folderId ?? ""}>
          <option value="">{t("documents.noFolder")}</option>
          {folders.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
        {error("folderId")}
      </div>
      <div className="field">
        <label htmlFor={id("documentDate")}>{t("documents.fields.date")}</label>
        <input
          id={id("documentDate")}
          name="documentDate"
          type="date"
          defaultValue={values.documentDate ?? ""}
          {...described("documentDate")}
        />
        {error("documentDate")}
      </div>
      <div className="field">
        <label htmlFor={id("originOrganisationId")}>{t("documents.fields.origin")}</label>
        <select
          id={id("originOrganisationId")}
          name="originOrganisationId"
          defaultValue={values.originOrganisationId ?? ""}
        >
          <option value="">{t("documents.noOrigin")}</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        {error("originOrganisationId")}
      </div>
      {text("f2CaseNumber", t("documents.fields.f2Case"))}
      {text("f2DocumentNumber", t("documents.fields.f2Document"))}
      {text("edocCaseNumber", t("documents.fields.edocCase"))}
      <div className="field">
        <label htmlFor={id("tags")}>{t("documents.fields.tags")}</label>
        <p id={`${id("tags")}-hint`} className="field__hint">
          {t("documents.fields.tagsHint")}
        </p>
        <input
          id={id("tags")}
          name="tags"
          defaultValue={(values.tags ?? []).join(", ")}
          aria-describedby={`${id("tags")}-hint`}
        />
        {error("tags")}
      </div>
    </>
  );
}
