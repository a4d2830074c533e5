// Demo data for the action plan: the 2024-2026 plan and every initiative named in BIF's memo of
// 19-03-2026 (see /work/shared/domain), with the organisations the memo names, plus a few
// progress updates and an open continuation-recommendation round in the expert group.
//
// Where the memo names no end date the initiative ends with the plan, at the end of 2026 (the
// memo: "Medmindre det fremgår specifikt ... udløber indsatserne med handleplanens udløb").
// Where it names no organisation running the initiative, BIF (the administration behind the
// plan) is the owner. Written through the model functions, like a person's own changes.

import { renderPost } from "../../app/lib/markdown.server";
import type { InitiativeStatus, Stance, TargetGroup } from "../../app/lib/plan";
import {
  addUpdate,
  createInitiative,
  createPlan,
  linkDocument,
  openRound,
  saveRecommendation,
} from "../../app/models/plan.server";
import type { Database } from "../client";
import type { OrganisationName } from "./data";
import { MEMO } from "./documents";

export const SEED_PLAN = {
  title: "Handleplan til forebyggelse af negativ social kontrol 2024-2026",
  periodStart: "2024-01-01",
  periodEnd: "2026-12-31",
  description:
    "Københavns Kommunes handleplan, som Beskæftigelses-, Integrations- og Erhvervsforvaltningen (BIF) har en række indsatser under. Indsatserne forebygger mistrivsel blandt børn og unge, fremmer lige rettigheder og sikrer kvinders deltagelse på arbejdsmarkedet. Det er endnu ikke besluttet, hvilke indsatser der forlænges i den kommende handleplan for 2027-2030.",
} as const;

const PLAN_FUNDING = "Handleplan til forebyggelse af negativ social kontrol 2024-2026";
const FREE_LIFE =
  "Et frit liv i Danmark – regeringens styrkede indsats mod æresrelaterede konflikter og negativ social kontrol";

export interface SeedInitiative {
  /** Short key used by the updates and recommendations below. */
  key: string;
  title: string;
  description: string;
  targetGroup: TargetGroup;
  owner: OrganisationName;
  partners: readonly OrganisationName[];
  fundingContext: string;
  startDate: string;
  endDate: string;
  status: InitiativeStatus;
}

export const SEED_INITIATIVES: readonly SeedInitiative[] = [
  // Børn og unge
  {
    key: "teaching",
    title: "Undervisningstilbud til grundskoleelever om negativ social kontrol",
    description:
      "Undervisning af grundskoleelever om negativ social kontrol i samarbejde med Børns Vilkår og C:NTACT. Dele af indsatsen udmøntes i samarbejde med BUF.",
    targetGroup: "children_youth",
    owner: "Børns Vilkår",
    partners: ["C:NTACT", "BUF"],
    fundingContext: PLAN_FUNDING,
    startDate: "2024-01-01",
    endDate: "2026-12-31",
    status: "ending",
  },
  {
    key: "wholeSchool",
    title: "Helhedsorienteret skoleindsats for elever, forældre og lærere",
    description:
      "Sammenhængende forløb med undervisning og oplysning til elever, forældredialog og opkvalificering af fagpersoner. Indsatsen udføres af Børns Vilkår.",
    targetGroup: "children_youth",
    owner: "Børns Vilkår",
    partners: [],
    fundingContext: PLAN_FUNDING,
    startDate: "2024-01-01",
    endDate: "2026-12-31",
    status: "ending",
  },
  {
    key: "upskilling",
    title: "Opkvalificering af fagpersoner på skoler, klubber mv.",
    description:
      "Opkvalificering af fagpersoner, der arbejder med børn og unge, i forebyggelse, bekymringstegn og håndtering af negativ social kontrol. Indsatsen udføres af Center for Digital Pædagogik, og der trækkes desuden på Etnisk Konsulentteam i Socialforvaltningen.",
    targetGroup: "children_youth",
    owner: "Center for Digital Pædagogik",
    partners: ["Etnisk Konsulentteam"],
    fundingContext: PLAN_FUNDING,
    startDate: "2024-01-01",
    endDate: "2026-12-31",
    status: "ending",
  },
  {
    key: "rightsAdvisers",
    title: "Rettighedsvejledere på udvalgte ungdomsuddannelser",
    description:
      "Rettighedsvejledere forebygger, opsporer og håndterer sager om negativ social kontrol gennem vejledning og undervisning af elever og lærere, og understøtter undervisning i demokratisk dannelse og ligestilling.",
    targetGroup: "children_youth",
    owner: "BIF",
    partners: [],
    fundingContext: FREE_LIFE,
    startDate: "2024-01-01",
    endDate: "2028-12-31",
    status: "running",
  },
  // Voksne
  {
    key: "jobcentreAdvisers",
    title: "Social kontrol-vejledere i Jobcenter København",
    description:
      "Vejlederne yder sparring og rådgivning til jobcentermedarbejdere i bekymringssager og registrerer sager for at nedbringe mørketallet på området.",
    targetGroup: "adults",
    owner: "Jobcenter København",
    partners: [],
    fundingContext: PLAN_FUNDING,
    startDate: "2024-01-01",
    endDate: "2029-12-31",
    status: "running",
  },
  {
    key: "equalityWork",
    title: "„Ret til ligestilling – ret til arbejde“",
    description:
      "Borgerrettede kurser i Jobcenter København og i boligområder med et særligt beskæftigelsesrettet sigte. Kurserne afvikles af Dansk Flygtningehjælp.",
    targetGroup: "adults",
    owner: "Dansk Flygtningehjælp",
    partners: ["Jobcenter København"],
    fundingContext: PLAN_FUNDING,
    startDate: "2024-01-01",
    endDate: "2026-12-31",
    status: "ending",
  },
  // Civilsamfund mv.
  {
    key: "bispebjerg",
    title: "Områdebaseret indsats til forebyggelse af negativ social kontrol på Bispebjerg Bakke",
    description:
      "Indsatsen koordinerer og understøtter lokale aktiviteter, der styrker lokalsamfundets modstandskraft mod de kollektive dynamikker, der legitimerer negativ social kontrol, bl.a. i samarbejde med Mellemfolkeligt Samvirke. Under indsatsen udvikles og afvikles en nøglepersonsuddannelse for lokale fagpersoner i Bispebjerg Nordvest (udviklet i samarbejde med Nationalt Center mod Æresrelaterede Konflikter), og der faciliteres et netværk af lokale aktører med henblik på opkvalificering, fokus og koordinering.",
    targetGroup: "civil_society",
    owner: "BIF",
    partners: ["Mellemfolkeligt Samvirke", "Nationalt Center mod Æresrelaterede Konflikter"],
    fundingContext: PLAN_FUNDING,
    startDate: "2024-01-01",
    endDate: "2027-12-31",
    status: "running",
  },
  {
    key: "advisoryForums",
    title: "Rådgivende fora: Ekspertgruppen og følgegruppen",
    description:
      "To rådgivende fora af civilsamfundsorganisationer, kommunale aktører mv. Ekspertgruppen til forebyggelse af negativ social kontrol følger handleplanens indsatser til og med 2026; den nyetablerede følgegruppe bidrager med ad hoc-sparring og input på medarbejderniveau.",
    targetGroup: "civil_society",
    owner: "BIF",
    partners: [],
    fundingContext: PLAN_FUNDING,
    startDate: "2024-01-01",
    endDate: "2026-12-31",
    status: "ending",
  },
];

type InitiativeKey = (typeof SEED_INITIATIVES)[number]["key"];

/** Progress updates by people of the owner organisation (or the plan's secretariat). */
const UPDATES: readonly { initiative: InitiativeKey; by: string; daysAgo: number; body: string }[] =
  [
    {
      initiative: "teaching",
      by: "ekspert@boernsvilkaar.example",
      daysAgo: 62,
      body: "Efterårets forløb er afviklet på **fem skoler**. Lærerne efterspørger materiale, de selv kan bruge mellem besøgene.\n\n- Nyt elevmateriale er sendt til korrektur hos C:NTACT\n- BUF hjælper med at finde skoler til foråret",
    },
    {
      initiative: "teaching",
      by: "sekretariat@bif.example",
      daysAgo: 20,
      body: "Indsatsen udløber med handleplanen. Ekspertgruppen bliver bedt om en anbefaling om videreførelse i den igangværende runde.",
    },
    {
      initiative: "jobcentreAdvisers",
      by: "anders.lund@jobcenter.example",
      daysAgo: 35,
      body: "Vejlederne har holdt sparringsmøder med tre afdelinger. Registreringen af bekymringssager er nu en fast del af afdelingernes møder.",
    },
    {
      initiative: "equalityWork",
      by: "mikkel.thomsen@dfh.example",
      daysAgo: 14,
      body: "Kursusrækken i boligområdet er i gang med to hold. Næste hold starter i Jobcenter København i januar, hvis indsatsen videreføres.",
    },
  ];

const ROUND_QUESTION =
  "Bør indsatsen videreføres i den kommende handleplan for 2027-2030? Begrund gerne med erfaringer fra jeres arbejde.";

/** A couple of answers from expert-group members (current members, not observers). */
const RECOMMENDATIONS: readonly {
  initiative: InitiativeKey;
  by: string;
  stance: Stance;
  reason: string;
}[] = [
  {
    initiative: "teaching",
    by: "ekspert@boernsvilkaar.example",
    stance: "continue",
    reason:
      "Skolerne efterspørger forløbene, og lærerne bruger materialet videre i undervisningen.",
  },
  {
    initiative: "teaching",
    by: "rasmus.kjaer@cntact.example",
    stance: "adjust",
    reason: "Bør videreføres, men med mere vægt på forældredialog og færre enkeltstående besøg.",
  },
  {
    initiative: "equalityWork",
    by: "anders.lund@jobcenter.example",
    stance: "continue",
    reason: "Kurserne giver jobcentret en vej ind til borgere, vi ellers ikke når.",
  },
];

/**
 * Seeds the plan after the people, spaces and (when given files) documents exist. Returns the
 * number of initiatives.
 */
export async function seedPlan(db: Database, { now = new Date() }: { now?: Date } = {}) {
  const organisations = new Map(
    (await db.selectFrom("organisation").select(["id", "name"]).execute()).map((o) => [
      o.name,
      o.id,
    ]),
  );
  const users = new Map(
    (await db.selectFrom("user").select(["id", "email"]).execute()).map((u) => [u.email, u.id]),
  );
  const expertGroup = await db
    .selectFrom("space")
    .select("id")
    .where("slug", "=", "ekspertgruppen")
    .executeTakeFirstOrThrow();
  const secretariat = lookup(users, "sekretariat@bif.example");

  const planId = await createPlan(db, {
    ...SEED_PLAN,
    f2CaseNumber: null,
    f2DocumentNumber: null,
    edocCaseNumber: null,
    createdById: secretariat,
    now: daysBefore(now, 90),
  });

  const ids = new Map<string, string>();
  for (const i of SEED_INITIATIVES) {
    const id = await createInitiative(db, {
      planId,
      title: i.title,
      description: i.description,
      targetGroup: i.targetGroup,
      ownerOrganisationId: lookup(organisations, i.owner),
      partnerOrganisationIds: i.partners.map((p) => lookup(organisations, p)),
      fundingContext: i.fundingContext,
      startDate: i.startDate,
      endDate: i.endDate,
      status: i.status,
      createdById: secretariat,
      now: daysBefore(now, 90),
    });
    ids.set(i.key, id);
  }

  for (const u of UPDATES) {
    await addUpdate(db, {
      initiativeId: lookup(ids, u.initiative),
      authorId: lookup(users, u.by),
      body: u.body,
      bodyHtml: renderPost(u.body).html,
      now: daysBefore(now, u.daysAgo),
    });
  }

  // The memo's summary, where the documents were seeded, belongs to every initiative.
  const memo = await db
    .selectFrom("document")
    .select("id")
    .where("spaceId", "=", expertGroup.id)
    .where("title", "=", MEMO.title)
    .executeTakeFirst();
  if (memo) {
    for (const id of ids.values())
      await linkDocument(db, { initiativeId: id, documentId: memo.id });
  }

  const round = await openRound(db, {
    planId,
    spaceId: expertGroup.id,
    question: ROUND_QUESTION,
    deadline: new Date(now.getTime() + 21 * 86_400_000).toISOString(),
    openedById: secretariat,
    now: daysBefore(now, 10),
  });
  if (round.status !== "opened") throw new Error("Seed round was not opened");
  for (const r of RECOMMENDATIONS) {
    const saved = await saveRecommendation(db, {
      roundId: round.roundId,
      initiativeId: lookup(ids, r.initiative),
      userId: lookup(users, r.by),
      stance: r.stance,
      reason: r.reason,
      now: daysBefore(now, 5),
    });
    if (saved !== "saved") throw new Error("Seed recommendation was not saved");
  }
  return SEED_INITIATIVES.length;
}

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

function lookup(ids: Map<string, string>, key: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`Plan seed refers to unknown "${key}"`);
  return id;
}
