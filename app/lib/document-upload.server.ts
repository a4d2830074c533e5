import type { TFunction } from "i18next";
import { listOrganisationOptions } from "../models/organisation.server";
import { getFolder, type DocumentMetadata } from "../models/document.server";
import { documentMetadataSchema, versionNoteSchema } from "../schemas/document";
import type { Database } from "../../db/client";
import { removeBlob } from "./blob-store.server";
import { fieldErrorsOf } from "./form.server";
import { formatBytes } from "./format";
import { receiveUpload, UploadError, type ReceivedUpload } from "./upload.server";

const STATUS: Record<UploadError["problem"], number> = {
  tooLarge: 413,
  type: 415,
  empty: 400,
  missing: 400,
  malformed: 400,
};

export type UploadOutcome =
  | {
      ok: true;
      file: { hash: string; size: number; mimeType: string; originalName: string };
      note: string;
      metadata: DocumentMetadata | null;
    }
  | { ok: false; status: number; error: string; fieldErrors: Record<string, string[]> };

/**
 * Receives an upload for a space's library and checks its fields. Every refusal is a 4xx with
 * a message in the visitor's language; a stored file that turns out unusable (bad fields) is
 * removed again unless another version already uses it.
 */
export async function receiveDocumentUpload(
  request: Request,
  opts: {
    db: Database;
    spaceId: string;
    filesDir: string;
    maxBytes: number;
    t: TFunction;
    locale: string;
    withMetadata: boolean;
    isBlobInUse: (hash: string) => Promise<boolean>;
  },
): Promise<UploadOutcome> {
  let upload: ReceivedUpload;
  try {
    upload = await receiveUpload(request, { filesDir: opts.filesDir, maxBytes: opts.maxBytes });
  } catch (error) {
    const problem = error instanceof UploadError ? error.problem : "malformed";
    return {
      ok: false,
      status: STATUS[problem],
      error: opts.t(`documents.upload.${problem}`, {
        size: formatBytes(opts.maxBytes, opts.locale),
      }),
      fieldErrors: {},
    };
  }
  const refuse = async (fieldErrors: Record<string, string[]>): Promise<UploadOutcome> => {
    if (!(await opts.isBlobInUse(upload.hash))) removeBlob(opts.filesDir, upload.hash);
    return { ok: false, status: 400, error: opts.t("validation.formInvalid"), fieldErrors };
  };
  const note = versionNoteSchema.safeParse(upload.fields.note);
  if (!note.success) return refuse({ note: note.error.issues.map((i) => i.message) });
  const file = {
    hash: upload.hash,
    size: upload.size,
    mimeType: upload.kind.mimeType,
    originalName: upload.originalName,
  };
  if (!opts.withMetadata) return { ok: true, file, note: note.data, metadata: null };

  const parsed = documentMetadataSchema.safeParse(upload.fields);
  if (!parsed.success) {
    return refuse(fieldErrorsOf(parsed.error));
  }
  const metadata = parsed.data;
  if (
    metadata.folderId &&
    !(await getFolder(opts.db, { spaceId: opts.spaceId, folderId: metadata.folderId }))
  ) {
    return refuse({ folderId: ["validation.formInvalid"] });
  }
  if (
    metadata.originOrganisationId &&
    !(await listOrganisationOptions(opts.db)).some((o) => o.id === metadata.originOrganisationId)
  ) {
    return refuse({ originOrganisationId: ["validation.organisation"] });
  }
  return { ok: true, file, note: note.data, metadata };
}
