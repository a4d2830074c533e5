/** Kinds of organisation; shared by the model, the filters and the UI. */
export const organisationTypes = [
  "ngo",
  "municipal",
  "national_centre",
  "education",
  "housing",
  "other",
] as const;
export type OrganisationType = (typeof organisationTypes)[number];
