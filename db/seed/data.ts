// Demo data for the hub. It describes professionals and organisations only: the hub must never
// hold data about citizens or cases of concern, so neither does its seed.

import type { languageCodes } from "../../app/schemas/profile";

export type LanguageCode = (typeof languageCodes)[number];

export type OrganisationType =
  "ngo" | "municipal" | "national_centre" | "education" | "housing" | "other";

export type SpaceKind = "local_network" | "expert_group" | "follow_up_group";

export type MembershipRole = "chair" | "secretariat" | "member" | "observer";

export interface SeedOrganisation {
  name: string;
  type: OrganisationType;
  description: string;
  website: string | null;
}

export interface SeedSpace {
  slug: string;
  name: string;
  kind: SpaceKind;
  purpose: string;
  /** Calendar dates (YYYY-MM-DD). */
  periodStart: string | null;
  periodEnd: string | null;
  visibility: "private";
}

// Websites stay null: the demo must not point at real domains.
export const ORGANISATIONS = [
  {
    name: "Børns Vilkår",
    type: "ngo",
    description:
      "Børnerettighedsorganisation, der underviser grundskoleelever om negativ social kontrol. Står også for en helhedsorienteret skoleindsats for elever, forældre og lærere.",
    website: null,
  },
  {
    name: "C:NTACT",
    type: "ngo",
    description:
      "Organisation, der sammen med Børns Vilkår står bag undervisningstilbuddet til grundskoleelever om negativ social kontrol.",
    website: null,
  },
  {
    name: "BUF",
    type: "municipal",
    description:
      "Børne- og Ungdomsforvaltningen i Københavns Kommune. Medvirker i udmøntningen af undervisningstilbuddet på skolerne.",
    website: null,
  },
  {
    name: "Center for Digital Pædagogik",
    type: "ngo",
    description:
      "Opkvalificerer fagpersoner på skoler, i klubber mv. i forebyggelse, bekymringstegn og håndtering af negativ social kontrol.",
    website: null,
  },
  {
    name: "Etnisk Konsulentteam",
    type: "municipal",
    description:
      "Konsulentteam i Socialforvaltningen, der bidrager med viden og sparring til opkvalificeringen af fagpersoner, som arbejder med børn og unge.",
    website: null,
  },
  {
    name: "Dansk Flygtningehjælp",
    type: "ngo",
    description:
      "Afvikler kurserne „Ret til ligestilling – ret til arbejde“ i Jobcenter København og i boligområder med et beskæftigelsesrettet sigte.",
    website: null,
  },
  {
    name: "Mellemfolkeligt Samvirke",
    type: "ngo",
    description:
      "Samarbejdspartner i den områdebaserede indsats på Bispebjerg Bakke, bl.a. om lokale aktiviteter og frivilligt engagement.",
    website: null,
  },
  {
    name: "Nationalt Center mod Æresrelaterede Konflikter",
    type: "national_centre",
    description:
      "Nationalt videns- og rådgivningscenter om æresrelaterede konflikter og negativ social kontrol. Har været med til at udvikle nøglepersonsuddannelsen i Bispebjerg Nordvest.",
    website: null,
  },
  {
    name: "Jobcenter København",
    type: "municipal",
    description:
      "Har social kontrol-vejledere, der giver jobcentermedarbejdere sparring og rådgivning i bekymringssager.",
    website: null,
  },
  {
    name: "BIF",
    type: "municipal",
    description:
      "Beskæftigelses-, Integrations- og Erhvervsforvaltningen i Københavns Kommune. Ejer handleplanen mod negativ social kontrol og sekretariatsbetjener hubbens rum.",
    website: null,
  },
  {
    name: "Boligselskabet Bakkehusene (fiktiv)",
    type: "housing",
    description:
      "Fiktivt boligselskab i demodata. Lægger lokaler til kurser og lokale aktiviteter i boligområdet.",
    website: null,
  },
  {
    name: "Nordvest Gymnasium (fiktiv)",
    type: "education",
    description:
      "Fiktiv ungdomsuddannelse i demodata med en rettighedsvejleder under „Et frit liv i Danmark“.",
    website: null,
  },
] as const satisfies readonly SeedOrganisation[];

export type OrganisationName = (typeof ORGANISATIONS)[number]["name"];

export const SPACES = [
  {
    slug: "bispebjerg-netvaerk",
    name: "Lokalnetværket på Bispebjerg Bakke / Bispebjerg Nordvest",
    kind: "local_network",
    purpose:
      "Den områdebaserede indsats koordinerer og understøtter lokale aktiviteter, der styrker lokalsamfundet mod de fællesskabsdynamikker, som gør negativ social kontrol legitim. Netværket samler kommunale enheder, NGO'er og andre lokale aktører om faglig opkvalificering, fælles fokus og koordinering. Her hører også nøglepersonsuddannelsen for lokale fagpersoner hjemme.",
    periodStart: "2024-01-01",
    periodEnd: "2027-12-31",
    visibility: "private",
  },
  {
    slug: "ekspertgruppen",
    name: "Ekspertgruppen til forebyggelse af negativ social kontrol",
    kind: "expert_group",
    purpose:
      "Rådgivende gruppe af civilsamfundsorganisationer og kommunale aktører, der følger indsatserne i Handleplan til forebyggelse af negativ social kontrol 2024-2026. Gruppen mødes nogle gange om året, læser bilag før møderne og giver input til, hvilke indsatser der bør fortsætte i den kommende handleplan.",
    periodStart: "2024-01-01",
    periodEnd: "2026-12-31",
    visibility: "private",
  },
  {
    slug: "foelgegruppen",
    name: "Følgegruppen",
    kind: "follow_up_group",
    purpose:
      "Nyetableret følgegruppe, der giver ad hoc-sparring og input på medarbejderniveau. Spørgsmål stilles med en frist, så svarene kan samles ind mellem møderne.",
    periodStart: "2026-01-01",
    periodEnd: null,
    visibility: "private",
  },
] as const satisfies readonly SeedSpace[];

export type SpaceSlug = (typeof SPACES)[number]["slug"];

// Appointments follow each space's start rather than one date, so that nobody appears to have
// joined Følgegruppen before it existed.
export const APPOINTED_AT_BY_SPACE: Record<SpaceSlug, string> = {
  "bispebjerg-netvaerk": "2024-02-01T00:00:00.000Z",
  ekspertgruppen: "2024-02-01T00:00:00.000Z",
  foelgegruppen: "2026-01-15T00:00:00.000Z",
};

export interface SeedMembership {
  space: SpaceSlug;
  role: MembershipRole;
  /** Defaults to APPOINTED_AT_BY_SPACE[space]. */
  appointedAt?: string;
  /** Set for a former member: the row stays as history. */
  leftAt?: string;
}

export interface SeedPerson {
  email: string;
  name: string;
  title: string;
  organisation: OrganisationName;
  /** 1–2 sentences about the person's professional work; never about citizens or cases. */
  bio: string;
  /** Short Danish lower-case tags. */
  expertise: readonly string[];
  /** Always includes "da". */
  languages: readonly LanguageCode[];
  /** Fictional: +45 00 00 xx xx (Danish subscriber numbers never start with 0). */
  phone?: string;
  /** Defaults to "members". */
  contactVisibility?: "members" | "nobody";
  isSiteAdmin?: boolean;
  memberships: readonly SeedMembership[];
}

const ALL_SPACES: readonly SpaceSlug[] = SPACES.map((s) => s.slug);

export const PEOPLE: readonly SeedPerson[] = [
  // The five demo accounts, one per kind of user.
  {
    email: "admin@hub.example",
    name: "Anne Holm Sørensen",
    title: "Systemadministrator",
    organisation: "BIF",
    bio: "Administrerer hubben for BIF og hjælper rummenes sekretariater med invitationer, adgange og opsætning.",
    expertise: ["systemadministration", "digitale samarbejdsværktøjer", "brugeradgange"],
    languages: ["da", "en"],
    phone: "+45 00 00 10 01",
    isSiteAdmin: true,
    memberships: [],
  },
  {
    email: "sekretariat@bif.example",
    name: "Mette Lindholm",
    title: "Sekretariatsleder",
    organisation: "BIF",
    bio: "Leder sekretariatet for handleplanen mod negativ social kontrol og betjener ekspertgruppen, følgegruppen og lokalnetværket. Samler input fra rummene til den kommende handleplan.",
    expertise: ["handleplaner", "mødeledelse", "tværsektorielt samarbejde"],
    languages: ["da", "en", "sv"],
    phone: "+45 00 00 10 02",
    memberships: ALL_SPACES.map((space) => ({ space, role: "secretariat" })),
  },
  {
    email: "ekspert@boernsvilkaar.example",
    name: "Sofie Bach Nielsen",
    title: "Faglig konsulent",
    organisation: "Børns Vilkår",
    bio: "Arbejder med undervisningstilbuddet til grundskoleelever om negativ social kontrol og den helhedsorienterede skoleindsats. Bidrager i ekspertgruppen med erfaringer fra skolerne.",
    expertise: ["børns rettigheder", "undervisning", "forældresamarbejde"],
    languages: ["da", "en"],
    phone: "+45 00 00 10 03",
    memberships: [{ space: "ekspertgruppen", role: "member" }],
  },
  {
    email: "ngo@bispebjerg.example",
    name: "Yasmin Haddad",
    title: "Projektkoordinator",
    organisation: "Mellemfolkeligt Samvirke",
    bio: "Koordinerer Mellemfolkeligt Samvirkes lokale aktiviteter på Bispebjerg Bakke og arbejder for at styrke det frivillige engagement i området.",
    expertise: ["lokalsamfund", "frivillighed", "aktiviteter for unge"],
    languages: ["da", "en", "ar"],
    phone: "+45 00 00 10 04",
    memberships: [{ space: "bispebjerg-netvaerk", role: "member" }],
  },
  {
    email: "medarbejder@jobcenter.example",
    name: "Kasper Mortensen",
    title: "Jobkonsulent",
    organisation: "Jobcenter København",
    bio: "Arbejder med beskæftigelsesrettede forløb i Jobcenter København og giver følgegruppen sparring fra medarbejderniveau.",
    expertise: ["beskæftigelse", "jobrettet vejledning", "virksomhedssamarbejde"],
    languages: ["da", "en"],
    phone: "+45 00 00 10 05",
    memberships: [{ space: "foelgegruppen", role: "member" }],
  },

  {
    email: "henrik.dahl.jensen@bif.example",
    name: "Henrik Dahl Jensen",
    title: "Chefkonsulent",
    organisation: "BIF",
    bio: "Er formand for ekspertgruppen og følgegruppen og har ansvaret for opfølgningen på handleplanens indsatser i BIF.",
    expertise: ["handleplaner", "strategisk opfølgning", "mødeledelse"],
    languages: ["da", "en", "de"],
    phone: "+45 00 00 10 06",
    memberships: [
      { space: "ekspertgruppen", role: "chair" },
      { space: "foelgegruppen", role: "chair" },
    ],
  },
  {
    email: "leyla.ozdemir@bif.example",
    name: "Leyla Özdemir",
    title: "Områdekoordinator, Bispebjerg Bakke",
    organisation: "BIF",
    bio: "Koordinerer den områdebaserede indsats på Bispebjerg Bakke og i Bispebjerg Nordvest og leder lokalnetværket. Samler lokale aktører om nøglepersonsuddannelsen.",
    expertise: ["lokalsamfund", "nøglepersonsuddannelse", "netværkskoordinering"],
    languages: ["da", "en", "tr"],
    phone: "+45 00 00 10 07",
    memberships: [{ space: "bispebjerg-netvaerk", role: "chair" }],
  },
  {
    email: "lars.winther@bif.example",
    name: "Lars Winther",
    title: "Fuldmægtig",
    organisation: "BIF",
    bio: "Samler erfaringer fra handleplanens indsatser op og bidrager til dokumentationen af følgegruppens arbejde.",
    expertise: ["analyse", "dokumentation", "evaluering"],
    languages: ["da", "en"],
    contactVisibility: "nobody",
    memberships: [
      { space: "foelgegruppen", role: "member" },
      { space: "ekspertgruppen", role: "observer" },
    ],
  },
  {
    email: "amira.khalil@boernsvilkaar.example",
    name: "Amira Khalil",
    title: "Skolekonsulent",
    organisation: "Børns Vilkår",
    bio: "Arbejder med den helhedsorienterede skoleindsats for elever, forældre og lærere på skolerne i Bispebjerg. Holder oplæg for lærere og forældregrupper om negativ social kontrol.",
    expertise: ["forældresamarbejde", "skoleindsatser", "undervisning"],
    languages: ["da", "en", "ar"],
    phone: "+45 00 00 10 09",
    memberships: [{ space: "bispebjerg-netvaerk", role: "member" }],
  },
  {
    email: "rasmus.kjaer@cntact.example",
    name: "Rasmus Kjær",
    title: "Projektleder",
    organisation: "C:NTACT",
    bio: "Leder C:NTACT's del af undervisningstilbuddet til grundskoleelever om negativ social kontrol, som udvikles sammen med Børns Vilkår.",
    expertise: ["undervisning", "dialogbaserede metoder", "projektledelse"],
    languages: ["da", "en"],
    phone: "+45 00 00 10 10",
    memberships: [{ space: "ekspertgruppen", role: "member" }],
  },
  {
    email: "camilla.berg@buf.example",
    name: "Camilla Berg",
    title: "Pædagogisk konsulent",
    organisation: "BUF",
    bio: "Understøtter udmøntningen af undervisningstilbuddet på kommunens skoler og er bindeled mellem skolerne og de eksterne undervisere.",
    expertise: ["skoleudvikling", "undervisning", "tværfagligt samarbejde"],
    languages: ["da", "en"],
    phone: "+45 00 00 10 11",
    memberships: [
      { space: "ekspertgruppen", role: "member" },
      { space: "foelgegruppen", role: "member" },
    ],
  },
  {
    email: "jonas.vestergaard@cdp.example",
    name: "Jonas Vestergaard",
    title: "Underviser og konsulent",
    organisation: "Center for Digital Pædagogik",
    bio: "Underviser fagpersoner på skoler og i klubber i at forebygge negativ social kontrol, også når den foregår online.",
    expertise: ["digital dannelse", "opkvalificering", "forebyggelse"],
    languages: ["da", "en"],
    phone: "+45 00 00 10 12",
    memberships: [
      { space: "ekspertgruppen", role: "member" },
      { space: "bispebjerg-netvaerk", role: "member", leftAt: "2025-06-30T00:00:00.000Z" },
    ],
  },
  {
    email: "fatima.ali@sof.example",
    name: "Fatima Ali",
    title: "Etnisk konsulent",
    organisation: "Etnisk Konsulentteam",
    bio: "Giver sparring og holder oplæg for fagpersoner, der arbejder med børn og unge, og bidrager til opkvalificeringen om æresrelaterede konflikter.",
    expertise: ["æresrelaterede konflikter", "sparring til fagpersoner", "opkvalificering"],
    languages: ["da", "en", "so", "ar"],
    phone: "+45 00 00 10 13",
    memberships: [
      { space: "ekspertgruppen", role: "member" },
      { space: "foelgegruppen", role: "member" },
    ],
  },
  {
    email: "mikkel.thomsen@dfh.example",
    name: "Mikkel Thomsen",
    title: "Kursusleder",
    organisation: "Dansk Flygtningehjælp",
    bio: "Afvikler kurserne „Ret til ligestilling – ret til arbejde“ i Jobcenter København og i boligområder, hvor viden om rettigheder kobles med beskæftigelse.",
    expertise: ["rettighedsvejledning", "beskæftigelse", "kursusafvikling"],
    languages: ["da", "en", "fr"],
    phone: "+45 00 00 10 14",
    memberships: [{ space: "ekspertgruppen", role: "member" }],
  },
  {
    email: "nadia.rahimi@dfh.example",
    name: "Nadia Rahimi",
    title: "Frivilligkoordinator",
    organisation: "Dansk Flygtningehjælp",
    bio: "Koordinerer de frivillige, der medvirker ved Dansk Flygtningehjælps kurser og lokale aktiviteter i Bispebjerg.",
    expertise: ["frivillighed", "lokalsamfund", "kursusafvikling"],
    languages: ["da", "en", "fa"],
    phone: "+45 00 00 10 15",
    contactVisibility: "nobody",
    memberships: [{ space: "bispebjerg-netvaerk", role: "member" }],
  },
  {
    email: "peter.brandt@ms.example",
    name: "Peter Brandt",
    title: "Frivillig",
    organisation: "Mellemfolkeligt Samvirke",
    bio: "Er frivillig i Mellemfolkeligt Samvirke og hjælper med at planlægge lokale aktiviteter og fællesspisninger på Bispebjerg Bakke.",
    expertise: ["frivillighed", "lokalsamfund"],
    languages: ["da"],
    memberships: [{ space: "bispebjerg-netvaerk", role: "member" }],
  },
  {
    email: "zainab.hussein@ncak.example",
    name: "Zainab Hussein",
    title: "Specialkonsulent",
    organisation: "Nationalt Center mod Æresrelaterede Konflikter",
    bio: "Rådgiver fagpersoner om æresrelaterede konflikter og negativ social kontrol og har været med til at udvikle nøglepersonsuddannelsen i Bispebjerg Nordvest.",
    expertise: ["æresrelaterede konflikter", "nøglepersonsuddannelse", "rådgivning af fagpersoner"],
    languages: ["da", "en", "ur", "ar"],
    phone: "+45 00 00 10 17",
    memberships: [
      { space: "bispebjerg-netvaerk", role: "member" },
      { space: "ekspertgruppen", role: "member" },
    ],
  },
  {
    email: "anders.lund@jobcenter.example",
    name: "Anders Lund",
    title: "Social kontrol-vejleder",
    organisation: "Jobcenter København",
    bio: "Giver jobcentermedarbejdere sparring og rådgivning om negativ social kontrol og holder oplæg for nye kolleger.",
    expertise: ["sparring til fagpersoner", "beskæftigelse", "negativ social kontrol"],
    languages: ["da", "en"],
    phone: "+45 00 00 10 18",
    memberships: [
      { space: "ekspertgruppen", role: "member" },
      { space: "foelgegruppen", role: "member" },
    ],
  },
  {
    email: "marwa.saleh@jobcenter.example",
    name: "Marwa Saleh",
    title: "Social kontrol-vejleder",
    organisation: "Jobcenter København",
    bio: "Giver kolleger i Jobcenter København sparring om negativ social kontrol og bidrager i følgegruppen med erfaringer fra jobcentrets praksis.",
    expertise: ["sparring til fagpersoner", "beskæftigelse", "rettighedsvejledning"],
    languages: ["da", "ar", "en"],
    contactVisibility: "nobody",
    memberships: [{ space: "foelgegruppen", role: "member" }],
  },
  {
    email: "hanne.kristiansen@bakkehusene.example",
    name: "Hanne Kristiansen",
    title: "Boligsocial medarbejder",
    organisation: "Boligselskabet Bakkehusene (fiktiv)",
    bio: "Arbejder boligsocialt i Bakkehusene og samarbejder med lokale foreninger og netværket om aktiviteter i boligområdet.",
    expertise: ["boligsocialt arbejde", "lokalsamfund", "frivillighed"],
    languages: ["da", "en"],
    phone: "+45 00 00 10 20",
    memberships: [{ space: "bispebjerg-netvaerk", role: "member" }],
  },
  {
    email: "emre.yilmaz@nordvestgym.example",
    name: "Emre Yılmaz",
    title: "Rettighedsvejleder",
    organisation: "Nordvest Gymnasium (fiktiv)",
    bio: "Er rettighedsvejleder på Nordvest Gymnasium under „Et frit liv i Danmark“ og holder oplæg for elever og lærere om rettigheder og frihed.",
    expertise: ["rettighedsvejledning", "ungdomsuddannelser", "undervisning"],
    languages: ["da", "en", "tr", "ku"],
    phone: "+45 00 00 10 21",
    memberships: [
      { space: "foelgegruppen", role: "member" },
      { space: "bispebjerg-netvaerk", role: "observer" },
    ],
  },
];
