// Demo activities in the local network's calendar and the key-person training
// (nøglepersonsuddannelse), developed with Nationalt Center mod Æresrelaterede Konflikter.
// Activities are for broad target groups and name only the organisers' staff as contacts, never
// citizens. Activity dates are relative to the day the demo is seeded (the coming weeks, in
// Copenhagen time); the training follows the fixed dates the network's thread talks about.

import { renderPost } from "../../app/lib/markdown.server";
import { copenhagenToday, copenhagenToUtc } from "../../app/lib/zoned-time";
import { createActivity, setActivityCancelled } from "../../app/models/activity.server";
import {
  addParticipant,
  addSession,
  createCourse,
  recordAttendance,
  setCompleted,
} from "../../app/models/training.server";
import type { TargetGroup } from "../../app/schemas/activity";
import type { Database } from "../client";
import type { OrganisationName } from "./data";

const SPACE = "bispebjerg-netvaerk";
const SECRETARIAT = "sekretariat@bif.example";

export interface SeedActivity {
  title: string;
  /** Days after the seeding day, and Copenhagen wall-clock times. */
  inDays: number;
  start: string;
  end: string;
  place: string;
  targetGroup: TargetGroup;
  organiser: OrganisationName;
  /** The poster, a writing member of the network; also the contact. */
  by: string;
  contact: { name: string; details: string };
  description: string;
  cancelled?: boolean;
}

export const SEED_ACTIVITIES: readonly SeedActivity[] = [
  {
    title: "Lektiecafé for børn i 4.–6. klasse",
    inDays: 3,
    start: "15:30",
    end: "17:30",
    place: "Bispebjerg Bibliotek, Rentemestervej 76",
    targetGroup: "children",
    organiser: "Børns Vilkår",
    by: "amira.khalil@boernsvilkaar.example",
    contact: { name: "Amira Khalil", details: "amira.khalil@boernsvilkaar.example" },
    description:
      "Frivillige hjælper med lektier, læsning og matematik. Der er frugt og saft.\n\nVi snakker også om børns rettigheder på en måde, der passer til alderen.",
  },
  {
    // Overlaps the homework café, but for parents: a different target group, so no warning.
    title: "Forældrecafé: fællesskab og frihed i familien",
    inDays: 3,
    start: "16:30",
    end: "18:00",
    place: "Fælleslokalet, Bakkehusene (fiktiv)",
    targetGroup: "parents",
    organiser: "Boligselskabet Bakkehusene (fiktiv)",
    by: "hanne.kristiansen@bakkehusene.example",
    contact: { name: "Hanne Kristiansen", details: "hanne.kristiansen@bakkehusene.example" },
    description:
      "Uformel café for forældre i området med kaffe og kage. Temaet er, hvordan vi som forældre støtter børn og unge i selv at vælge uddannelse, venner og fritid.\n\nTolkning til arabisk og somali efter behov.",
  },
  {
    title: "Pigeklub: aften med mad og samtale",
    inDays: 4,
    start: "17:00",
    end: "20:00",
    place: "Mellemfolkeligt Samvirkes lokaler i Nordvest",
    targetGroup: "youth",
    organiser: "Mellemfolkeligt Samvirke",
    by: "ngo@bispebjerg.example",
    contact: { name: "Yasmin Haddad", details: "ngo@bispebjerg.example" },
    description:
      "Pigeklubben for 13–17-årige laver mad sammen og taler om drømme, uddannelse og fritid. To frivillige rollemodeller er med.",
  },
  {
    title: "Fodboldaften for unge",
    inDays: 6,
    start: "18:00",
    end: "20:00",
    place: "Bispebjerg Idrætsanlæg, bane 3",
    targetGroup: "youth",
    organiser: "Mellemfolkeligt Samvirke",
    by: "peter.brandt@ms.example",
    contact: { name: "Peter Brandt", details: "peter.brandt@ms.example" },
    description: "Aflyst på grund af banerenovering. Vi finder en ny dato i det nye år.",
    cancelled: true,
  },
  {
    title: "Dialogmøde på biblioteket: ret til eget liv",
    inDays: 10,
    start: "18:00",
    end: "20:00",
    place: "Bispebjerg Bibliotek, salen",
    targetGroup: "women",
    organiser: "Dansk Flygtningehjælp",
    by: "nadia.rahimi@dfh.example",
    contact: { name: "Nadia Rahimi", details: "nadia.rahimi@dfh.example" },
    description:
      "Et åbent dialogmøde for kvinder om rettigheder, uddannelse og arbejde. Oplæg fra *Ret til ligestilling – ret til arbejde*, derefter samtale i mindre grupper.",
  },
  {
    title: "Lektiecafé for børn i 4.–6. klasse",
    inDays: 10,
    start: "15:30",
    end: "17:30",
    place: "Bispebjerg Bibliotek, Rentemestervej 76",
    targetGroup: "children",
    organiser: "Børns Vilkår",
    by: "amira.khalil@boernsvilkaar.example",
    contact: { name: "Amira Khalil", details: "amira.khalil@boernsvilkaar.example" },
    description: "Ugentlig lektiecafé. Alle børn i 4.–6. klasse er velkomne.",
  },
  {
    title: "Temaeftermiddag for fagpersoner: tegn på negativ social kontrol",
    inDays: 14,
    start: "13:00",
    end: "15:30",
    place: "Bispebjerg Lokaludvalg, mødelokale 2",
    targetGroup: "professionals",
    organiser: "Nationalt Center mod Æresrelaterede Konflikter",
    by: "zainab.hussein@ncak.example",
    contact: { name: "Zainab Hussein", details: "zainab.hussein@ncak.example" },
    description:
      "For medarbejdere i klubber, skoler og boligsociale indsatser: hvordan opdager vi tegnene, og hvem i netværket kan vi gå til?",
  },
  {
    title: "Familiedag i Bispeparken",
    inDays: 20,
    start: "11:00",
    end: "15:00",
    place: "Bispeparken, den store plæne",
    targetGroup: "families",
    organiser: "BIF",
    by: "leyla.ozdemir@bif.example",
    contact: { name: "Leyla Özdemir", details: "leyla.ozdemir@bif.example" },
    description:
      "Netværkets organisationer er til stede med boder, lege og kaffe. Kom og mød de lokale tilbud.",
  },
];

export interface SeedSession {
  date: string;
  start: string;
  end: string;
  place: string;
  teachers: string;
}

export interface SeedCourse {
  title: string;
  organiser: string;
  description: string;
  sessions: readonly SeedSession[];
  /** email → attendance per session (true present, false absent, missing = not recorded). */
  participants: Readonly<Record<string, readonly boolean[]>>;
  completed: readonly string[];
}

const TEACHERS =
  "Zainab Hussein (Nationalt Center mod Æresrelaterede Konflikter), Leyla Özdemir (BIF)";
const PLACE = "Bispebjerg Lokaludvalg, Frederiksborgvej 192";

export const SEED_COURSES: readonly SeedCourse[] = [
  {
    title: "Nøglepersonsuddannelsen – forår 2026",
    organiser:
      "Nationalt Center mod Æresrelaterede Konflikter og Lokalnetværket på Bispebjerg Bakke",
    description:
      "Fire moduler for lokale fagpersoner: forståelse af negativ social kontrol og æresrelaterede konflikter, samtalen, handlemuligheder og samarbejde på tværs i netværket.",
    sessions: [
      { date: "2026-03-03", start: "13:00", end: "16:00", place: PLACE, teachers: TEACHERS },
      { date: "2026-03-17", start: "13:00", end: "16:00", place: PLACE, teachers: TEACHERS },
      { date: "2026-04-07", start: "13:00", end: "16:00", place: PLACE, teachers: TEACHERS },
      { date: "2026-04-21", start: "13:00", end: "16:00", place: PLACE, teachers: TEACHERS },
    ],
    participants: {
      "hanne.kristiansen@bakkehusene.example": [true, true, true, true],
      "nadia.rahimi@dfh.example": [true, true, false, true],
      "amira.khalil@boernsvilkaar.example": [true, false, true, false],
    },
    completed: ["hanne.kristiansen@bakkehusene.example", "nadia.rahimi@dfh.example"],
  },
  {
    title: "Nøglepersonsuddannelsen – forår 2027",
    organiser:
      "Nationalt Center mod Æresrelaterede Konflikter og Lokalnetværket på Bispebjerg Bakke",
    description:
      "Næste hold. Mere tid til dilemmaøvelser og til at lære hinanden at kende på tværs af fag, som deltagerne på sidste hold ønskede.",
    sessions: [
      { date: "2027-02-02", start: "13:00", end: "16:00", place: PLACE, teachers: TEACHERS },
      { date: "2027-02-16", start: "13:00", end: "16:00", place: PLACE, teachers: TEACHERS },
      { date: "2027-03-02", start: "13:00", end: "16:00", place: PLACE, teachers: TEACHERS },
      { date: "2027-03-16", start: "13:00", end: "16:00", place: PLACE, teachers: TEACHERS },
    ],
    participants: {
      "ngo@bispebjerg.example": [],
      "peter.brandt@ms.example": [],
    },
    completed: [],
  },
];

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function at(day: string, time: string): string {
  const utc = copenhagenToUtc(`${day}T${time}`);
  if (!utc) throw new Error(`Seed activity time ${day} ${time} is not a real time`);
  return utc;
}

/** Seeds the network's activities and training; returns how many activities and courses. */
export async function seedActivities(
  db: Database,
  { now = new Date() }: { now?: Date } = {},
): Promise<{ activities: number; courses: number }> {
  const space = await db
    .selectFrom("space")
    .select("id")
    .where("slug", "=", SPACE)
    .executeTakeFirstOrThrow();
  const userIds = new Map(
    (await db.selectFrom("user").select(["id", "email"]).execute()).map((u) => [u.email, u.id]),
  );
  const organisationIds = new Map(
    (await db.selectFrom("organisation").select(["id", "name"]).execute()).map((o) => [
      o.name,
      o.id,
    ]),
  );
  const lookup = (ids: Map<string, string>, key: string) => {
    const id = ids.get(key);
    if (!id) throw new Error(`Seed activity data refers to unknown "${key}"`);
    return id;
  };

  const today = copenhagenToday(now);
  for (const a of SEED_ACTIVITIES) {
    const day = addDays(today, a.inDays);
    const result = await createActivity(db, {
      spaceId: space.id,
      createdById: lookup(userIds, a.by),
      activity: {
        title: a.title,
        startsAt: at(day, a.start),
        endsAt: at(day, a.end),
        place: a.place,
        targetGroup: a.targetGroup,
        organiserOrganisationId: lookup(organisationIds, a.organiser),
        contactName: a.contact.name,
        contactDetails: a.contact.details,
        description: a.description,
        descriptionHtml: renderPost(a.description).html,
      },
      // The demo must not hold a same-group overlap nobody confirmed: refuse instead.
      confirmOverlap: false,
      now,
    });
    if (result.status !== "saved") {
      throw new Error(`Seed activity "${a.title}" was not stored: ${result.status}`);
    }
    if (a.cancelled) {
      await setActivityCancelled(db, {
        spaceId: space.id,
        activityId: result.activityId,
        cancelled: true,
        now,
      });
    }
  }

  const secretariat = lookup(userIds, SECRETARIAT);
  for (const c of SEED_COURSES) {
    const courseId = await createCourse(db, {
      spaceId: space.id,
      createdById: secretariat,
      title: c.title,
      organiser: c.organiser,
      description: c.description,
      descriptionHtml: renderPost(c.description).html,
    });
    const scope = { spaceId: space.id, courseId };
    const sessionIds: string[] = [];
    for (const s of c.sessions) {
      sessionIds.push(
        await addSession(db, {
          ...scope,
          startsAt: at(s.date, s.start),
          endsAt: at(s.date, s.end),
          place: s.place,
          teachers: s.teachers,
        }),
      );
    }
    for (const [email, present] of Object.entries(c.participants)) {
      const userId = lookup(userIds, email);
      const added = await addParticipant(db, { ...scope, userId, addedById: secretariat });
      if (added !== "added") throw new Error(`Seed participant ${email}: ${added}`);
      for (const [i, wasPresent] of present.entries()) {
        const recorded = await recordAttendance(db, {
          ...scope,
          sessionId: sessionIds[i]!,
          userId,
          present: wasPresent,
          recordedById: secretariat,
        });
        if (recorded !== "recorded") throw new Error(`Seed attendance ${email}: ${recorded}`);
      }
    }
    for (const email of c.completed) {
      const done = await setCompleted(db, {
        ...scope,
        userId: lookup(userIds, email),
        completed: true,
        byId: secretariat,
        now: new Date(at(c.sessions.at(-1)!.date, c.sessions.at(-1)!.end)),
      });
      if (done !== "done") throw new Error(`Seed completion ${email}: ${done}`);
    }
  }
  return { activities: SEED_ACTIVITIES.length, courses: SEED_COURSES.length };
}
