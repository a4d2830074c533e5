import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { getHub } from "../auth/guard.server";
import { PageTitle } from "../components/page-title";
import { InitiativeFields, type InitiativeFieldValues } from "../components/plan-fields";
import { readFormData } from "../lib/form.server";
import { forbidden, notFound, requirePlanViewer } from "../lib/plan-access.server";
import { parseInitiativeForm } from "../lib/plan-form.server";
import { listOrganisationOptions } from "../models/organisation.server";
import { getInitiative, listPlans, updateInitiative } from "../models/plan.server";
import type { Route } from "./+types/plan-initiative-edit";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = await requirePlanViewer(context, request);
  const { db } = getHub(context);
  const initiative = await getInitiative(db, { initiativeId: params.id });
  if (!initiative) notFound();
  if (!viewer.canManage) forbidden();
  return {
    initiative: { id: initiative.id, title: initiative.title },
    plans: (await listPlans(db)).map((p) => ({ id: p.id, title: p.title })),
    organisations: await listOrganisationOptions(db),
    values: {
      planId: initiative.planId,
      title: initiative.title,
      description: initiative.description,
      targetGroup: initiative.targetGroup,
      ownerOrganisationId: initiative.ownerOrganisationId,
      partnerOrganisationIds: initiative.partners.map((p) => p.id),
      fundingContext: initiative.fundingContext,
      startDate: initiative.startDate,
      endDate: initiative.endDate,
      status: initiative.status,
    } satisfies InitiativeFieldValues,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const viewer = await requirePlanViewer(context, request);
  const { db } = getHub(context);
  const initiative = await getInitiative(db, { initiativeId: params.id });
  if (!initiative) notFound();
  if (!viewer.canManage) forbidden();
  const result = await parseInitiativeForm(db, await readFormData(request));
  if (!result.ok) return data({ errors: result.errors, values: result.values }, { status: 400 });
  await updateInitiative(db, { ...result.input, initiativeId: initiative.id });
  return redirect(`/plan/${initiative.id}`);
}

export default function EditInitiative({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { initiative } = loaderData;
  const values = (actionData?.values as InitiativeFieldValues | undefined) ?? loaderData.values;
  return (
    <div className="page narrow">
      <PageTitle title={`${t("plan.form.editTitle")} · ${initiative.title}`} />
      <p className="eyebrow">
        <Link to={`/plan/${initiative.id}`}>{initiative.title}</Link>
      </p>
      <h1>{t("plan.form.editTitle")}</h1>
      <Form method="post" className="stack">
        <InitiativeFields
          values={values}
          errors={actionData?.errors ?? {}}
          plans={loaderData.plans}
          organisations={loaderData.organisations}
        />
        <p>
          <button type="submit" className="button">
            {t("plan.form.save")}
          </button>{" "}
          <Link to={`/plan/${initiative.id}`}>{t("plan.form.cancel")}</Link>
        </p>
      </Form>
    </div>
  );
}
