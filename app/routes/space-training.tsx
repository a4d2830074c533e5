import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { getHub, requireSpace } from "../auth/guard.server";
import { can } from "../auth/permissions.server";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { formatDate } from "../lib/dates";
import { fieldErrorsOf, readFormData } from "../lib/form.server";
import { renderPost } from "../lib/markdown.server";
import { hasLocalActivities } from "../models/activity.server";
import { createCourse, listCourses } from "../models/training.server";
import { courseSchema } from "../schemas/training";
import type { Route } from "./+types/space-training";

const notFound = () => data({ error: "notFound" }, { status: 404 });

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "training.read",
  });
  if (!hasLocalActivities(space)) throw notFound();
  return {
    space: { slug: space.slug, name: space.name },
    courses: await listCourses(getHub(context).db, { spaceId: space.id }),
    canManage: can(user, "training.manage", { spaceRole: role }),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  // Read first: a space without the training answers 404 to everyone, before any 403.
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "training.read",
  });
  if (!hasLocalActivities(space)) throw notFound();
  if (!can(user, "training.manage", { spaceRole: role }))
    throw data({ error: "forbidden" }, { status: 403 });
  const form = await readFormData(request);
  const parsed = courseSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return data(
      {
        fieldErrors: fieldErrorsOf(parsed.error),
        values: {
          title: String(form.get("title") ?? ""),
          organiser: String(form.get("organiser") ?? ""),
          description: String(form.get("description") ?? ""),
        },
      },
      { status: 400 },
    );
  }
  const courseId = await createCourse(getHub(context).db, {
    spaceId: space.id,
    createdById: user.id,
    ...parsed.data,
    descriptionHtml: renderPost(parsed.data.description).html,
  });
  return redirect(`/spaces/${space.slug}/training/${courseId}`);
}

export default function SpaceTraining({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { space, courses, canManage } = loaderData;
  const errors = actionData?.fieldErrors ?? {};
  const values = actionData?.values;
  const error = (name: string) =>
    errors[name]?.length ? (
      <p id={`course-${name}-error`} className="field__error">
        {errors[name]!.map((e) => t(e as never)).join(" ")}
      </p>
    ) : null;
  return (
    <div className="page">
      <PageTitle title={`${t("training.title")} · ${space.name}`} />
      <p className="eyebrow">{space.name}</p>
      <h1>{t("training.title")}</h1>
      <SpaceNav slug={space.slug} name={space.name} />
      <p>{t("training.intro")}</p>
      <h2>{t("training.courses")}</h2>
      {courses.length === 0 ? <p>{t("training.none")}</p> : null}
      <ul className="card-list">
        {courses.map((c) => (
          <li key={c.id} className="card">
            <h3 className="card-title">
              <Link to={`/spaces/${space.slug}/training/${c.id}`}>{c.title}</Link>
            </h3>
            {c.organiser ? (
              <p className="muted">
                {t("training.organiser")}: {c.organiser}
              </p>
            ) : null}
            <p className="muted">
              {c.firstSessionAt && c.lastSessionAt
                ? `${t("training.period", {
                    from: formatDate(c.firstSessionAt, i18n.language),
                    to: formatDate(c.lastSessionAt, i18n.language),
                  })} · `
                : null}
              {t("training.sessionsCount", { count: Number(c.sessionCount) })} ·{" "}
              {t("training.participantsCount", { count: Number(c.participantCount) })} ·{" "}
              {t("training.completedCount", { count: Number(c.completedCount) })}
            </p>
          </li>
        ))}
      </ul>
      {canManage ? (
        <section aria-labelledby="new-course-heading" className="card">
          <h2 id="new-course-heading">{t("training.newCourse.title")}</h2>
          <Form method="post" className="stack" noValidate>
            <div className="field">
              <label htmlFor="course-title">{t("training.newCourse.courseTitle")}</label>
              <input
                id="course-title"
                name="title"
                required
                maxLength={200}
                defaultValue={values?.title}
                aria-invalid={errors.title ? true : undefined}
                aria-describedby={errors.title ? "course-title-error" : undefined}
              />
              {error("title")}
            </div>
            <div className="field">
              <label htmlFor="course-organiser">{t("training.newCourse.organiser")}</label>
              <p id="course-organiser-hint" className="field__hint">
                {t("training.newCourse.organiserHint")}
              </p>
              <input
                id="course-organiser"
                name="organiser"
                maxLength={200}
                defaultValue={values?.organiser}
                aria-describedby="course-organiser-hint"
              />
              {error("organiser")}
            </div>
            <div className="field">
              <label htmlFor="course-description">{t("training.newCourse.description")}</label>
              <p id="course-description-hint" className="field__hint">
                {t("training.newCourse.descriptionHint")}
              </p>
              <textarea
                id="course-description"
                name="description"
                rows={5}
                defaultValue={values?.description}
                aria-describedby="course-description-hint"
              />
              {error("description")}
            </div>
            <button type="submit" className="button">
              {t("training.newCourse.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
