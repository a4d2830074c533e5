import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { getHub, requireSpace, safeRedirectPath } from "../auth/guard.server";
import { can } from "../auth/permissions.server";
import { ActionItemForm, ActionItemList } from "../components/action-items";
import { PageTitle } from "../components/page-title";
import { SpaceNav } from "../components/space-nav";
import { toActionItemView } from "../lib/action-item-view.server";
import { fieldErrorsOf, readFormData } from "../lib/form.server";
import { copenhagenToday } from "../lib/zoned-time";
import { getInstance } from "../middleware/i18next";
import {
  createActionItem,
  getActionItem,
  listAssigneeOptions,
  listSpaceActionItems,
  setActionItemStatus,
} from "../models/action-item.server";
import {
  actionItemActionSchema,
  actionItemFilters,
  type ActionItemFilter,
} from "../schemas/action-item";
import minutesStyles from "../styles/minutes.css?url";
import type { Route } from "./+types/space-action-items";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: minutesStyles }];

const notFound = () => data({ error: "notFound" }, { status: 404 });
const forbidden = () => data({ error: "forbidden" }, { status: 403 });

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "actionItem.read",
  });
  const { db } = getHub(context);
  const param = new URL(request.url).searchParams.get("status");
  const filter: ActionItemFilter = actionItemFilters.includes(param as ActionItemFilter)
    ? (param as ActionItemFilter)
    : "open";
  const today = copenhagenToday();
  const rows = await listSpaceActionItems(db, {
    spaceId: space.id,
    viewerId: user.id,
    filter,
    today,
  });
  const canManage = can(user, "actionItem.manage", { spaceRole: role });
  return {
    space: { slug: space.slug, name: space.name },
    filter,
    items: rows.map((r) => toActionItemView(r, { actor: user, spaceRole: role, today })),
    assigneeOptions: canManage ? await listAssigneeOptions(db, { spaceId: space.id }) : null,
  };
}

type ActionResult = {
  error: string;
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
};

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, space, role } = await requireSpace(context, request, {
    slug: params.slug,
    action: "actionItem.read",
  });
  const { db } = getHub(context);
  const t = getInstance(context).t;
  const form = await readFormData(request);
  const raw = Object.fromEntries(form);
  // Creating is the secretariat's whatever the fields say; asking first keeps a refusal a 403.
  if (raw.intent === "create" && !can(user, "actionItem.manage", { spaceRole: role })) {
    throw forbidden();
  }
  const values = Object.fromEntries(
    Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  const invalid = (fieldErrors: Record<string, string[]>) =>
    data<ActionResult>(
      { error: t("validation.formInvalid"), fieldErrors, values },
      { status: 400 },
    );
  const parsed = actionItemActionSchema.safeParse(raw);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  const list = `/spaces/${space.slug}/action-items`;

  switch (input.intent) {
    case "create": {
      const result = await createActionItem(db, {
        spaceId: space.id,
        creatorId: user.id,
        title: input.title,
        description: input.description,
        assigneeUserId: input.assignee.userId,
        assigneeOrganisationId: input.assignee.organisationId,
        dueDate: input.dueDate,
        agendaItemId: input.agendaItemId,
      });
      if (result.status !== "created") {
        return invalid(
          result.status === "assignee"
            ? { assignee: ["actionItems.errors.assignee"] }
            : { agendaItemId: ["actionItems.errors.agendaItem"] },
        );
      }
      return redirect(
        result.meetingId
          ? `/spaces/${space.slug}/meetings/${result.meetingId}/minutes#item-${input.agendaItemId}`
          : `${list}#action-${result.id}`,
      );
    }
    case "setStatus": {
      const item = await getActionItem(db, {
        spaceId: space.id,
        actionItemId: input.actionItemId,
        viewerId: user.id,
      });
      if (!item) throw notFound();
      if (!can(user, "actionItem.update", { spaceRole: role, isAssignee: item.isAssignee })) {
        throw forbidden();
      }
      await setActionItemStatus(db, {
        spaceId: space.id,
        actionItemId: item.id,
        status: input.status,
      });
      return redirect(safeRedirectPath(input.returnTo, list));
    }
  }
}

export default function SpaceActionItems({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { space, filter, items, assigneeOptions } = loaderData;
  const base = `/spaces/${space.slug}/action-items`;
  return (
    <div className="page">
      <PageTitle title={`${t("actionItems.title")} · ${space.name}`} />
      <p className="eyebrow">{space.name}</p>
      <h1>{t("actionItems.title")}</h1>
      <SpaceNav slug={space.slug} name={space.name} />
      {actionData?.error ? (
        <p role="alert" className="form-error">
          {actionData.error}
        </p>
      ) : null}
      <Form method="get" className="row-form filter-bar">
        <label htmlFor="status-filter">{t("actionItems.filter")}</label>
        <select id="status-filter" name="status" defaultValue={filter}>
          {actionItemFilters.map((f) => (
            <option key={f} value={f}>
              {t(`actionItems.filters.${f}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button small secondary">
          {t("actionItems.filterSubmit")}
        </button>
      </Form>
      <ActionItemList
        items={items}
        returnTo={filter === "open" ? base : `${base}?status=${filter}`}
      />
      {assigneeOptions ? (
        <section aria-labelledby="create-heading" className="card">
          <h2 id="create-heading">{t("actionItems.create")}</h2>
          <p className="notice">{t("notice.noCitizenData")}</p>
          <ActionItemForm
            slug={space.slug}
            idPrefix="new-action"
            options={assigneeOptions}
            agendaItemId={actionData?.values.agendaItemId || undefined}
            errors={actionData?.fieldErrors}
            values={actionData?.values}
          />
        </section>
      ) : null}
    </div>
  );
}
