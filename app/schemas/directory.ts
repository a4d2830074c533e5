import { z } from "zod";
import { spaceRoles } from "../auth/roles";

import { organisationTypes } from "../lib/organisation-types";

// Filters come from the URL; anything unknown is dropped rather than refused, like a search box.
export const directoryFilterSchema = z.object({
  q: z.string().max(100).optional().catch(undefined),
  organisationType: z.enum(organisationTypes).optional().catch(undefined),
  role: z.enum(spaceRoles).optional().catch(undefined),
  space: z.string().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
