import type { PostView } from "../lib/post-view";
import type { HubSocketServer } from "./events";
import { meetingRoom, sessionRoom, spaceRoom, threadRoom, userRoom } from "./rooms";

/**
 * What routes tell connected browsers, always after their write has committed. The database
 * stays the truth: a browser that misses one of these catches up when it rejoins.
 */

export function publishPostCreated(
  io: HubSocketServer,
  { spaceId, threadId, post }: { spaceId: string; threadId: string; post: PostView },
) {
  io.to(threadRoom(spaceId, threadId)).emit("post:created", { threadId, post });
  io.to(spaceRoom(spaceId)).emit("space:activity", { spaceId, threadId, lastSeq: post.seq });
}

export function publishPostUpdated(
  io: HubSocketServer,
  { spaceId, threadId, postId }: { spaceId: string; threadId: string; postId: string },
) {
  io.to(threadRoom(spaceId, threadId)).emit("post:updated", { threadId, postId });
}

export function publishThreadUpdated(
  io: HubSocketServer,
  { spaceId, threadId }: { spaceId: string; threadId: string },
) {
  io.to(threadRoom(spaceId, threadId)).emit("thread:updated", { threadId });
}

/**
 * A meeting changed: its viewers reload the page through their own loader, which applies their
 * own visibility (drafts, closed items), so the event carries nothing but the meeting's id.
 */
export function publishMeetingChanged(
  io: HubSocketServer,
  { spaceId, meetingId }: { spaceId: string; meetingId: string },
) {
  io.to(meetingRoom(spaceId, meetingId)).emit("meeting:changed", { meetingId });
}

/** A person left a space: their open sockets leave its rooms at once and are told so. */
export async function publishMembershipEnded(
  io: HubSocketServer,
  { userId, spaceId }: { userId: string; spaceId: string },
) {
  const prefix = spaceRoom(spaceId);
  for (const socket of await io.in(userRoom(userId)).fetchSockets()) {
    for (const room of socket.rooms) {
      if (room === prefix || room.startsWith(`${prefix}:`)) socket.leave(room);
    }
  }
  io.to(userRoom(userId)).emit("membership:ended", { spaceId });
}

/** The person can no longer use the hub: every connection closes now. */
export function disconnectUser(io: HubSocketServer, { userId }: { userId: string }) {
  io.in(userRoom(userId)).disconnectSockets(true);
}

/** Signing out closes that session's connections. */
export function disconnectSession(io: HubSocketServer, { sessionId }: { sessionId: string }) {
  io.in(sessionRoom(sessionId)).disconnectSockets(true);
}
