import type { TFunction } from "i18next";
import { formatDateTime } from "./dates";
import type { HubConfig } from "./env.server";
import type { Mailer } from "./mailer.server";

/** The invitation mail, to the hub or into a named space; the link is the only way in. */
export function sendInvitationMail(
  {
    mailer,
    config,
    t,
    locale,
  }: { mailer: Mailer; config: HubConfig; t: TFunction; locale: string },
  invite: {
    email: string;
    inviterName: string;
    token: string;
    expiresAt: string;
    spaceName?: string;
  },
) {
  const values = {
    inviter: invite.inviterName,
    space: invite.spaceName,
    expires: formatDateTime(invite.expiresAt, locale),
    link: `${config.publicUrl}/invitation/${invite.token}`,
  };
  return mailer.send({
    to: invite.email,
    subject: invite.spaceName
      ? t("mail.spaceInvitationSubject", values)
      : t("mail.invitationSubject"),
    text: invite.spaceName
      ? t("mail.spaceInvitationBody", values)
      : t("mail.invitationBody", values),
  });
}

/** Tells an existing account it was added to a space; no link needed, they just sign in. */
export function sendAddedToSpaceMail(
  { mailer, config, t }: { mailer: Mailer; config: HubConfig; t: TFunction },
  added: { email: string; name: string; inviterName: string; spaceName: string; spaceSlug: string },
) {
  const values = {
    name: added.name,
    inviter: added.inviterName,
    space: added.spaceName,
    link: `${config.publicUrl}/spaces/${added.spaceSlug}`,
  };
  return mailer.send({
    to: added.email,
    subject: t("mail.addedSubject", values),
    text: t("mail.addedBody", values),
  });
}
