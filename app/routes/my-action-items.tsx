import { useTranslation } from "react-i18next";
import { getHub, requireUser } from "../auth/guard.server";
import { ActionItemList } from "../components/action-items";
import { PageTitle } from "../components/page-title";
import { toActionItemView } from "../lib/action-item-view.server";
import { copenhagenToday } from "../lib/zoned-time";
import { listMyActionItems } from "../models/action-item.server";
import { listSpacesForUser } from "../models/space.server";
import minutesStyles from "../styles/minutes.css?url";
import type { Route } from "./+types/my-action-items";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: minutesStyles }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { db } = getHub(context);
  const today = copenhagenToday();
  // Only spaces the person is a current member of: listMyActionItems narrows to them as well.
  const roles = new Map(
    (await listSpacesForUser(db, { userId: user.id })).map((s) => [s.id, s.role]),
  );
  const rows = await listMyActionItems(db, { userId: user.id, today });
  return {
    items: rows.map((r) =>
      toActionItemView(r, { actor: user, spaceRole: roles.get(r.spaceId) ?? null, today }),
    ),
  };
}

export default function MyActionItems({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageTitle title={t("actionItems.myTitle")} />
      <h1>{t("actionItems.myTitle")}</h1>
      <p>{t("actionItems.myIntro")}</p>
      <ActionItemList items={loaderData.items} returnTo="/action-items" showSpace />
    </div>
  );
}
