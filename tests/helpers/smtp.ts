import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface CapturedMail {
  /** Envelope recipients, as the SMTP client gave them in RCPT TO. */
  to: string[];
  /** The raw message as it arrived. */
  raw: string;
  /** Header names lower-cased, values unfolded (encoded words left as they are). */
  headers: Record<string, string>;
  /** The body after undoing its Content-Transfer-Encoding, as UTF-8 text. */
  text: string;
}

export interface SmtpCapture {
  /** `smtp://127.0.0.1:<port>`, ready for the hub's SMTP_URL. */
  url: string;
  mails: CapturedMail[];
  /** Mails whose envelope includes `address`. */
  mailsTo(address: string): CapturedMail[];
  /** Waits until `count` mails to `address` have arrived (for mails the hub sends without waiting). */
  waitForMails(address: string, count?: number, timeoutMs?: number): Promise<CapturedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on a random loopback port that keeps every message it accepts. No auth and no
 * STARTTLS, so nodemailer talks plain SMTP to it. A mail is recorded before the server answers the
 * DATA command, so once a request that awaits its mail has returned, the mail is here; mails sent
 * without waiting (password reset) are awaited with waitForMails.
 */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const mails: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), ...parseMessage(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    mailsTo: (address) => mails.filter((m) => m.to.includes(address)),
    async waitForMails(address, count = 1, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.filter((m) => m.to.includes(address));
        if (found.length >= count) return found;
        if (Date.now() > deadline) {
          throw new Error(`expected ${count} mail(s) to ${address}, got ${found.length}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Splits a single-part message into headers and its decoded body. */
export function parseMessage(raw: string): {
  raw: string;
  headers: Record<string, string>;
  text: string;
} {
  const split = raw.indexOf("\r\n\r\n");
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? "" : raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  const text =
    encoding === "quoted-printable"
      ? decodeQuotedPrintable(body)
      : encoding === "base64"
        ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
        : body;
  return { raw, headers, text: text.replace(/\r\n/g, "\n") };
}

/** RFC 2045 quoted-printable: soft line breaks removed, =XX escapes turned back into UTF-8 bytes. */
export function decodeQuotedPrintable(input: string): string {
  const unwrapped = input.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < unwrapped.length; i++) {
    const hex = unwrapped.slice(i + 1, i + 3);
    if (unwrapped[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(unwrapped[i]!, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** The first link in `text` whose path starts with `prefix`, e.g. `/invitation/`. */
export function findLink(text: string, prefix: string): string | null {
  const match = text.match(
    new RegExp(`https?://[^\\s/]+(${prefix.replace(/[/.]/g, "\\$&")}[A-Za-z0-9_-]+)`),
  );
  return match ? match[1]! : null;
}
