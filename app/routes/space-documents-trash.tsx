import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { getHub, requireSpace } from "../auth/guard.server";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { formatDateTime } from "../lib/dates";
import { readFormData } from "../lib/form.server";
import { getInstance } from "../middleware/i18next";
import { recordAudit } from "../models/audit.server";
import { listDocuments, restoreFromTrash, TRASH_DAYS } from "../models/document.server";
import type { Route } from "./+types/space-documents-trash";

const restoreSchema = z.object({ documentId: z.uuid() });

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { space } = await requireSpace(context, request, {
    slug: params.slug,
    action: "document.trash",
  });
  return {
    space: { slug: space.slug, name: space.name },
    documents: await listDocuments(getHub(context).db, { spaceId: space.id, trash: true }),
    days: TRASH_DAYS,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, space } = await requireSpace(context, request, {
    slug: params.slug,
    action: "document.trash",
  });
  const { db } = getHub(context);
  const parsed = restoreSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) {
    return data({ error: getInstance(context).t("validation.formInvalid") }, { status: 400 });
  }
  if (!(await restoreFromTrash(db, { spaceId: space.id, documentId: parsed.data.documentId }))) {
    throw data({ error: "notFound" }, { status: 404 });
  }
  await recordAudit(db, {
    actorId: user.id,
    action: "document.restored",
    subjectType: "document",
    subjectId: parsed.data.documentId,
    spaceId: space.id,
  });
  return redirect(`/spaces/${space.slug}/documents/${parsed.data.documentId}`);
}

export default function Trash({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { space, documents, days } = loaderData;
  return (
    <div className="page">
      <PageTitle title={`${t("documents.trash")} · ${space.name}`} />
      <p className="eyebrow">
        <Link to={`/spaces/${space.slug}/documents`}>{space.name}</Link>
      </p>
      <h1>{t("documents.trash")}</h1>
      <SpaceNav slug={space.slug} name={space.name} />
      <p>{t("documents.trashIntro", { days })}</p>
      {actionData?.error ? (
        <p role="alert" className="form-error">
          {actionData.error}
        </p>
      ) : null}
      {documents.length === 0 ? <p>{t("documents.trashEmpty")}</p> : null}
      <ul className="plain-list">
        {documents.map((d) => (
          <li key={d.id}>
            <span>
              {d.title} ·{" "}
              {t("documents.deletedBy", {
                name: d.deletedByName ?? "",
                when: formatDateTime(d.deletedAt!, i18n.language),
              })}
            </span>
            <Form method="post" className="row-form">
              <input type="hidden" name="documentId" value={d.id} />
              <button type="submit" className="button small secondary">
                {t("documents.restoreFromTrash")}
                <span className="visually-hidden"> {d.title}</span>
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}
