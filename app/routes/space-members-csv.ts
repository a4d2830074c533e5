import { getHub, requireSpaceForDownload } from "../auth/guard.server";
import { csvRow } from "../lib/csv";
import { getInstance } from "../middleware/i18next";
import { listSpaceMembers } from "../models/membership.server";
import type { SpaceRole } from "../auth/roles";
import type { Route } from "./+types/space-members-csv";

/**
 * The member list as CSV for the secretariat, built from the same query as the page, so it holds
 * exactly what each member allows to be seen. Semicolons and a BOM: Danish Excel opens it as is.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const t = getInstance(context).t;
  const access = await requireSpaceForDownload(
    context,
    request,
    { slug: params.slug, action: "space.members.export" },
    t,
  );
  if (access instanceof Response) return access;
  const { user, space } = access;
  const members = await listSpaceMembers(getHub(context).db, { spaceId: space.id, viewer: user });
  const lines = [
    csvRow([
      t("members.name"),
      t("members.organisation"),
      t("members.jobTitle"),
      t("members.role"),
      t("members.appointed"),
      t("members.left"),
      t("members.email"),
      t("members.phone"),
    ]),
    ...members.map((m) =>
      csvRow([
        m.name,
        m.organisationName,
        m.title,
        t(`space.role.${m.role as SpaceRole}`),
        m.appointedAt.slice(0, 10),
        m.leftAt?.slice(0, 10),
        m.email,
        m.phone,
      ]),
    ),
  ];
  return new Response("\uFEFF" + lines.join("\r\n") + "\r\n", {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${space.slug}-medlemmer.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
