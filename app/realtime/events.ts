import type { PostView } from "../lib/post-view";

/**
 * The socket events, typed for server and client alike. Client → server events are imperative
 * and answered with an ack; server → client events are past tense and sent after the write.
 */

export interface Viewer {
  id: string;
  name: string;
}

export type Ack<T> = (reply: ({ ok: true } & T) | { ok: false; error: string }) => void;

export interface ServerToClientEvents {
  /** The person's membership of a space ended: pages of that space must stop showing it. */
  "membership:ended": (payload: { spaceId: string }) => void;
  /** A reply or thread was stored; viewers of the thread get the post itself. */
  "post:created": (payload: { threadId: string; post: PostView }) => void;
  /** A post was edited, deleted, hidden or shown again; viewers reload it. */
  "post:updated": (payload: { threadId: string; postId: string }) => void;
  /** A thread was locked, unlocked, pinned or unpinned. */
  "thread:updated": (payload: { threadId: string }) => void;
  /** Something new in a space (for unread counts and thread lists). */
  "space:activity": (payload: { spaceId: string; threadId: string; lastSeq: number }) => void;
  "thread:presence": (payload: { threadId: string; viewers: Viewer[] }) => void;
  "thread:typing": (payload: { threadId: string; user: Viewer }) => void;
  /** Something on a meeting's page changed (details, agenda, attendance); viewers reload it. */
  "meeting:changed": (payload: { meetingId: string }) => void;
}

export interface ClientToServerEvents {
  /** Start viewing a thread; the ack carries every post after `afterSeq` (catch-up). */
  "thread:join": (
    payload: { threadId: string; afterSeq: number },
    ack: Ack<{ posts: PostView[]; viewers: Viewer[]; lastSeq: number }>,
  ) => void;
  "thread:leave": (payload: { threadId: string }, ack?: Ack<object>) => void;
  "thread:typing": (payload: { threadId: string }, ack?: Ack<object>) => void;
  /** The person has read up to `seq`. */
  "thread:read": (payload: { threadId: string; seq: number }, ack?: Ack<object>) => void;
  /** Start viewing a meeting, to hear of its changes. */
  "meeting:join": (payload: { meetingId: string }, ack: Ack<object>) => void;
  "meeting:leave": (payload: { meetingId: string }, ack?: Ack<object>) => void;
}

export interface SocketData {
  user: import("../auth/session.server").SessionUser;
  sessionId: string;
}

export type HubSocketServer = import("socket.io").Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export type HubSocket = import("socket.io").Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
