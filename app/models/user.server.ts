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
