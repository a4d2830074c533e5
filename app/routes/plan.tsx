import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { getHub } from "../auth/guard.server";
import { FormError } from "../components/form";
import { PageTitle } from "../components/page-title";
import { FieldError, invalid, type FieldErrors } from "../components/plan-fields";
import { PlanTimeline, showDate } from "../components/plan-timeline";
import { formatDateTime } from "../lib/dates";
import { fieldErrorsOf, readFormData } from "../lib/form.server";
import { forbidden, requirePlanViewer } from "../lib/plan-access.server";
import {
  endingWithinOptions,
  initiativeStatuses,
  targetGroups,
  type InitiativeStatus,
  type TargetGroup,
} from "../lib/plan";
import { copenhagenToday, copenhagenToUtc, utcToCopenhagen } from "../lib/zoned-time";
import { listOrganisationOptions } from "../models/organisation.server";
import {
  closeRound,
  createPlan,
  getCurrentPlan,
  getLatestRound,
  getPlan,
  getRound,
  isRoundOpen,
  listInitiatives,
  listPlans,
  openRound,
} from "../models/plan.server";
import { overviewFilterSchema, planActionSchema } from "../schemas/plan";
import type { Route } from "./+types/plan";

export async function loader({ context, request }: Route.LoaderArgs) {
  const viewer = await requirePlanViewer(context, request);
  const { db } = getHub(context);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = overviewFilterSchema.parse(params);
  const today = copenhagenToday();
  const plans = await listPlans(db);
  const plan =
    (filter.plan ? plans.find((p) => p.id === filter.plan) : undefined) ??
    (await getCurrentPlan(db, { today }));
  const initiatives = plan
    ? await listInitiatives(db, {
        planId: plan.id,
        filter: {
          targetGroup: filter.targetGroup,
          organisationId: filter.organisation,
          status: filter.status,
          endingWithinMonths: filter.endingWithin,
          today,
        },
      })
    : [];
  const round = plan ? await getLatestRound(db, { planId: plan.id }) : null;
  return {
    today,
    plans: plans.map((p) => ({ id: p.id, title: p.title })),
    plan,
    filter: {
      targetGroup: filter.targetGroup ?? "",
      organisation: filter.organisation ?? "",
      status: filter.status ?? "",
      endingWithin: filter.endingWithin ? String(filter.endingWithin) : "",
    },
    initiatives,
    organisations: await listOrganisationOptions(db),
    round: round && { ...round, open: isRoundOpen(round) },
    canManage: viewer.canManage,
    // A sensible default for the round form: four weeks from now, at noon.
    defaultDeadline: `${utcToCopenhagen(new Date(Date.now() + 28 * 86_400_000).toISOString()).date}T12:00`,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const viewer = await requirePlanViewer(context, request);
  if (!viewer.canManage) forbidden();
  const { db } = getHub(context);
  const form = await readFormData(request);
  const values = Object.fromEntries(
    [...form.entries()].filter(([, v]) => typeof v === "string"),
  ) as Record<string, string>;
  const parsed = planActionSchema.safeParse(values);
  const fail = (errors: Record<string, string[]>) =>
    data({ intent: values.intent ?? "", errors, values }, { status: 400 });
  if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
  const input = parsed.data;

  switch (input.intent) {
    case "createPlan": {
      const { intent: _intent, ...fields } = input;
      const planId = await createPlan(db, { ...fields, createdById: viewer.user.id });
      return redirect(`/plan?plan=${planId}`);
    }
    case "openRound": {
      const plan = await getPlan(db, { planId: input.planId });
      if (!plan || !viewer.expertGroupId) {
        return fail({ form: ["validation.formInvalid"] });
      }
      const deadline = copenhagenToUtc(input.deadline);
      if (!deadline) return fail({ deadline: ["plan.round.deadlineInvalid"] });
      if (deadline <= new Date().toISOString())
        return fail({ deadline: ["plan.round.deadlinePast"] });
      const result = await openRound(db, {
        planId: plan.id,
        spaceId: viewer.expertGroupId,
        question: input.question,
        deadline,
        openedById: viewer.user.id,
      });
      if (result.status === "alreadyOpen") return fail({ form: ["plan.round.alreadyOpen"] });
      return redirect(`/plan?plan=${plan.id}`);
    }
    case "closeRound": {
      const round = await getRound(db, { roundId: input.roundId });
      if (!round) throw data({ error: "notFound" }, { status: 404 });
      await closeRound(db, { roundId: round.id });
      return redirect(`/plan?plan=${round.planId}`);
    }
  }
}

export default function PlanOverview({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { plan, plans, filter, initiatives, organisations, round, canManage, today } = loaderData;
  const locale = i18n.language;
  const errorsFor = (intent: string) =>
    actionData && actionData.intent === intent ? actionData.errors : {};
  const valuesFor = (intent: string) =>
    actionData && actionData.intent === intent ? actionData.values : {};

  return (
    <div className="page">
      <PageTitle title={plan ? `${plan.title} · ${t("plan.title")}` : t("plan.title")} />
      <p className="eyebrow">{t("plan.title")}</p>
      <h1>{plan ? plan.title : t("plan.title")}</h1>
      <p>{t("plan.intro")}</p>
      <p className="muted">{t("plan.administeredBy")}</p>
      {!plan ? <p>{t("plan.noPlans")}</p> : null}
      {plan ? (
        <>
          <p>
            {t("plan.period", {
              start: showDate(plan.periodStart, locale),
              end: showDate(plan.periodEnd, locale),
            })}
          </p>
          {plan.description ? <p>{plan.description}</p> : null}
          {plan.f2CaseNumber || plan.f2DocumentNumber || plan.edocCaseNumber ? (
            <dl className="meta-list">
              {plan.f2CaseNumber ? (
                <>
                  <dt>{t("plan.f2CaseNumber")}</dt>
                  <dd>{plan.f2CaseNumber}</dd>
                </>
              ) : null}
              {plan.f2DocumentNumber ? (
                <>
                  <dt>{t("plan.f2DocumentNumber")}</dt>
                  <dd>{plan.f2DocumentNumber}</dd>
                </>
              ) : null}
              {plan.edocCaseNumber ? (
                <>
                  <dt>{t("plan.edocCaseNumber")}</dt>
                  <dd>{plan.edocCaseNumber}</dd>
                </>
              ) : null}
            </dl>
          ) : null}
        </>
      ) : null}

      <section aria-labelledby="plan-filter-heading" className="card">
        <h2 id="plan-filter-heading">{t("plan.filter.heading")}</h2>
        <Form method="get" className="stack">
          <div className="filter-grid">
            <div className="field">
              <label htmlFor="filter-plan">{t("plan.choosePlan")}</label>
              <select id="filter-plan" name="plan" defaultValue={plan?.id ?? ""}>
                {plans.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-targetGroup">{t("plan.targetGroup.label")}</label>
              <select id="filter-targetGroup" name="targetGroup" defaultValue={filter.targetGroup}>
                <option value="">{t("plan.filter.all")}</option>
                {targetGroups.map((g) => (
                  <option key={g} value={g}>
                    {t(`plan.targetGroup.${g}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-organisation">{t("plan.filter.organisation")}</label>
              <select
                id="filter-organisation"
                name="organisation"
                defaultValue={filter.organisation}
              >
                <option value="">{t("plan.filter.all")}</option>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-status">{t("plan.status.label")}</label>
              <select id="filter-status" name="status" defaultValue={filter.status}>
                <option value="">{t("plan.filter.all")}</option>
                {initiativeStatuses.map((s) => (
                  <option key={s} value={s}>
                    {t(`plan.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-endingWithin">{t("plan.filter.endingWithin")}</label>
              <select
                id="filter-endingWithin"
                name="endingWithin"
                defaultValue={filter.endingWithin}
                aria-describedby="filter-endingWithin-hint"
              >
                <option value="">{t("plan.filter.all")}</option>
                {endingWithinOptions.map((n) => (
                  <option key={n} value={n}>
                    {t("plan.filter.months", { count: n })}
                  </option>
                ))}
              </select>
              <p id="filter-endingWithin-hint" className="field__hint">
                {t("plan.filter.today", { date: showDate(today, locale) })}
              </p>
            </div>
          </div>
          <p>
            <button type="submit" className="button">
              {t("plan.filter.apply")}
            </button>{" "}
            <Link to={plan ? `/plan?plan=${plan.id}` : "/plan"}>{t("plan.filter.reset")}</Link>
          </p>
        </Form>
        <p role="status">{t("plan.filter.count", { count: initiatives.length })}</p>
      </section>

      {plan ? (
        <>
          <section aria-labelledby="plan-chart-heading">
            <h2 id="plan-chart-heading">{t("plan.chart.heading")}</h2>
            <PlanTimeline rows={initiatives} today={today} />
          </section>

          <div className="table-scroll">
            <table className="plan-table">
              <caption>{t("plan.table.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("plan.table.initiative")}</th>
                  <th scope="col">{t("plan.targetGroup.label")}</th>
                  <th scope="col">{t("plan.table.owner")}</th>
                  <th scope="col">{t("plan.table.partners")}</th>
                  <th scope="col">{t("plan.table.start")}</th>
                  <th scope="col">{t("plan.table.end")}</th>
                  <th scope="col">{t("plan.status.label")}</th>
                </tr>
              </thead>
              <tbody>
                {initiatives.map((i) => (
                  <tr key={i.id} data-initiative={i.id}>
                    <th scope="row">
                      <Link to={`/plan/${i.id}`}>{i.title}</Link>
                    </th>
                    <td>{t(`plan.targetGroup.${i.targetGroup as TargetGroup}`)}</td>
                    <td>{i.ownerName}</td>
                    <td>
                      {i.partners.length
                        ? i.partners.map((p) => p.name).join(", ")
                        : t("plan.table.none")}
                    </td>
                    <td>
                      <time dateTime={i.startDate}>{showDate(i.startDate, locale)}</time>
                    </td>
                    <td>
                      <time dateTime={i.endDate}>{showDate(i.endDate, locale)}</time>
                    </td>
                    <td>{t(`plan.status.${i.status as InitiativeStatus}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {canManage ? (
            <p>
              <Link to={`/plan/new?plan=${plan.id}`} className="button">
                {t("plan.newInitiative")}
              </Link>
            </p>
          ) : null}

          <section aria-labelledby="plan-round-heading" className="card">
            <h2 id="plan-round-heading">{t("plan.round.heading")}</h2>
            {round ? (
              <>
                <p>{round.question}</p>
                <p>
                  {round.closedAt
                    ? t("plan.round.closed", { when: formatDateTime(round.closedAt, locale) })
                    : round.open
                      ? t("plan.round.current", {
                          deadline: formatDateTime(round.deadline, locale),
                        })
                      : t("plan.round.pastDeadline", {
                          deadline: formatDateTime(round.deadline, locale),
                        })}
                </p>
                <p className="muted">{t("plan.round.whoAnswers")}</p>
                {canManage && !round.closedAt ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="closeRound" />
                    <input type="hidden" name="roundId" value={round.id} />
                    <button type="submit" className="button secondary">
                      {t("plan.round.close")}
                    </button>
                  </Form>
                ) : null}
              </>
            ) : (
              <p>{t("plan.round.none")}</p>
            )}
            {canManage && !round?.open ? (
              <RoundForm
                planId={plan.id}
                errors={errorsFor("openRound")}
                values={valuesFor("openRound")}
                defaultDeadline={loaderData.defaultDeadline}
              />
            ) : null}
            {canManage && round?.open ? (
              <FormError id="round-form-error" errors={errorsFor("openRound").form} />
            ) : null}
          </section>
        </>
      ) : null}

      {canManage ? (
        <NewPlanForm errors={errorsFor("createPlan")} values={valuesFor("createPlan")} />
      ) : null}
    </div>
  );
}

type Errors = FieldErrors;

function RoundForm({
  planId,
  errors,
  values,
  defaultDeadline,
}: {
  planId: string;
  errors: Errors;
  values: Record<string, string>;
  defaultDeadline: string;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="stack" aria-labelledby="round-open-heading">
      <h3 id="round-open-heading">{t("plan.round.openHeading")}</h3>
      <p>{t("plan.round.openIntro")}</p>
      <FormError id="round-form-error" errors={errors.form} />
      <input type="hidden" name="intent" value="openRound" />
      <input type="hidden" name="planId" value={planId} />
      <div className="field">
        <label htmlFor="round-question">{t("plan.round.question")}</label>
        <textarea
          id="round-question"
          name="question"
          rows={3}
          required
          defaultValue={values.question ?? t("plan.round.questionDefault")}
          {...invalid("round-question-error", errors.question)}
        />
        <FieldError id="round-question-error" errors={errors.question} />
      </div>
      <div className="field">
        <label htmlFor="round-deadline">{t("plan.round.deadline")}</label>
        <p id="round-deadline-hint" className="field__hint">
          {t("plan.round.deadlineHint")}
        </p>
        <input
          id="round-deadline"
          name="deadline"
          type="datetime-local"
          required
          defaultValue={values.deadline ?? defaultDeadline}
          aria-describedby={
            errors.deadline?.length
              ? "round-deadline-error round-deadline-hint"
              : "round-deadline-hint"
          }
          aria-invalid={errors.deadline?.length ? true : undefined}
        />
        <FieldError id="round-deadline-error" errors={errors.deadline} />
      </div>
      <p>
        <button type="submit" className="button">
          {t("plan.round.open")}
        </button>
      </p>
    </Form>
  );
}

function NewPlanForm({ errors, values }: { errors: Errors; values: Record<string, string> }) {
  const { t } = useTranslation();
  const text = (name: string, label: string, type = "text", required = false) => (
    <div className="field">
      <label htmlFor={`plan-${name}`}>{label}</label>
      <input
        id={`plan-${name}`}
        name={name}
        type={type}
        required={required}
        defaultValue={values[name] ?? ""}
        {...invalid(`plan-${name}-error`, errors[name])}
      />
      <FieldError id={`plan-${name}-error`} errors={errors[name]} />
    </div>
  );
  return (
    <section aria-labelledby="new-plan-heading" className="card">
      <h2 id="new-plan-heading">{t("plan.newPlan.heading")}</h2>
      <p>{t("plan.newPlan.intro")}</p>
      <Form method="post" className="stack">
        <FormError id="plan-form-error" errors={errors.form} />
        <input type="hidden" name="intent" value="createPlan" />
        {text("title", t("plan.newPlan.titleLabel"), "text", true)}
        {text("periodStart", t("plan.newPlan.periodStart"), "date", true)}
        {text("periodEnd", t("plan.newPlan.periodEnd"), "date", true)}
        <div className="field">
          <label htmlFor="plan-description">{t("plan.newPlan.description")}</label>
          <textarea
            id="plan-description"
            name="description"
            rows={3}
            defaultValue={values.description ?? ""}
            {...invalid("plan-description-error", errors.description)}
          />
          <FieldError id="plan-description-error" errors={errors.description} />
        </div>
        {text("f2CaseNumber", t("plan.f2CaseNumber"))}
        {text("f2DocumentNumber", t("plan.f2DocumentNumber"))}
        {text("edocCaseNumber", t("plan.edocCaseNumber"))}
        <p>
          <button type="submit" className="button">
            {t("plan.newPlan.submit")}
          </button>
        </p>
      </Form>
    </section>
  );
}
