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
  linkDocumentToThread,
  listDocumentUses,
  listFolders,
  listVersions,
  moveToTrash,
  restoreVersion,
  unlinkDocumentFromThread,
  updateDocumentMetadata,
  type DocumentUses,
} from "../models/document.server";
import { getThread, listThreadOptions } from "../models/thread.server";
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
  const canLink = can(user, "document.link", { spaceRole: role });
  const uses = await listDocumentUses(db, {
    spaceId: space.id,
    documentId: document.id,
    viewerId: user.id,
    canReadDrafts: can(user, "meeting.readDrafts", { spaceRole: role }),
  });
  const linkedThreads = new Set(uses.threads.map((th) => th.id));
  return {
    space: { slug: space.slug, name: space.name },
    document,
    uses,
    canLink,
    threadOptions: canLink
      ? (await listThreadOptions(db, { spaceId: space.id })).filter(
          (th) => !linkedThreads.has(th.id),
        )
      : [],
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
  const allow = (
    action: "document.upload" | "document.edit" | "document.delete" | "document.link",
  ) => {
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
    case "linkThread":
    case "unlinkThread": {
      allow("document.link");
      // A thread of another space is refused like an unknown one: nothing tells them apart.
      const notInSpace = () =>
        data(
          {
            error: t("documents.uses.threadNotInSpace"),
            fieldErrors: { threadId: ["documents.uses.threadNotInSpace"] },
          },
          { status: 400 },
        );
      const thread = await getThread(db, { spaceId: space.id, threadId: input.threadId });
      if (!thread) return notInSpace();
      const scope = { spaceId: space.id, documentId: document.id, threadId: thread.id };
      if (input.intent === "linkThread") {
        if (!(await linkDocumentToThread(db, scope))) return notInSpace();
      } else {
        await unlinkDocumentFromThread(db, scope);
      }
      await audit(input.intent === "linkThread" ? "document.linked" : "document.unlinked", {
        threadId: thread.id,
        threadTitle: thread.title,
      });
      return redirect(`${base}/${document.id}`);
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

      <DocumentUsesSection
        slug={space.slug}
        uses={loaderData.uses}
        canLink={loaderData.canLink}
        threadOptions={loaderData.threadOptions}
        fieldErrors={actionData?.fieldErrors}
      />

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

/** Where the document is used, as far as the viewer may see; writers link it to threads here. */
function DocumentUsesSection({
  slug,
  uses,
  canLink,
  threadOptions,
  fieldErrors,
}: {
  slug: string;
  uses: DocumentUses;
  canLink: boolean;
  threadOptions: { id: string; title: string }[];
  fieldErrors?: Record<string, string[]>;
}) {
  const { t, i18n } = useTranslation();
  const spaceBase = `/spaces/${slug}`;
  const empty =
    uses.agendaItems.length +
      uses.initiatives.length +
      uses.consultations.length +
      uses.threads.length ===
    0;
  const threadError = fieldErrors?.threadId?.length
    ? fieldErrors.threadId.map((e) => t(e as never)).join(" ")
    : null;
  return (
    <section aria-labelledby="uses-heading">
      <h2 id="uses-heading">{t("documents.uses.title")}</h2>
      {empty ? <p className="muted">{t("documents.uses.none")}</p> : null}
      {uses.agendaItems.length ? (
        <>
          <h3>{t("documents.uses.agendaItems")}</h3>
          <ul>
            {uses.agendaItems.map((item) => (
              <li key={item.id}>
                <Link to={`${spaceBase}/meetings/${item.meetingId}#item-${item.id}`}>
                  {t("documents.uses.agendaItem", {
                    meeting: item.meetingTitle,
                    date: formatDate(item.startsAt, i18n.language),
                    item: item.title,
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {uses.initiatives.length ? (
        <>
          <h3>{t("documents.uses.initiatives")}</h3>
          <ul>
            {uses.initiatives.map((initiative) => (
              <li key={initiative.id}>
                <Link to={`/plan/${initiative.id}`}>{initiative.title}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {uses.consultations.length ? (
        <>
          <h3>{t("documents.uses.consultations")}</h3>
          <ul>
            {uses.consultations.map((consultation) => (
              <li key={consultation.id}>
                <Link to={`${spaceBase}/consultations/${consultation.id}`}>
                  {consultation.title}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {uses.threads.length ? (
        <>
          <h3>{t("documents.uses.threads")}</h3>
          <ul>
            {uses.threads.map((thread) => (
              <li key={thread.id} className="row-form">
                <Link to={`${spaceBase}/threads/${thread.id}`}>{thread.title}</Link>
                {canLink ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="unlinkThread" />
                    <input type="hidden" name="threadId" value={thread.id} />
                    <button
                      type="submit"
                      className="button small secondary"
                      aria-label={t("documents.uses.unlinkThread", { title: thread.title })}
                    >
                      {t("documents.uses.unlink")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canLink ? (
        threadOptions.length ? (
          <Form method="post" className="row-form">
            <input type="hidden" name="intent" value="linkThread" />
            <div className="field">
              <label htmlFor="link-threadId">{t("documents.uses.linkThread")}</label>
              <select
                id="link-threadId"
                name="threadId"
                required
                defaultValue=""
                {...(threadError
                  ? { "aria-invalid": true, "aria-describedby": "link-threadId-error" }
                  : {})}
              >
                <option value="" disabled>
                  {t("documents.uses.chooseThread")}
                </option>
                {threadOptions.map((thread) => (
                  <option key={thread.id} value={thread.id}>
                    {thread.title}
                  </option>
                ))}
              </select>
              {threadError ? (
                <p id="link-threadId-error" className="field__error">
                  {threadError}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button small">
              {t("documents.uses.link")}
            </button>
          </Form>
        ) : (
          <p className="muted">{t("documents.uses.noThreads")}</p>
        )
      ) : null}
    </section>
  );
}
