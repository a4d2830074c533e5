import { createInstance, type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import {
  createContext,
  createCookie,
  type MiddlewareFunction,
  type RouterContextProvider,
} from "react-router";
import { LanguageDetector } from "remix-i18next/server";
import { defaultLanguage, resources, supportedLanguages } from "../locales";

// The language switch stores the choice here; it holds nothing personal, so it need not be Secure.
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

// remix-i18next's own detector, configured as before: Danish first, the browser's
// Accept-Language is not consulted, only an explicit choice (?lng=, then the cookie).
const detector = new LanguageDetector({
  supportedLanguages: ["en", defaultLanguage],
  fallbackLanguage: defaultLanguage,
  cookie: localeCookie,
  order: ["searchParams", "cookie"],
});

const localeContext = createContext<string>();
const i18nextContext = createContext<i18n>();

/**
 * One initialised i18next instance per language, shared by every request in that language.
 * remix-i18next's middleware created and initialised a fresh instance (resource store, plugins,
 * formatters) on every request: close to a millisecond of CPU per page (ADR 0009). Sharing is safe
 * because a server instance's language never changes: nothing on the server calls
 * changeLanguage (the browser's own instance does, in root.tsx), and translations are read-only.
 */
const instances = new Map<string, Promise<i18n>>();

function instanceFor(lng: string): Promise<i18n> {
  let instance = instances.get(lng);
  if (!instance) {
    const created = createInstance({
      resources,
      supportedLngs: [...supportedLanguages],
      interpolation: { escapeValue: false },
    });
    created.use(initReactI18next);
    instance = created.init({ lng }).then(() => created);
    instances.set(lng, instance);
  }
  return instance;
}

export const i18nextMiddleware: MiddlewareFunction<Response> = async (
  { request, context },
  next,
) => {
  const lng = await detector.detect(request);
  context.set(localeContext, lng);
  context.set(i18nextContext, await instanceFor(lng));
  return next();
};

type Ctx = Readonly<RouterContextProvider>;
export const getLocale = (context: Ctx) => context.get(localeContext);
export const getInstance = (context: Ctx) => context.get(i18nextContext);

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: (typeof resources)["da"];
  }
}
