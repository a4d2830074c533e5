import type { i18n as I18n } from "i18next";
import { isLanguage } from "../locales";
import { formatDateTime } from "./dates";
import type { HubConfig } from "./env.server";
import type { Mailer } from "./mailer.server";

export type MeetingMailKind = "published" | "cancelled" | "reminder";

interface Recipient {
  email: string;
  name: string;
  locale: string;
}

/**
 * Mails about a meeting, one per recipient and each in the recipient's own language (not the
 * sender's). The link leads to the meeting page, where the person signs in as usual. Sent after
 * the change has committed; the mailer never throws, so one bad address cannot stop the rest.
 */
export async function sendMeetingMails(
  { mailer, config, i18n }: { mailer: Mailer; config: HubConfig; i18n: I18n },
  {
    kind,
    recipients,
    meeting,
    space,
  }: {
    kind: MeetingMailKind;
    recipients: Recipient[];
    meeting: {
      id: string;
      title: string;
      startsAt: string;
      place: string;
      onlineUrl: string | null;
    };
    space: { slug: string; name: string };
  },
): Promise<number> {
  const link = `${config.publicUrl}/spaces/${space.slug}/meetings/${meeting.id}`;
  for (const r of recipients) {
    const locale = isLanguage(r.locale) ? r.locale : "da";
    const t = i18n.getFixedT(locale);
    const values = {
      name: r.name,
      title: meeting.title,
      space: space.name,
      when: formatDateTime(meeting.startsAt, locale),
      place:
        [meeting.place, meeting.onlineUrl].filter(Boolean).join(", ") || t("meetings.mail.noPlace"),
      link,
    };
    await mailer.send({
      to: r.email,
      subject: t(`meetings.mail.${kind}Subject`, values),
      text: t(`meetings.mail.${kind}Body`, values),
    });
  }
  return recipients.length;
}
