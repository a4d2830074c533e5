import { randomUUID } from "node:crypto";

/** Random, non-sequential ids for every row and URL. */
export const newId = (): string => randomUUID();

/** The current instant as ISO-8601 UTC text, the one stored time format. */
export const nowIso = (now: Date = new Date()): string => now.toISOString();
