import fs from "node:fs";
import path from "node:path";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../../app/auth/session.server";
import { addVersion, linkDocumentToThread } from "../../app/models/document.server";
import { createInvitation } from "../../app/models/invitation.server";
import { createPasswordReset } from "../../app/models/password-reset.server";
import { getOwnProfile } from "../../app/models/person.server";
import routes from "../../app/routes";
import { documentActionSchema, folderSchema } from "../../app/schemas/document";
import { membershipActionSchema } from "../../app/schemas/membership";
import { threadActionSchema } from "../../app/schemas/thread";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import {
  cloneClient,
  connectSocket,
  createMembership,
  createPerson,
  createTestDocument,
  createTestThread,
  DA,
  organisationId,
  rowCounts,
  signIn,
  spaceId,
  storeTestBlob,
  testPdf,
  userId,
} from "../helpers/fixtures";
import { sections } from "./matrix";
import {
  PERSONAS,
  type Fields,
  type MatrixContext,
  type Outcome,
  type Persona,
  type PostRequest,
  type Row,
} from "./matrix/types";

/**
 * Who may do what, for every route in app/routes.ts and every socket event, as the issue and
 * app/auth/permissions.server.ts specify it. Each cell is what the person observes:
 *   allow — 2xx, or the route's own redirect on success (SUCCESS_REDIRECTS); a socket ack `ok`
 *   login — 302 to /login (no valid session); for sockets: the handshake refused "unauthorized"
 *   403   — a space the person may see, an action they may not take
 *   404   — a space, person, thread or page the person may not even know exists
 * Space routes use bispebjerg-netvaerk; :id is a real person or organisation; tokens are real;
 * each change gets its own fresh object (invitation, membership, thread, document with its own
 * file on disk) so cells do not interact.
 * Post edit/delete act on the person's own post (the author rule is tested, not the role alone).
 * Document edit/trash act on a document the person uploaded, and again (rows "on another's") on
 * one someone else uploaded, so both halves of the uploader-or-secretariat rule are tested.
 * A POST row without an intent on a document route is the multipart upload (a small PDF).
 * Document files (…/:mode) are fetched as both download and preview; each must match the cell.
 * Server → client events go to rooms joined after these checks (tests/realtime/deactivation).
 */
const THREAD = "/spaces/:slug/threads/:threadId";
const DOCS = "/spaces/:slug/documents";
const DOC = `${DOCS}/:documentId`;
const FILE = `${DOC}/versions/:versionId/:mode`;

// prettier-ignore
const CORE: Record<string, Row> = {
  //                                              anonymous nonMember observer member secretariat chair  admin    removed deactivated
  "GET /":                                        ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
  "GET /login":                                   ["allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow"],
  "GET /logout":                                  ["allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow"],
  "GET /language":                                ["allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow"],
  "GET /password/forgot":                         ["allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow"],
  "GET /password/reset/:token":                   ["allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow"],
  "GET /invitation/:token":                       ["allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow"],
  "GET /spaces":                                  ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
  "GET /spaces/:slug":                            ["login", "404",   "allow", "allow", "allow", "allow", "allow", "404",   "login"],
  "GET /spaces/:slug/members":                    ["login", "404",   "allow", "allow", "allow", "allow", "allow", "404",   "login"],
  "GET /spaces/:slug/members.csv":                ["login", "404",   "403",   "403",   "allow", "403",   "allow", "404",   "login"],
  [`GET ${DOCS}`]:                                ["login", "404",   "allow", "allow", "allow", "allow", "403",   "404",   "login"],
  [`GET ${DOCS}/trash`]:                          ["login", "404",   "403",   "403",   "allow", "403",   "403",   "404",   "login"],
  [`GET ${DOC}`]:                                 ["login", "404",   "allow", "allow", "allow", "allow", "403",   "404",   "login"],
  [`GET ${FILE}`]:                                ["login", "404",   "allow", "allow", "allow", "allow", "403",   "404",   "login"],
  "GET /spaces/:slug/threads":                    ["login", "404",   "allow", "allow", "allow", "allow", "403",   "404",   "login"],
  "GET /spaces/:slug/threads/:threadId":          ["login", "404",   "allow", "allow", "allow", "allow", "403",   "404",   "login"],
  "GET /spaces/:slug/threads/:threadId/posts/:postId/history":
                                                  ["login", "404",   "allow", "allow", "allow", "allow", "403",   "404",   "login"],
  "GET /people":                                  ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
  "GET /people/:id":                              ["login", "404",   "allow", "allow", "allow", "allow", "allow", "404",   "login"],
  "GET /profile":                                 ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
  "GET /organisations":                           ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
  "GET /organisations/:id":                       ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
  "GET /admin/invitations":                       ["login", "403",   "403",   "403",   "403",   "403",   "allow", "403",   "login"],
  "GET /admin/outbox":                            ["login", "403",   "403",   "403",   "403",   "403",   "allow", "403",   "login"],
  "GET /admin/audit":                             ["login", "403",   "403",   "403",   "403",   "403",   "allow", "403",   "login"],
  "GET /admin/people":                            ["login", "403",   "403",   "403",   "403",   "403",   "allow", "403",   "login"],
  "GET /accessibility":                           ["allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow"],
  "GET /*":                                       ["404",   "404",   "404",   "404",   "404",   "404",   "404",   "404",   "404"],
  "POST /login":                                  ["allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "403"],
  "POST /logout":                                 ["allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow"],
  "POST /language":                               ["allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow"],
  "POST /password/forgot":                        ["allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow"],
  "POST /password/reset/:token":                  ["allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow"],
  "POST /invitation/:token":                      ["allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow"],
  "POST /spaces/:slug/members intent=invite":     ["login", "404",   "403",   "403",   "allow", "403",   "allow", "404",   "login"],
  "POST /spaces/:slug/members intent=resend":     ["login", "404",   "403",   "403",   "allow", "403",   "allow", "404",   "login"],
  "POST /spaces/:slug/members intent=revoke":     ["login", "404",   "403",   "403",   "allow", "403",   "allow", "404",   "login"],
  "POST /spaces/:slug/members intent=changeRole": ["login", "404",   "403",   "403",   "allow", "403",   "allow", "404",   "login"],
  "POST /spaces/:slug/members intent=end":        ["login", "404",   "403",   "403",   "allow", "403",   "allow", "404",   "login"],
  [`POST ${DOCS}`]:                               ["login", "404",   "403",   "allow", "allow", "allow", "403",   "404",   "login"],
  [`POST ${DOCS} intent=createFolder`]:           ["login", "404",   "403",   "allow", "allow", "allow", "403",   "404",   "login"],
  [`POST ${DOCS}/trash`]:                         ["login", "404",   "403",   "403",   "allow", "403",   "403",   "404",   "login"],
  [`POST ${DOC}`]:                                ["login", "404",   "403",   "allow", "allow", "allow", "403",   "404",   "login"],
  [`POST ${DOC} intent=edit`]:                    ["login", "404",   "403",   "allow", "allow", "allow", "403",   "404",   "login"],
  [`POST ${DOC} intent=edit on another's`]:       ["login", "404",   "403",   "403",   "allow", "403",   "403",   "404",   "login"],
  [`POST ${DOC} intent=restoreVersion`]:          ["login", "404",   "403",   "allow", "allow", "allow", "403",   "404",   "login"],
  [`POST ${DOC} intent=trash`]:                   ["login", "404",   "403",   "allow", "allow", "allow", "403",   "404",   "login"],
  [`POST ${DOC} intent=trash on another's`]:      ["login", "404",   "403",   "403",   "allow", "403",   "403",   "404",   "login"],
  [`POST ${DOC} intent=linkThread`]:              ["login", "404",   "403",   "allow", "allow", "allow", "403",   "404",   "login"],
  [`POST ${DOC} intent=unlinkThread`]:            ["login", "404",   "403",   "allow", "allow", "allow", "403",   "404",   "login"],
  "POST /spaces/:slug/threads":                   ["login", "404",   "403",   "allow", "allow", "allow", "403",   "404",   "login"],
  [`POST ${THREAD} intent=reply`]:                ["login", "404",   "403",   "allow", "allow", "allow", "403",   "404",   "login"],
  [`POST ${THREAD} intent=edit`]:                 ["login", "404",   "403",   "allow", "allow", "allow", "403",   "404",   "login"],
  [`POST ${THREAD} intent=delete`]:               ["login", "404",   "allow", "allow", "allow", "allow", "403",   "404",   "login"],
  [`POST ${THREAD} intent=hide`]:                 ["login", "404",   "403",   "403",   "allow", "403",   "403",   "404",   "login"],
  [`POST ${THREAD} intent=unhide`]:               ["login", "404",   "403",   "403",   "allow", "403",   "403",   "404",   "login"],
  [`POST ${THREAD} intent=lock`]:                 ["login", "404",   "403",   "403",   "allow", "403",   "403",   "404",   "login"],
  [`POST ${THREAD} intent=unlock`]:               ["login", "404",   "403",   "403",   "allow", "403",   "403",   "404",   "login"],
  [`POST ${THREAD} intent=pin`]:                  ["login", "404",   "403",   "403",   "allow", "403",   "403",   "404",   "login"],
  [`POST ${THREAD} intent=unpin`]:                ["login", "404",   "403",   "403",   "allow", "403",   "403",   "404",   "login"],
  [`POST ${THREAD} intent=subscribe`]:            ["login", "404",   "allow", "allow", "allow", "allow", "403",   "404",   "login"],
  "POST /profile":                                ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
  "POST /admin/people":                           ["login", "403",   "403",   "403",   "403",   "403",   "allow", "403",   "login"],
  "POST /admin/invitations":                      ["login", "403",   "403",   "403",   "403",   "403",   "allow", "403",   "login"],
  "SOCKET handshake":                             ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
  "SOCKET thread:join":                           ["login", "404",   "allow", "allow", "allow", "allow", "404",   "404",   "login"],
  "SOCKET thread:read":                           ["login", "404",   "allow", "allow", "allow", "allow", "404",   "404",   "login"],
  "SOCKET thread:typing":                         ["login", "404",   "allow", "allow", "allow", "allow", "404",   "404",   "login"],
  "SOCKET thread:leave":                          ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
};

/** The core rows, then each feature's section (tests/auth/matrix/). */
const MATRIX: Record<string, Row> = Object.assign({}, CORE, ...sections.map((s) => s.rows));

/** Where a route sends the person when it succeeds; any other redirect is a mismatch. */
const CORE_REDIRECTS: Record<string, RegExp> = {
  "GET /login": /^\/$/,
  "GET /logout": /^\/$/,
  "GET /language": /^\/$/,
  "POST /login": /^\/$/,
  "POST /logout": /^\/login\?loggedOut=1$/,
  "POST /language": /^\/$/,
  "POST /invitation/:token": /^\/$/,
  "POST /password/reset/:token": /^\/login\?passwordSet=1$/,
  "POST /spaces/:slug/threads": /^\/spaces\/bispebjerg-netvaerk\/threads\/[0-9a-f-]{36}$/,
  [`POST ${DOCS}`]: /^\/spaces\/bispebjerg-netvaerk\/documents\/[0-9a-f-]{36}$/,
  [`POST ${DOCS} intent=createFolder`]:
    /^\/spaces\/bispebjerg-netvaerk\/documents\?folder=[0-9a-f-]{36}$/,
  [`POST ${DOCS}/trash`]: /^\/spaces\/bispebjerg-netvaerk\/documents\/[0-9a-f-]{36}$/,
  [`POST ${DOC}`]: /^\/spaces\/bispebjerg-netvaerk\/documents\/[0-9a-f-]{36}$/,
  [`POST ${DOC} intent=edit`]: /^\/spaces\/bispebjerg-netvaerk\/documents\/[0-9a-f-]{36}$/,
  [`POST ${DOC} intent=edit on another's`]:
    /^\/spaces\/bispebjerg-netvaerk\/documents\/[0-9a-f-]{36}$/,
  [`POST ${DOC} intent=restoreVersion`]:
    /^\/spaces\/bispebjerg-netvaerk\/documents\/[0-9a-f-]{36}$/,
  [`POST ${DOC} intent=trash`]: /^\/spaces\/bispebjerg-netvaerk\/documents$/,
  [`POST ${DOC} intent=trash on another's`]: /^\/spaces\/bispebjerg-netvaerk\/documents$/,
  [`POST ${DOC} intent=linkThread`]: /^\/spaces\/bispebjerg-netvaerk\/documents\/[0-9a-f-]{36}$/,
  [`POST ${DOC} intent=unlinkThread`]: /^\/spaces\/bispebjerg-netvaerk\/documents\/[0-9a-f-]{36}$/,
};

const SUCCESS_REDIRECTS: Record<string, RegExp> = Object.assign(
  {},
  CORE_REDIRECTS,
  ...sections.map((s) => s.successRedirects ?? {}),
);

const EMAILS: Record<Exclude<Persona, "anonymous">, string> = {
  nonMember: "ekspert@boernsvilkaar.example", // only in ekspertgruppen
  observer: "emre.yilmaz@nordvestgym.example",
  member: "ngo@bispebjerg.example",
  secretariat: "sekretariat@bif.example",
  chair: "leyla.ozdemir@bif.example",
  admin: "admin@hub.example",
  removed: "jonas.vestergaard@cdp.example", // left bispebjerg-netvaerk in 2025
  deactivated: "peter.brandt@ms.example", // a network member, deactivated after signing in
};

const SLUG = "bispebjerg-netvaerk";
const PASSWORD = "et-nyt-kodeord-2026";

function parseKey(key: string) {
  const m = /^(GET|POST|SOCKET) (\S+)(?: intent=(\w+))?( on another's)?$/.exec(key);
  if (!m) throw new Error(`bad matrix key ${key}`);
  return { method: m[1]!, pattern: m[2]!, intent: m[3], onAnothers: m[4] !== undefined };
}

/** Every route path in a route config, nested ones joined to their parents'. */
function routePaths(entries: RouteConfigEntry[], parent = ""): { path: string; file: string }[] {
  return entries.flatMap((r) => {
    const joined = [parent, r.path ?? ""].filter(Boolean).join("/");
    return [{ path: "/" + joined, file: r.file }, ...routePaths(r.children ?? [], joined)];
  });
}

/** The intents a discriminated union of form schemas accepts. */
function intentsOf(schema: { options: readonly { shape: { intent: unknown } }[] }): string[] {
  return schema.options.flatMap(({ shape }) => {
    const intent = shape.intent as { value?: string; options?: string[] };
    return intent.options ?? [intent.value!];
  });
}

function formBody(fields: Fields): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  return body;
}

describe("authorization matrix", () => {
  let h: TestHub;
  const sessions = new Map<Persona, Client | null>();
  const users = new Map<Persona, string>();
  const sockets = new Map<Persona, Promise<Socket | null>>();
  const ids: Record<string, string> = {};
  const ttlMs = 86_400_000;
  let serial = 0;
  let ctx: MatrixContext;

  beforeAll(async () => {
    // Every persona signs in through the form, and /login and /password/forgot are cells too.
    h = await startTestHub({ env: { LOGIN_LIMIT_PER_IP: "1000" } });
    const { db } = h;
    ids.space = await spaceId(db, SLUG);
    ids.admin = await userId(db, EMAILS.admin);
    ids.person = await userId(db, EMAILS.chair); // seen by everyone in the network
    ids.organisation = await organisationId(db, "Mellemfolkeligt Samvirke");
    ids.invitationToken = (
      await createInvitation(db, {
        email: "matrix.get@example.org",
        invitedById: ids.admin,
        ttlMs,
        spaceId: ids.space,
        role: "member",
      })
    ).token;
    const resetOwner = await createPerson(db, { email: "reset.get@example.org", name: "Reset" });
    ids.resetToken = (await createPasswordReset(db, { userId: resetOwner, ttlMs })).token;
    const thread = await freshThread(ids.person);
    ids.thread = thread.threadId;
    ids.post = thread.postId;
    // Someone else's documents: uploaded by a plain member who is none of the personas.
    const uploader = await createPerson(db, { email: "matrix.uploader@example.org", name: "Up" });
    await createMembership(db, { spaceId: ids.space, userId: uploader, role: "member" });
    ids.uploader = uploader;
    const document = await freshDocument(uploader);
    ids.document = document.documentId;
    ids.version = document.versionId;
    await freshDocument(uploader, { trashed: true }); // something for the trash page to list

    sessions.set("anonymous", null);
    users.set("anonymous", ids.person); // the author of the posts an anonymous visitor aims at
    await Promise.all(
      Object.entries(EMAILS).map(async ([persona, email]) => {
        sessions.set(persona as Persona, await signIn(h, email));
        users.set(persona as Persona, await userId(db, email));
      }),
    );
    // Deactivated behind the session's back: the cookie the person still holds must stop working.
    await db
      .updateTable("user")
      .set({ status: "deactivated" })
      .where("email", "=", EMAILS.deactivated)
      .execute();

    ctx = {
      h,
      slug: SLUG,
      spaceId: ids.space,
      users,
      personId: ids.person,
      otherMemberId: ids.uploader,
      freshEmail: fresh,
      serial: () => ++serial,
    };
    for (const section of sections) await section.setup?.(ctx);
  });
  afterAll(async () => {
    for (const s of await Promise.all(sockets.values())) s?.close();
    await h?.close();
  });

  const fresh = (what: string) => `matrix.${what}.${++serial}@example.org`;

  function freshThread(authorId: string) {
    return createTestThread(h.db, {
      spaceId: ids.space,
      authorId,
      title: `Matrixtråd ${++serial}`,
      body: "Første indlæg",
    });
  }

  function freshDocument(uploaderId: string, { trashed = false } = {}) {
    return createTestDocument(h.db, h.config.filesPath, {
      spaceId: ids.space,
      userId: uploaderId,
      title: `Matrixdokument ${++serial}`,
      trashed,
    });
  }

  /** A multipart upload as the browser's form sends it: the fields, then a PDF of its own. */
  function uploadForm(fields: Record<string, string>): FormData {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    const pdf = new Uint8Array(testPdf(`matrix upload ${++serial}`));
    form.append("file", new Blob([pdf], { type: "application/pdf" }), "x.pdf");
    return form;
  }

  /** A throwaway current member of the network, so that each cell changes its own row. */
  async function freshMembership() {
    const person = await createPerson(h.db, { email: fresh("member"), name: `Matrix ${serial}` });
    return createMembership(h.db, { spaceId: ids.space, userId: person, role: "member" });
  }

  async function freshSpaceInvitation() {
    const invitation = await createInvitation(h.db, {
      email: fresh("invited"),
      invitedById: ids.admin,
      ttlMs,
      spaceId: ids.space,
      role: "member",
    });
    return invitation.id;
  }

  /** The form a person would send for one POST cell, with its own fresh objects. */
  async function postFor(key: string, persona: Persona): Promise<PostRequest> {
    const { pattern, intent, onAnothers } = parseKey(key);
    for (const section of sections) {
      const request = await section.postFor?.({ pattern, intent, onAnothers }, persona, ctx);
      if (request) return request;
    }
    const email = persona === "anonymous" ? "medarbejder@jobcenter.example" : EMAILS[persona];
    const me = users.get(persona)!;
    switch (pattern) {
      case "/login":
        return { path: "/login", fields: { email, password: "hub-demo-2026" } };
      case "/logout": {
        if (persona === "anonymous" || persona === "deactivated")
          return { path: "/logout", fields: {} };
        // Its own session: signing out must not end the session the other cells use.
        const { token } = await createSession(h.db, { userId: me });
        const client = new Client(h.url);
        client.cookies.set("hub_session", token);
        return { path: "/logout", fields: {}, client };
      }
      case "/language":
        return { path: "/language", fields: { lng: "en", redirectTo: "/" } };
      case "/password/forgot":
        return { path: "/password/forgot", fields: { email } };
      case "/password/reset/:token": {
        const owner = await createPerson(h.db, { email: fresh("reset"), name: "Reset" });
        const { token } = await createPasswordReset(h.db, { userId: owner, ttlMs });
        return {
          path: `/password/reset/${token}`,
          fields: { password: PASSWORD, passwordConfirm: PASSWORD },
        };
      }
      case "/invitation/:token": {
        const { token } = await createInvitation(h.db, {
          email: fresh("accept"),
          invitedById: ids.admin,
          ttlMs,
        });
        return {
          path: `/invitation/${token}`,
          fields: { name: "Ny Person", password: PASSWORD, passwordConfirm: PASSWORD },
        };
      }
      case "/profile": {
        // The persona's own profile sent back unchanged: a valid save that alters nothing.
        const own = await getOwnProfile(h.db, { userId: me });
        return {
          path: "/profile",
          fields: {
            name: own.name,
            title: own.title ?? "",
            organisationId: own.organisationId ?? "",
            bio: own.bio,
            phone: own.phone ?? "",
            contactVisibility: own.contactVisibility,
            expertise: own.expertise.join(", "),
            languages: own.languages,
          },
        };
      }
      case "/admin/people": {
        const target = await createPerson(h.db, { email: fresh("target"), name: "Target" });
        return { path: "/admin/people", fields: { userId: target, status: "deactivated" } };
      }
      case "/admin/invitations":
        return { path: "/admin/invitations", fields: { email: fresh("site") } };
      case "/spaces/:slug/members": {
        const path = `/spaces/${SLUG}/members`;
        if (intent === "invite") {
          return { path, fields: { intent, email: fresh("space"), role: "member" } };
        }
        if (intent === "resend" || intent === "revoke") {
          return { path, fields: { intent, invitationId: await freshSpaceInvitation() } };
        }
        if (intent === "changeRole") {
          return {
            path,
            fields: { intent, membershipId: await freshMembership(), role: "observer" },
          };
        }
        if (intent === "end")
          return { path, fields: { intent, membershipId: await freshMembership() } };
        break;
      }
      case "/spaces/:slug/threads":
        return {
          path: `/spaces/${SLUG}/threads`,
          fields: { title: "Ny tråd", body: "Et indlæg", clientId: `matrix-${++serial}` },
        };
      case THREAD: {
        // Edit and delete aim at the person's own post; moderation at someone else's.
        const own = intent === "edit" || intent === "delete";
        const { threadId, postId } = await freshThread(own ? me : ids.person);
        const path = `/spaces/${SLUG}/threads/${threadId}`;
        switch (intent) {
          case "reply":
            return { path, fields: { intent, body: "Et svar", clientId: `matrix-${++serial}` } };
          case "edit":
            return { path, fields: { intent, postId, body: "Rettet" } };
          case "delete":
          case "unhide":
            return { path, fields: { intent, postId } };
          case "hide":
            return { path, fields: { intent, postId, reason: "Uden for emnet" } };
          case "subscribe":
            return { path, fields: { intent, subscription: "follow" } };
          default:
            return { path, fields: { intent: intent! } };
        }
      }
      case DOCS: {
        const path = `/spaces/${SLUG}/documents`;
        if (intent === "createFolder")
          return { path, fields: { intent, name: `Matrixmappe ${++serial}` } };
        if (intent === undefined)
          return { path, form: uploadForm({ title: `Upload ${++serial}`, note: "Første" }) };
        break;
      }
      case `${DOCS}/trash`: {
        const { documentId } = await freshDocument(ids.uploader!, { trashed: true });
        return { path: `/spaces/${SLUG}/documents/trash`, fields: { documentId } };
      }
      case DOC: {
        // Edit and trash aim at the person's own upload (unless "on another's"); the rest, which
        // any writer may do, at someone else's.
        const own = (intent === "edit" || intent === "trash") && !onAnothers;
        const { documentId, versionId } = await freshDocument(own ? me : ids.uploader!);
        const path = `/spaces/${SLUG}/documents/${documentId}`;
        switch (intent) {
          case undefined:
            return { path, form: uploadForm({ note: "Ny udgave" }) };
          case "edit":
            return {
              path,
              fields: { intent, title: "Rettet titel", description: "Rettet", tags: "matrix" },
            };
          case "restoreVersion": {
            // A second version, so that restoring the first is what the history page offers.
            await addVersion(h.db, {
              spaceId: ids.space!,
              documentId,
              userId: ids.uploader!,
              file: storeTestBlob(h.config.filesPath, testPdf(`matrix v2 ${++serial}`)),
              note: "",
            });
            return { path, fields: { intent, versionId } };
          }
          case "trash":
            return { path, fields: { intent } };
          case "linkThread":
          case "unlinkThread": {
            // Someone else's document and thread: linking is not the uploader's alone.
            const { threadId } = await freshThread(ids.person!);
            if (intent === "unlinkThread") {
              await linkDocumentToThread(h.db, { spaceId: ids.space!, documentId, threadId });
            }
            return { path, fields: { intent, threadId } };
          }
        }
        break;
      }
    }
    throw new Error(`no request defined for ${key}`);
  }

  /** The concrete GET paths for a route pattern (a file in each of its modes). */
  async function getPaths(pattern: string, persona: Persona): Promise<string[]> {
    for (const section of sections) {
      const found = await section.getPaths?.(pattern, ctx, persona);
      if (found) return found;
    }
    const concrete = pattern
      .replace(":slug", SLUG)
      .replace(":threadId", ids.thread!)
      .replace(":postId", ids.post!)
      .replace(":documentId", ids.document!)
      .replace(":versionId", ids.version!)
      .replace(/^\/people\/:id$/, `/people/${ids.person}`)
      .replace(/^\/organisations\/:id$/, `/organisations/${ids.organisation}`)
      .replace(/^\/invitation\/:token$/, `/invitation/${ids.invitationToken}`)
      .replace(/^\/password\/reset\/:token$/, `/password/reset/${ids.resetToken}`)
      .replace(/^\/\*$/, "/findes/ikke");
    return concrete.endsWith("/:mode")
      ? ["download", "preview"].map((mode) => concrete.replace(/:mode$/, mode))
      : [concrete];
  }

  /** Files under the files folder (blobs and temporary uploads alike). */
  function fileCount(): number {
    const dir = h.config.filesPath;
    if (!fs.existsSync(dir)) return 0;
    return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
      .length;
  }

  /**
   * What a refused change must leave as it was: every table's row count (sessions aside: a dead
   * one is cleaned up on sight), the documents' own rows (edit, trash and restore only update
   * them) and the stored files.
   */
  async function snapshot(): Promise<Record<string, string>> {
    const state: Record<string, string> = {};
    for (const [table, n] of Object.entries(await rowCounts(h.db))) {
      if (table !== "session") state[`rows in ${table}`] = String(n);
    }
    for (const d of await h.db.selectFrom("document").selectAll().execute()) {
      state[`document ${d.id}`] = JSON.stringify(d);
    }
    for (const t of await h.db.selectFrom("documentTag").selectAll().execute()) {
      state[`tag ${t.documentId} ${t.tag}`] = "";
    }
    state["stored files"] = String(fileCount());
    for (const section of sections) Object.assign(state, await section.snapshot?.(ctx));
    return state;
  }

  /** How two snapshots differ, one line per thing that changed. */
  function changes(before: Record<string, string>, after: Record<string, string>): string[] {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys]
      .filter((k) => before[k] !== after[k])
      .map((k) => `${k}: ${before[k] ?? "(none)"} → ${after[k] ?? "(none)"}`);
  }

  /** What the person observed, in the matrix's terms (or a description of the surprise). */
  async function observe(key: string, res: Response): Promise<string> {
    const body = await res.text();
    if (res.status >= 200 && res.status < 300) return "allow";
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get("location") ?? "";
      if (/^\/login(\?redirectTo=[^&]*)?$/.test(location)) return "login";
      return SUCCESS_REDIRECTS[key]?.test(location) ? "allow" : `redirect to ${location}`;
    }
    // Refusals are told in Danish (the default language), never as a stack trace.
    if (res.status === 404) return body.includes(DA.notFound) ? "404" : "404 without Danish text";
    if (res.status === 403) {
      const told = body.includes(DA.forbidden) || body.includes(DA.deactivatedLogin);
      return told ? "403" : "403 without Danish text";
    }
    return `status ${res.status}`;
  }

  /** The persona's one live socket (null when the handshake is refused), opened on first use. */
  function socketOf(persona: Persona): Promise<Socket | null> {
    if (!sockets.has(persona)) {
      const client = sessions.get(persona);
      sockets.set(
        persona,
        connectSocket(h, client ? client.cookieHeader() : null).then((o) => {
          if (o.connected) return o.socket;
          if (o.error.message !== "unauthorized") throw o.error;
          return null;
        }),
      );
    }
    return sockets.get(persona)!;
  }

  async function observeSocket(key: string, persona: Persona): Promise<string> {
    const socket = await socketOf(persona);
    if (!socket) return "login";
    const event = key.slice("SOCKET ".length);
    if (event === "handshake") return "allow";
    const send = (name: string, payload: object) =>
      socket.timeout(3_000).emitWithAck(name as never, payload as never) as Promise<{
        ok: boolean;
        error?: string;
      }>;
    let reply: { ok: boolean; error?: string } | undefined;
    for (const section of sections) {
      reply ??= await section.socketCall?.(event, persona, ctx, send);
    }
    if (!reply) {
      const { threadId } = await freshThread(ids.person);
      if (event === "thread:typing") await send("thread:join", { threadId, afterSeq: 0 });
      const payload =
        event === "thread:join"
          ? { threadId, afterSeq: 0 }
          : event === "thread:read"
            ? { threadId, seq: 1 }
            : { threadId };
      reply = await send(event, payload);
    }
    if (reply.ok) return "allow";
    return reply.error === "not_found"
      ? "404"
      : reply.error === "forbidden"
        ? "403"
        : `ack ${reply.error}`;
  }

  it("has a row for every route, every action, every intent and every socket event", async () => {
    const keys = Object.keys(MATRIX).map(parseKey);
    const paths = routePaths(routes);
    const missing: string[] = [];
    for (const { path: p, file } of paths) {
      if (!keys.some((k) => k.method === "GET" && k.pattern === p)) missing.push(`GET ${p}`);
      const source = fs.readFileSync(path.join("app", file), "utf8");
      const hasAction = /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(
        source,
      );
      if (hasAction && !keys.some((k) => k.method === "POST" && k.pattern === p)) {
        missing.push(`POST ${p}`);
      }
    }
    for (const [pattern, schema] of [
      ["/spaces/:slug/members", membershipActionSchema],
      [THREAD, threadActionSchema],
      [DOCS, { options: [folderSchema] }],
      [DOC, documentActionSchema],
      ...sections.flatMap((s) => s.intents ?? []),
    ] as const) {
      for (const intent of intentsOf(schema)) {
        if (!MATRIX[`POST ${pattern} intent=${intent}`])
          missing.push(`POST ${pattern} intent=${intent}`);
      }
    }
    // Client → server events the server listens to (besides socket.io's own) need a row each.
    const probe = await socketOf("member");
    const serverSocket = h.hub.io.sockets.sockets.get(probe!.id!)!;
    const reserved = new Set(["error", "disconnect", "disconnecting"]);
    for (const event of serverSocket.eventNames()) {
      if (!reserved.has(String(event)) && !MATRIX[`SOCKET ${String(event)}`]) {
        missing.push(`SOCKET ${String(event)}`);
      }
    }
    expect(missing, "routes, actions or events without a row in MATRIX").toEqual([]);

    // And no row names a route that no longer exists.
    const stale = keys.filter(
      (k) => k.method !== "SOCKET" && !paths.some((p) => p.path === k.pattern),
    );
    expect(stale).toEqual([]);
  });

  /** One cell: what `persona` observes, plus a note when a refused change wrote something. */
  async function runCell(key: string, persona: Persona, expected: Outcome): Promise<string[]> {
    const mismatch = (observed: string) =>
      observed === expected ? [] : [`${persona}: expected ${expected}, got ${observed}`];
    if (key.startsWith("SOCKET ")) return mismatch(await observeSocket(key, persona));
    const own = cloneClient(sessions.get(persona) ?? null, h.url);
    if (key.startsWith("GET ")) {
      const problems: string[] = [];
      for (const p of await getPaths(parseKey(key).pattern, persona)) {
        const found = mismatch(await observe(key, await own.get(p)));
        problems.push(...found.map((f) => `${f} (${p})`));
      }
      return problems;
    }

    const { path: p, fields = {}, form, client = own } = await postFor(key, persona);
    const before = expected === "allow" ? null : await snapshot();
    const res = await client.request(p, { method: "POST", body: form ?? formBody(fields) });
    const problems = mismatch(await observe(key, res));
    if (before) {
      // A refused change writes nothing.
      const changed = changes(before, await snapshot());
      if (changed.length) problems.push(`${persona}: refused but wrote ${changed.join("; ")}`);
    }
    return problems;
  }

  for (const [key, row] of Object.entries(MATRIX)) {
    it(key, async () => {
      const cells = PERSONAS.map((persona, i) => [persona, row[i]!] as const);
      let problems: string[] = [];
      if (key.startsWith("POST ")) {
        // One after another, so that row counts are attributable to the cell.
        for (const [persona, expected] of cells) {
          problems.push(...(await runCell(key, persona, expected)));
        }
      } else {
        const all = await Promise.all(
          cells.map(([persona, expected]) => runCell(key, persona, expected)),
        );
        problems = all.flat();
      }
      expect(problems).toEqual([]);
    });
  }
});
