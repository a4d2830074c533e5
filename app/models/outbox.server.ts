import type { Database } from "../../db/client";
import { newId, nowIso } from "../lib/ids.server";

export async function addOutboxMail(
  db: Database,
  mail: { to: string; subject: string; text: string; transport: "outbox" | "smtp" },
): Promise<string> {
  const id = newId();
  await db
    .insertInto("outboxMail")
    .values({
      id,
      toAddress: mail.to,
      subject: mail.subject,
      text: mail.text,
      transport: mail.transport,
      createdAt: nowIso(),
      sentAt: null,
      error: null,
    })
    .execute();
  return id;
}

export async function listOutboxMail(db: Database, { limit = 100 }: { limit?: number } = {}) {
  return db
    .selectFrom("outboxMail")
    .select(["id", "toAddress", "subject", "text", "createdAt"])
    .orderBy("createdAt", "desc")
    .limit(limit)
    .execute();
}
