import { useTranslation } from "react-i18next";
import { formatDate } from "../lib/dates";
import { dayNumber, type InitiativeStatus } from "../lib/plan";

export interface TimelineRow {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  status: string;
}

// Presentation attributes rather than CSS: the chart reads the same wherever it is embedded.
// Every colour reaches 4.5:1 against white, and the status is also written out in each label.
const STATUS_FILL: Record<InitiativeStatus, string> = {
  running: "#1f5fa8",
  ending: "#a3440a",
  proposed_continuation: "#5b3aa8",
  continued: "#0b6b3a",
  ended: "#555d6b",
};

const WIDTH = 960;
const MARGIN = 12;
const AXIS = 34;
const ROW = 46;
const MAX_LABEL = 80;

/** A calendar date shown in the page's language (noon UTC: the same day in Copenhagen). */
export const showDate = (date: string, locale: string) => formatDate(`${date}T12:00:00Z`, locale);

/**
 * What ends when, as an inline SVG image: one labelled bar per initiative from its start to its
 * end date on a shared year axis, with today marked. Screen readers get the title and
 * description; the page's table holds the same data for anyone who needs the details.
 */
export function PlanTimeline({ rows, today }: { rows: TimelineRow[]; today: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (rows.length === 0) return <p>{t("plan.chart.empty")}</p>;

  const years = rows.flatMap((r) => [
    Number(r.startDate.slice(0, 4)),
    Number(r.endDate.slice(0, 4)),
  ]);
  years.push(Number(today.slice(0, 4)));
  const firstYear = Math.min(...years);
  const lastYear = Math.max(...years);
  const from = dayNumber(`${firstYear}-01-01`);
  const to = dayNumber(`${lastYear + 1}-01-01`);
  const x = (date: string) =>
    MARGIN + ((dayNumber(date) - from) / (to - from)) * (WIDTH - 2 * MARGIN);
  const height = AXIS + rows.length * ROW + 8;
  const yearTicks = Array.from({ length: lastYear - firstYear + 2 }, (_, i) => firstYear + i);
  const todayX = x(today);

  return (
    <svg
      role="img"
      aria-labelledby="plan-chart-title plan-chart-desc"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      className="plan-timeline"
      fontFamily="inherit"
    >
      <title id="plan-chart-title">{t("plan.chart.title")}</title>
      <desc id="plan-chart-desc">{t("plan.chart.desc", { today: showDate(today, locale) })}</desc>
      {yearTicks.map((year) => {
        const tx = x(`${year}-01-01`);
        return (
          <g key={year}>
            <line x1={tx} x2={tx} y1={AXIS - 8} y2={height} stroke="#c6cbd3" strokeWidth={1} />
            {year <= lastYear ? (
              <text x={tx + 4} y={AXIS - 14} fontSize={14} fill="#1d232b">
                {year}
              </text>
            ) : null}
          </g>
        );
      })}
      {rows.map((row, i) => {
        const y = AXIS + i * ROW;
        const start = x(row.startDate);
        const end = x(row.endDate);
        const status = t(`plan.status.${row.status as InitiativeStatus}`);
        const label = t("plan.chart.bar", {
          title: row.title,
          start: showDate(row.startDate, locale),
          end: showDate(row.endDate, locale),
          status,
        });
        const shortTitle =
          row.title.length > MAX_LABEL ? `${row.title.slice(0, MAX_LABEL - 1)}…` : row.title;
        return (
          <g key={row.id} data-initiative={row.id} className="plan-timeline__row">
            <title>{label}</title>
            <text x={MARGIN} y={y + 14} fontSize={13} fill="#1d232b">
              {shortTitle} · {t("plan.chart.endsLabel", { date: showDate(row.endDate, locale) })} ·{" "}
              {status}
            </text>
            <rect
              x={start}
              y={y + 20}
              width={Math.max(end - start, 3)}
              height={16}
              rx={3}
              fill={STATUS_FILL[row.status as InitiativeStatus] ?? STATUS_FILL.running}
            />
          </g>
        );
      })}
      <line
        x1={todayX}
        x2={todayX}
        y1={AXIS - 8}
        y2={height}
        stroke="#b42318"
        strokeWidth={2}
        strokeDasharray="6 4"
      />
      <text x={todayX + 4} y={height - 4} fontSize={12} fill="#b42318">
        {t("plan.chart.today")}
      </text>
    </svg>
  );
}
