// Demo consultations (høringer): the follow-up group is asked for quick input at staff level, as
// the memo describes, and the expert group about which initiatives should continue after 2026.
// Dates are relative to the day of seeding, so that an open consultation is still open in the
// demo; answers are about the work, never about citizens or cases of concern.

import { renderPost } from "../../app/lib/markdown.server";
import { copenhagenToUtc, utcToCopenhagen } from "../../app/lib/zoned-time";
import {
  closeConsultation,
  createConsultation,
  saveAnswer,
} from "../../app/models/consultation.server";
import type { Stance } from "../../app/schemas/consultation";
import type { Database } from "../client";
import type { SpaceSlug } from "./data";

const DAY = 86_400_000;

export interface SeedConsultation {
  space: SpaceSlug;
  title: string;
  question: string;
  /** Days before the seeding the question went out, and days from then to the deadline. */
  askedDaysAgo: number;
  deadlineAfterDays: number;
  answerVisibility: "members" | "secretariat";
  /** Titles of documents of the same space to attach (when the demo documents are seeded). */
  papers?: string[];
  answers: { by: string; afterDays: number; stance: Stance | null; body: string }[];
  /** Closed this many days after the deadline, with this outcome. */
  closed?: { afterDeadlineDays: number; outcome: string };
}

export const CONSULTATIONS: readonly SeedConsultation[] = [
  {
    space: "foelgegruppen",
    title: "Input: Hvilke indsatser skal prioriteres i handleplan 2027-2030?",
    question: [
      "De fleste indsatser i **Handleplan til forebyggelse af negativ social kontrol 2024-2026** udløber med udgangen af 2026, og forvaltningen skal nu indstille, hvad der skal videreføres i den kommende handleplan for 2027-2030.",
      "",
      "Vi beder om jeres input fra medarbejderniveau:",
      "",
      "1. Hvilke af de nuværende indsatser oplever I gør den største forskel i jeres arbejde?",
      "2. Er der indsatser, der bør justeres, før de videreføres – fx målgruppe, form eller samarbejdspartnere?",
      "3. Mangler der noget, som den nye handleplan bør tage fat på?",
      "",
      "Korte svar er fine. Se statusnoten fra november som baggrund.",
    ].join("\n"),
    askedDaysAgo: 5,
    deadlineAfterDays: 14,
    answerVisibility: "members",
    papers: ["Statusnote til følgegruppen, november 2026"],
    answers: [
      {
        by: "anders.lund@jobcenter.example",
        afterDays: 1,
        stance: "agree",
        body: "Rådgiverne om social kontrol i Jobcenter København bør klart fortsætte. Kollegerne bruger sparringen ugentligt, og registreringen er først ved at give et brugbart billede nu. Det ville være ærgerligt at stoppe, før vi kan se udviklingen over flere år.",
      },
      {
        by: "camilla.berg@buf.example",
        afterDays: 2,
        stance: "partly",
        body: "Undervisningen i grundskolen virker, men den når ikke alle skoler. Vi foreslår, at den videreføres, men med et fast forløb for lærere, så skolerne selv kan bære en del af undervisningen videre.",
      },
      {
        by: "fatima.ali@sof.example",
        afterDays: 3,
        stance: "agree",
        body: "Kompetenceudviklingen af fagpersoner på skoler og i klubber bør fortsætte. Vi hører fra Etnisk Konsulentteam, at efterspørgslen er stigende, især om håndtering af konkrete bekymringer og hvem man kan søge sparring hos.",
      },
    ],
  },
  {
    space: "foelgegruppen",
    title: "Kommentarer til udkast til statusnotat, efterår 2026",
    question: [
      "Vedlagt er udkastet til statusnotatet om handleplanens indsatser, som skal forelægges udvalget.",
      "",
      "Har I bemærkninger til beskrivelsen af indsatserne, eller er der noget, der mangler? Svarene læses kun af sekretariatet.",
    ].join("\n"),
    askedDaysAgo: 50,
    deadlineAfterDays: 14,
    answerVisibility: "secretariat",
    answers: [
      {
        by: "marwa.saleh@jobcenter.example",
        afterDays: 2,
        stance: "agree",
        body: "Fint udkast. Under forløbene »Ret til ligestilling – ret til arbejde« kunne det nævnes, at de også holdes i boligområderne, ikke kun i jobcentret.",
      },
      {
        by: "lars.winther@bif.example",
        afterDays: 4,
        stance: "partly",
        body: "Afsnittet om rettighedsvejlederne bør tydeliggøre, at indsatsen er en del af det nationale program »Et frit liv i Danmark« og løber til udgangen af 2028.",
      },
      {
        by: "emre.yilmaz@nordvestgym.example",
        afterDays: 6,
        stance: "none",
        body: "Ingen bemærkninger til teksten. Vi bidrager gerne med erfaringer fra ungdomsuddannelserne til næste status.",
      },
      {
        by: "henrik.dahl.jensen@bif.example",
        afterDays: 9,
        stance: "agree",
        body: "Enig i Lars' bemærkning om rettighedsvejlederne. Ellers klar til forelæggelse.",
      },
    ],
    closed: {
      afterDeadlineDays: 3,
      outcome: [
        "Tak for jeres bemærkninger. Vi har:",
        "",
        "- tilføjet, at forløbene »Ret til ligestilling – ret til arbejde« også holdes i boligområderne,",
        "- præciseret, at rettighedsvejlederne er en del af »Et frit liv i Danmark« og løber til udgangen af 2028.",
        "",
        "Statusnotatet er sendt videre til udvalget i den rettede form.",
      ].join("\n"),
    },
  },
  {
    space: "ekspertgruppen",
    title: "Hvilke indsatser bør fortsætte efter 2026?",
    question: [
      "Forud for drøftelsen på næste møde beder vi ekspertgruppen om en første vurdering: hvilke af handleplanens indsatser, der udløber i 2026, bør fortsætte, justeres eller afsluttes?",
      "",
      "Se drøftelsesoplægget som baggrund.",
    ].join("\n"),
    askedDaysAgo: 3,
    deadlineAfterDays: 24,
    answerVisibility: "members",
    papers: ["Drøftelsesoplæg: Hvilke indsatser skal fortsætte efter 2026?"],
    answers: [
      {
        by: "ekspert@boernsvilkaar.example",
        afterDays: 1,
        stance: "agree",
        body: "Den helhedsorienterede skoleindsats bør fortsætte. Forældredialogen er den del, skolerne efterspørger mest.",
      },
    ],
  },
];

/** Noon, Copenhagen time, on the day `days` after `from`: a deadline as people set one. */
function noonAfter(from: Date, days: number): string {
  const day = utcToCopenhagen(new Date(from.getTime() + days * DAY).toISOString()).date;
  return copenhagenToUtc(`${day}T12:00`)!;
}

/** Seeds the demo consultations through the model functions; returns how many. */
export async function seedConsultations(
  db: Database,
  { now = new Date() }: { now?: Date } = {},
): Promise<number> {
  const spaces = new Map(
    (await db.selectFrom("space").select(["id", "slug"]).execute()).map((s) => [s.slug, s.id]),
  );
  const users = new Map(
    (await db.selectFrom("user").select(["id", "email"]).execute()).map((u) => [u.email, u.id]),
  );
  const secretariat = lookup(users, "sekretariat@bif.example");

  for (const c of CONSULTATIONS) {
    const spaceId = lookup(spaces, c.space);
    const askedAt = new Date(now.getTime() - c.askedDaysAgo * DAY);
    const deadline = noonAfter(askedAt, c.deadlineAfterDays);
    const papers = c.papers?.length
      ? await db
          .selectFrom("document")
          .select("id")
          .where("spaceId", "=", spaceId)
          .where("title", "in", c.papers)
          .execute()
      : [];
    const created = await createConsultation(db, {
      spaceId,
      createdById: secretariat,
      title: c.title,
      question: c.question,
      questionHtml: renderPost(c.question).html,
      deadline,
      audience: "all",
      recipientIds: [],
      answerVisibility: c.answerVisibility,
      documentIds: papers.map((p) => p.id),
      now: askedAt,
    });
    if (created.status !== "created") {
      throw new Error(`Seed consultation "${c.title}" was not stored: ${created.status}`);
    }
    for (const a of c.answers) {
      const at = new Date(askedAt.getTime() + a.afterDays * DAY);
      const saved = await saveAnswer(db, {
        spaceId,
        consultationId: created.consultationId,
        userId: lookup(users, a.by),
        body: a.body,
        bodyHtml: renderPost(a.body).html,
        stance: a.stance,
        now: at,
      });
      if (saved !== "created") {
        throw new Error(`Seed answer by ${a.by} to "${c.title}" was not stored: ${saved}`);
      }
    }
    if (c.closed) {
      const closedAt = new Date(Date.parse(deadline) + c.closed.afterDeadlineDays * DAY);
      const result = await closeConsultation(db, {
        spaceId,
        consultationId: created.consultationId,
        userId: secretariat,
        outcome: c.closed.outcome,
        outcomeHtml: renderPost(c.closed.outcome).html,
        now: closedAt,
      });
      if (result.status !== "closed") throw new Error(`Seed consultation "${c.title}" not closed`);
    }
  }
  return CONSULTATIONS.length;
}

function lookup(ids: Map<string, string>, key: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`Seed data refers to unknown "${key}"`);
  return id;
}
