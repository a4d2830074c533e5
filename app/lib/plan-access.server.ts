import { data, type RouterContextProvider } from "react-router";
import { getHub, requireUser } from "../auth/guard.server";
import { can } from "../auth/permissions.server";
import { getPlanViewer } from "../models/plan.server";

/**
 * The signed-in person as the action plan sees them: every signed-in person reads the plan; the
 * expert group's secretariat (and site administrators) administer it; the owner organisation's
 * people contribute to their initiatives. Refuses with 403 when `plan.read` is not allowed.
 */
export async function requirePlanViewer(
  context: Readonly<RouterContextProvider>,
  request: Request,
) {
  const user = requireUser(context, request);
  if (!can(user, "plan.read")) throw data({ error: "forbidden" }, { status: 403 });
  const viewer = await getPlanViewer(getHub(context).db, { userId: user.id });
  const spaceRole = viewer.expertGroupRole;
  return {
    user,
    ...viewer,
    canManage: can(user, "plan.manage", { spaceRole }),
    canRecommend: can(user, "recommendation.give", { spaceRole }),
    canReadRecommendations: can(user, "recommendation.read", { spaceRole }),
    canDiscuss: viewer.expertGroupId !== null && can(user, "thread.create", { spaceRole }),
    /** Whether the viewer may write updates and links on an initiative owned by `ownerId`. */
    canContribute: (ownerId: string) =>
      can(user, "initiative.contribute", {
        spaceRole,
        isInitiativeOwner: viewer.organisationId !== null && viewer.organisationId === ownerId,
      }),
  };
}

export function forbidden(): never {
  throw data({ error: "forbidden" }, { status: 403 });
}

export function notFound(): never {
  throw data({ error: "notFound" }, { status: 404 });
}
