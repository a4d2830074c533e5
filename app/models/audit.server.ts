import type { Database } from "../../db/client";
import { newId, nowIso } from "../lib/ids.server";

/** Appends one line to the audit log. Never pass secrets (passwords, tokens) in `details`. */
export async function recordAudit(
  db: Database,
  entry: {
    actorId: string | null;
    action: string;
    subjectType: string;
    subjectId?: string | null;
    spaceId?: string | null;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto("auditLog")
    .values({
      id: newId(),
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      spaceId: entry.spaceId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      createdAt: nowIso(),
    })
    .execute();
}

export async function listAuditEntries(
  db: Database,
  { spaceId, limit = 200 }: { spaceId?: string; limit?: number } = {},
) {
  return db
    .selectFrom("auditLog")
    .leftJoin("user", "user.id", "auditLog.actorId")
    .leftJoin("space", "space.id", "auditLog.spaceId")
    .select([
      "auditLog.id",
      "auditLog.action",
      "auditLog.subjectType",
      "auditLog.subjectId",
      "auditLog.details",
      "auditLog.createdAt",
      "user.name as actorName",
      "space.name as spaceName",
    ])
    .$if(!!spaceId, (q) => q.where("auditLog.spaceId", "=", spaceId!))
    .orderBy("auditLog.createdAt", "desc")
    .limit(limit)
    .execute();
}
