import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { formatDate, formatDateTime } from "../lib/dates";

export interface ActionItemView {
  id: string;
  title: string;
  description: string;
  status: string;
  dueDate: string | null;
  completedAt: string | null;
  overdue: boolean;
  canUpdate: boolean;
  assigneeName: string | null;
  organisationName: string | null;
  spaceSlug: string;
  spaceName: string;
  meetingId: string | null;
  meetingTitle: string | null;
  agendaItemTitle: string | null;
}

export interface AssigneeOptions {
  people: { id: string; name: string }[];
  organisations: { id: string; name: string }[];
}

const STATUSES = ["open", "in_progress", "done"] as const;

/** A due date (YYYY-MM-DD, a Copenhagen calendar day) in the page's language. */
function formatDueDate(date: string, locale: string) {
  // Noon UTC is the same calendar day in Copenhagen all year round.
  return formatDate(`${date}T12:00:00.000Z`, locale);
}

/**
 * Action items as cards. Overdue ones say so in words (and carry a class for colour), so the
 * warning does not rest on colour alone.
 */
export function ActionItemList({
  items,
  returnTo,
  showSpace = false,
  showSource = true,
}: {
  items: ActionItemView[];
  returnTo: string;
  showSpace?: boolean;
  showSource?: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return <p>{t("actionItems.none")}</p>;
  return (
    <ul className="action-items">
      {items.map((item) => (
        <li
          key={item.id}
          id={`action-${item.id}`}
          className={`action-item${item.overdue ? " action-item--overdue" : ""}`}
        >
          <p className="action-item__title">
            {item.overdue ? (
              <span className="badge badge--warning">{t("actionItems.overdue")}</span>
            ) : null}{" "}
            <strong>{item.title}</strong>
          </p>
          <dl className="meta-list">
            {showSpace ? (
              <>
                <dt>{t("actionItems.space")}</dt>
                <dd>
                  <Link to={`/spaces/${item.spaceSlug}/action-items`}>{item.spaceName}</Link>
                </dd>
              </>
            ) : null}
            <dt>{t("actionItems.status.label")}</dt>
            <dd className="action-item__status">
              {t(`actionItems.status.${item.status as (typeof STATUSES)[number]}`)}
              {item.completedAt
                ? ` · ${t("actionItems.completedAt", { date: formatDateTime(item.completedAt, i18n.language) })}`
                : null}
            </dd>
            <dt>{t("actionItems.dueDate")}</dt>
            <dd>
              {item.dueDate
                ? formatDueDate(item.dueDate, i18n.language)
                : t("actionItems.noDueDate")}
            </dd>
            <dt>{t("actionItems.assignee")}</dt>
            <dd>{item.assigneeName ?? item.organisationName ?? t("actionItems.unassigned")}</dd>
          </dl>
          {showSource && item.meetingId && item.meetingTitle ? (
            <p className="muted">
              <Link to={`/spaces/${item.spaceSlug}/meetings/${item.meetingId}/minutes`}>
                {t("actionItems.fromMeeting", {
                  meeting: item.meetingTitle,
                  item: item.agendaItemTitle ?? "",
                })}
              </Link>
            </p>
          ) : null}
          {item.description ? <p className="bio">{item.description}</p> : null}
          {item.canUpdate ? (
            <Form
              method="post"
              action={`/spaces/${item.spaceSlug}/action-items`}
              className="row-form no-print"
            >
              <input type="hidden" name="intent" value="setStatus" />
              <input type="hidden" name="actionItemId" value={item.id} />
              <input type="hidden" name="returnTo" value={returnTo} />
              <label htmlFor={`status-${item.id}`}>
                {t("actionItems.updateStatus", { title: item.title })}
              </label>
              <select id={`status-${item.id}`} name="status" defaultValue={item.status}>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`actionItems.status.${s}`)}
                  </option>
                ))}
              </select>
              <button type="submit" className="button small secondary">
                {t("actionItems.saveStatus")}
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The secretariat's form for a new action item, in a space or from an agenda item. */
export function ActionItemForm({
  slug,
  idPrefix,
  options,
  agendaItemId,
  errors,
  values,
}: {
  slug: string;
  idPrefix: string;
  options: AssigneeOptions;
  agendaItemId?: string;
  errors?: Record<string, string[]>;
  values?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const field = (name: string) => {
    const messages = errors?.[name];
    const id = `${idPrefix}-${name}`;
    return {
      id,
      name,
      defaultValue: values?.[name] ?? "",
      "aria-invalid": messages?.length ? true : undefined,
      "aria-describedby": messages?.length ? `${id}-error` : undefined,
    };
  };
  const error = (name: string) =>
    errors?.[name]?.length ? (
      <p id={`${idPrefix}-${name}-error`} className="field__error">
        {errors[name]!.map((e) => t(e as never)).join(" ")}
      </p>
    ) : null;
  return (
    <Form method="post" action={`/spaces/${slug}/action-items`} className="stack no-print">
      <input type="hidden" name="intent" value="create" />
      {agendaItemId ? <input type="hidden" name="agendaItemId" value={agendaItemId} /> : null}
      <div className="field">
        <label htmlFor={`${idPrefix}-title`}>{t("actionItems.fields.title")}</label>
        <input {...field("title")} required maxLength={200} />
        {error("title")}
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-description`}>{t("actionItems.fields.description")}</label>
        <textarea {...field("description")} rows={3} maxLength={4000} />
        {error("description")}
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-assignee`}>{t("actionItems.fields.assignee")}</label>
        <select {...field("assignee")}>
          <option value="">{t("actionItems.unassigned")}</option>
          <optgroup label={t("actionItems.assigneePeople")}>
            {options.people.map((p) => (
              <option key={p.id} value={`user:${p.id}`}>
                {p.name}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("actionItems.assigneeOrganisations")}>
            {options.organisations.map((o) => (
              <option key={o.id} value={`org:${o.id}`}>
                {o.name}
              </option>
            ))}
          </optgroup>
        </select>
        {error("assignee")}
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-dueDate`}>{t("actionItems.fields.dueDate")}</label>
        <input {...field("dueDate")} type="date" />
        {error("dueDate")}
      </div>
      {error("agendaItemId")}
      <button type="submit" className="button small">
        {t("actionItems.submit")}
      </button>
    </Form>
  );
}
