import { sendConsultationReminderMails } from "../../app/lib/consultation-mail.server";
import type { HubConfig } from "../../app/lib/env.server";
import type { Mailer } from "../../app/lib/mailer.server";
import {
  listDueAutomaticReminders,
  remindNonResponders,
} from "../../app/models/consultation.server";
import type { Database } from "../../db/client";

const MINUTE = 60 * 1000;

export interface ConsultationJobDeps {
  db: Database;
  mailer: Mailer;
  config: HubConfig;
  log: (message: string) => void;
}

/**
 * One pass of the automatic reminders: every open consultation whose deadline is within 48 hours
 * gets one reminder to those asked who have not answered. The claim on the consultation row is
 * taken in the same transaction that records the reminder, so a second pass (or a restart in the
 * middle) never sends it twice; a crash between the commit and the mails loses those mails
 * rather than repeating them. Resolves to the number of people reminded.
 */
export async function sendAutomaticReminders(
  { db, mailer, config, log }: ConsultationJobDeps,
  { now = new Date() }: { now?: Date } = {},
): Promise<number> {
  let reminded = 0;
  for (const due of await listDueAutomaticReminders(db, { now })) {
    const result = await remindNonResponders(db, {
      spaceId: due.spaceId,
      consultationId: due.id,
      kind: "automatic",
      sentById: null,
      now,
    });
    if (result.status !== "sent" || result.reminded.length === 0) continue;
    await sendConsultationReminderMails({ mailer, config }, result.reminded, {
      space: { slug: due.spaceSlug, name: due.spaceName },
      consultation: { id: due.id, title: due.title, deadline: due.deadline },
    });
    reminded += result.reminded.length;
    log(`[consultations] automatic reminder for ${due.id} to ${result.reminded.length} person(s)`);
  }
  return reminded;
}

export interface ConsultationJobs {
  /** Runs one pass now (the timer does this every quarter of an hour). */
  runNow(options?: { now?: Date }): Promise<number>;
  /** Stops the timer and waits for a pass under way. */
  close(): Promise<void>;
}

/** The reminder pass on a timer, in the server process, as server/jobs/documents.ts does it. */
export function createConsultationJobs(
  deps: ConsultationJobDeps,
  {
    firstDelayMs = MINUTE,
    intervalMs = 15 * MINUTE,
  }: { firstDelayMs?: number; intervalMs?: number } = {},
): ConsultationJobs {
  let closed = false;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | undefined;

  function runNow(options: { now?: Date } = {}) {
    running ??= sendAutomaticReminders(deps, options).finally(() => {
      running = null;
    });
    return running;
  }

  function schedule(delay: number) {
    timer = setTimeout(() => {
      runNow()
        .catch((error) =>
          deps.log(
            `[consultations] reminder pass failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        )
        .finally(() => {
          if (!closed) schedule(intervalMs);
        });
    }, delay);
    // Never keep the process alive for the timer's sake.
    timer.unref();
  }
  schedule(firstDelayMs);

  return {
    runNow,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
