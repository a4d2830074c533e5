import { data, redirect, type RouterContextProvider } from "react-router";
import { hubContext, sessionContext } from "../lib/context";
import { getMembershipRole, getSpaceBySlug } from "../models/space.server";
import { can, type Action } from "./permissions.server";

type Ctx = Readonly<RouterContextProvider>;

export const getHub = (context: Ctx) => context.get(hubContext);
export const getSessionUser = (context: Ctx) => context.get(sessionContext)?.user ?? null;

/** Only same-site paths: an open redirect would turn the login page into a phishing tool. */
export function safeRedirectPath(to: unknown, fallback = "/"): string {
  // Longer than any link of the hub's own, and it would make an oversized Location header.
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2048) return fallback;
  // Parsed as a browser parses the Location header: tabs and newlines vanish and backslashes
  // count as slashes, so "/\t/evil.example" and "/\\evil.example" would leave the hub.
  const base = "http://hub.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  // The parser percent-encodes what a header cannot carry (control characters, non-ASCII).
  return url.pathname + url.search + url.hash;
}

/** The signed-in person; a visitor without a session is sent to the login page and back after. */
export function requireUser(context: Ctx, request: Request) {
  const user = getSessionUser(context);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/** The signed-in person if allowed `action` (site-wide actions); 403 otherwise. */
export function requirePermission(context: Ctx, request: Request, action: Action) {
  const user = requireUser(context, request);
  if (!can(user, action)) throw data({ error: "forbidden" }, { status: 403 });
  return user;
}

/**
 * The space and the person's role when they may do `action` in it. A space the person may not
 * see answers 404, exactly like one that does not exist, so URLs reveal nothing; a space they
 * see but an action they may not take answers 403.
 */
export async function requireSpace(
  context: Ctx,
  request: Request,
  { slug, action }: { slug: string; action: Action },
) {
  const user = requireUser(context, request);
  const { db } = getHub(context);
  const space = await getSpaceBySlug(db, { slug });
  const role = space ? await getMembershipRole(db, { spaceId: space.id, userId: user.id }) : null;
  if (!space || !can(user, "space.view", { spaceRole: role })) {
    throw data({ error: "notFound" }, { status: 404 });
  }
  if (!can(user, action, { spaceRole: role })) throw data({ error: "forbidden" }, { status: 403 });
  return { user, space, role };
}

/** The status of a refusal thrown by the guards above (`data(..., { status })`), else null. */
export function refusalStatus(error: unknown): number | null {
  if (
    typeof error === "object" &&
    error !== null &&
    "type" in error &&
    error.type === "DataWithResponseInit"
  ) {
    return (error as unknown as { init: ResponseInit | null }).init?.status ?? null;
  }
  return null;
}

/**
 * `requireSpace` for downloads, which have no page around them: a refusal comes back as a
 * plain-text Response in the visitor's language instead of reaching the error page.
 */
export async function requireSpaceForDownload(
  context: Ctx,
  request: Request,
  options: { slug: string; action: Action },
  t: (key: "errors.forbidden" | "errors.notFound") => string,
) {
  try {
    return await requireSpace(context, request, options);
  } catch (error) {
    const status = refusalStatus(error);
    if (status === null) throw error;
    return plainRefusal(status, t);
  }
}

export function plainRefusal(
  status: number,
  t: (key: "errors.forbidden" | "errors.notFound") => string,
) {
  return new Response(status === 403 ? t("errors.forbidden") : t("errors.notFound"), {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
