import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { utcToCopenhagen } from "../../app/lib/zoned-time";
import { sendAutomaticReminders } from "../../server/jobs/consultations";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import {
  DA,
  fieldError,
  mainOf,
  rowCounts,
  spaceId,
  unescapeHtml,
  userId,
} from "../helpers/fixtures";
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from "../helpers/smtp";

// The whole life of a consultation over real HTTP, with real mail to a loopback SMTP server:
// asking, answering, who sees the answers, reminders (by hand and by the server's job), closing,
// and every way an answer or a question is refused.

const DAY = 86_400_000;
const PUBLIC_URL = "https://hub.example.org";
const SLUG = "foelgegruppen";
const BASE = `/spaces/${SLUG}/consultations`;

const SECRETARIAT = "sekretariat@bif.example";
const KASPER = "medarbejder@jobcenter.example";
const ANDERS = "anders.lund@jobcenter.example"; // reads mail in English (set below)
const CAMILLA = "camilla.berg@buf.example";
const MARWA = "marwa.saleh@jobcenter.example"; // a member who is not asked
const EXPERT = "ekspert@boernsvilkaar.example"; // not in the follow-up group at all

/** Copenhagen wall-clock time `ms` from now, as a datetime-local input sends it. */
const localIn = (ms: number) => utcToCopenhagen(new Date(Date.now() + ms).toISOString()).local;

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) back into text. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

const subjectOf = (m: CapturedMail) => decodeHeader(m.headers.subject ?? "");
const recipientsOf = (mails: CapturedMail[]) => mails.flatMap((m) => m.to).sort();

describe("consultations over HTTP", () => {
  let smtp: SmtpCapture;
  let h: TestHub;
  const clients = new Map<string, Client>();
  const ids = new Map<string, string>();
  let spaceOf: { followUp: string; expert: string };
  let consultationPath = "";
  let consultationId = "";

  const as = (email: string) => clients.get(email)!;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    h = await startTestHub({ env: { SMTP_URL: smtp.url, PUBLIC_URL } });
    for (const email of [SECRETARIAT, KASPER, ANDERS, CAMILLA, MARWA, EXPERT]) {
      const client = new Client(h.url);
      await client.login(email);
      clients.set(email, client);
      ids.set(email, await userId(h.db, email));
    }
    await h.db.updateTable("user").set({ locale: "en" }).where("email", "=", ANDERS).execute();
    spaceOf = {
      followUp: await spaceId(h.db, SLUG),
      expert: await spaceId(h.db, "ekspertgruppen"),
    };
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  async function documentIn(space: string) {
    const row = await h.db
      .selectFrom("document")
      .select(["id", "title"])
      .where("spaceId", "=", space)
      .where("deletedAt", "is", null)
      .executeTakeFirstOrThrow();
    return row;
  }

  function askFields(overrides: Record<string, string | string[]> = {}) {
    return {
      title: "Input til materiale for jobcentrets vejledere",
      question: "Hvad mangler i **materialet**?\n\n<script>alert(1)</script>",
      deadline: localIn(3 * DAY),
      audience: "chosen",
      recipientIds: [ids.get(KASPER)!, ids.get(ANDERS)!, ids.get(CAMILLA)!],
      answerVisibility: "secretariat",
      documentIds: [] as string[],
      ...overrides,
    };
  }

  function post(email: string, path: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) {
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    }
    return as(email).request(path, { method: "POST", body });
  }

  async function answerRow(email: string, id = consultationId) {
    return h.db
      .selectFrom("consultationAnswer")
      .select(["body", "stance", "updatedAt"])
      .where("consultationId", "=", id)
      .where("userId", "=", ids.get(email)!)
      .executeTakeFirst();
  }

  it("refuses a deadline in the past with a field message, writing and mailing nothing", async () => {
    const before = await rowCounts(h.db);
    const mailsBefore = smtp.mails.length;
    const res = await post(SECRETARIAT, BASE, askFields({ deadline: localIn(-60 * 60 * 1000) }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldError(html, "deadline")).toBe("Svarfristen skal ligge i fremtiden.");
    // What was typed comes back, so nothing needs retyping.
    expect(html).toContain("Input til materiale for jobcentrets vejledere");
    expect(await rowCounts(h.db)).toEqual(before);
    expect(smtp.mails.length).toBe(mailsBefore);

    const garbled = await post(SECRETARIAT, BASE, askFields({ deadline: "i morgen" }));
    expect(garbled.status).toBe(400);
    expect(fieldError(await garbled.text(), "deadline")).toBe(
      "Skriv en gyldig dato og et klokkeslæt.",
    );
    expect(await rowCounts(h.db)).toEqual(before);
  });

  it("refuses papers from another space, and people who are not members", async () => {
    const before = await rowCounts(h.db);
    const foreign = await documentIn(spaceOf.expert);
    const res = await post(SECRETARIAT, BASE, askFields({ documentIds: [foreign.id] }));
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "documentIds")).toBe(
      "Vælg kun bilag blandt rummets egne dokumenter.",
    );
    const stranger = await post(
      SECRETARIAT,
      BASE,
      askFields({ recipientIds: [ids.get(KASPER)!, ids.get(EXPERT)!] }),
    );
    expect(stranger.status).toBe(400);
    expect(fieldError(await stranger.text(), "recipientIds")).toBe(
      "Vælg kun personer, der er aktive medlemmer af rummet.",
    );
    const nobody = await post(SECRETARIAT, BASE, askFields({ recipientIds: [] }));
    expect(nobody.status).toBe(400);
    expect(fieldError(await nobody.text(), "recipientIds")).toBe("Vælg mindst én person.");
    expect(await rowCounts(h.db)).toEqual(before);
  });

  it("lets only the secretariat ask", async () => {
    const before = await rowCounts(h.db);
    const res = await post(KASPER, BASE, askFields());
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(DA.forbidden);
    expect(await rowCounts(h.db)).toEqual(before);
  });

  it("asks exactly the chosen people, each by mail in their own language", async () => {
    const paper = await documentIn(spaceOf.followUp);
    const mailsBefore = smtp.mails.length;
    const res = await post(SECRETARIAT, BASE, askFields({ documentIds: [paper.id] }));
    expect(res.status).toBe(302);
    consultationPath = res.headers.get("location")!;
    expect(consultationPath).toMatch(new RegExp(`^${BASE}/[0-9a-f-]{36}$`));
    consultationId = consultationPath.split("/").at(-1)!;

    const mails = smtp.mails.slice(mailsBefore);
    expect(recipientsOf(mails)).toEqual([ANDERS, CAMILLA, KASPER].sort());
    const toKasper = mails.find((m) => m.to.includes(KASPER))!;
    expect(subjectOf(toKasper)).toBe(
      "Høring i Følgegruppen: Input til materiale for jobcentrets vejledere",
    );
    expect(toKasper.text).toContain("Hej Kasper Mortensen");
    expect(toKasper.text).toContain(`${PUBLIC_URL}${consultationPath}`);
    expect(toKasper.text).toMatch(/Svarfrist: .*\d{2}[.:]\d{2}/);
    const toAnders = mails.find((m) => m.to.includes(ANDERS))!;
    expect(subjectOf(toAnders)).toBe(
      "Consultation in Følgegruppen: Input til materiale for jobcentrets vejledere",
    );
    expect(toAnders.text).toContain("Deadline:");

    // The page: the question rendered from Markdown with raw HTML shown as text, and the paper.
    const page = mainOf(await (await as(KASPER).get(consultationPath)).text());
    expect(page).toContain("<strong>materialet</strong>");
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("&lt;script&gt;");
    expect(page).toContain(`href="/spaces/${SLUG}/documents/${paper.id}"`);
    expect(unescapeHtml(page)).toContain(paper.title);
  });

  it("lists it as open, with answered or not for the viewer", async () => {
    const list = mainOf(await (await as(KASPER).get(BASE)).text());
    const item = list.slice(list.indexOf(consultationPath));
    expect(item.slice(0, item.indexOf("</li>"))).toContain("Ikke besvaret");
    // Someone not asked sees it too, without an answered/not answered mark of their own.
    const forMarwa = mainOf(await (await as(MARWA).get(BASE)).text());
    const marwaItem = forMarwa.slice(forMarwa.indexOf(consultationPath));
    expect(marwaItem.slice(0, marwaItem.indexOf("</li>"))).not.toContain("besvaret");
  });

  it("takes an answer with a stance, and lets its author change it before the deadline", async () => {
    const first = await post(KASPER, consultationPath, {
      intent: "answer",
      body: "Vejlederne savner en kort tjekliste.",
      stance: "partly",
    });
    expect(first.status).toBe(200);
    expect(mainOf(await first.text())).toContain("Dit svar er gemt.");
    expect(await answerRow(KASPER)).toMatchObject({
      body: "Vejlederne savner en kort tjekliste.",
      stance: "partly",
    });

    const second = await post(KASPER, consultationPath, {
      intent: "answer",
      body: "Vejlederne savner en kort tjekliste og en liste over, hvem de kan ringe til.",
      stance: "agree",
    });
    expect(second.status).toBe(200);
    const html = mainOf(await second.text());
    expect(html).toContain("Dit ændrede svar er gemt.");
    // The form shows the answer as it now stands.
    expect(html).toContain("hvem de kan ringe til.</textarea>");
    const rows = await h.db
      .selectFrom("consultationAnswer")
      .select("body")
      .where("consultationId", "=", consultationId)
      .execute();
    expect(rows).toHaveLength(1);
    expect((await answerRow(KASPER))!.stance).toBe("agree");

    const list = mainOf(await (await as(KASPER).get(BASE)).text());
    const item = list.slice(list.indexOf(consultationPath));
    expect(item.slice(0, item.indexOf("</li>"))).toContain("Besvaret");
  });

  it("refuses an empty or overlong answer with a field message", async () => {
    const before = await answerRow(KASPER);
    const empty = await post(KASPER, consultationPath, { intent: "answer", body: "  " });
    expect(empty.status).toBe(400);
    expect(fieldError(await empty.text(), "body")).toBe("Udfyld feltet.");
    const long = await post(KASPER, consultationPath, {
      intent: "answer",
      body: "x".repeat(20_001),
    });
    expect(long.status).toBe(400);
    expect(fieldError(await long.text(), "body")).toBe("Svaret må højst være 20.000 tegn.");
    const badStance = await post(KASPER, consultationPath, {
      intent: "answer",
      body: "Et svar",
      stance: "maybe",
    });
    expect(badStance.status).toBe(400);
    expect(fieldError(await badStance.text(), "stance")).toBe(
      "Formularen kunne ikke læses. Prøv igen.",
    );
    expect(await answerRow(KASPER)).toEqual(before);
  });

  it("lets a member who was not asked read, but not answer", async () => {
    const page = await as(MARWA).get(consultationPath);
    expect(page.status).toBe(200);
    expect(mainOf(await page.text())).toContain("Du er ikke blandt de spurgte");
    const before = await rowCounts(h.db);
    const res = await post(MARWA, consultationPath, { intent: "answer", body: "Mit bud" });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(DA.forbidden);
    expect(await rowCounts(h.db)).toEqual(before);
  });

  it("shows answers meant for the secretariat to the secretariat only, in the page and its data", async () => {
    const secret = "hvem de kan ringe til";
    for (const email of [MARWA, ANDERS]) {
      const res = await as(email).get(consultationPath);
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page, email).not.toContain(secret);
      expect(page).toContain("Svarene kan kun læses af sekretariatet.");
      const dataRes = await as(email).get(`${consultationPath}.data`);
      expect(dataRes.status).toBe(200);
      const data = await dataRes.text();
      expect(data).toContain("Input til materiale for jobcentrets vejledere");
      expect(data, `${email} .data`).not.toContain(secret);
      expect(data).not.toContain("savner");
    }
    const forSecretariat = await (await as(SECRETARIAT).get(consultationPath)).text();
    expect(forSecretariat).toContain(secret);
    const secretariatData = await (await as(SECRETARIAT).get(`${consultationPath}.data`)).text();
    expect(secretariatData).toContain(secret);
    // The author still sees their own answer.
    expect(await (await as(KASPER).get(consultationPath)).text()).toContain(secret);
  });

  it("shows answers to every member when the consultation says so", async () => {
    const res = await post(
      SECRETARIAT,
      BASE,
      askFields({
        title: "Åben for alle",
        answerVisibility: "members",
        audience: "all",
        recipientIds: [],
      }),
    );
    expect(res.status).toBe(302);
    const path = res.headers.get("location")!;
    const id = path.split("/").at(-1)!;
    // "All" asks the group's current chairs and members, not the secretariat.
    const asked = await h.db
      .selectFrom("consultationRecipient")
      .innerJoin("user", "user.id", "consultationRecipient.userId")
      .select("user.email")
      .where("consultationId", "=", id)
      .execute();
    expect(asked.map((r) => r.email)).toContain(MARWA);
    expect(asked.map((r) => r.email)).not.toContain(SECRETARIAT);
    expect(asked).toHaveLength(8);
    const answered = await post(CAMILLA, path, { intent: "answer", body: "Synligt svar fra BUF" });
    expect(answered.status).toBe(200);
    const page = await (await as(MARWA).get(path)).text();
    expect(page).toContain("Synligt svar fra BUF");
  });

  it("shows the secretariat the response rate and who has not answered", async () => {
    const html = unescapeHtml(mainOf(await (await as(SECRETARIAT).get(consultationPath)).text()));
    expect(html).toContain("1 af 3 har svaret");
    const pending = html.slice(html.indexOf("Mangler at svare"));
    const list = pending.slice(0, pending.indexOf("</ul>"));
    expect(list).toContain("Anders Lund");
    expect(list).toContain("Camilla Berg");
    expect(list).not.toContain("Kasper Mortensen");
    // Members do not get the status panel.
    expect(await (await as(KASPER).get(consultationPath)).text()).not.toContain("af 3 har svaret");
  });

  it("reminds exactly those who have not answered, says how many, and records when", async () => {
    const mailsBefore = smtp.mails.length;
    const res = await post(SECRETARIAT, consultationPath, { intent: "remind" });
    expect(res.status).toBe(200);
    const html = mainOf(await res.text());
    expect(html).toContain("Påmindelse sendt til 2 personer.");
    const mails = smtp.mails.slice(mailsBefore);
    expect(recipientsOf(mails)).toEqual([ANDERS, CAMILLA].sort());
    expect(subjectOf(mails.find((m) => m.to.includes(CAMILLA))!)).toMatch(
      /^Påmindelse: Input til materiale for jobcentrets vejledere – svarfrist /,
    );
    expect(subjectOf(mails.find((m) => m.to.includes(ANDERS))!)).toMatch(/^Reminder: /);
    const reminders = await h.db
      .selectFrom("consultationReminder")
      .select(["kind", "recipientCount", "sentById"])
      .where("consultationId", "=", consultationId)
      .execute();
    expect(reminders).toEqual([
      { kind: "manual", recipientCount: 2, sentById: ids.get(SECRETARIAT) },
    ]);
    const page = unescapeHtml(mainOf(await (await as(SECRETARIAT).get(consultationPath)).text()));
    expect(page).toContain("Mette Lindholm mindede 2 personer");

    // A member may not send reminders.
    const before = await rowCounts(h.db);
    const refused = await post(KASPER, consultationPath, { intent: "remind" });
    expect(refused.status).toBe(403);
    expect(await rowCounts(h.db)).toEqual(before);
  });

  it("closes with an outcome that goes to every participant and tops the page", async () => {
    const mailsBefore = smtp.mails.length;
    const outcome = "Vi laver en **tjekliste** til vejlederne inden nytår.";
    const res = await post(SECRETARIAT, consultationPath, { intent: "close", outcome });
    expect(res.status).toBe(200);
    expect(mainOf(await res.text())).toContain(
      "Høringen er afsluttet, og 3 personer har fået besked.",
    );
    const mails = smtp.mails.slice(mailsBefore);
    expect(recipientsOf(mails)).toEqual([ANDERS, CAMILLA, KASPER].sort());
    for (const m of mails) expect(m.text).toContain(outcome);
    expect(subjectOf(mails.find((m) => m.to.includes(KASPER))!)).toBe(
      "Høringen er afsluttet: Input til materiale for jobcentrets vejledere",
    );

    const page = mainOf(await (await as(MARWA).get(consultationPath)).text());
    const h1 = page.indexOf("<h1");
    const outcomeAt = page.indexOf("Resultat af høringen");
    expect(outcomeAt).toBeGreaterThan(h1);
    expect(outcomeAt).toBeLessThan(page.indexOf("Spørgsmål"));
    expect(page).toContain("<strong>tjekliste</strong>");

    const list = mainOf(await (await as(MARWA).get(BASE)).text());
    const closedSection = list.slice(list.indexOf("Afsluttede høringer"));
    expect(closedSection).toContain(consultationPath);
  });

  it("refuses answers, reminders and a second closing once closed, writing nothing", async () => {
    const before = await rowCounts(h.db);
    const answerBefore = await answerRow(KASPER);
    const late = await post(CAMILLA, consultationPath, { intent: "answer", body: "For sent" });
    expect(late.status).toBe(409);
    expect(mainOf(await late.text())).toContain(
      "Høringen er afsluttet, så der kan ikke længere svares.",
    );
    const edit = await post(KASPER, consultationPath, { intent: "answer", body: "Ændret" });
    expect(edit.status).toBe(409);
    const remind = await post(SECRETARIAT, consultationPath, { intent: "remind" });
    expect(remind.status).toBe(409);
    const again = await post(SECRETARIAT, consultationPath, { intent: "close", outcome: "Igen" });
    expect(again.status).toBe(409);
    expect(mainOf(await again.text())).toContain("Høringen er allerede afsluttet.");
    expect(await rowCounts(h.db)).toEqual(before);
    expect(await answerRow(KASPER)).toEqual(answerBefore);
    expect(await answerRow(CAMILLA)).toBeUndefined();
  });

  it("refuses an answer after the deadline", async () => {
    const res = await post(SECRETARIAT, BASE, askFields({ title: "Kort frist" }));
    const path = res.headers.get("location")!;
    const id = path.split("/").at(-1)!;
    await h.db
      .updateTable("consultation")
      .set({ deadline: new Date(Date.now() - 60_000).toISOString() })
      .where("id", "=", id)
      .execute();
    const before = await rowCounts(h.db);
    const late = await post(KASPER, path, { intent: "answer", body: "Lidt for sent" });
    expect(late.status).toBe(409);
    expect(mainOf(await late.text())).toContain(
      "Svarfristen er overskredet, så der kan ikke længere svares.",
    );
    expect(await rowCounts(h.db)).toEqual(before);
    // The page no longer offers the form.
    const page = mainOf(await (await as(KASPER).get(path)).text());
    expect(page).not.toContain('name="body"');
    expect(page).toContain("Svarfristen er overskredet");
  });

  it("answers 404 for a consultation of another space on every URL", async () => {
    const res = await post(SECRETARIAT, `/spaces/ekspertgruppen/consultations`, {
      ...askFields({ audience: "all", recipientIds: [] }),
      title: "Kun for ekspertgruppen",
    });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.split("/").at(-1)!;
    const wrong = `${BASE}/${id}`;
    // The secretariat is in both spaces: the id still belongs to only one of them.
    for (const email of [SECRETARIAT, KASPER]) {
      for (const path of [wrong, `${wrong}.data`]) {
        const page = await as(email).get(path);
        expect(page.status, `${email} ${path}`).toBe(404);
      }
      const before = await rowCounts(h.db);
      for (const intent of ["answer", "remind", "close"]) {
        const refused = await post(email, wrong, { intent, body: "x", outcome: "x" });
        expect(refused.status, `${email} ${intent}`).toBe(404);
        expect(await refused.text()).toContain(DA.notFound);
      }
      expect(await rowCounts(h.db)).toEqual(before);
    }
    // Nor is it in the other space's list, and a malformed id is just as unknown.
    expect(await (await as(SECRETARIAT).get(BASE)).text()).not.toContain(id);
    expect((await as(SECRETARIAT).get(`${BASE}/ikke-et-id`)).status).toBe(404);
    // Someone outside the expert group does not learn it exists.
    expect((await as(MARWA).get(`/spaces/ekspertgruppen/consultations/${id}`)).status).toBe(404);
  });

  it("sends the automatic reminder once, to those who have not answered", async () => {
    const deadlineIn = 30 * DAY;
    const res = await post(
      SECRETARIAT,
      BASE,
      askFields({ title: "Automatisk påmindelse", deadline: localIn(deadlineIn) }),
    );
    const path = res.headers.get("location")!;
    const id = path.split("/").at(-1)!;
    expect((await post(CAMILLA, path, { intent: "answer", body: "Mit svar" })).status).toBe(200);
    const { deadline } = await h.db
      .selectFrom("consultation")
      .select("deadline")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const deps = {
      db: h.db,
      mailer: h.hub.services.mailer,
      config: h.config,
      log: () => {},
    };

    // Three days before the deadline: not yet.
    const early = new Date(Date.parse(deadline) - 3 * DAY);
    const mailsBefore = smtp.mails.length;
    expect(await sendAutomaticReminders(deps, { now: early })).toBe(0);
    expect(smtp.mails.length).toBe(mailsBefore);

    // A day before: those two who have not answered, once.
    const due = new Date(Date.parse(deadline) - DAY);
    expect(await sendAutomaticReminders(deps, { now: due })).toBe(2);
    const mails = smtp.mails.slice(mailsBefore);
    expect(recipientsOf(mails)).toEqual([ANDERS, KASPER].sort());
    expect(subjectOf(mails.find((m) => m.to.includes(KASPER))!)).toMatch(
      /^Påmindelse: Automatisk påmindelse/,
    );
    expect(await sendAutomaticReminders(deps, { now: new Date(due.getTime() + 60 * 60_000) })).toBe(
      0,
    );
    expect(smtp.mails.length).toBe(mailsBefore + 2);
    const reminders = await h.db
      .selectFrom("consultationReminder")
      .select(["kind", "recipientCount", "sentById"])
      .where("consultationId", "=", id)
      .execute();
    expect(reminders).toEqual([{ kind: "automatic", recipientCount: 2, sentById: null }]);
    const page = unescapeHtml(mainOf(await (await as(SECRETARIAT).get(path)).text()));
    expect(page).toContain("automatisk påmindelse til 2 personer");
  });
});
