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
import { readFormData } from "../lib/form.server";
import { getInstance, getLocale } from "../middleware/i18next";
import { recordAudit } from "../models/audit.server";
import {
  createDocument,
  createFolder,
  isBlobInUse,
  listDocuments,
  listFolders,
} from "../models/document.server";
import { listOrganisationOptions } from "../models/organisation.server";
import { folderSchema } from "../schemas/document";
import type { Route } from "./+types/space-documents";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "document.read",
  });
  const { db } = getHub(context);
  const folderParam = new URL(request.url).searchParams.get("folder");
  const folders = await listFolders(db, { spaceId: space.id });
  const folder = folders.find((f) => f.id === folderParam) ?? null;
  return {
    space: { slug: space.slug, name: space.name },
    folders,
    folder,
    documents: await listDocuments(db, {
      spaceId: space.id,
      folderId: folder ? folder.id : undefined,
    }),
    organisations: await listOrganisationOptions(db),
    canUpload: can(user, "document.upload", { spaceRole: role }),
    maxUploadBytes: getHub(context).config.uploadMaxBytes,
    canSeeTrash: can(user, "document.trash", { spaceRole: role }),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, space } = await requireSpace(context, request, {
    slug: params.slug,
    action: "document.upload",
  });
  const { db, config, documentJobs } = getHub(context);
  const t = getInstance(context).t;
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) {
    const parsed = folderSchema.safeParse(Object.fromEntries(await readFormData(request)));
    if (!parsed.success) {
      return data({ error: t("validation.formInvalid"), fieldErrors: {} }, { status: 400 });
    }
    const folderId = await createFolder(db, { spaceId: space.id, name: parsed.data.name });
    return redirect(`/spaces/${space.slug}/documents?folder=${folderId}`);
  }
  const outcome = await receiveDocumentUpload(request, {
    db,
    spaceId: space.id,
    filesDir: config.filesPath,
    maxBytes: config.uploadMaxBytes,
    t,
    locale: getLocale(context),
    withMetadata: true,
    isBlobInUse: (hash) => isBlobInUse(db, { hash }),
  });
  if (!outcome.ok) {
    return data(
      { error: outcome.error, fieldErrors: outcome.fieldErrors },
      { status: outcome.status },
    );
  }
  const { documentId, versionId } = await createDocument(db, {
    spaceId: space.id,
    userId: user.id,
    metadata: outcome.metadata!,
    file: outcome.file,
    note: outcome.note,
  });
  await recordAudit(db, {
    actorId: user.id,
    action: "document.created",
    subjectType: "document",
    subjectId: documentId,
    spaceId: space.id,
    details: { title: outcome.metadata!.title },
  });
  documentJobs.enqueueExtraction(versionId);
  return redirect(`/spaces/${space.slug}/documents/${documentId}`);
}

export default function SpaceDocuments({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { space, folders, folder, documents, organisations, canUpload, canSeeTrash } = loaderData;
  const base = `/spaces/${space.slug}/documents`;
  return (
    <div className="page">
      <PageTitle title={`${t("documents.title")} · ${space.name}`} />
      <p className="eyebrow">{space.name}</p>
      <h1>{folder ? folder.name : t("documents.title")}</h1>
      <SpaceNav slug={space.slug} name={space.name} />
      <nav aria-label={t("documents.folders")} className="folder-nav">
        <ul>
          <li>
            <Link to={base} aria-current={folder ? undefined : "page"}>
              {t("documents.allDocuments")}
            </Link>
          </li>
          {folders.map((f) => (
            <li key={f.id}>
              <Link
                to={`${base}?folder=${f.id}`}
                aria-current={folder?.id === f.id ? "page" : undefined}
              >
                {f.name}
              </Link>
            </li>
          ))}
          {canSeeTrash ? (
            <li>
              <Link to={`${base}/trash`}>{t("documents.trash")}</Link>
            </li>
          ) : null}
        </ul>
      </nav>
      {actionData?.error ? (
        <p role="alert" className="form-error">
          {actionData.error}
        </p>
      ) : null}
      {documents.length === 0 ? (
        <p>{t("documents.none")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t("documents.title")} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("documents.fields.title")}</th>
                <th scope="col">{t("documents.fields.date")}</th>
                <th scope="col">{t("documents.fields.f2Case")}</th>
                <th scope="col">{t("documents.file")}</th>
                <th scope="col">{t("documents.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`${base}/${d.id}`}>{d.title}</Link>
                    {d.sharedTitle ? (
                      <div className="muted">{t("documents.sharedTitle")}</div>
                    ) : null}
                    {!folder && d.folderName ? <div className="muted">{d.folderName}</div> : null}
                  </td>
                  <td>{d.documentDate ? formatDate(d.documentDate, i18n.language) : ""}</td>
                  <td>{d.f2CaseNumber ?? ""}</td>
                  <td>
                    {d.originalName} ({formatBytes(d.size ?? 0, i18n.language)}) ·{" "}
                    {t("documents.versionShort", { n: d.versionNo })}
                  </td>
                  <td>{formatDateTime(d.updatedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canUpload ? (
        <>
          <section aria-labelledby="upload-heading" className="card">
            <h2 id="upload-heading">{t("documents.upload.title")}</h2>
            <p className="notice">{t("notice.noCitizenData")}</p>
            <UploadForm action={base}>
              <FileField id="upload-file" maxBytes={loaderData.maxUploadBytes} />
              <DocumentFields
                idPrefix="new"
                folders={folders}
                organisations={organisations}
                values={{ folderId: folder?.id ?? null }}
                errors={actionData?.fieldErrors}
              />
              <div className="field">
                <label htmlFor="new-note">{t("documents.versionNote")}</label>
                <input id="new-note" name="note" />
              </div>
              <button type="submit" className="button">
                {t("documents.upload.submit")}
              </button>
            </UploadForm>
          </section>
          <section aria-labelledby="folder-heading" className="card">
            <h2 id="folder-heading">{t("documents.newFolder")}</h2>
            <Form method="post" className="row-form">
              <input type="hidden" name="intent" value="createFolder" />
              <label htmlFor="folder-name">{t("documents.folderName")}</label>
              <input id="folder-name" name="name" required maxLength={100} />
              <button type="submit" className="button small">
                {t("documents.createFolder")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  );
}
