import { getHub, refusalStatus, requireSpace } from "../auth/guard.server";
import { fileResponse } from "../lib/file-response.server";
import { getInstance } from "../middleware/i18next";
import { getVersion } from "../models/document.server";
import type { Route } from "./+types/document-file";

const PREVIEWABLE = new Set([
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
]);

/**
 * Downloads and previews of one version. Authorised per request; a version of a document in
 * another space, in the trash, or that is not previewable answers 404 in plain text.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const t = getInstance(context).t;
  const notFound = (status = 404) =>
    new Response(status === 403 ? t("errors.forbidden") : t("errors.notFound"), {
      status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const access = await requireSpace(context, request, {
    slug: params.slug,
    action: "document.read",
  }).catch((error: unknown) => {
    const status = refusalStatus(error);
    if (status === null) throw error;
    return notFound(status);
  });
  if (access instanceof Response) return access;
  const { db, config } = getHub(context);
  const version = await getVersion(db, {
    spaceId: access.space.id,
    documentId: params.documentId,
    versionId: params.versionId,
  });
  const mode =
    params.mode === "preview" ? "preview" : params.mode === "download" ? "download" : null;
  if (!version || !mode || (mode === "preview" && !PREVIEWABLE.has(version.mimeType)))
    return notFound();
  return fileResponse(config.filesPath, version, mode);
}
