import type { Migration } from "kysely";
import * as m0001 from "./0001_create_foundation";
import * as m0002 from "./0002_add_profiles";
import * as m0003 from "./0003_create_threads";
import * as m0004 from "./0004_create_documents";
import * as m0005 from "./0005_create_meetings";
import * as m0006 from "./0006_create_action_plan";
import * as m0007 from "./0007_create_consultations";
import * as m0008 from "./0008_create_activities";
import * as m0009 from "./0009_add_thread_unread_index";

/**
 * Static list, not FileMigrationProvider: Vitest cannot import `.ts` migrations by path.
 * tests/db/migrations.test.ts checks that every file in this folder is listed here.
 */
export const migrations: Record<string, Migration> = {
  "0001_create_foundation": m0001,
  "0002_add_profiles": m0002,
  "0003_create_threads": m0003,
  "0004_create_documents": m0004,
  "0005_create_meetings": m0005,
  "0006_create_action_plan": m0006,
  "0007_create_consultations": m0007,
  "0008_create_activities": m0008,
  "0009_add_thread_unread_index": m0009,
};
