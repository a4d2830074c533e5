import { initReactI18next } from "react-i18next";
import { createCookie } from "react-router";
import { createI18nextMiddleware } from "remix-i18next/middleware";
import { defaultLanguage, resources, supportedLanguages } from "../locales";

// The language switch stores the choice here; it holds nothing personal, so it need not be Secure.
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export const [i18nextMiddleware, getLocale, getInstance] = createI18nextMiddleware({
  detection: {
    // Danish first: the browser's Accept-Language is not consulted, only an explicit choice.
    supportedLanguages: ["en", defaultLanguage],
    fallbackLanguage: defaultLanguage,
    cookie: localeCookie,
    order: ["searchParams", "cookie"],
  },
  i18next: {
    resources,
    supportedLngs: [...supportedLanguages],
    interpolation: { escapeValue: false },
  },
  plugins: [initReactI18next],
});

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: (typeof resources)["da"];
  }
}
