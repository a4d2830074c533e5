// Demo meetings: in each space a past meeting with approved minutes and action items, and an
// upcoming one with a published agenda, papers and attendance answers; in the network also the
// monthly "Netværksmøde" as a recurring series. Like the rest of the seed they are about the
// work in the BIF memo (initiatives, the action plan, the key-person training), never about
// citizens or cases of concern.
//
// The dates follow the day the demo is seeded (in Copenhagen time), so a fresh demo always has
// a meeting behind it and one ahead of it, whatever the day; wall-clock times are converted
// with app/lib/zoned-time.ts, so a 15:00 meeting stays at 15:00 across daylight saving.

import type { RecurrenceRule } from "../../app/lib/recurrence";
import { renderPost } from "../../app/lib/markdown.server";
import { newId, nowIso } from "../../app/lib/ids.server";
import { copenhagenToday, copenhagenToUtc } from "../../app/lib/zoned-time";
import type { Database } from "../client";
import { PEOPLE, type OrganisationName, type SpaceSlug } from "./data";
import { MEMO } from "./documents";

type Kind = "orientation" | "discussion" | "decision";

interface SeedItem {
  title: string;
  kind: Kind;
  minutes: number;
  presenter: string;
  description?: string;
  /** Minutes of the item (past meetings). */
  notes?: string;
  decision?: string;
  /** A closed item (lukket punkt), seen only by these people (emails). */
  closedFor?: readonly string[];
  /** Titles of seeded documents of the same space, linked as papers. */
  papers?: readonly string[];
  links?: readonly { title: string; url: string }[];
  /** A member's proposal the secretariat has not yet decided on. */
  proposedBy?: string;
  sub?: readonly SeedItem[];
}

interface SeedActionItem {
  /** The title of the past meeting's item it came from. */
  fromItem: string;
  title: string;
  description: string;
  assignee: { person: string } | { organisation: OrganisationName };
  /** overdue: open and past its due date; done: completed; open: due ahead. */
  state: "overdue" | "done" | "open";
}

interface SeedAttendance {
  person: string;
  response: "attending" | "absent" | "maybe";
  note?: string;
}

interface SeedMeeting {
  title: string;
  description: string;
  place: string;
  onlineUrl?: string;
  start: string;
  end: string;
  items: readonly SeedItem[];
  attendance: readonly SeedAttendance[];
}

interface SpaceMeetings {
  space: SpaceSlug;
  /** When the meetings fall, counted from the day the demo is seeded. */
  pastDate(today: string): string;
  upcomingDate(today: string): string;
  past: SeedMeeting & { actionItems: readonly SeedActionItem[] };
  upcoming: SeedMeeting;
}

const SECRETARIAT = "sekretariat@bif.example";

// ---- Calendar arithmetic on Copenhagen dates (YYYY-MM-DD) ----------------------------------

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

function onOrBefore(date: string, day: number): string {
  return addDays(date, -((weekday(date) - day + 7) % 7));
}

function onOrAfter(date: string, day: number): string {
  return addDays(date, (day - weekday(date) + 7) % 7);
}

export function firstTuesdayOf(year: number, month: number): string {
  const first = `${year}-${String(month).padStart(2, "0")}-01`;
  return onOrAfter(first, 2);
}

function monthsFrom(date: string, count: number): string[] {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const total = y * 12 + (m - 1) + i;
    return firstTuesdayOf(Math.floor(total / 12), (total % 12) + 1);
  });
}

function instant(date: string, time: string): string {
  const iso = copenhagenToUtc(`${date}T${time}`);
  if (!iso) throw new Error(`Seed meeting time ${date} ${time} is not a valid time`);
  return iso;
}

function daysAfter(iso: string, days: number, hour = 10): string {
  const d = new Date(iso);
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
}

// ---- The series in the network ---------------------------------------------------------------

/**
 * The network's monthly meeting. The rule is the JSON stored in meetingSeries.rule
 * (app/lib/recurrence.ts's RecurrenceRule): the first Tuesday of every month.
 */
export const NETWORK_SERIES = {
  title: "Netværksmøde",
  rule: { kind: "monthly", weekday: 2, nth: 1 } satisfies RecurrenceRule,
  startTime: "15:00",
  durationMinutes: 90,
  place: "Beboerhuset i Bakkehusene, mødelokalet",
  /** Occurrences materialised ahead of the seed day. */
  monthsAhead: 6,
} as const;

/**
 * The series' dates around `today`: the occurrence whose minutes are approved (at least two
 * weeks back, so they can have been written and approved), any held since, and six ahead.
 */
export function networkSeriesDates(today: string) {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const candidates = monthsFrom(`${y - 1}-${String(m).padStart(2, "0")}-01`, 20);
  const approved = candidates.filter((d) => d <= addDays(today, -14)).at(-1)!;
  // An occurrence on the seed day itself counts as held: the demo may be seeded after 15:00.
  const held = candidates.filter((d) => d > approved && d <= today);
  const ahead = candidates.filter((d) => d > today).slice(0, NETWORK_SERIES.monthsAhead);
  return { approved, held, ahead };
}

// ---- The meetings ----------------------------------------------------------------------------

const MEETINGS: readonly SpaceMeetings[] = [
  // ── Ekspertgruppen ──────────────────────────────────────────────────────────────────────
  {
    space: "ekspertgruppen",
    pastDate: (today) => onOrBefore(addDays(today, -42), 4),
    upcomingDate: (today) => onOrAfter(addDays(today, 21), 4),
    past: {
      title: "Møde i ekspertgruppen",
      description:
        "Status på handleplanens indsatser og første drøftelse af den kommende handleplan.",
      place: "BIF, mødelokale 4.12",
      start: "13:00",
      end: "15:30",
      items: [
        {
          title: "Velkomst og godkendelse af dagsorden",
          kind: "decision",
          minutes: 5,
          presenter: "Henrik Dahl Jensen",
          notes: "Formanden bød velkommen. Ingen bemærkninger til dagsordenen.",
          decision: "Dagsordenen blev godkendt.",
        },
        {
          title: "Status på indsatserne i handleplanen 2024-2026",
          kind: "orientation",
          minutes: 40,
          presenter: "Mette Lindholm",
          description:
            "Sekretariatet gennemgår status på indsatserne for børn og unge, voksne og civilsamfund, med udgangspunkt i BIF's notat.",
          papers: [MEMO.title],
          notes:
            "Sekretariatet gennemgik status. Undervisningstilbuddet i grundskolen og den helhedsorienterede skoleindsats er gennemført som planlagt. Opkvalificeringen af fagpersoner har haft flere deltagere end forventet. Gruppen bemærkede, at flere indsatser udløber ved årets udgang, og at det haster med en afklaring.",
          decision: "Ekspertgruppen tog orienteringen til efterretning.",
        },
        {
          title: "Erfaringer fra opkvalificeringen af fagpersoner på skoler og i klubber",
          kind: "discussion",
          minutes: 30,
          presenter: "Jonas Vestergaard",
          notes:
            "Center for Digital Pædagogik fortalte om forløbene. Deltagerne efterspørger mere om digital kontrol og om samarbejdet med forældre. Etnisk Konsulentteam supplerede med erfaringer fra sparringen.",
          decision: "Gruppen anbefaler, at digital kontrol får større vægt i kommende forløb.",
        },
        {
          title: "Proces for input til handleplanen 2027-2030",
          kind: "decision",
          minutes: 30,
          presenter: "Henrik Dahl Jensen",
          notes:
            "Gruppen drøftede, hvordan den bedst giver input til, hvilke indsatser der skal fortsætte. Der var enighed om et skriftligt drøftelsesoplæg før næste møde.",
          decision:
            "Sekretariatet udarbejder et drøftelsesoplæg, som behandles på næste møde. Medlemmerne sender input til sekretariatet senest to uger før.",
        },
        {
          title: "Eventuelt",
          kind: "orientation",
          minutes: 10,
          presenter: "Henrik Dahl Jensen",
          notes: "Intet.",
        },
      ],
      attendance: [
        { person: "henrik.dahl.jensen@bif.example", response: "attending" },
        { person: SECRETARIAT, response: "attending" },
        { person: "ekspert@boernsvilkaar.example", response: "attending" },
        { person: "rasmus.kjaer@cntact.example", response: "attending" },
        { person: "jonas.vestergaard@cdp.example", response: "attending" },
        { person: "fatima.ali@sof.example", response: "attending" },
        {
          person: "mikkel.thomsen@dfh.example",
          response: "absent",
          note: "Afbud: underviser på kursus samme eftermiddag.",
        },
        { person: "anders.lund@jobcenter.example", response: "attending" },
      ],
      actionItems: [
        {
          fromItem: "Proces for input til handleplanen 2027-2030",
          title: "Send input til drøftelsesoplægget om indsatser efter 2026",
          description: "Skriftligt input til, hvilke indsatser der bør fortsætte, og hvorfor.",
          assignee: { organisation: "Børns Vilkår" },
          state: "overdue",
        },
        {
          fromItem: "Proces for input til handleplanen 2027-2030",
          title: "Udarbejd drøftelsesoplæg til næste møde",
          description: "Oplægget lægges i dokumentbiblioteket under Mødebilag.",
          assignee: { person: "henrik.dahl.jensen@bif.example" },
          state: "done",
        },
        {
          fromItem: "Erfaringer fra opkvalificeringen af fagpersoner på skoler og i klubber",
          title: "Saml erfaringer om digital kontrol fra forløbene",
          description: "Kort opsamling til ekspertgruppen om, hvad deltagerne efterspørger.",
          assignee: { person: "jonas.vestergaard@cdp.example" },
          state: "open",
        },
      ],
    },
    upcoming: {
      title: "Møde i ekspertgruppen: indsatser efter 2026",
      description:
        "Drøftelse af, hvilke indsatser ekspertgruppen anbefaler videreført i handleplanen 2027-2030.",
      place: "BIF, mødelokale 4.12",
      onlineUrl: "https://moede.example/ekspertgruppen",
      start: "13:00",
      end: "15:30",
      items: [
        {
          title: "Velkomst og godkendelse af dagsorden",
          kind: "decision",
          minutes: 5,
          presenter: "Henrik Dahl Jensen",
        },
        {
          title: "Hvilke indsatser skal fortsætte efter 2026?",
          kind: "discussion",
          minutes: 60,
          presenter: "Henrik Dahl Jensen",
          description:
            "Drøftelse på grundlag af oplægget. Hver organisation giver sit bud på de tre vigtigste indsatser.",
          papers: ["Drøftelsesoplæg: Hvilke indsatser skal fortsætte efter 2026?", MEMO.title],
          links: [
            {
              title: "Et frit liv i Danmark (national indsats)",
              url: "https://materialer.example/et-frit-liv-i-danmark",
            },
          ],
          sub: [
            {
              title: "Rettighedsvejlederne på ungdomsuddannelserne (løber til 2028)",
              kind: "orientation",
              minutes: 10,
              presenter: "Camilla Berg",
            },
          ],
        },
        {
          title: "Ekspertgruppens anbefaling til handleplanen 2027-2030",
          kind: "decision",
          minutes: 30,
          presenter: "Mette Lindholm",
          description: "Gruppen beslutter, hvad der skal stå i anbefalingen til forvaltningen.",
        },
        {
          title: "Fordeling af puljemidler 2027 (inhabilitet)",
          kind: "decision",
          minutes: 15,
          presenter: "Mette Lindholm",
          description:
            "Lukket punkt: flere af gruppens organisationer kan søge puljen, så punktet behandles kun af formand og sekretariat.",
          closedFor: [SECRETARIAT, "henrik.dahl.jensen@bif.example"],
        },
        {
          title: "Eventuelt",
          kind: "orientation",
          minutes: 10,
          presenter: "Henrik Dahl Jensen",
        },
      ],
      attendance: [
        { person: "henrik.dahl.jensen@bif.example", response: "attending" },
        { person: SECRETARIAT, response: "attending" },
        { person: "ekspert@boernsvilkaar.example", response: "attending" },
        {
          person: "rasmus.kjaer@cntact.example",
          response: "absent",
          note: "Afbud. Sender skriftligt input før mødet.",
        },
        { person: "fatima.ali@sof.example", response: "maybe", note: "Afhænger af et andet møde." },
        { person: "camilla.berg@buf.example", response: "attending" },
      ],
    },
  },
  // ── Lokalnetværket på Bispebjerg Bakke ──────────────────────────────────────────────────
  {
    space: "bispebjerg-netvaerk",
    pastDate: (today) => networkSeriesDates(today).approved,
    upcomingDate: (today) => networkSeriesDates(today).ahead[0]!,
    past: {
      title: NETWORK_SERIES.title,
      description: "Månedligt møde i lokalnetværket.",
      place: NETWORK_SERIES.place,
      start: "15:00",
      end: "16:30",
      items: [
        {
          title: "Nyt fra netværkets organisationer",
          kind: "orientation",
          minutes: 20,
          presenter: "Leyla Özdemir",
          notes:
            "Runde blandt deltagerne. Mellemfolkeligt Samvirke starter en ny ungegruppe, og det boligsociale team har fået nye lokaler til lektiecaféen.",
        },
        {
          title: "Nøglepersonsuddannelsen: evaluering af forårets hold",
          kind: "discussion",
          minutes: 30,
          presenter: "Zainab Hussein",
          papers: ["Oversigt over uddannelsesgange for nøglepersoner"],
          notes:
            "Evalueringen viser stor tilfredshed. Deltagerne ønsker mere tid til dilemmaøvelser og til at lære hinanden at kende på tværs af fag.",
          decision: "Næste hold planlægges med mere tid til dilemmaøvelser.",
        },
        {
          title: "Fællesaften i beboerhuset",
          kind: "decision",
          minutes: 25,
          presenter: "Hanne Kristiansen",
          notes: "Netværket drøftede program, lokaler og forplejning.",
          decision:
            "Netværket holder en fællesaften for beboere og lokale foreninger. Bakkehusene lægger lokaler til.",
        },
        {
          title: "Eventuelt",
          kind: "orientation",
          minutes: 5,
          presenter: "Leyla Özdemir",
          notes: "Intet.",
        },
      ],
      attendance: [
        { person: "leyla.ozdemir@bif.example", response: "attending" },
        { person: SECRETARIAT, response: "attending" },
        { person: "ngo@bispebjerg.example", response: "attending" },
        { person: "hanne.kristiansen@bakkehusene.example", response: "attending" },
        { person: "zainab.hussein@ncak.example", response: "attending" },
        { person: "amira.khalil@boernsvilkaar.example", response: "absent", note: "Afbud." },
        { person: "nadia.rahimi@dfh.example", response: "attending" },
      ],
      actionItems: [
        {
          fromItem: "Fællesaften i beboerhuset",
          title: "Lav flyer og tilmelding til fællesaftenen",
          description: "Flyeren hænges op i opgangene og deles i netværket.",
          assignee: { person: "hanne.kristiansen@bakkehusene.example" },
          state: "overdue",
        },
        {
          fromItem: "Nøglepersonsuddannelsen: evaluering af forårets hold",
          title: "Del evalueringen af forårets hold med netværket",
          description: "Evalueringen lægges i dokumentbiblioteket.",
          assignee: { person: "zainab.hussein@ncak.example" },
          state: "done",
        },
        {
          fromItem: "Fællesaften i beboerhuset",
          title: "Find frivillige til samtalecaféen",
          description: "Fire til seks frivillige, der kan være værter ved bordene.",
          assignee: { organisation: "Mellemfolkeligt Samvirke" },
          state: "open",
        },
      ],
    },
    upcoming: {
      title: NETWORK_SERIES.title,
      description: "Månedligt møde i lokalnetværket.",
      place: NETWORK_SERIES.place,
      start: "15:00",
      end: "16:30",
      items: [
        {
          title: "Nyt fra netværkets organisationer",
          kind: "orientation",
          minutes: 20,
          presenter: "Leyla Özdemir",
        },
        {
          title: "Næste hold på nøglepersonsuddannelsen",
          kind: "decision",
          minutes: 30,
          presenter: "Zainab Hussein",
          description: "Datoer, temaer og fordeling af pladser på næste hold.",
          papers: ["Oversigt over uddannelsesgange for nøglepersoner"],
          links: [
            {
              title: "Materiale fra nøglepersonsuddannelsen 2026",
              url: "https://materialer.bispebjerg.example/noeglepersonsuddannelse-2026",
            },
          ],
          sub: [
            {
              title: "Digital kontrol som tema i modul 2",
              kind: "discussion",
              minutes: 10,
              presenter: "Yasmin Haddad",
            },
          ],
        },
        {
          title: "Netværkets aktiviteter i det nye år",
          kind: "discussion",
          minutes: 25,
          presenter: "Leyla Özdemir",
          papers: [MEMO.title],
        },
        {
          title: "Erfaringer fra lektiecaféen",
          kind: "orientation",
          minutes: 10,
          presenter: "Yasmin Haddad",
          proposedBy: "ngo@bispebjerg.example",
        },
        {
          title: "Eventuelt",
          kind: "orientation",
          minutes: 5,
          presenter: "Leyla Özdemir",
        },
      ],
      attendance: [
        { person: "leyla.ozdemir@bif.example", response: "attending" },
        { person: SECRETARIAT, response: "attending" },
        { person: "hanne.kristiansen@bakkehusene.example", response: "attending" },
        {
          person: "nadia.rahimi@dfh.example",
          response: "absent",
          note: "Afbud: kursus i Dansk Flygtningehjælp.",
        },
        { person: "zainab.hussein@ncak.example", response: "maybe" },
      ],
    },
  },
  // ── Følgegruppen ────────────────────────────────────────────────────────────────────────
  {
    space: "foelgegruppen",
    pastDate: (today) => onOrBefore(addDays(today, -28), 3),
    upcomingDate: (today) => onOrAfter(addDays(today, 14), 3),
    past: {
      title: "Møde i følgegruppen",
      description: "Kort onlinemøde om materiale til jobcentrets vejledere.",
      place: "",
      onlineUrl: "https://moede.example/foelgegruppen",
      start: "09:00",
      end: "10:00",
      items: [
        {
          title: "Materiale om negativ social kontrol til jobcentrets vejledere",
          kind: "discussion",
          minutes: 30,
          presenter: "Marwa Saleh",
          notes:
            "Social kontrol-vejlederne præsenterede et udkast til et kort opslagsark. Gruppen foreslog et afsnit om, hvor man kan få sparring.",
          decision: "Udkastet rettes til og sendes til gruppen til skriftlig kommentering.",
        },
        {
          title: "Kurserne »Ret til ligestilling – ret til arbejde«",
          kind: "orientation",
          minutes: 20,
          presenter: "Kasper Mortensen",
          notes:
            "Orientering om forløbene i jobcentret og i boligområderne. Kurserne udløber med handleplanen ved årets udgang.",
        },
        {
          title: "Eventuelt",
          kind: "orientation",
          minutes: 5,
          presenter: "Henrik Dahl Jensen",
          notes: "Intet.",
        },
      ],
      attendance: [
        { person: "henrik.dahl.jensen@bif.example", response: "attending" },
        { person: SECRETARIAT, response: "attending" },
        { person: "medarbejder@jobcenter.example", response: "attending" },
        { person: "marwa.saleh@jobcenter.example", response: "attending" },
        { person: "anders.lund@jobcenter.example", response: "attending" },
        { person: "camilla.berg@buf.example", response: "absent", note: "Afbud." },
      ],
      actionItems: [
        {
          fromItem: "Materiale om negativ social kontrol til jobcentrets vejledere",
          title: "Ret opslagsarket til og send det til kommentering",
          description: "Med et nyt afsnit om, hvor vejlederne kan få sparring.",
          assignee: { person: "marwa.saleh@jobcenter.example" },
          state: "overdue",
        },
        {
          fromItem: "Kurserne »Ret til ligestilling – ret til arbejde«",
          title: "Send kursusdatoerne for foråret til gruppen",
          description: "",
          assignee: { organisation: "Dansk Flygtningehjælp" },
          state: "done",
        },
        {
          fromItem: "Materiale om negativ social kontrol til jobcentrets vejledere",
          title: "Kommentér udkastet til opslagsarket",
          description: "Skriftlige kommentarer til sekretariatet.",
          assignee: { organisation: "Jobcenter København" },
          state: "open",
        },
      ],
    },
    upcoming: {
      title: "Møde i følgegruppen",
      description: "Kort onlinemøde.",
      place: "",
      onlineUrl: "https://moede.example/foelgegruppen",
      start: "09:00",
      end: "10:00",
      items: [
        {
          title: "Status fra sekretariatet",
          kind: "orientation",
          minutes: 10,
          presenter: "Mette Lindholm",
          papers: ["Statusnote til følgegruppen, november 2026"],
        },
        {
          title: "Spørgsmål til sparring: materiale til jobcentrets vejledere",
          kind: "discussion",
          minutes: 35,
          presenter: "Marwa Saleh",
          papers: ["Spørgsmål til sparring: materiale til jobcentrets vejledere"],
          links: [
            {
              title: "Opslagsark (udkast) på intranettet",
              url: "https://intranet.example/jobcenter/opslagsark-negativ-social-kontrol",
            },
          ],
          sub: [
            {
              title: "Hvordan registreres sager for at nedbringe mørketallet?",
              kind: "discussion",
              minutes: 10,
              presenter: "Anders Lund",
            },
          ],
        },
        {
          title: "Eventuelt",
          kind: "orientation",
          minutes: 5,
          presenter: "Henrik Dahl Jensen",
        },
      ],
      attendance: [
        { person: "henrik.dahl.jensen@bif.example", response: "attending" },
        { person: "medarbejder@jobcenter.example", response: "attending" },
        {
          person: "emre.yilmaz@nordvestgym.example",
          response: "absent",
          note: "Afbud: undervisning.",
        },
        { person: "anders.lund@jobcenter.example", response: "maybe" },
      ],
    },
  },
];

// ---- Checks ----------------------------------------------------------------------------------

function isCurrentMember(email: string, space: SpaceSlug, { writer = false } = {}) {
  const person = PEOPLE.find((p) => p.email === email);
  return (person?.memberships ?? []).some(
    (m) => m.space === space && !m.leftAt && (!writer || m.role !== "observer"),
  );
}

/** People named in the data must be current members of the space (proposers: writers). */
export function checkMeetings() {
  for (const plan of MEETINGS) {
    const where = `Seed meetings of ${plan.space}`;
    for (const meeting of [plan.past, plan.upcoming]) {
      for (const a of meeting.attendance) {
        if (!isCurrentMember(a.person, plan.space))
          throw new Error(`${where}: ${a.person} answers but is not a member`);
      }
      const items = meeting.items.flatMap((i) => [i, ...(i.sub ?? [])]);
      for (const item of items) {
        if (item.minutes < 0) throw new Error(`${where}: "${item.title}" has a negative duration`);
        for (const email of item.closedFor ?? []) {
          if (!isCurrentMember(email, plan.space))
            throw new Error(`${where}: closed item names ${email}, not a member`);
        }
        if (item.proposedBy && !isCurrentMember(item.proposedBy, plan.space, { writer: true }))
          throw new Error(`${where}: ${item.proposedBy} may not propose items`);
      }
    }
    for (const action of plan.past.actionItems) {
      if (!plan.past.items.some((i) => i.title === action.fromItem))
        throw new Error(`${where}: action item from unknown item "${action.fromItem}"`);
      if ("person" in action.assignee && !isCurrentMember(action.assignee.person, plan.space))
        throw new Error(`${where}: action item assigned to ${action.assignee.person}`);
    }
  }
}

// ---- Seeding ---------------------------------------------------------------------------------

interface Ids {
  spaces: Map<string, string>;
  users: Map<string, string>;
  organisations: Map<string, string>;
  /** Document ids by space and title, when documents were seeded. */
  documents: Map<string, string>;
}

/** Seeds the demo meetings; returns how many meeting rows were created. */
export async function seedMeetings(
  db: Database,
  { now = new Date() }: { now?: Date } = {},
): Promise<number> {
  checkMeetings();
  return db.transaction().execute(async (trx) => {
    const ids: Ids = {
      spaces: new Map(
        (await trx.selectFrom("space").select(["id", "slug"]).execute()).map((s) => [s.slug, s.id]),
      ),
      users: new Map(
        (await trx.selectFrom("user").select(["id", "email"]).execute()).map((u) => [
          u.email,
          u.id,
        ]),
      ),
      organisations: new Map(
        (await trx.selectFrom("organisation").select(["id", "name"]).execute()).map((o) => [
          o.name,
          o.id,
        ]),
      ),
      documents: new Map(
        (
          await trx
            .selectFrom("document")
            .select(["id", "spaceId", "title"])
            .where("deletedAt", "is", null)
            .execute()
        ).map((d) => [`${d.spaceId}/${d.title}`, d.id]),
      ),
    };
    const today = copenhagenToday(now);
    let count = 0;

    for (const plan of MEETINGS) {
      const spaceId = lookup(ids.spaces, plan.space);
      let seriesId: string | null = null;
      let seriesDates: ReturnType<typeof networkSeriesDates> | null = null;
      if (plan.space === "bispebjerg-netvaerk") {
        seriesDates = networkSeriesDates(today);
        seriesId = newId();
        await trx
          .insertInto("meetingSeries")
          .values({
            id: seriesId,
            spaceId,
            title: NETWORK_SERIES.title,
            rule: JSON.stringify(NETWORK_SERIES.rule),
            startTime: NETWORK_SERIES.startTime,
            durationMinutes: NETWORK_SERIES.durationMinutes,
            firstDate: seriesDates.approved,
            untilDate: seriesDates.ahead.at(-1)!,
            createdById: lookup(ids.users, SECRETARIAT),
            createdAt: daysAfter(instant(seriesDates.approved, "15:00"), -30),
          })
          .execute();
      }

      const pastDate = plan.pastDate(today);
      const upcomingDate = plan.upcomingDate(today);
      await insertMeeting(trx, ids, {
        spaceId,
        meeting: plan.past,
        date: pastDate,
        phase: "past",
        seriesId,
        now,
        actionItems: plan.past.actionItems,
        today,
      });
      await insertMeeting(trx, ids, {
        spaceId,
        meeting: plan.upcoming,
        date: upcomingDate,
        phase: "upcoming",
        seriesId,
        now,
        today,
      });
      count += 2;

      // The rest of the series: held since the approved one, and the later months ahead.
      if (seriesDates) {
        for (const date of [...seriesDates.held, ...seriesDates.ahead.slice(1)]) {
          await insertMeeting(trx, ids, {
            spaceId,
            meeting: { ...plan.upcoming, items: [], attendance: [] },
            date,
            phase: date <= today ? "held" : "later",
            seriesId,
            now,
            today,
          });
          count++;
        }
      }
    }
    return count;
  });
}

async function insertMeeting(
  trx: Database,
  ids: Ids,
  {
    spaceId,
    meeting,
    date,
    phase,
    seriesId,
    now,
    today,
    actionItems = [],
  }: {
    spaceId: string;
    meeting: SeedMeeting;
    date: string;
    /** past: minutes approved; held: no minutes yet; upcoming: full agenda; later: in the series. */
    phase: "past" | "held" | "upcoming" | "later";
    seriesId: string | null;
    now: Date;
    today: string;
    actionItems?: readonly SeedActionItem[];
  },
) {
  const secretariatId = lookup(ids.users, SECRETARIAT);
  const startsAt = instant(date, meeting.start);
  const endsAt = instant(date, meeting.end);
  const createdAt = earlier(daysAfter(startsAt, -30, 9), now);
  const publishedAt = earlier(daysAfter(startsAt, -14, 9), now);
  const approvedAt = daysAfter(startsAt, 8, 11);
  const meetingId = newId();
  const isPast = phase === "past";
  await trx
    .insertInto("meeting")
    .values({
      id: meetingId,
      spaceId,
      seriesId,
      seriesDate: seriesId ? date : null,
      title: meeting.title,
      description: meeting.description,
      startsAt,
      endsAt,
      place: meeting.place,
      onlineUrl: meeting.onlineUrl ?? null,
      status: isPast ? "approved" : phase === "held" ? "held" : "published",
      publishedAt,
      cancelledAt: null,
      minutesStatus: isPast ? "approved" : "none",
      minutesVersion: isPast ? 1 : 0,
      minutesCirculatedAt: isPast ? daysAfter(startsAt, 3, 9) : null,
      calendarSequence: 0,
      createdById: secretariatId,
      createdAt,
      updatedAt: isPast ? approvedAt : publishedAt,
    })
    .execute();

  const itemIds = new Map<string, string>();
  const snapshot: {
    agendaItemId: string;
    title: string;
    isClosed: boolean;
    notes: string;
    decision: string;
  }[] = [];
  let position = 0;
  const insertItem = async (item: SeedItem, parentId: string | null) => {
    const id = newId();
    itemIds.set(item.title, id);
    position++;
    await trx
      .insertInto("agendaItem")
      .values({
        id,
        meetingId,
        spaceId,
        parentId,
        position,
        title: item.title,
        description: item.description ?? "",
        descriptionHtml: item.description ? renderPost(item.description, []).html : "",
        presenter: item.presenter,
        durationMinutes: item.minutes,
        kind: item.kind,
        state: item.proposedBy ? "proposed" : "accepted",
        proposedById: item.proposedBy ? lookup(ids.users, item.proposedBy) : null,
        declineReason: null,
        isClosed: item.closedFor ? 1 : 0,
        minutesNotes: isPast ? (item.notes ?? "") : "",
        minutesDecision: isPast ? (item.decision ?? "") : "",
        createdById: item.proposedBy ? lookup(ids.users, item.proposedBy) : secretariatId,
        createdAt,
        updatedAt: createdAt,
      })
      .execute();
    for (const email of item.closedFor ?? []) {
      await trx
        .insertInto("agendaItemAccess")
        .values({ agendaItemId: id, userId: lookup(ids.users, email) })
        .execute();
    }
    for (const title of item.papers ?? []) {
      // Papers link to the space's own documents; without seeded documents there are none.
      const documentId = ids.documents.get(`${spaceId}/${title}`);
      if (!documentId) continue;
      await trx
        .insertInto("documentLink")
        .values({ documentId, subjectType: "agenda_item", subjectId: id })
        .execute();
    }
    for (const link of item.links ?? []) {
      await trx
        .insertInto("agendaItemLink")
        .values({ id: newId(), agendaItemId: id, title: link.title, url: link.url, createdAt })
        .execute();
    }
    if (isPast && !item.proposedBy) {
      snapshot.push({
        agendaItemId: id,
        title: item.title,
        isClosed: Boolean(item.closedFor),
        notes: item.notes ?? "",
        decision: item.decision ?? "",
      });
    }
    for (const sub of item.sub ?? []) await insertItem(sub, id);
  };
  for (const item of meeting.items) await insertItem(item, null);

  for (const a of meeting.attendance) {
    await trx
      .insertInto("attendance")
      .values({
        meetingId,
        userId: lookup(ids.users, a.person),
        response: a.response,
        note: a.note ?? "",
        respondedAt: earlier(daysAfter(startsAt, -7, 8), now),
      })
      .execute();
  }

  if (isPast) {
    await trx
      .insertInto("minutesVersion")
      .values({
        id: newId(),
        meetingId,
        versionNo: 1,
        snapshot: JSON.stringify(snapshot),
        approvedById: secretariatId,
        approvedAt,
      })
      .execute();
  }

  for (const action of actionItems) {
    const due =
      action.state === "overdue"
        ? addDays(today, -3)
        : action.state === "done"
          ? addDays(date, 10)
          : addDays(today, 30);
    const completedAt = action.state === "done" ? daysAfter(startsAt, 9, 13) : null;
    await trx
      .insertInto("actionItem")
      .values({
        id: newId(),
        spaceId,
        meetingId,
        agendaItemId: lookup(itemIds, action.fromItem),
        title: action.title,
        description: action.description,
        assigneeUserId:
          "person" in action.assignee ? lookup(ids.users, action.assignee.person) : null,
        assigneeOrganisationId:
          "organisation" in action.assignee
            ? lookup(ids.organisations, action.assignee.organisation)
            : null,
        dueDate: due,
        status: action.state === "done" ? "done" : "open",
        completedAt,
        createdById: secretariatId,
        createdAt: approvedAt,
        updatedAt: completedAt ?? approvedAt,
      })
      .execute();
  }
  return meetingId;
}

/** The earlier of an instant and now: nothing in the demo is recorded as done in the future. */
function earlier(iso: string, now: Date): string {
  return iso < nowIso(now) ? iso : nowIso(now);
}

function lookup(ids: Map<string, string>, key: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`Seed meetings refer to unknown "${key}"`);
  return id;
}
