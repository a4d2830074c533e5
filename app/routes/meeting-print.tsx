import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { getHub, requireSpace } from "../auth/guard.server";
import { can } from "../auth/permissions.server";
import { PageTitle } from "../components/page-title";
import { formatDateTime, formatTime } from "../lib/dates";
import { listAgenda, type AgendaItemView } from "../models/agenda.server";
import { getMeeting } from "../models/meeting.server";
import type { Route } from "./+types/meeting-print";

/**
 * The agenda on paper (or as a PDF from the browser's print dialog): times, presenters, kinds
 * and papers. It reads the agenda exactly as the meeting page does, so a closed item is missing
 * here too for everyone not named on it.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "meeting.read",
  });
  const { db } = getHub(context);
  const meeting = await getMeeting(db, {
    spaceId: space.id,
    meetingId: params.meetingId,
    canReadDrafts: can(user, "meeting.readDrafts", { spaceRole: role }),
  });
  if (!meeting) throw data({ error: "notFound" }, { status: 404 });
  const agenda = await listAgenda(db, {
    spaceId: space.id,
    meetingId: meeting.id,
    viewerId: user.id,
    meetingStartsAt: meeting.startsAt,
  });
  return { space: { slug: space.slug, name: space.name }, meeting, agenda };
}

export default function MeetingPrint({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { space, meeting, agenda } = loaderData;
  return (
    <div className="page print-view">
      <PageTitle title={`${t("meetings.print.title")}: ${meeting.title} · ${space.name}`} />
      <p className="screen-only">
        <Link to={`/spaces/${space.slug}/meetings/${meeting.id}`}>{t("meetings.print.back")}</Link>
      </p>
      <p className="eyebrow">{space.name}</p>
      <h1>
        {t("meetings.print.title")}: {meeting.title}
      </h1>
      <dl className="meta-list">
        <dt>{t("meetings.page.when")}</dt>
        <dd>
          {formatDateTime(meeting.startsAt, i18n.language)}–
          {formatTime(meeting.endsAt, i18n.language)}
        </dd>
        {meeting.place ? (
          <>
            <dt>{t("meetings.page.place")}</dt>
            <dd>{meeting.place}</dd>
          </>
        ) : null}
        {meeting.onlineUrl ? (
          <>
            <dt>{t("meetings.page.online")}</dt>
            <dd>{meeting.onlineUrl}</dd>
          </>
        ) : null}
        {meeting.status === "cancelled" || meeting.status === "draft" ? (
          <>
            <dt>{t("meetings.page.status")}</dt>
            <dd>{t(`meetings.status.${meeting.status}`)}</dd>
          </>
        ) : null}
      </dl>
      {agenda.length === 0 ? <p>{t("meetings.agenda.empty")}</p> : null}
      <ol className="print-agenda">
        {agenda.map((item, i) => (
          <PrintItem key={item.id} item={item} number={`${i + 1}`} />
        ))}
      </ol>
    </div>
  );
}

function PrintItem({ item, number }: { item: AgendaItemView; number: string }) {
  const { t, i18n } = useTranslation();
  const papers = [...item.documents.map((d) => d.title), ...item.links.map((l) => l.title)];
  return (
    <li className="print-agenda__item">
      <h2 className="print-agenda__title">
        <span className="print-agenda__time">{formatTime(item.startsAt, i18n.language)}</span>{" "}
        {number}. {item.title}
      </h2>
      <p className="print-agenda__meta">
        {t(`meetings.agenda.kind.${item.kind}`)} ·{" "}
        {t("meetings.agenda.minutes", { count: item.durationMinutes })}
        {item.presenter ? ` · ${t("meetings.agenda.presenter", { name: item.presenter })}` : null}
        {item.isClosed ? ` · ${t("meetings.agenda.closed")}` : null}
      </p>
      {item.descriptionHtml ? (
        <div dangerouslySetInnerHTML={{ __html: item.descriptionHtml }} />
      ) : null}
      {papers.length ? (
        <p className="print-agenda__papers">
          {t("meetings.agenda.papers")}: {papers.join("; ")}
        </p>
      ) : null}
      {item.children.length ? (
        <ol className="print-agenda print-agenda--sub">
          {item.children.map((child, j) => (
            <PrintItem key={child.id} item={child} number={`${number}.${j + 1}`} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
