import { useTranslation } from "react-i18next";
import { formatDate } from "../lib/dates";

export function SpacePeriod({ start, end }: { start: string | null; end: string | null }) {
  const { t, i18n } = useTranslation();
  if (!end) return null;
  const endText = formatDate(end, i18n.language);
  return (
    <p className="muted">
      {start
        ? t("space.period", { start: formatDate(start, i18n.language), end: endText })
        : t("space.periodUntil", { end: endText })}
    </p>
  );
}
