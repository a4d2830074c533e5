import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { getHub, requireSpace } from "../auth/guard.server";
import { can } from "../auth/permissions.server";
import { DocumentFields } from "../components/document-fields";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { FileField, UploadForm } from "../components/upload-form";
import { formatDate, formatDateTime } from "../lib/dates";
import { receiveDocumentUpload } from "../lib/document-upload.server";
import { formatBytes } from "../lib/format";
import { fieldErrorsOf, readFormData } from "../lib/form.server";
import { getInstance, getLocale } from "../middleware/i18next";
import { recordAudit } from "../models/audit.server";
import {
  addVersion,
  getDocument,
  getFolder,
  isBlobInUse,
  listFolders,
  listVersions,
  moveToTrash,
  restoreVersion,
  updateDocumentMetadata,
} from "../models/document.server";
import { listOrganisationOptions } from "../models/organisation.server";
import { documentActionSchema } from "../schemas/document";
import { isPreviewable } from "../lib/previewable";
import type { Route } from "./+types/space-document";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "document.read",
  });
  const { db } = getHub(context);
  const document = await getDocument(db, { spaceId: space.id, documentId: params.documentId });
  if (!document) throw data({ error: "notFound" }, { status: 404 });
  const isAuthor = document.createdById === user.id;
  return {
    space: { slug: space.slug, name: space.name },
    document,
    versions: await listVersions(db, { spaceId: space.id, documentId: document.id }),
    folders: await listFolders(db, { spaceId: space.id }),
    organisations: await listOrganisationOptions(db),
    canUpload: can(user, "document.upload", { spaceRole: role }),
    maxUploadBytes: getHub(context).config.uploadMaxBytes,
    canEdit: can(user, "document.edit", { spaceRole: role, isAuthor }),
    canDelete: can(user, "document.delete", { spaceRole: role, isAuthor }),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "document.read",
  });
  const { db, config, documentJobs } = getHub(context);
  const t = getInstance(context).t;
  const document = await getDocument(db, { spaceId: space.id, documentId: params.documentId });
  if (!document) throw data({ error: "notFound" }, { status: 404 });
  const isAuthor = document.createdById === user.id;
  const allow = (action: "document.upload" | "document.edit" | "document.delete") => {
    if (!can(user, action, { spaceRole: role, isAuthor })) {
      throw data({ error: "forbidden" }, { status: 403 });
    }
  };
  const base = `/spaces/${space.slug}/documents`;
  const audit = (action: string, details: Record<string, unknown> = {}) =>
    recordAudit(db, {
      actorId: user.id,
      action,
      subjectType: "document",
      subjectId: document.id,
      spaceId: space.id,
      details: { title: document.title, ...details },
    });

  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    allow("document.upload");
    const outcome = await receiveDocumentUpload(request, {
      db,
      spaceId: space.id,
      filesDir: config.filesPath,
      maxBytes: config.uploadMaxBytes,
      t,
      locale: getLocale(context),
      withMetadata: false,
      isBlobInUse: (hash) => isBlobInUse(db, { hash }),
    });
    if (!outcome.ok) {
      return data(
        { error: outcome.error, fieldErrors: outcome.fieldErrors },
        { status: outcome.status },
      );
    }
    const added = await addVersion(db, {
      spaceId: space.id,
      documentId: document.id,
      userId: user.id,
      file: outcome.file,
      note: outcome.note,
    });
    if (!added) throw data({ error: "notFound" }, { status: 404 });
    await audit("document.version_added", { version: added.versionNo });
    documentJobs.enqueueExtraction(added.versionId);
    return redirect(`${base}/${document.id}`);
  }

  const parsed = documentActionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) {
    return data(
      { error: t("validation.formInvalid"), fieldErrors: fieldErrorsOf(parsed.error) },
      { status: 400 },
    );
  }
  const input = parsed.data;
  switch (input.intent) {
    case "edit": {
      allow("document.edit");
      const { intent: _intent, ...metadata } = input;
      if (
        metadata.folderId &&
        !(await getFolder(db, { spaceId: space.id, folderId: metadata.folderId }))
      ) {
        return data(
          {
            error: t("validation.formInvalid"),
            fieldErrors: { folderId: ["validation.formInvalid"] },
          },
          { status: 400 },
        );
      }
      if (
        metadata.originOrganisationId &&
        !(await listOrganisationOptions(db)).some((o) => o.id === metadata.originOrganisationId)
      ) {
        return data(
          {
            error: t("validation.formInvalid"),
            fieldErrors: { originOrganisationId: ["validation.organisation"] },
          },
          { status: 400 },
        );
      }
      await updateDocumentMetadata(db, { spaceId: space.id, documentId: document.id, metadata });
      await audit("document.updated");
      return redirect(`${base}/${document.id}`);
    }
    case "restoreVersion": {
      allow("document.upload");
      const restored = await restoreVersion(db, {
        spaceId: space.id,
        documentId: document.id,
        versionId: input.versionId,
        userId: user.id,
        note: t("documents.restoredNote"),
      });
      if (!restored) throw data({ error: "notFound" }, { status: 404 });
      await audit("document.version_restored", { version: restored.versionNo });
      return redirect(`${base}/${document.id}`);
    }
    case "trash": {
      allow("document.delete");
      await moveToTrash(db, { spaceId: space.id, documentId: document.id, userId: user.id });
      await audit("document.trashed");
      return redirect(base);
    }
  }
}

export default function SpaceDocument({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { space, document, versions, folders, organisations, canUpload, canEdit, canDelete } =
    loaderData;
  const base = `/spaces/${space.slug}/documents/${document.id}`;
  const current = versions[0];
  return (
    <div className="page">
      <PageTitle title={`${document.title} · ${space.name}`} />
      <p className="eyebrow">
        <Link to={`/spaces/${space.slug}/documents`}>{space.name}</Link>
        {document.folderName ? ` · ${document.folderName}` : null}
      </p>
      <h1>{document.title}</h1>
      <SpaceNav slug={space.slug} name={space.name} />
      {actionData?.error ? (
        <p role="alert" className="form-error">
          {actionData.error}
        </p>
      ) : null}
      {document.description ? <p className="bio">{document.description}</p> : null}
      <dl className="meta-list">
        {document.documentDate ? (
          <>
            <dt>{t("documents.fields.date")}</dt>
            <dd>{formatDate(document.documentDate, i18n.language)}</dd>
          </>
        ) : null}
        {document.originOrganisationName ? (
          <>
            <dt>{t("documents.fields.origin")}</dt>
            <dd>{document.originOrganisationName}</dd>
          </>
        ) : null}
        {document.f2CaseNumber ? (
          <>
            <dt>{t("documents.fields.f2Case")}</dt>
            <dd>{document.f2CaseNumber}</dd>
          </>
        ) : null}
        {document.f2DocumentNumber ? (
          <>
            <dt>{t("documents.fields.f2Document")}</dt>
            <dd>{document.f2DocumentNumber}</dd>
          </>
        ) : null}
        {document.edocCaseNumber ? (
          <>
            <dt>{t("documents.fields.edocCase")}</dt>
            <dd>{document.edocCaseNumber}</dd>
          </>
        ) : null}
        {document.tags.length ? (
          <>
            <dt>{t("documents.fields.tags")}</dt>
            <dd>{document.tags.join(", ")}</dd>
          </>
        ) : null}
      </dl>
      {current ? (
        <p className="row-form">
          <a className="button" href={`${base}/versions/${current.id}/download`}>
            {t("documents.download", { name: current.originalName })}
          </a>
          {isPreviewable(current.mimeType) ? (
            <a
              className="button secondary"
              href={`${base}/versions/${current.id}/preview`}
              target="_blank"
              rel="noopener"
            >
              {t("documents.preview")}
            </a>
          ) : null}
        </p>
      ) : null}

      <h2 id="versions-heading">{t("documents.versions")}</h2>
      <div className="table-scroll" role="region" aria-labelledby="versions-heading" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("documents.version")}</th>
              <th scope="col">{t("documents.file")}</th>
              <th scope="col">{t("documents.uploadedBy")}</th>
              <th scope="col">{t("documents.versionNote")}</th>
              <th scope="col">{t("members.manage")}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v, index) => (
              <tr key={v.id}>
                <td>{v.versionNo}</td>
                <td>
                  <a href={`${base}/versions/${v.id}/download`}>{v.originalName}</a> (
                  {formatBytes(v.size, i18n.language)})
                </td>
                <td>
                  {v.uploaderName}, {formatDateTime(v.createdAt, i18n.language)}
                </td>
                <td>{v.note}</td>
                <td>
                  {canUpload && index > 0 ? (
                    <Form method="post" className="row-form">
                      <input type="hidden" name="intent" value="restoreVersion" />
                      <input type="hidden" name="versionId" value={v.id} />
                      <button type="submit" className="button small secondary">
                        {t("documents.restore", { n: v.versionNo })}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {canUpload ? (
        <section aria-labelledby="new-version-heading" className="card">
          <h2 id="new-version-heading">{t("documents.newVersion")}</h2>
          <UploadForm action={base}>
            <FileField id="version-file" maxBytes={loaderData.maxUploadBytes} />
            <div className="field">
              <label htmlFor="version-note">{t("documents.versionNote")}</label>
              <input id="version-note" name="note" maxLength={500} />
            </div>
            <button type="submit" className="button">
              {t("documents.upload.submitVersion")}
            </button>
          </UploadForm>
        </section>
      ) : null}

      {canEdit ? (
        <details className="card">
          <summary>{t("documents.editDetails")}</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="edit" />
            <DocumentFields
              idPrefix="edit"
              values={document}
              folders={folders}
              organisations={organisations}
              errors={actionData?.fieldErrors}
            />
            <button type="submit" className="button">
              {t("documents.saveDetails")}
            </button>
          </Form>
        </details>
      ) : null}

      {canDelete ? (
        <Form method="post" className="row-form">
          <input type="hidden" name="intent" value="trash" />
          <button type="submit" className="button secondary">
            {t("documents.moveToTrash")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
