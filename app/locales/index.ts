import da from "./da";
import en from "./en";

export const resources = { da: { translation: da }, en: { translation: en } };
export const supportedLanguages = ["da", "en"] as const;
export type Language = (typeof supportedLanguages)[number];
export const defaultLanguage: Language = "da";

export function isLanguage(value: unknown): value is Language {
  return supportedLanguages.includes(value as Language);
}
