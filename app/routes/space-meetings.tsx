import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { getHub, requireSpace } from "../auth/guard.server";
import { can } from "../auth/permissions.server";
import { Field, MeetingFields, Outcome, type FieldErrors } from "../components/meeting-form";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { formatDateTime } from "../lib/dates";
import { fieldErrorsOf, readFormData } from "../lib/form.server";
import { nowIso } from "../lib/ids.server";
import { expandRecurrence, type RecurrenceRule, type Weekday } from "../lib/recurrence";
import { getInstance } from "../middleware/i18next";
import { recordAudit } from "../models/audit.server";
import { createMeeting, createSeries, listMeetings } from "../models/meeting.server";
import { formObject, meetingListActionSchema } from "../schemas/meeting";
import type { Route } from "./+types/space-meetings";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "meeting.read",
  });
  const { db } = getHub(context);
  const meetings = await listMeetings(db, {
    spaceId: space.id,
    viewerId: user.id,
    canReadDrafts: can(user, "meeting.readDrafts", { spaceRole: role }),
  });
  const now = nowIso();
  return {
    space: { slug: space.slug, name: space.name },
    upcoming: meetings.filter((m) => m.endsAt >= now),
    // Most recent first.
    past: meetings.filter((m) => m.endsAt < now).reverse(),
    canManage: can(user, "meeting.manage", { spaceRole: role }),
  };
}

type ActionData = {
  form: "create" | "createSeries" | null;
  error: string | null;
  notice: string | null;
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
};

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, space } = await requireSpace(context, request, {
    slug: params.slug,
    action: "meeting.manage",
  });
  const { db } = getHub(context);
  const t = getInstance(context).t;
  const raw = formObject(await readFormData(request));
  const values = Object.fromEntries(
    Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  const form = values.intent === "createSeries" ? "createSeries" : "create";
  const refuse = (fieldErrors: FieldErrors) =>
    data<ActionData>(
      { form, error: t("meetings.validation.fixErrors"), notice: null, fieldErrors, values },
      { status: 400 },
    );
  const parsed = meetingListActionSchema.safeParse(raw);
  if (!parsed.success) return refuse(fieldErrorsOf(parsed.error));
  const input = parsed.data;

  if (input.intent === "create") {
    const { intent: _intent, ...fields } = input;
    const meetingId = await createMeeting(db, { spaceId: space.id, userId: user.id, fields });
    await recordAudit(db, {
      actorId: user.id,
      action: "meeting.created",
      subjectType: "meeting",
      subjectId: meetingId,
      spaceId: space.id,
      details: { title: fields.title },
    });
    return redirect(`/spaces/${space.slug}/meetings/${meetingId}`);
  }

  const rule: RecurrenceRule =
    input.frequency === "monthly"
      ? {
          kind: "monthly",
          weekday: Number(input.weekday) as Weekday,
          nth: Number(input.nth) as 1 | 2 | 3 | 4 | -1,
        }
      : { kind: "weekly", weekday: Number(input.weekday) as Weekday, interval: input.interval };
  const occurrences = expandRecurrence({
    rule,
    firstDate: input.firstDate,
    untilDate: input.untilDate,
    startTime: input.startTime,
    durationMinutes: input.durationMinutes,
  });
  if (occurrences.length === 0) return refuse({ untilDate: ["meetings.validation.noOccurrences"] });
  const { seriesId, count } = await createSeries(db, {
    spaceId: space.id,
    userId: user.id,
    series: {
      title: input.title,
      rule,
      startTime: input.startTime,
      durationMinutes: input.durationMinutes,
      firstDate: input.firstDate,
      untilDate: input.untilDate,
      description: input.description,
      place: input.place,
      onlineUrl: input.onlineUrl,
    },
    occurrences,
  });
  await recordAudit(db, {
    actorId: user.id,
    action: "meeting.series_created",
    subjectType: "meetingSeries",
    subjectId: seriesId,
    spaceId: space.id,
    details: { title: input.title, count },
  });
  return data<ActionData>({
    form: null,
    error: null,
    notice: t("meetings.series.created", { count }),
  });
}

export default function SpaceMeetings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { space, upcoming, past, canManage } = loaderData;
  const result = actionData as ActionData | undefined;
  const errorsFor = (form: ActionData["form"]) =>
    result?.form === form ? result.fieldErrors : undefined;
  const valuesFor = (form: ActionData["form"]) =>
    result?.form === form ? result.values : undefined;
  return (
    <div className="page">
      <PageTitle title={`${t("meetings.title")} · ${space.name}`} />
      <p className="eyebrow">{space.name}</p>
      <h1>{t("meetings.title")}</h1>
      <SpaceNav slug={space.slug} name={space.name} />
      <Outcome notice={result?.notice} error={result?.error} />

      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t("meetings.upcoming")}</h2>
        <MeetingTable
          slug={space.slug}
          meetings={upcoming}
          empty={t("meetings.noneUpcoming")}
          label={t("meetings.upcoming")}
        />
      </section>
      <section aria-labelledby="past-heading">
        <h2 id="past-heading">{t("meetings.past")}</h2>
        <MeetingTable
          slug={space.slug}
          meetings={past}
          empty={t("meetings.nonePast")}
          label={t("meetings.past")}
        />
      </section>

      {canManage ? (
        <>
          <section aria-labelledby="create-heading" className="card">
            <h2 id="create-heading">{t("meetings.create.title")}</h2>
            <p className="muted">{t("meetings.create.intro")}</p>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="create" />
              <MeetingFields
                idPrefix="new"
                values={valuesFor("create")}
                errors={errorsFor("create")}
              />
              <button type="submit" className="button">
                {t("meetings.create.submit")}
              </button>
            </Form>
          </section>
          <SeriesForm values={valuesFor("createSeries")} errors={errorsFor("createSeries")} />
        </>
      ) : null}
    </div>
  );
}

function MeetingTable({
  slug,
  meetings,
  empty,
  label,
}: {
  slug: string;
  meetings: {
    id: string;
    title: string;
    startsAt: string;
    place: string;
    onlineUrl: string | null;
    status: string;
    response: string | null;
  }[];
  empty: string;
  label: string;
}) {
  const { t, i18n } = useTranslation();
  if (meetings.length === 0) return <p>{empty}</p>;
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table className="meeting-list">
        <thead>
          <tr>
            <th scope="col">{t("meetings.col.meeting")}</th>
            <th scope="col">{t("meetings.col.when")}</th>
            <th scope="col">{t("meetings.col.place")}</th>
            <th scope="col">{t("meetings.col.status")}</th>
            <th scope="col">{t("meetings.col.yourAnswer")}</th>
          </tr>
        </thead>
        <tbody>
          {meetings.map((m) => (
            <tr key={m.id} className={m.status === "cancelled" ? "is-cancelled" : undefined}>
              <td>
                <Link to={`/spaces/${slug}/meetings/${m.id}`}>{m.title}</Link>
              </td>
              <td>{formatDateTime(m.startsAt, i18n.language)}</td>
              <td>
                {[m.place, m.onlineUrl ? t("meetings.online") : null].filter(Boolean).join(" · ")}
              </td>
              <td>
                <span className={`badge status-${m.status}`}>
                  {t(`meetings.status.${m.status}` as never)}
                </span>
              </td>
              <td>
                {m.response
                  ? t(`meetings.response.${m.response}` as never)
                  : t("meetings.notAnswered")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SeriesForm({
  values = {},
  errors,
}: {
  values?: Record<string, string>;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation();
  const weekdays = ["1", "2", "3", "4", "5", "6", "7"] as const;
  return (
    <section aria-labelledby="series-heading" className="card">
      <h2 id="series-heading">{t("meetings.series.title")}</h2>
      <p className="muted">{t("meetings.series.intro")}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="createSeries" />
        <Field
          id="series-title"
          name="title"
          label={t("meetings.fields.title")}
          defaultValue={values.title}
          errors={errors}
          required
        />
        <Field
          id="series-frequency"
          name="frequency"
          label={t("meetings.series.frequency")}
          defaultValue={values.frequency ?? "monthly"}
          errors={errors}
        >
          <option value="monthly">{t("meetings.series.monthly")}</option>
          <option value="weekly">{t("meetings.series.weekly")}</option>
        </Field>
        <Field
          id="series-nth"
          name="nth"
          label={t("meetings.series.nth")}
          defaultValue={values.nth ?? "1"}
          errors={errors}
        >
          {(["1", "2", "3", "4", "-1"] as const).map((n) => (
            <option key={n} value={n}>
              {t(`meetings.nth.${n}`)}
            </option>
          ))}
        </Field>
        <Field
          id="series-weekday"
          name="weekday"
          label={t("meetings.series.weekday")}
          defaultValue={values.weekday ?? "2"}
          errors={errors}
        >
          {weekdays.map((d) => (
            <option key={d} value={d}>
              {t(`meetings.weekday.${d}`)}
            </option>
          ))}
        </Field>
        <Field
          id="series-interval"
          name="interval"
          type="number"
          min={1}
          max={8}
          label={t("meetings.series.interval")}
          hint={t("meetings.series.intervalHint")}
          defaultValue={values.interval ?? "1"}
          errors={errors}
        />
        <Field
          id="series-startTime"
          name="startTime"
          type="time"
          label={t("meetings.series.startTime")}
          hint={t("meetings.fields.timeHint")}
          defaultValue={values.startTime ?? "17:00"}
          errors={errors}
          required
        />
        <Field
          id="series-durationMinutes"
          name="durationMinutes"
          type="number"
          min={1}
          max={1440}
          label={t("meetings.series.durationMinutes")}
          defaultValue={values.durationMinutes ?? "120"}
          errors={errors}
          required
        />
        <Field
          id="series-firstDate"
          name="firstDate"
          type="date"
          label={t("meetings.series.firstDate")}
          defaultValue={values.firstDate}
          errors={errors}
          required
        />
        <Field
          id="series-untilDate"
          name="untilDate"
          type="date"
          label={t("meetings.series.untilDate")}
          defaultValue={values.untilDate}
          errors={errors}
          required
        />
        <Field
          id="series-place"
          name="place"
          label={t("meetings.fields.place")}
          defaultValue={values.place}
          errors={errors}
        />
        <Field
          id="series-onlineUrl"
          name="onlineUrl"
          type="url"
          label={t("meetings.fields.onlineUrl")}
          hint={t("meetings.fields.onlineUrlHint")}
          defaultValue={values.onlineUrl}
          errors={errors}
        />
        <Field
          id="series-description"
          name="description"
          label={t("meetings.fields.description")}
          defaultValue={values.description}
          errors={errors}
          multiline
        />
        <button type="submit" className="button">
          {t("meetings.series.submit")}
        </button>
      </Form>
    </section>
  );
}
