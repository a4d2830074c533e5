import { can, type Actor, type SpaceRole } from "../auth/permissions.server";
import type { ActionItemView } from "../components/action-items";
import { isOverdue, type ActionItemRow } from "../models/action-item.server";

/** An action item as the pages show it: overdue worked out, and whether this viewer may update it. */
export function toActionItemView(
  row: ActionItemRow,
  { actor, spaceRole, today }: { actor: Actor; spaceRole: SpaceRole | null; today: string },
): ActionItemView {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    dueDate: row.dueDate,
    completedAt: row.completedAt,
    overdue: isOverdue(row, today),
    canUpdate: can(actor, "actionItem.update", { spaceRole, isAssignee: row.isAssignee }),
    assigneeName: row.assigneeName,
    organisationName: row.organisationName,
    spaceSlug: row.spaceSlug,
    spaceName: row.spaceName,
    meetingId: row.meetingId,
    meetingTitle: row.meetingTitle,
    agendaItemTitle: row.agendaItemTitle,
  };
}
