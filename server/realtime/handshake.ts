import type { Server } from "socket.io";
import { readSessionToken, validateSessionToken } from "../../app/auth/session.server";
import type { Database } from "../../db/client";
import type { HubConfig } from "../../app/lib/env.server";
import { userRoom } from "../../app/realtime/rooms";
import { isSecureRequest } from "../security";

/**
 * Every socket belongs to a signed-in person: the handshake carries the same session cookie as
 * HTTP and is validated by the same code. Foreign origins are refused earlier, in allowRequest.
 */
export function authenticateSockets(
  io: Server,
  { db, config }: { db: Database; config: HubConfig },
) {
  io.use(async (socket, next) => {
    try {
      const secure = isSecureRequest(socket.request, config.trustProxy);
      const token = readSessionToken(socket.request.headers.cookie, secure);
      const session = token
        ? await validateSessionToken(db, {
            token,
            policy: { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs },
          })
        : null;
      if (!session) return next(new Error("unauthorized"));
      socket.data.user = session.user;
      socket.data.sessionId = session.sessionId;
      next();
    } catch {
      next(new Error("unavailable"));
    }
  });
  io.on("connection", (socket) => {
    void socket.join(userRoom(socket.data.user.id));
  });
}
