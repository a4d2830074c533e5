/** A post as the browser receives it, from the loader and from socket events alike. */
export interface PostView {
  id: string;
  seq: number;
  authorId: string;
  authorName: string;
  organisationName: string | null;
  /** Rendered Markdown, safe by construction (raw HTML disabled); empty when not shown. */
  html: string;
  /** The Markdown source under the same rule, for editing one's own post. */
  source: string;
  createdAt: string;
  editedAt: string | null;
  state: "visible" | "deleted" | "hidden";
  hiddenReason: string | null;
}

/**
 * Hidden posts keep their text for the secretariat (who moderates) and show only the reason to
 * everyone else; deleted posts are tombstones for all.
 */
export function toPostView(
  row: {
    id: string;
    seq: number;
    authorId: string;
    authorName: string;
    organisationName: string | null;
    body: string;
    bodyHtml: string;
    createdAt: string;
    editedAt: string | null;
    deletedAt: string | null;
    hiddenAt: string | null;
    hiddenReason: string | null;
  },
  { canModerate }: { canModerate: boolean },
): PostView {
  const state = row.deletedAt ? "deleted" : row.hiddenAt ? "hidden" : "visible";
  const shown = state === "visible" || (state === "hidden" && canModerate);
  return {
    id: row.id,
    seq: row.seq,
    authorId: row.authorId,
    authorName: row.authorName,
    organisationName: row.organisationName,
    html: shown ? row.bodyHtml : "",
    source: shown ? row.body : "",
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    state,
    hiddenReason: state === "hidden" ? row.hiddenReason : null,
  };
}
