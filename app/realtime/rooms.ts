/** Room names, shared by server and client. */

/** Everything addressed to one person (membership changes, deactivation). */
export const userRoom = (userId: string) => `user:${userId}`;

/** Every socket of one session, so signing out closes them. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** Members of a space: unread counts and thread lists. */
export const spaceRoom = (spaceId: string) => `space:${spaceId}`;

/** Viewers of one thread; named under its space so leaving a space leaves its threads too. */
export const threadRoom = (spaceId: string, threadId: string) =>
  `space:${spaceId}:thread:${threadId}`;

/** Viewers of one meeting; named under its space so leaving a space leaves its meetings too. */
export const meetingRoom = (spaceId: string, meetingId: string) =>
  `space:${spaceId}:meeting:${meetingId}`;
