import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { NextFunction, Request, Response } from "express";
import da from "../app/locales/da";
import en from "../app/locales/en";

type ErrorKey = keyof typeof da.errors;

/** A refusal in the visitor's chosen language (the `lng` cookie), Danish by default. */
export function refusal(req: IncomingMessage, key: ErrorKey): string {
  return (chosenLanguage(req.headers.cookie) === "en" ? en : da).errors[key];
}

/**
 * The language in the `lng` cookie. The language switch writes it through React Router's
 * createCookie, which stores the JSON value base64-encoded (`"en"` → `ImVuIg==`); a plain `en`
 * is accepted too.
 */
function chosenLanguage(cookieHeader: string | undefined): "da" | "en" {
  const raw = /(?:^|;\s*)lng=([^;]*)/.exec(cookieHeader ?? "")?.[1];
  if (!raw) return "da";
  let value: string;
  try {
    value = decodeURIComponent(raw).trim();
  } catch {
    return "da";
  }
  const decoded = Buffer.from(value, "base64").toString("utf8");
  return [value, decoded].some((v) => v === "en" || v === '"en"') ? "en" : "da";
}

export function isSecureRequest(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  return (
    trustProxy &&
    String(req.headers["x-forwarded-proto"] ?? "")
      .split(",")[0]
      ?.trim() === "https"
  );
}

/**
 * Whether a state-changing request comes from the hub's own pages. Browsers send Origin on every
 * POST and Sec-Fetch-Site on all requests; a request with neither is refused as well.
 */
export function isSameOriginRequest(req: IncomingMessage, trustProxy: boolean): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site && site !== "same-origin") return false;
  const origin = req.headers.origin;
  if (!origin) return site === "same-origin";
  const host =
    (trustProxy &&
      String(req.headers["x-forwarded-host"] ?? "")
        .split(",")[0]
        ?.trim()) ||
    req.headers.host;
  try {
    const url = new URL(origin);
    const scheme = isSecureRequest(req, trustProxy) ? "https:" : "http:";
    return url.host === host && url.protocol === scheme;
  } catch {
    return false;
  }
}

/** Security headers for every response, with a fresh CSP nonce kept in res.locals.cspNonce. */
export function securityHeaders({ dev, trustProxy }: { dev: boolean; trustProxy: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      // Vite's dev server injects styles inline for hot reloading; the built app never does.
      dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      dev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; ");
    res.setHeader("Content-Security-Policy", csp);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader(
      "Permissions-Policy",
      "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    );
    if (isSecureRequest(req, trustProxy)) {
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    // A route that sets its own policy (the sandboxed file preview) replaces the page policy
    // rather than adding a second header: browsers enforce every CSP header they get, and the
    // page policy's object-src 'none' would stop the browser's PDF viewer in the preview.
    const append = res.append.bind(res);
    res.append = (field: string, value?: string | string[]) =>
      field.toLowerCase() === "content-security-policy" && value !== undefined
        ? res.setHeader(field, value)
        : append(field, value);
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Refuses cross-site state changes (403) before they reach any route. */
export function crossSiteGuard({ trustProxy }: { trustProxy: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || isSameOriginRequest(req, trustProxy)) return next();
    res.status(403).type("text/plain; charset=utf-8").send(refusal(req, "crossSite"));
  };
}

/**
 * Refuses bodies over the limit from their declared length, before a byte is read: 413. Bodies
 * without a declared length are refused (411) because they could only be measured by buffering.
 * File uploads get their own streaming limit on their own routes.
 */
export function bodyLimit({
  maxBytes,
  uploadMaxBytes,
}: {
  maxBytes: number;
  uploadMaxBytes: number;
}) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const declared = req.headers["content-length"];
    if (declared === undefined) {
      if (req.headers["transfer-encoding"]) {
        res.status(411).type("text/plain; charset=utf-8").send(refusal(req, "lengthRequired"));
        return;
      }
      return next();
    }
    // File uploads may be larger; the multipart envelope around the file gets a little room.
    const limit = isUpload(req) ? uploadMaxBytes + 64 * 1024 : maxBytes;
    if (!/^\d+$/.test(declared) || Number(declared) > limit) {
      res.setHeader("Connection", "close");
      res.status(413).type("text/plain; charset=utf-8").send(refusal(req, "tooLarge"));
      return;
    }
    next();
  };
}

/** Multipart posts to a space's document library: the only requests that carry files. */
function isUpload(req: Request): boolean {
  return (
    /^\/spaces\/[^/]+\/documents(\/[^/]+)?\/?$/.test(req.path) &&
    (req.headers["content-type"] ?? "").startsWith("multipart/form-data")
  );
}

/**
 * A response can end before its request's body was read: a 404 or 403 from a guard, a redirect to
 * the login page, a 405. React Router has by then attached a reader that paused the body at its
 * buffer limit, so Node does not discard the rest itself; the unread bytes would wedge a
 * kept-alive connection and the next request on it would never be answered. Once the response is
 * sent, the rest of the body is read and thrown away: no more than bodyLimit let through, and no
 * longer than the request timeout allows.
 */
export function drainUnreadBody() {
  return (req: Request, res: Response, next: NextFunction) => {
    res.once("finish", () => {
      if (req.complete || req.destroyed) return;
      req.removeAllListeners("data");
      req.resume();
    });
    next();
  };
}
