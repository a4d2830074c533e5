/**
 * The one place that decides who may do what, for HTTP routes and socket events alike.
 * An action without a rule is denied: adding a feature means adding its rule here.
 */

export const spaceRoles = ["chair", "secretariat", "member", "observer"] as const;
export type SpaceRole = (typeof spaceRoles)[number];

export interface Actor {
  id: string;
  isSiteAdmin: boolean;
}

export interface Subject {
  /** The actor's current role in the space the action concerns; null when not a member. */
  spaceRole?: SpaceRole | null;
}

type Rule = (actor: Actor, subject: Subject) => boolean;

const isMember = (s: Subject) => s.spaceRole != null;

const rules = {
  // Spaces are private: only current members see them or anything in them.
  "space.view": (_a, s) => isMember(s),
  "admin.outbox.read": (a) => a.isSiteAdmin,
  "admin.invitation.manage": (a) => a.isSiteAdmin,
} satisfies Record<string, Rule>;

export type Action = keyof typeof rules;

/** Whether `actor` may do `action` on `subject`. Anonymous actors and unknown actions: never. */
export function can(actor: Actor | null, action: Action | string, subject: Subject = {}): boolean {
  if (!actor) return false;
  const rule: Rule | undefined = Object.hasOwn(rules, action)
    ? rules[action as Action]
    : undefined;
  return rule ? rule(actor, subject) : false;
}
