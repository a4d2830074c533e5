import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { getHub, requireSpace } from "../auth/guard.server";
import { can } from "../auth/permissions.server";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { formatDate, formatDateTime, formatTime } from "../lib/dates";
import { fieldErrorsOf, readFormData } from "../lib/form.server";
import { getInstance } from "../middleware/i18next";
import { hasLocalActivities } from "../models/activity.server";
import {
  addParticipant,
  addSession,
  deleteSession,
  getCourse,
  listAddableMembers,
  listAttendance,
  listParticipants,
  listSessions,
  recordAttendance,
  removeParticipant,
  setCompleted,
} from "../models/training.server";
import { courseActionSchema } from "../schemas/training";
import type { Route } from "./+types/space-training-course";

const notFound = () => data({ error: "notFound" }, { status: 404 });

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "training.read",
  });
  if (!hasLocalActivities(space)) throw notFound();
  const { db } = getHub(context);
  const scope = { spaceId: space.id, courseId: params.courseId };
  const course = await getCourse(db, scope);
  if (!course) throw notFound();
  const canManage = can(user, "training.manage", { spaceRole: role });
  const [sessions, participants] = await Promise.all([
    listSessions(db, scope),
    listParticipants(db, scope),
  ]);
  return {
    space: { slug: space.slug, name: space.name },
    course,
    sessions,
    participants,
    // Who was present when is for the secretariat, which records it; members see the totals.
    attendance: canManage ? await listAttendance(db, scope) : [],
    addable: canManage ? await listAddableMembers(db, scope) : [],
    canManage,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "training.read",
  });
  if (!hasLocalActivities(space)) throw notFound();
  const { db } = getHub(context);
  const t = getInstance(context).t;
  const course = await getCourse(db, { spaceId: space.id, courseId: params.courseId });
  if (!course) throw notFound();
  if (!can(user, "training.manage", { spaceRole: role }))
    throw data({ error: "forbidden" }, { status: 403 });
  const form = await readFormData(request);
  const parsed = courseActionSchema.safeParse(Object.fromEntries(form));
  const refuse = (message: string, fieldErrors: Record<string, string[]> = {}) =>
    data(
      {
        error: message,
        fieldErrors,
        values: {
          startsAt: String(form.get("startsAt") ?? ""),
          endsAt: String(form.get("endsAt") ?? ""),
          place: String(form.get("place") ?? ""),
          teachers: String(form.get("teachers") ?? ""),
        },
      },
      { status: 400 },
    );
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return refuse(
      form.get("intent") === "addSession"
        ? t("activities.validation.fixErrors")
        : t("validation.formInvalid"),
      fieldErrors,
    );
  }
  const scope = { spaceId: space.id, courseId: course.id };
  const input = parsed.data;
  switch (input.intent) {
    case "addSession":
      await addSession(db, { ...scope, ...input });
      break;
    case "deleteSession":
      if (!(await deleteSession(db, { ...scope, sessionId: input.sessionId })))
        return refuse(t("training.errors.sessionNotInCourse"));
      break;
    case "addParticipant": {
      const result = await addParticipant(db, {
        ...scope,
        userId: input.userId,
        addedById: user.id,
      });
      if (result !== "added") return refuse(t(`training.errors.${result}`));
      break;
    }
    case "removeParticipant":
      if ((await removeParticipant(db, { ...scope, userId: input.userId })) !== "removed")
        return refuse(t("training.errors.notParticipant"));
      break;
    case "recordAttendance": {
      const result = await recordAttendance(db, {
        ...scope,
        sessionId: input.sessionId,
        userId: input.userId,
        present: input.status === "present",
        recordedById: user.id,
      });
      if (result !== "recorded") return refuse(t(`training.errors.${result}`));
      break;
    }
    case "complete":
    case "uncomplete": {
      const result = await setCompleted(db, {
        ...scope,
        userId: input.userId,
        completed: input.intent === "complete",
        byId: user.id,
      });
      if (result !== "done") return refuse(t("training.errors.notParticipant"));
      break;
    }
  }
  return redirect(`/spaces/${space.slug}/training/${course.id}`);
}

export default function TrainingCourse({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { space, course, sessions, participants, attendance, addable, canManage } = loaderData;
  const errors = actionData?.fieldErrors ?? {};
  const when = (s: { startsAt: string; endsAt: string }) =>
    `${formatDateTime(s.startsAt, i18n.language)}–${formatTime(s.endsAt, i18n.language)}`;
  const attended = new Map(attendance.map((a) => [`${a.sessionId}|${a.userId}`, a.present]));
  const fieldError = (name: string) =>
    errors[name]?.length ? (
      <p id={`session-${name}-error`} className="field__error">
        {errors[name]!.map((e) => t(e as never)).join(" ")}
      </p>
    ) : null;

  return (
    <div className="page">
      <PageTitle title={`${course.title} · ${space.name}`} />
      <p className="eyebrow">
        <Link to={`/spaces/${space.slug}/training`}>{t("training.title")}</Link>
      </p>
      <h1>{course.title}</h1>
      <SpaceNav slug={space.slug} name={space.name} />
      {actionData?.error ? (
        <p role="alert" className="form-error">
          {actionData.error}
        </p>
      ) : null}
      {course.organiser ? (
        <p>
          {t("training.organiser")}: {course.organiser}
        </p>
      ) : null}
      {course.descriptionHtml ? (
        <div className="post__body" dangerouslySetInnerHTML={{ __html: course.descriptionHtml }} />
      ) : null}

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("training.sessions.title")}</h2>
        {sessions.length === 0 ? (
          <p>{t("training.sessions.none")}</p>
        ) : (
          <div
            className="table-scroll"
            role="region"
            aria-labelledby="sessions-heading"
            tabIndex={0}
          >
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("training.sessions.when")}</th>
                  <th scope="col">{t("training.sessions.place")}</th>
                  <th scope="col">{t("training.sessions.teachers")}</th>
                  {canManage ? <td /> : null}
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr key={s.id}>
                    <td>{when(s)}</td>
                    <td>{s.place}</td>
                    <td>{s.teachers}</td>
                    {canManage ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="deleteSession" />
                          <input type="hidden" name="sessionId" value={s.id} />
                          <button type="submit" className="button small secondary">
                            {t("training.sessions.delete", { when: when(s) })}
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canManage ? (
          <details className="card" open={Object.keys(errors).length > 0}>
            <summary>{t("training.sessions.add")}</summary>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="addSession" />
              {(["startsAt", "endsAt"] as const).map((name) => (
                <div className="field" key={name}>
                  <label htmlFor={`session-${name}`}>{t(`training.sessions.${name}`)}</label>
                  <p id={`session-${name}-hint`} className="field__hint">
                    {t("training.sessions.timeHint")}
                  </p>
                  <input
                    id={`session-${name}`}
                    name={name}
                    type="datetime-local"
                    required
                    defaultValue={actionData?.values[name]}
                    aria-invalid={errors[name] ? true : undefined}
                    aria-describedby={
                      errors[name]
                        ? `session-${name}-error session-${name}-hint`
                        : `session-${name}-hint`
                    }
                  />
                  {fieldError(name)}
                </div>
              ))}
              <div className="field">
                <label htmlFor="session-place">{t("training.sessions.place")}</label>
                <input
                  id="session-place"
                  name="place"
                  maxLength={200}
                  defaultValue={actionData?.values.place}
                />
                {fieldError("place")}
              </div>
              <div className="field">
                <label htmlFor="session-teachers">{t("training.sessions.teachers")}</label>
                <input
                  id="session-teachers"
                  name="teachers"
                  maxLength={300}
                  defaultValue={actionData?.values.teachers}
                />
                {fieldError("teachers")}
              </div>
              <button type="submit" className="button">
                {t("training.sessions.submit")}
              </button>
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="participants-heading">
        <h2 id="participants-heading">{t("training.participants.title")}</h2>
        {participants.length === 0 ? (
          <p>{t("training.participants.none")}</p>
        ) : (
          <div
            className="table-scroll"
            role="region"
            aria-labelledby="participants-heading"
            tabIndex={0}
          >
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("training.participants.name")}</th>
                  <th scope="col">{t("training.participants.organisation")}</th>
                  <th scope="col">{t("training.participants.attendance")}</th>
                  <th scope="col">{t("training.participants.status")}</th>
                  {canManage ? <td /> : null}
                </tr>
              </thead>
              <tbody>
                {participants.map((p) => (
                  <tr key={p.userId}>
                    <th scope="row">
                      <Link to={`/people/${p.userId}`}>{p.name}</Link>
                    </th>
                    <td>{p.organisationName ?? ""}</td>
                    <td>
                      {t("training.participants.attendanceValue", {
                        present: Number(p.presentCount),
                        total: sessions.length,
                      })}
                    </td>
                    <td>
                      {p.completedAt ? (
                        <>
                          <span className="badge">{t("training.keyPerson")}</span>{" "}
                          {t("training.participants.completedOn", {
                            date: formatDate(p.completedAt, i18n.language),
                          })}
                        </>
                      ) : (
                        t("training.participants.enrolled")
                      )}
                    </td>
                    {canManage ? (
                      <td>
                        <Form method="post" className="row-form">
                          <input type="hidden" name="userId" value={p.userId} />
                          <button
                            type="submit"
                            name="intent"
                            value={p.completedAt ? "uncomplete" : "complete"}
                            className="button small"
                          >
                            {p.completedAt
                              ? t("training.participants.uncomplete", { name: p.name })
                              : t("training.participants.complete", { name: p.name })}
                          </button>
                          <button
                            type="submit"
                            name="intent"
                            value="removeParticipant"
                            className="button small secondary"
                          >
                            {t("training.participants.remove", { name: p.name })}
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canManage ? (
          addable.length ? (
            <Form method="post" className="row-form">
              <input type="hidden" name="intent" value="addParticipant" />
              <label htmlFor="participant-user">{t("training.participants.person")}</label>
              <select id="participant-user" name="userId" required defaultValue="">
                <option value="" disabled>
                  {t("training.participants.choose")}
                </option>
                {addable.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
              <button type="submit" className="button small">
                {t("training.participants.submit")}
              </button>
            </Form>
          ) : (
            <p>{t("training.participants.noneToAdd")}</p>
          )
        ) : null}
      </section>

      {canManage && sessions.length && participants.length ? (
        <section aria-labelledby="attendance-heading">
          <h2 id="attendance-heading">{t("training.attendance.title")}</h2>
          <p>{t("training.attendance.intro")}</p>
          {sessions.map((s) => (
            <div
              key={s.id}
              className="table-scroll"
              role="region"
              aria-labelledby={`att-${s.id}`}
              tabIndex={0}
            >
              <table>
                <caption id={`att-${s.id}`}>
                  {t("training.attendance.session", { when: when(s) })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("training.participants.name")}</th>
                    <th scope="col">{t("training.participants.status")}</th>
                    <td />
                  </tr>
                </thead>
                <tbody>
                  {participants.map((p) => {
                    const present = attended.get(`${s.id}|${p.userId}`);
                    return (
                      <tr key={p.userId}>
                        <th scope="row">{p.name}</th>
                        <td>
                          {present === undefined
                            ? t("training.attendance.unknown")
                            : present
                              ? t("training.attendance.present")
                              : t("training.attendance.absent")}
                        </td>
                        <td>
                          <Form method="post" className="row-form">
                            <input type="hidden" name="intent" value="recordAttendance" />
                            <input type="hidden" name="sessionId" value={s.id} />
                            <input type="hidden" name="userId" value={p.userId} />
                            <button
                              type="submit"
                              name="status"
                              value="present"
                              className="button small"
                              aria-pressed={present === 1}
                              aria-label={t("training.attendance.markPresent", { name: p.name })}
                            >
                              {t("training.attendance.present")}
                            </button>
                            <button
                              type="submit"
                              name="status"
                              value="absent"
                              className="button small secondary"
                              aria-pressed={present === 0}
                              aria-label={t("training.attendance.markAbsent", { name: p.name })}
                            >
                              {t("training.attendance.absent")}
                            </button>
                          </Form>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}
