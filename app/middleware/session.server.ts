import type { MiddlewareFunction } from "react-router";
import {
  readSessionToken,
  serializeBlankSessionCookie,
  validateSessionToken,
} from "../auth/session.server";
import { hubContext, sessionContext } from "../lib/context";

/** Resolves the session cookie once per request and clears a cookie that no longer works. */
export const sessionMiddleware: MiddlewareFunction<Response> = async (
  { request, context },
  next,
) => {
  const { db, config } = context.get(hubContext);
  const secure = new URL(request.url).protocol === "https:";
  const token = readSessionToken(request.headers.get("Cookie"), secure);
  if (!token) return next();
  const session = await validateSessionToken(db, {
    token,
    policy: { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs },
  });
  context.set(
    sessionContext,
    session ? { sessionId: session.sessionId, user: session.user } : null,
  );
  const response = await next();
  if (!session) response.headers.append("Set-Cookie", serializeBlankSessionCookie({ secure }));
  return response;
};
