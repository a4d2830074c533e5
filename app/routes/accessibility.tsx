import { useTranslation } from "react-i18next";
import { PageTitle } from "../components/page-title";

export default function Accessibility() {
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <PageTitle title={t("accessibility.title")} />
      <h1>{t("accessibility.title")}</h1>
      <p>{t("accessibility.intro")}</p>
      <h2>{t("accessibility.statusTitle")}</h2>
      <p>{t("accessibility.status")}</p>
      <h2>{t("accessibility.contactTitle")}</h2>
      <p>{t("accessibility.contact")}</p>
    </div>
  );
}
