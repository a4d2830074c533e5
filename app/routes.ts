import { index, route, type RouteConfig } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.ts"),
  route("language", "routes/language.ts"),
  route("password/forgot", "routes/password-forgot.tsx"),
  route("password/reset/:token", "routes/password-reset.tsx"),
  route("invitation/:token", "routes/invitation.tsx"),
  route("spaces/:slug", "routes/space.tsx"),
  route("admin/invitations", "routes/admin-invitations.tsx"),
  route("admin/outbox", "routes/admin-outbox.tsx"),
  route("accessibility", "routes/accessibility.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
