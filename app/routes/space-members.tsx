import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { requireSpace, getHub } from "../auth/guard.server";
import { can } from "../auth/permissions.server";
import { spaceRoles, type SpaceRole } from "../auth/roles";
import { FormError, TextField } from "../components/form";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { formatDate } from "../lib/dates";
import { readFormData } from "../lib/form.server";
import { sendAddedToSpaceMail, sendInvitationMail } from "../lib/invitation-mail.server";
import { getInstance, getLocale } from "../middleware/i18next";
import { recordAudit } from "../models/audit.server";
import {
  createInvitation,
  getSpaceInvitation,
  hasOpenSpaceInvitation,
  listSpaceInvitations,
  revokeSpaceInvitation,
} from "../models/invitation.server";
import {
  addMembership,
  changeMembershipRole,
  countSecretariat,
  endMembership,
  getSpaceMembership,
  listSpaceMembers,
} from "../models/membership.server";
import { getMembershipRole } from "../models/space.server";
import { getUserByEmail } from "../models/user.server";
import { publishMembershipEnded } from "../realtime/publish.server";
import { inviteToSpaceSchema, membershipActionSchema } from "../schemas/membership";
import type { Route } from "./+types/space-members";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "space.members.view",
  });
  const { db } = getHub(context);
  const canManage = can(user, "space.members.manage", { spaceRole: role });
  const members = await listSpaceMembers(db, { spaceId: space.id, viewer: user });
  return {
    space: { slug: space.slug, name: space.name },
    canManage,
    canExport: can(user, "space.members.export", { spaceRole: role }),
    current: members.filter((m) => m.leftAt === null),
    former: members.filter((m) => m.leftAt !== null),
    invitations: canManage ? await listSpaceInvitations(db, { spaceId: space.id }) : [],
  };
}

type Outcome = { result?: SubmissionResult<string[]>; notice?: string; error?: string };

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, space } = await requireSpace(context, request, {
    slug: params.slug,
    action: "space.members.manage",
  });
  const hub = getHub(context);
  const { db, config, mailer, io } = hub;
  const t = getInstance(context).t;
  const submission = parseWithZod(await readFormData(request), { schema: membershipActionSchema });
  if (submission.status !== "success") {
    return data<Outcome>(
      { result: submission.reply(), error: "validation.formInvalid" },
      { status: 400 },
    );
  }
  const input = submission.value;
  const audit = (action: string, subjectType: string, subjectId: string, details = {}) =>
    recordAudit(db, {
      actorId: user.id,
      action,
      subjectType,
      subjectId,
      spaceId: space.id,
      details,
    });

  switch (input.intent) {
    case "invite": {
      const existing = await getUserByEmail(db, { email: input.email });
      if (existing) {
        if (await getMembershipRole(db, { spaceId: space.id, userId: existing.id })) {
          return data<Outcome>(
            { result: submission.reply({ fieldErrors: { email: ["members.alreadyMember"] } }) },
            { status: 409 },
          );
        }
        if (existing.status !== "active") {
          return data<Outcome>(
            { result: submission.reply({ fieldErrors: { email: ["members.deactivated"] } }) },
            { status: 409 },
          );
        }
        const membershipId = await addMembership(db, {
          spaceId: space.id,
          userId: existing.id,
          role: input.role,
        });
        await audit("membership.created", "membership", membershipId, {
          email: existing.email,
          role: input.role,
        });
        await sendAddedToSpaceMail(
          { mailer, config, t },
          {
            email: existing.email,
            name: existing.name,
            inviterName: user.name,
            spaceName: space.name,
            spaceSlug: space.slug,
          },
        );
        return {
          result: submission.reply({ resetForm: true }),
          notice: t("members.added", { email: existing.email }),
        } satisfies Outcome as Outcome;
      }
      if (await hasOpenSpaceInvitation(db, { spaceId: space.id, email: input.email })) {
        return data<Outcome>(
          { result: submission.reply({ fieldErrors: { email: ["members.alreadyInvited"] } }) },
          { status: 409 },
        );
      }
      const invitation = await createInvitation(db, {
        email: input.email,
        invitedById: user.id,
        ttlMs: config.invitationTtlMs,
        spaceId: space.id,
        role: input.role,
      });
      await audit("invitation.created", "invitation", invitation.id, {
        email: input.email,
        role: input.role,
      });
      await sendInvitationMail(
        { mailer, config, t, locale: getLocale(context) },
        {
          email: input.email,
          inviterName: user.name,
          token: invitation.token,
          expiresAt: invitation.expiresAt,
          spaceName: space.name,
        },
      );
      return {
        result: submission.reply({ resetForm: true }),
        notice: t("invitation.sent", { email: input.email }),
      } satisfies Outcome as Outcome;
    }
    case "resend": {
      const invitation = await getSpaceInvitation(db, {
        spaceId: space.id,
        invitationId: input.invitationId,
      });
      if (!invitation) throw data({ error: "notFound" }, { status: 404 });
      const renewed = await createInvitation(db, {
        email: invitation.email,
        invitedById: user.id,
        ttlMs: config.invitationTtlMs,
        spaceId: space.id,
        role: invitation.role,
      });
      await audit("invitation.resent", "invitation", renewed.id, { email: invitation.email });
      await sendInvitationMail(
        { mailer, config, t, locale: getLocale(context) },
        {
          email: invitation.email,
          inviterName: user.name,
          token: renewed.token,
          expiresAt: renewed.expiresAt,
          spaceName: space.name,
        },
      );
      return {
        notice: t("members.resent", { email: invitation.email }),
      } satisfies Outcome as Outcome;
    }
    case "revoke": {
      const invitation = await getSpaceInvitation(db, {
        spaceId: space.id,
        invitationId: input.invitationId,
      });
      if (
        !invitation ||
        !(await revokeSpaceInvitation(db, { spaceId: space.id, invitationId: invitation.id }))
      ) {
        throw data({ error: "notFound" }, { status: 404 });
      }
      await audit("invitation.revoked", "invitation", invitation.id, { email: invitation.email });
      return {
        notice: t("members.revoked", { email: invitation.email }),
      } satisfies Outcome as Outcome;
    }
    case "changeRole":
    case "end": {
      const membership = await getSpaceMembership(db, {
        spaceId: space.id,
        membershipId: input.membershipId,
      });
      if (!membership || membership.leftAt) throw data({ error: "notFound" }, { status: 404 });
      const losesSecretariat =
        membership.role === "secretariat" &&
        (input.intent === "end" || input.role !== "secretariat");
      // A space without a secretariat could no longer be run by anyone but an administrator.
      if (losesSecretariat && (await countSecretariat(db, { spaceId: space.id })) <= 1) {
        return data<Outcome>({ error: t("members.lastSecretariat") }, { status: 409 });
      }
      if (input.intent === "changeRole") {
        await changeMembershipRole(db, {
          spaceId: space.id,
          membershipId: membership.id,
          role: input.role,
        });
        await audit("membership.role_changed", "membership", membership.id, {
          from: membership.role,
          to: input.role,
        });
        return {
          notice: t("members.roleChanged", { name: membership.name }),
        } satisfies Outcome as Outcome;
      }
      await endMembership(db, { spaceId: space.id, membershipId: membership.id });
      await audit("membership.ended", "membership", membership.id, { role: membership.role });
      // After the commit: the person's open pages and sockets lose the space at once.
      await publishMembershipEnded(io, { userId: membership.userId, spaceId: space.id });
      return { notice: t("members.ended", { name: membership.name }) } satisfies Outcome as Outcome;
    }
  }
}

export default function SpaceMembers({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { space, current, former, invitations, canManage, canExport } = loaderData;
  const [form, fields] = useForm({
    id: "invite",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteToSpaceSchema }),
    shouldValidate: "onSubmit",
    defaultValue: { role: "member" },
  });
  const roleName = (role: string) => t(`space.role.${role as SpaceRole}`);
  const date = (iso: string) => formatDate(iso, i18n.language);
  return (
    <div className="page">
      <PageTitle title={`${t("space.members")} · ${space.name}`} />
      <p className="eyebrow">{space.name}</p>
      <h1>{t("space.members")}</h1>
      <SpaceNav slug={space.slug} name={space.name} />
      {actionData?.notice ? (
        <p role="status" className="notice">
          {actionData.notice}
        </p>
      ) : null}
      {actionData?.error && !actionData.result ? (
        <p role="alert" className="form-error">
          {actionData.error}
        </p>
      ) : null}
      {canExport ? (
        <p>
          <a href={`/spaces/${space.slug}/members.csv`} download>
            {t("members.export")}
          </a>
        </p>
      ) : null}

      <h2 id="current-heading">{t("members.current", { count: current.length })}</h2>
      <div className="table-scroll" role="region" aria-labelledby="current-heading" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("members.name")}</th>
              <th scope="col">{t("members.organisation")}</th>
              <th scope="col">{t("members.role")}</th>
              <th scope="col">{t("members.appointed")}</th>
              <th scope="col">{t("members.contact")}</th>
              {canManage ? <th scope="col">{t("members.manage")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {current.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/people/${m.userId}`}>{m.name}</Link>
                  {m.title ? <div className="muted">{m.title}</div> : null}
                </td>
                <td>{m.organisationName ?? ""}</td>
                <td>{roleName(m.role)}</td>
                <td>{date(m.appointedAt)}</td>
                <td>
                  {m.email ? (
                    <a href={`mailto:${m.email}`}>{m.email}</a>
                  ) : (
                    <span className="muted">{t("members.contactHidden")}</span>
                  )}
                  {m.phone ? <div>{m.phone}</div> : null}
                </td>
                {canManage ? (
                  <td>
                    <Form method="post" className="row-form">
                      <input type="hidden" name="intent" value="changeRole" />
                      <input type="hidden" name="membershipId" value={m.id} />
                      <label htmlFor={`role-${m.id}`} className="visually-hidden">
                        {t("members.roleFor", { name: m.name })}
                      </label>
                      <select id={`role-${m.id}`} name="role" defaultValue={m.role}>
                        {spaceRoles.map((r) => (
                          <option key={r} value={r}>
                            {roleName(r)}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="button small">
                        {t("members.changeRole")}
                        <span className="visually-hidden"> {m.name}</span>
                      </button>
                    </Form>
                    <Form method="post" className="row-form">
                      <input type="hidden" name="intent" value="end" />
                      <input type="hidden" name="membershipId" value={m.id} />
                      <button type="submit" className="button small secondary">
                        {t("members.end")}
                        <span className="visually-hidden"> {m.name}</span>
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {canManage ? (
        <section aria-labelledby="invite-heading" className="card">
          <h2 id="invite-heading">{t("members.inviteTitle")}</h2>
          <p>{t("members.inviteIntro")}</p>
          <Form method="post" {...getFormProps(form)} className="stack narrow">
            <input type="hidden" name="intent" value="invite" />
            <FormError id={form.errorId} errors={form.errors?.map((e) => t(e as never))} />
            <TextField
              field={fields.email}
              label={t("invitation.email")}
              type="email"
              autoComplete="off"
            />
            <div className="field">
              <label htmlFor={fields.role.id}>{t("members.role")}</label>
              <select {...getSelectProps(fields.role)} key={fields.role.key}>
                {spaceRoles.map((r) => (
                  <option key={r} value={r}>
                    {roleName(r)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              {t("invitation.send")}
            </button>
          </Form>
          <h3>{t("invitation.pending")}</h3>
          {invitations.length === 0 ? (
            <p>{t("invitation.none")}</p>
          ) : (
            <ul className="plain-list">
              {invitations.map((i) => (
                <li key={i.id}>
                  <span>
                    {i.email} · {roleName(i.role ?? "member")} · {t("invitation.expiresAt")}{" "}
                    {date(i.expiresAt)}
                  </span>
                  <Form method="post" className="row-form">
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" name="intent" value="resend" className="button small">
                      {t("members.resend")}
                      <span className="visually-hidden"> {i.email}</span>
                    </button>
                    <button
                      type="submit"
                      name="intent"
                      value="revoke"
                      className="button small secondary"
                    >
                      {t("members.revoke")}
                      <span className="visually-hidden"> {i.email}</span>
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {former.length ? (
        <>
          <h2 id="former-heading">{t("members.former")}</h2>
          <div className="table-scroll" role="region" aria-labelledby="former-heading" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("members.name")}</th>
                  <th scope="col">{t("members.organisation")}</th>
                  <th scope="col">{t("members.role")}</th>
                  <th scope="col">{t("members.period")}</th>
                </tr>
              </thead>
              <tbody>
                {former.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/people/${m.userId}`}>{m.name}</Link>
                    </td>
                    <td>{m.organisationName ?? ""}</td>
                    <td>{roleName(m.role)}</td>
                    <td>
                      {date(m.appointedAt)} – {date(m.leftAt!)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
