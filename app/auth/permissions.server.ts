/**
 * The one place that decides who may do what, for HTTP routes and socket events alike.
 * An action without a rule is denied: adding a feature means adding its rule here.
 *
 * Which *people* a person may see (directory, profiles, exports) is the shared-space rule in
 * app/models/person.server.ts, applied in SQL so that lists and detail pages cannot disagree.
 */

import type { SpaceRole } from "./roles";

export { spaceRoles, isSpaceRole, type SpaceRole } from "./roles";

export interface Actor {
  id: string;
  isSiteAdmin: boolean;
}

export interface Subject {
  /** The actor's current role in the space the action concerns; null when not a member. */
  spaceRole?: SpaceRole | null;
  /** Whether the actor wrote the post, or uploaded the document, concerned. */
  isAuthor?: boolean;
  /** Whether the action item concerned is assigned to the actor or the actor's organisation. */
  isAssignee?: boolean;
  /** Whether the actor belongs to the organisation that owns the initiative concerned. */
  isInitiativeOwner?: boolean;
  /** Whether the actor is among the people a consultation asks. */
  isAsked?: boolean;
}

type Rule = (actor: Actor, subject: Subject) => boolean;

const isMember = (s: Subject) => s.spaceRole != null;
const runsSpace = (a: Actor, s: Subject) => a.isSiteAdmin || s.spaceRole === "secretariat";
const signedIn: Rule = () => true;
// Observers read; every other role takes part in the discussion.
const canWrite = (s: Subject) => isMember(s) && s.spaceRole !== "observer";

const rules = {
  // Site-wide, for every signed-in person (what they then see is narrowed by membership).
  "space.list": signedIn,
  "directory.view": signedIn,
  "organisation.view": signedIn,
  "profile.edit": signedIn,

  // Spaces are private: members see them; administrators see them to administer membership.
  "space.view": (a, s) => a.isSiteAdmin || isMember(s),
  "space.members.view": (a, s) => a.isSiteAdmin || isMember(s),
  // The secretariat runs its space; administrators can step in (e.g. to appoint a secretariat).
  "space.members.manage": runsSpace,
  "space.members.export": runsSpace,

  // Discussions are the members' own: no administrator bypass for content.
  "thread.read": (_a, s) => isMember(s),
  "thread.subscribe": (_a, s) => isMember(s),
  "thread.create": (_a, s) => canWrite(s),
  "post.create": (_a, s) => canWrite(s),
  "post.edit": (_a, s) => canWrite(s) && s.isAuthor === true,
  "post.delete": (_a, s) => isMember(s) && s.isAuthor === true,
  "thread.moderate": (_a, s) => s.spaceRole === "secretariat",

  // Documents: members read and download; writers upload; the uploader or the secretariat
  // edit and delete; only the secretariat sees and empties the trash.
  "document.read": (_a, s) => isMember(s),
  "document.upload": (_a, s) => canWrite(s),
  "document.edit": (_a, s) => canWrite(s) && (s.isAuthor === true || s.spaceRole === "secretariat"),
  "document.delete": (_a, s) =>
    canWrite(s) && (s.isAuthor === true || s.spaceRole === "secretariat"),
  "document.trash": (_a, s) => s.spaceRole === "secretariat",
  // Linking a document to a thread (or removing the link) changes neither: it points a
  // discussion that every writer may join at a paper every member may read, so any writer may,
  // not only the uploader.
  "document.link": (_a, s) => canWrite(s),

  // Meetings: members see published meetings and answer attendance; writers propose agenda
  // items and comment on circulated minutes; the secretariat prepares, publishes, minutes and
  // approves. Drafts and closed items are narrowed further in app/models/meeting.server.ts.
  "meeting.read": (_a, s) => isMember(s),
  "meeting.readDrafts": (_a, s) => s.spaceRole === "secretariat",
  "meeting.manage": (_a, s) => s.spaceRole === "secretariat",
  "meeting.respond": (_a, s) => isMember(s),
  "agenda.propose": (_a, s) => canWrite(s),
  "minutes.comment": (_a, s) => canWrite(s),
  "minutes.approve": (_a, s) => s.spaceRole === "secretariat",
  // Action items: the secretariat hands them out; the assignee and the secretariat update them.
  "actionItem.read": (_a, s) => isMember(s),
  "actionItem.manage": (_a, s) => s.spaceRole === "secretariat",
  "actionItem.update": (_a, s) =>
    isMember(s) && (s.isAssignee === true || s.spaceRole === "secretariat"),
  "calendar.feed": signedIn,

  // Action plan: a public municipal plan that every signed-in person reads. It is administered
  // by the secretariat of the expert group, which follows the plan (spaceRole is then the
  // person's role in the `ekspertgruppen` space), and by site administrators. Progress updates
  // come from the owner organisation's people or the administrators. Continuation
  // recommendations are the expert group's own: its current members answer (observers only
  // read), and its members and the administrators see the answers.
  "plan.read": signedIn,
  "plan.manage": runsSpace,
  "initiative.contribute": (a, s) => runsSpace(a, s) || s.isInitiativeOwner === true,
  "recommendation.give": (_a, s) => canWrite(s),
  "recommendation.read": (a, s) => runsSpace(a, s) || isMember(s),
  // Consultations (høringer): every member reads them (and their answers, when the consultation
  // shows answers to members; app/models/consultation.server.ts narrows that); the secretariat
  // asks, reminds and closes; only the people asked answer. Observers read: "all members" does
  // not ask them, but the secretariat may ask one by choosing them by name, and a person asked
  // by name answers whatever their role. A former member asked before leaving answers nothing
  // (they no longer see the space).
  "consultation.read": (_a, s) => isMember(s),
  "consultation.manage": (_a, s) => s.spaceRole === "secretariat",
  "consultation.answer": (_a, s) => isMember(s) && s.isAsked === true,
  // Local activities and key-person training: members see the network's calendar and courses;
  // writers post activities; the poster or the secretariat change them; only the secretariat
  // runs the training (courses, sessions, participants, attendance, completion).
  "activity.read": (_a, s) => isMember(s),
  "activity.create": (_a, s) => canWrite(s),
  "activity.edit": (_a, s) => canWrite(s) && (s.isAuthor === true || s.spaceRole === "secretariat"),
  "training.read": (_a, s) => isMember(s),
  "training.manage": (_a, s) => s.spaceRole === "secretariat",

  "admin.outbox.read": (a) => a.isSiteAdmin,
  "admin.invitation.manage": (a) => a.isSiteAdmin,
  "admin.audit.read": (a) => a.isSiteAdmin,
  "admin.people.manage": (a) => a.isSiteAdmin,
} satisfies Record<string, Rule>;

export type Action = keyof typeof rules;

/** Whether `actor` may do `action` on `subject`. Anonymous actors and unknown actions: never. */
export function can(actor: Actor | null, action: Action | string, subject: Subject = {}): boolean {
  if (!actor) return false;
  const rule: Rule | undefined = Object.hasOwn(rules, action) ? rules[action as Action] : undefined;
  return rule ? rule(actor, subject) : false;
}
