import { getHub, plainRefusal, requireSpaceForDownload } from "../auth/guard.server";
import { fileResponse } from "../lib/file-response.server";
import { getInstance } from "../middleware/i18next";
import { getVersion } from "../models/document.server";
import { isPreviewable } from "../lib/previewable";
import type { Route } from "./+types/document-file";

/**
 * Downloads and previews of one version. Authorised per request; a version of a document in
 * another space, in the trash, or that is not previewable answers 404 in plain text.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const t = getInstance(context).t;
  const access = await requireSpaceForDownload(
    context,
    request,
    { slug: params.slug, action: "document.read" },
    t,
  );
  if (access instanceof Response) return access;
  const { db, config } = getHub(context);
  const version = await getVersion(db, {
    spaceId: access.space.id,
    documentId: params.documentId,
    versionId: params.versionId,
  });
  const mode =
    params.mode === "preview" ? "preview" : params.mode === "download" ? "download" : null;
  if (!version || !mode || (mode === "preview" && !isPreviewable(version.mimeType)))
    return plainRefusal(404, t);
  return fileResponse(config.filesPath, version, mode);
}
