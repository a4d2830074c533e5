import i18next, { type TFunction } from "i18next";
import { defaultLanguage, isLanguage, resources } from "../locales";
import type { MailPerson } from "../models/consultation.server";
import { formatDateTime } from "./dates";
import type { HubConfig } from "./env.server";
import type { Mailer } from "./mailer.server";

/**
 * Mails about consultations, each in its recipient's own language (user.locale), not the
 * language of whoever caused it: the secretariat's click, or the server's reminder job.
 */

// One translator for mails, apart from the per-request instances of the i18next middleware, so
// that the reminder job (outside any request) writes the very same texts.
let translator: Promise<(locale: string) => TFunction> | undefined;
function mailTranslator() {
  translator ??= (async () => {
    const instance = i18next.createInstance();
    await instance.init({
      resources,
      lng: defaultLanguage,
      fallbackLng: defaultLanguage,
      interpolation: { escapeValue: false },
    });
    return (locale: string) => instance.getFixedT(isLanguage(locale) ? locale : defaultLanguage);
  })();
  return translator;
}

export interface ConsultationMailContext {
  mailer: Mailer;
  config: HubConfig;
}

interface About {
  space: { slug: string; name: string };
  consultation: { id: string; title: string; deadline: string };
}

type Kind = "asked" | "reminder" | "closed";

/** Sends one mail per person, one after another; resolves to how many were delivered. */
async function sendEach(
  { mailer, config }: ConsultationMailContext,
  kind: Kind,
  people: MailPerson[],
  about: About,
  extra: { asker?: string; outcome?: string } = {},
): Promise<number> {
  const tFor = await mailTranslator();
  const link = `${config.publicUrl}/spaces/${about.space.slug}/consultations/${about.consultation.id}`;
  let delivered = 0;
  for (const person of people) {
    const locale = isLanguage(person.locale) ? person.locale : defaultLanguage;
    const t = tFor(locale);
    const values = {
      name: person.name,
      space: about.space.name,
      title: about.consultation.title,
      deadline: formatDateTime(about.consultation.deadline, locale),
      link,
      asker: extra.asker ?? "",
      outcome: extra.outcome ?? "",
    };
    const sent = await mailer.send({
      to: person.email,
      subject: t(`consultations.mail.${kind}Subject`, values),
      text: t(`consultations.mail.${kind}Body`, values),
    });
    if (sent.delivered) delivered++;
  }
  return delivered;
}

export function sendConsultationAskedMails(
  ctx: ConsultationMailContext,
  people: MailPerson[],
  about: About & { askerName: string },
) {
  return sendEach(ctx, "asked", people, about, { asker: about.askerName });
}

export function sendConsultationReminderMails(
  ctx: ConsultationMailContext,
  people: MailPerson[],
  about: About,
) {
  return sendEach(ctx, "reminder", people, about);
}

/** The outcome goes into the mail as typed (Markdown reads well as plain text). */
export function sendConsultationClosedMails(
  ctx: ConsultationMailContext,
  people: MailPerson[],
  about: About & { outcome: string },
) {
  return sendEach(ctx, "closed", people, about, { outcome: about.outcome });
}
