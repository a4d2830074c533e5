import type { Database } from "../../db/client";
import { newId, nowIso } from "../lib/ids.server";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserForLogin(db: Database, { email }: { email: string }) {
  return (
    (await db
      .selectFrom("user")
      .select(["id", "email", "name", "passwordHash", "status", "locale"])
      .where("email", "=", normaliseEmail(email))
      .executeTakeFirst()) ?? null
  );
}

export async function getUserByEmail(db: Database, { email }: { email: string }) {
  return (
    (await db
      .selectFrom("user")
      .select(["id", "email", "name", "status", "locale"])
      .where("email", "=", normaliseEmail(email))
      .executeTakeFirst()) ?? null
  );
}

export async function createUser(
  db: Database,
  input: {
    email: string;
    name: string;
    passwordHash: string | null;
    organisationId?: string | null;
    title?: string | null;
    isSiteAdmin?: boolean;
    locale?: string;
  },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("user")
    .values({
      id,
      email: normaliseEmail(input.email),
      name: input.name,
      title: input.title ?? null,
      organisationId: input.organisationId ?? null,
      passwordHash: input.passwordHash,
      isSiteAdmin: input.isSiteAdmin ? 1 : 0,
      locale: input.locale ?? "da",
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

export async function setUserPassword(
  db: Database,
  { userId, passwordHash }: { userId: string; passwordHash: string },
): Promise<void> {
  await db
    .updateTable("user")
    .set({ passwordHash, updatedAt: nowIso() })
    .where("id", "=", userId)
    .execute();
}

export async function countUsers(db: Database): Promise<number> {
  const row = await db
    .selectFrom("user")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Everyone with an account, for administrators. */
export async function listAllUsers(db: Database) {
  return db
    .selectFrom("user")
    .leftJoin("organisation", "organisation.id", "user.organisationId")
    .select([
      "user.id",
      "user.name",
      "user.email",
      "user.status",
      "user.isSiteAdmin",
      "organisation.name as organisationName",
    ])
    .orderBy("user.name")
    .execute();
}

/**
 * Deactivates or reactivates an account. Deactivating also ends every session at once; the
 * caller disconnects the person's live sockets after this commits.
 */
export async function setUserStatus(
  db: Database,
  { userId, status }: { userId: string; status: "active" | "deactivated" },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("user")
      .set({ status, updatedAt: nowIso() })
      .where("id", "=", userId)
      .executeTakeFirst();
    if (status === "deactivated")
      await trx.deleteFrom("session").where("userId", "=", userId).execute();
    return Number(result.numUpdatedRows) === 1;
  });
}
