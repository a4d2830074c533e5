import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import {
  data,
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { getHub, getSessionUser } from "./auth/guard.server";
import { useNonce } from "./components/nonce";
import { PageTitle } from "./components/page-title";
import { getLocale, i18nextMiddleware, localeCookie } from "./middleware/i18next";
import { sessionMiddleware } from "./middleware/session.server";
import { listSpacesForUser } from "./models/space.server";
import { countUnreadBySpace } from "./models/thread.server";
import { LiveRefresh } from "./realtime/live-refresh";
import { SocketProvider } from "./realtime/socket";
import stylesheet from "./styles/app.css?url";

export const middleware = [i18nextMiddleware, sessionMiddleware];

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ context }: Route.LoaderArgs) {
  const locale = getLocale(context);
  const user = getSessionUser(context);
  const { db } = getHub(context);
  const [memberships, unread] = user
    ? await Promise.all([
        listSpacesForUser(db, { userId: user.id }),
        countUnreadBySpace(db, { userId: user.id }),
      ])
    : [[], new Map<string, number>()];
  const spaces = memberships.map((s) => ({
    slug: s.slug,
    name: s.name,
    kind: s.kind,
    unread: unread.get(s.id) ?? 0,
  }));
  return data(
    { locale, user: user && { name: user.name, isSiteAdmin: user.isSiteAdmin }, spaces },
    { headers: { "Set-Cookie": await localeCookie.serialize(locale) } },
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const nonce = useNonce();
  const root = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const user = root?.user ?? null;
  return (
    <html lang={i18n.language} dir={i18n.dir(i18n.language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("nav.skipToContent")}
        </a>
        <header className="site-header">
          <div className="site-header__top">
            <Link to="/" className="brand">
              {t("app.name")}
            </Link>
            <div className="site-header__tools">
              <Form method="post" action="/language" className="inline-form">
                <input
                  type="hidden"
                  name="redirectTo"
                  value={location.pathname + location.search}
                />
                <input type="hidden" name="lng" value={i18n.language === "en" ? "da" : "en"} />
                <button
                  type="submit"
                  className="link-button"
                  lang={i18n.language === "en" ? "da" : "en"}
                >
                  {t("nav.switchLanguage")}
                </button>
              </Form>
              {user ? (
                <>
                  <Link to="/profile" className="site-header__profile">
                    {t("nav.signedInAs", { name: user.name })}
                  </Link>
                  <Form method="post" action="/logout" className="inline-form">
                    <button type="submit" className="link-button">
                      {t("nav.logout")}
                    </button>
                  </Form>
                </>
              ) : null}
            </div>
          </div>
          {user ? (
            <nav aria-label={t("nav.main")} className="site-nav">
              <ul>
                <li>
                  <NavLink to="/" end>
                    {t("nav.home")}
                  </NavLink>
                </li>
                {root?.spaces.map((s) => (
                  <li key={s.slug}>
                    <NavLink to={`/spaces/${s.slug}`}>
                      {s.name}
                      {s.unread > 0 ? (
                        <span className="nav-badge">{t("nav.unread", { count: s.unread })}</span>
                      ) : null}
                    </NavLink>
                  </li>
                ))}
                <li>
                  <NavLink to="/plan">{t("plan.title")}</NavLink>
                </li>
                <li>
                  <NavLink to="/action-items">{t("actionItems.nav")}</NavLink>
                </li>
                <li>
                  <NavLink to="/people">{t("nav.people")}</NavLink>
                </li>
                <li>
                  <NavLink to="/organisations">{t("nav.organisations")}</NavLink>
                </li>
                {user.isSiteAdmin ? (
                  <>
                    <li>
                      <NavLink to="/admin/people">{t("nav.adminPeople")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/admin/invitations">{t("nav.invitations")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/admin/audit">{t("nav.audit")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/admin/outbox">{t("nav.outbox")}</NavLink>
                    </li>
                  </>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t("app.tagline")}</p>
          <p>
            <Link to="/accessibility">{t("nav.accessibility")}</Link>
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App({ loaderData }: Route.ComponentProps) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language !== loaderData.locale) void i18n.changeLanguage(loaderData.locale);
  }, [loaderData.locale, i18n]);
  return (
    <SocketProvider enabled={loaderData.user != null}>
      <LiveRefresh />
      <Outlet />
    </SocketProvider>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t } = useTranslation();
  // Never show a stack trace: a known status gets its message, everything else a generic one.
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    status === 404
      ? t("errors.notFound")
      : status === 403
        ? t("errors.forbidden")
        : status === 400
          ? t("validation.formInvalid")
          : t("errors.generic");
  return (
    <div className="page narrow">
      <PageTitle title={t("errors.title")} />
      <h1>{t("errors.title")}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">{t("errors.backHome")}</Link>
      </p>
    </div>
  );
}
