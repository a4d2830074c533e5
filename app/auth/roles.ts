/** Roles in a space; shared by the permission module, the forms and the UI. */
export const spaceRoles = ["chair", "secretariat", "member", "observer"] as const;
export type SpaceRole = (typeof spaceRoles)[number];

export function isSpaceRole(value: unknown): value is SpaceRole {
  return spaceRoles.includes(value as SpaceRole);
}
