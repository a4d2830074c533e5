import nodemailer from "nodemailer";
import type { Database } from "../../db/client";
import { addOutboxMail } from "../models/outbox.server";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Delivers the mail; never throws, so a mail problem cannot break the action that sent it. */
  send(mail: Mail): Promise<{ delivered: boolean }>;
  close(): void;
}

type Log = (message: string) => void;

/**
 * Through SMTP when a URL is configured. Without one (the embedded default) mails go to the
 * outbox table that administrators read at /admin/outbox, and to the log. A mail that SMTP
 * refuses also lands in the outbox, so an administrator can still pass the link on.
 */
export function createMailer({
  db,
  smtpUrl,
  from,
  log = console.log,
}: {
  db: Database;
  smtpUrl: string | undefined;
  from: string;
  log?: Log;
}): Mailer {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  return {
    async send(mail) {
      if (transport) {
        try {
          await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
          return { delivered: true };
        } catch (error) {
          log(`[mail] SMTP refused mail to ${mail.to}: ${String(error)}; kept in the outbox`);
        }
      } else {
        log(`[mail] to ${mail.to}: ${mail.subject}\n${mail.text}`);
      }
      await addOutboxMail(db, { ...mail, transport: "outbox" });
      return { delivered: false };
    },
    close() {
      transport?.close();
    },
  };
}
