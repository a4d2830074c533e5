import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { defaultLanguage, resources } from "./locales";

async function main() {
  // Both languages are small enough to ship in the bundle; the server chose the language.
  await i18next.use(initReactI18next).init({
    resources,
    lng: document.documentElement.lang || defaultLanguage,
    fallbackLng: defaultLanguage,
    interpolation: { escapeValue: false },
  });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <HydratedRouter />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

main().catch((error) => console.error(error));
