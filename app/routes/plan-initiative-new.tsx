import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { getHub } from "../auth/guard.server";
import { PageTitle } from "../components/page-title";
import { InitiativeFields, type InitiativeFieldValues } from "../components/plan-fields";
import { readFormData } from "../lib/form.server";
import { forbidden, requirePlanViewer } from "../lib/plan-access.server";
import { parseInitiativeForm } from "../lib/plan-form.server";
import { copenhagenToday } from "../lib/zoned-time";
import { listOrganisationOptions } from "../models/organisation.server";
import { createInitiative, getCurrentPlan, listPlans } from "../models/plan.server";
import type { Route } from "./+types/plan-initiative-new";

export async function loader({ context, request }: Route.LoaderArgs) {
  const viewer = await requirePlanViewer(context, request);
  if (!viewer.canManage) forbidden();
  const { db } = getHub(context);
  const plans = await listPlans(db);
  const wanted = new URL(request.url).searchParams.get("plan");
  const plan =
    plans.find((p) => p.id === wanted) ?? (await getCurrentPlan(db, { today: copenhagenToday() }));
  return {
    plans: plans.map((p) => ({ id: p.id, title: p.title })),
    organisations: await listOrganisationOptions(db),
    defaults: {
      planId: plan?.id,
      startDate: plan?.periodStart,
      endDate: plan?.periodEnd,
      status: "running",
    } satisfies InitiativeFieldValues,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const viewer = await requirePlanViewer(context, request);
  if (!viewer.canManage) forbidden();
  const { db } = getHub(context);
  const result = await parseInitiativeForm(db, await readFormData(request));
  if (!result.ok) return data({ errors: result.errors, values: result.values }, { status: 400 });
  const id = await createInitiative(db, { ...result.input, createdById: viewer.user.id });
  return redirect(`/plan/${id}`);
}

export default function NewInitiative({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const values = (actionData?.values as InitiativeFieldValues | undefined) ?? loaderData.defaults;
  return (
    <div className="page narrow">
      <PageTitle title={`${t("plan.form.createTitle")} · ${t("plan.title")}`} />
      <p className="eyebrow">
        <Link to="/plan">{t("plan.title")}</Link>
      </p>
      <h1>{t("plan.form.createTitle")}</h1>
      <Form method="post" className="stack">
        <InitiativeFields
          values={values}
          errors={actionData?.errors ?? {}}
          plans={loaderData.plans}
          organisations={loaderData.organisations}
        />
        <p>
          <button type="submit" className="button">
            {t("plan.form.create")}
          </button>{" "}
          <Link to="/plan">{t("plan.form.cancel")}</Link>
        </p>
      </Form>
    </div>
  );
}
