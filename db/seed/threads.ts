// Demo discussion threads: professionals talking about the work in the BIF memo (activities,
// plans, materials). Never about citizens or cases of concern, and never naming one.
//
// Every author must be a current, non-observer member of the thread's space (checked when
// seeding). Times are UTC and lie in the weeks before SEED_THREADS_BEFORE, in order within a
// thread. Bodies are Markdown as people type it; "@firstname.lastname" mentions a member.

import type { SpaceSlug } from "./data";

/** Every seeded post is written before this instant. */
export const SEED_THREADS_BEFORE = "2026-11-25T00:00:00.000Z";

export interface SeedPost {
  /** The author's email (see PEOPLE). */
  author: string;
  /** ISO-8601 UTC. */
  at: string;
  body: string;
}

export interface SeedThread {
  space: SpaceSlug;
  title: string;
  /** The opening post first, then the replies in order. */
  posts: readonly [SeedPost, ...SeedPost[]];
  pinned?: boolean;
  /**
   * Demo accounts who have not yet read the last N posts of this thread. Every other demo
   * account that is a current member of the space has read the whole thread.
   */
  unreadFor?: Readonly<Record<string, number>>;
}

export const THREADS: readonly SeedThread[] = [
  // ── Lokalnetværket på Bispebjerg Bakke / Bispebjerg Nordvest ───────────────────────────────
  {
    space: "bispebjerg-netvaerk",
    title: "Næste hold på nøglepersonsuddannelsen – foråret 2027",
    posts: [
      {
        author: "leyla.ozdemir@bif.example",
        at: "2026-10-28T09:30:00.000Z",
        body: `Vi er gået i gang med at planlægge næste hold på nøglepersonsuddannelsen for lokale fagpersoner i Bispebjerg Nordvest. Uddannelsen er udviklet sammen med Nationalt Center mod Æresrelaterede Konflikter, og vi bygger videre på erfaringerne fra forårets hold.

Foreløbig ramme:

- **4 moduler à 3 timer** i februar–marts 2027
- Plads til ca. 20 deltagere
- Målgruppe: medarbejdere i klubber, skoler, boligsociale indsatser, sundhedspleje og lokale foreninger

To spørgsmål til netværket:

1. Hvem i jeres organisation bør tilbydes en plads?
2. Er der temaer fra sidste hold, der skal have mere tid?

Svar gerne inden fredag den 13. november. @zainab.hussein, kan du sige noget om, hvornår centeret kan stille med undervisere?`,
      },
      {
        author: "zainab.hussein@ncak.example",
        at: "2026-10-29T13:05:00.000Z",
        body: `Tak, Leyla. Centeret kan stille med undervisere til modul 2 og 3 (forståelse af æresrelaterede konflikter og negativ social kontrol samt handlemuligheder og samarbejde på tværs). Vi foreslår disse datoer, alle kl. 13–16:

- tirsdag den 2. februar
- tirsdag den 16. februar
- tirsdag den 2. marts
- tirsdag den 16. marts

I evalueringen af sidste hold efterspurgte deltagerne mere tid til dilemmaøvelser og til at lære hinanden at kende på tværs af fag. Det kan vi sagtens bygge ind.`,
      },
      {
        author: "hanne.kristiansen@bakkehusene.example",
        at: "2026-11-02T10:20:00.000Z",
        body: `Vi vil gerne have to pladser til det boligsociale team.

Et ønske til indholdet: hvordan man tager den gode, åbne samtale om fællesskab og frihed i et boligområde, hvor mange kender hinanden godt – og hvordan vi bruger netværket, når vi er i tvivl om, hvem vi skal gå til.`,
      },
      {
        author: "ngo@bispebjerg.example",
        at: "2026-11-04T14:48:00.000Z",
        body: `Fra Mellemfolkeligt Samvirke vil jeg gerne deltage selv sammen med en af vores frivilligkoordinatorer.

Et tema, der fylder i vores aktiviteter for unge, er kontrol via telefon og sociale medier. Det kunne være godt med lidt mere om den digitale side i modul 2.`,
      },
      {
        author: "sekretariat@bif.example",
        at: "2026-11-05T08:30:00.000Z",
        body: `Sekretariatet har afsat midler til lokaler og forplejning, så rammen er på plads. Når datoerne er endelige, sender vi en invitation med tilmeldingsfrist i midten af januar.

Materialet fra sidste hold ligger her til inspiration: [nøglepersonsuddannelsen 2026](https://materialer.bispebjerg.example/noeglepersonsuddannelse-2026)`,
      },
    ],
  },
  {
    space: "bispebjerg-netvaerk",
    title: "Fællesaften i beboerhuset torsdag den 10. december",
    posts: [
      {
        author: "leyla.ozdemir@bif.example",
        at: "2026-11-09T08:14:00.000Z",
        body: `Hej alle

Som aftalt på netværksmødet i oktober holder vi en fællesaften for beboere og lokale foreninger **torsdag den 10. december kl. 17.30–20.00** i beboerhuset i Bakkehusene. Idéen er et uformelt rum, hvor vi taler om fællesskab og frihed – og hvor beboerne møder de fagpersoner og foreninger, de kan gå til.

Forslag til program:

- 17.30 Fællesspisning
- 18.15 Kort velkomst ved netværket
- 18.30 Samtalecafé ved små borde med fagpersoner fra netværket
- 19.45 Tak for i aften og oprydning

Jeg har især brug for hjælp til **lokaler, mad og tilmelding**. @hanne.kristiansen, kan du undersøge, om salen er ledig den aften?`,
      },
      {
        author: "hanne.kristiansen@bakkehusene.example",
        at: "2026-11-09T10:02:00.000Z",
        body: `Salen er booket fra kl. 15.30, og vi må bruge køkkenet. Der er plads til ca. 60 personer ved borde, og lokalet skal afleveres ryddet senest kl. 21.

Jeg sætter opslag op i opgangene og på infoskærmene, så snart flyeren er klar.`,
      },
      {
        author: "peter.brandt@ms.example",
        at: "2026-11-10T17:40:00.000Z",
        body: `Mellemfolkeligt Samvirkes frivillige vil gerne stå for maden igen, ligesom ved fællesspisningen i sommer. Vi laver en vegetarisk ret og en med kylling, så alle kan spise med.

Vi skal bruge et foreløbigt antal deltagere **senest tirsdag den 1. december** for at kunne handle ind. @yasmin.haddad, vil du tage tilmeldingen som sidst?`,
      },
      {
        author: "ngo@bispebjerg.example",
        at: "2026-11-11T09:25:00.000Z",
        body: `Ja, det gør jeg. Jeg laver en enkel tilmelding og en flyer på dansk, engelsk og arabisk. Udkastet ligger her: [flyer til fællesaftenen](https://materialer.bispebjerg.example/faellesaften-december) – kommentér gerne inden fredag.

@amira.khalil, har Børns Vilkår mulighed for at have et af bordene i samtalecaféen? Jeg tænker på noget om forældreskab og børns rettigheder.`,
      },
      {
        author: "amira.khalil@boernsvilkaar.example",
        at: "2026-11-12T12:10:00.000Z",
        body: `Det vil vi meget gerne. Vi tager et bord om **forældreskab og børns rettigheder** og tager samtalekort og pjecer med fra skoleindsatsen.

Samtalerne holder vi på et generelt plan: hvad siger loven, hvad gør skolerne, og hvor kan man få råd.`,
      },
      {
        author: "nadia.rahimi@dfh.example",
        at: "2026-11-13T08:55:00.000Z",
        body: `Dansk Flygtningehjælp kan stille med tre frivillige, der hjælper med at byde velkommen og holder et børnehjørne, så forældrene kan være med i samtalerne. To af dem taler arabisk og farsi, hvilket kan gøre det lettere at komme i snak.

Skal vi mødes en halv time før og aftale, hvem der tager hvilke borde?`,
      },
    ],
    // Yasmin wrote the fourth post and has not been back since: Amira and Nadia answered.
    unreadFor: { "ngo@bispebjerg.example": 2 },
  },
  {
    space: "bispebjerg-netvaerk",
    title: "Delt materiale: oversigt over rådgivning og sparring for fagpersoner",
    posts: [
      {
        author: "nadia.rahimi@dfh.example",
        at: "2026-11-17T09:05:00.000Z",
        body: `Vi har opdateret vores oversigt over, hvor lokale fagpersoner og frivillige kan søge råd og sparring om negativ social kontrol. Den fylder én side og er tænkt til opslagstavlen i personalerummet.

Den dækker bl.a.:

- Nationalt Center mod Æresrelaterede Konflikter
- kommunens egne tilbud om sparring, herunder Etnisk Konsulentteam
- lokale foreninger og netværkets kontaktpersoner

Find den her: [oversigt over rådgivning og sparring](https://materialer.bispebjerg.example/raadgivning-oversigt). Sig til, hvis noget mangler eller er forældet.`,
      },
      {
        author: "zainab.hussein@ncak.example",
        at: "2026-11-17T13:40:00.000Z",
        body: `Fin oversigt! Brug gerne centerets egen korte beskrivelse af rådgivningen, så teksten er den samme alle steder. Jeg sender den til dig i dag.`,
      },
      {
        author: "amira.khalil@boernsvilkaar.example",
        at: "2026-11-18T08:15:00.000Z",
        body: `Tak, Nadia. Jeg deler den med kontaktlærerne på de skoler i Bispebjerg, vi samarbejder med. Findes den også i en version til print i A3?`,
      },
      {
        author: "leyla.ozdemir@bif.example",
        at: "2026-11-19T11:30:00.000Z",
        body: `Jeg lægger den i netværkets fælles materialemappe og tager den med på næste netværksmøde, så vi kan aftale, hvem der holder den opdateret fremover.`,
      },
    ],
  },

  // ── Ekspertgruppen til forebyggelse af negativ social kontrol ─────────────────────────────
  {
    space: "ekspertgruppen",
    title: "Input til handleplan 2027–2030: hvilke indsatser skal fortsætte?",
    pinned: true,
    posts: [
      {
        author: "henrik.dahl.jensen@bif.example",
        at: "2026-11-02T09:00:00.000Z",
        body: `Kære alle

De fleste indsatser i Handleplan til forebyggelse af negativ social kontrol 2024–2026 udløber med udgangen af 2026, og det er endnu ikke besluttet, hvilke dele af indsatsviften der forlænges i den kommende handleplan for 2027–2030. Forvaltningen vil gerne have ekspertgruppens vurdering, og vi samler op på mødet den 9. december.

Indsatser, der udløber med udgangen af 2026:

- Undervisningstilbud til grundskoleelever (Børns Vilkår og C:NTACT, dele i samarbejde med BUF)
- Helhedsorienteret skoleindsats for elever, forældre og lærere (Børns Vilkår)
- Opkvalificering af fagpersoner på skoler, klubber mv. (Center for Digital Pædagogik med Etnisk Konsulentteam)
- „Ret til ligestilling – ret til arbejde“ (Dansk Flygtningehjælp)

Rettighedsvejlederne (til og med 2028), social kontrol-vejlederne i Jobcenter København (til og med 2029) og den områdebaserede indsats på Bispebjerg Bakke (til og med 2027) er ikke på valg nu, men kommentér gerne sammenhængen til dem.

Skriv gerne kort: **hvad bør fortsætte, hvad bør justeres, og hvad mangler?** Jeg har fastgjort tråden, så den er let at finde.`,
      },
      {
        author: "ekspert@boernsvilkaar.example",
        at: "2026-11-03T10:45:00.000Z",
        body: `Tak for en god ramme. Med det forbehold, at Børns Vilkår selv er udfører, vil jeg pege på tre ting:

1. **Sammenhængen** mellem undervisning af elever, forældredialog og opkvalificering af lærere er det, der virker. Skolerne fortæller, at enkeltstående oplæg hurtigt bliver glemt.
2. Undervisningstilbuddet og skoleindsatsen kunne med fordel samles i ét forløb, så skolerne kun skal forholde sig til én indgang.
3. Forældredialogen skal have mere tid. Den er sværest at få ind i kalenderen, men det er her, vi når længst.`,
      },
      {
        author: "rasmus.kjaer@cntact.example",
        at: "2026-11-04T14:20:00.000Z",
        body: `Enig med Sofie. Fra C:NTACT kan vi se, at de dialogbaserede forløb med teater og efterfølgende samtale i klassen giver eleverne et sprog for det, der ellers er svært at tale om.

Hvis indsatsen fortsætter, bør den nå flere skoler end i dag. @camilla.berg, hvordan ser BUF på kapaciteten, hvis vi skal udvide til flere skoler?`,
      },
      {
        author: "camilla.berg@buf.example",
        at: "2026-11-05T09:10:00.000Z",
        body: `Skolerne efterspørger forløbene, men de skal passe ind i skoleårets planlægning. Skal vi nå skoleåret 2027/28, har skolerne brug for en afklaring **inden sommerferien 2027**.

BUF kan fortsat være bindeled til skolerne, men vi vil anbefale en fast model med få, faste kontaktpersoner frem for en ny aftale med hver enkelt skole.`,
      },
      {
        author: "jonas.vestergaard@cdp.example",
        at: "2026-11-06T11:35:00.000Z",
        body: `For opkvalificeringen af fagpersoner er min anbefaling at fortsætte, men gøre tilbuddet mere fast: et grundkursus hvert halve år og korte opfølgningsmoduler. Den digitale side – kontrol via telefon og sociale medier – fylder mere og mere i de spørgsmål, vi får fra klubmedarbejderne.

Samarbejdet med Etnisk Konsulentteam har været afgørende, fordi fagpersonerne ved, hvor de kan søge sparring bagefter.`,
      },
      {
        author: "mikkel.thomsen@dfh.example",
        at: "2026-11-10T08:50:00.000Z",
        body: `Kurserne „Ret til ligestilling – ret til arbejde“ virker bedst, når de ligger tæt på deltagernes hverdag i boligområderne, og når jobcentret er med fra start. Vi anbefaler, at de fortsætter med et tættere samspil med social kontrol-vejlederne i Jobcenter København, som jo løber til og med 2029.

Det, der mangler, er en mere systematisk opfølgning på, hvad kurserne fører til i forhold til beskæftigelse.`,
      },
      {
        author: "henrik.dahl.jensen@bif.example",
        at: "2026-11-12T15:05:00.000Z",
        body: `Tak for mange gode input. Sekretariatet samler dem i et bilag til mødet den 9. december med disse foreløbige hovedpunkter:

- Skoleindsatserne samles i ét sammenhængende forløb med plads til forældredialog
- Opkvalificeringen gøres fast med grundkursus og opfølgning, også om den digitale side
- Kurserne kobles tættere til jobcentret og får en fælles opfølgning

Har I flere input, så skriv dem her inden fredag den 27. november.`,
      },
    ],
  },
  {
    space: "ekspertgruppen",
    title: "Status på rettighedsvejlederne, der løber til og med 2028",
    posts: [
      {
        author: "sekretariat@bif.example",
        at: "2026-11-16T10:00:00.000Z",
        body: `Som opfølgning på sidste møde kommer her en kort status på rettighedsvejlederne på de udvalgte ungdomsuddannelser. Indsatsen hører under „Et frit liv i Danmark“ og løber til og med 2028, så den fortsætter uanset indholdet af den nye handleplan.

- Rettighedsvejlederne har i efteråret undervist elever og holdt oplæg for lærerteams om rettigheder, ligestilling og demokratisk dannelse.
- Flere skoler ønsker faste temadage frem for enkeltstående oplæg.
- Vejlederne efterspørger et fælles netværk på tværs af skolerne og adgang til faglig sparring.

Spørgsmålet til gruppen er, hvordan vi bedst binder rettighedsvejlederne sammen med de øvrige indsatser frem mod 2028.`,
      },
      {
        author: "fatima.ali@sof.example",
        at: "2026-11-17T09:30:00.000Z",
        body: `Etnisk Konsulentteam giver gerne rettighedsvejlederne sparring, fx som et fast netværksmøde hver anden måned. Det vil også give en naturlig bro til den opkvalificering på skoler og i klubber, som vi i forvejen bidrager til.`,
      },
      {
        author: "zainab.hussein@ncak.example",
        at: "2026-11-18T14:15:00.000Z",
        body: `Fra centerets side kan vi bidrage med faglige oplæg til sådan et netværk og med materialer, der er udviklet under „Et frit liv i Danmark“, så vejlederne ikke skal opfinde det hele selv.`,
      },
      {
        author: "anders.lund@jobcenter.example",
        at: "2026-11-19T08:40:00.000Z",
        body: `Et perspektiv fra jobcentret: mange unge går direkte fra ungdomsuddannelse til job eller ledighed. Det ville være en fordel, hvis rettighedsvejlederne kender social kontrol-vejlederne i Jobcenter København, så fagpersonerne på begge sider af overgangen ved, hvem de kan søge sparring hos.`,
      },
    ],
  },
  {
    space: "ekspertgruppen",
    title: "Forberedelse af mødet den 9. december",
    posts: [
      {
        author: "sekretariat@bif.example",
        at: "2026-11-20T09:15:00.000Z",
        body: `Her er et udkast til dagsorden for ekspertgruppens møde **onsdag den 9. december kl. 13–16** i BIF:

1. Velkomst og opfølgning fra sidste møde
2. Input til handleplan 2027–2030 (se den fastgjorte tråd)
3. Status på rettighedsvejlederne
4. Ekspertgruppens rolle efter 2026
5. Eventuelt

Bilag udsendes senest onsdag den 2. december. @henrik.dahl.jensen, skal punkt 4 have mere tid, end der er lagt op til?`,
      },
      {
        author: "henrik.dahl.jensen@bif.example",
        at: "2026-11-20T13:30:00.000Z",
        body: `Ja, lad os give punkt 4 mindst en halv time. Gruppen følger i dag handleplanen til og med 2026, så vi skal drøfte, hvordan den bedst kan bidrage i den nye planperiode.`,
      },
      {
        author: "ekspert@boernsvilkaar.example",
        at: "2026-11-23T10:05:00.000Z",
        body: `Børns Vilkår sender et kort skriftligt input til punkt 2 inden mandag den 30. november, så det kan komme med som bilag.`,
      },
      {
        author: "anders.lund@jobcenter.example",
        at: "2026-11-24T08:20:00.000Z",
        body: `Jeg kan desværre ikke deltage fysisk den 9. december, men deltager gerne online under punkt 2 og 3, hvis det kan lade sig gøre. Ellers sender jeg mine kommentarer skriftligt inden mødet.`,
      },
    ],
    unreadFor: { "ekspert@boernsvilkaar.example": 1 },
  },

  // ── Følgegruppen ──────────────────────────────────────────────────────────────────────────
  {
    space: "foelgegruppen",
    title: "Input til evaluering af „Ret til ligestilling – ret til arbejde“ – frist 13. november",
    posts: [
      {
        author: "sekretariat@bif.example",
        at: "2026-11-04T09:20:00.000Z",
        body: `Dansk Flygtningehjælp afvikler kurserne „Ret til ligestilling – ret til arbejde“ i Jobcenter København og i boligområder frem til udgangen af 2026. Forvaltningen skal bruge et kort input fra medarbejderniveau til evalueringen:

- Hvad fungerer ved kursernes beskæftigelsesrettede sigte?
- Hvad skal der til, for at flere kolleger kender og bruger kurserne?

Svar gerne **senest fredag den 13. november**.`,
      },
      {
        author: "medarbejder@jobcenter.example",
        at: "2026-11-05T13:15:00.000Z",
        body: `Kollegerne oplever kurserne som et godt supplement, fordi rettigheder og beskæftigelse bliver koblet direkte. Det praktiske er udfordringen: holdstart og tidspunkter falder ofte sammen med andre forløb. En fast kalender for hele halvåret ville hjælpe.`,
      },
      {
        author: "fatima.ali@sof.example",
        at: "2026-11-06T10:00:00.000Z",
        body: `Kurserne i boligområderne har den fordel, at de ligger tæt på hverdagen. Etnisk Konsulentteam giver gerne Dansk Flygtningehjælps undervisere sparring om formidling og dilemmaer, hvis det er relevant.`,
      },
      {
        author: "emre.yilmaz@nordvestgym.example",
        at: "2026-11-10T16:05:00.000Z",
        body: `Fra ungdomsuddannelserne: en kortere version målrettet unge voksne på vej ud på arbejdsmarkedet kunne bygge bro til det, vi som rettighedsvejledere arbejder med på skolerne.`,
      },
      {
        author: "sekretariat@bif.example",
        at: "2026-11-13T14:40:00.000Z",
        body: `Tak for jeres input. Det går videre til evalueringen, og jeg orienterer følgegruppen, når forvaltningen har taget stilling til kursernes fremtid i den nye handleplan.`,
      },
    ],
  },
  {
    space: "foelgegruppen",
    title: "Hurtigt input: sparring fra social kontrol-vejlederne – frist fredag 27. november",
    posts: [
      {
        author: "lars.winther@bif.example",
        at: "2026-11-18T08:30:00.000Z",
        body: `Forvaltningen samler erfaringer med social kontrol-vejlederne i Jobcenter København til arbejdet med handleplanen for 2027–2030. Indsatsen løber til og med 2029, men vi vil gerne høre, hvordan sparringen fungerer set fra medarbejderniveau.

Tre spørgsmål:

1. Hvordan bliver medarbejderne opmærksomme på muligheden for sparring?
2. Hvad gør det let eller svært at søge sparring?
3. Hvordan kan registreringen blive enklere, så vi får et bedre billede af mørketallet?

Svar gerne her **senest fredag den 27. november kl. 12**. Korte svar i punktform er fint. Skriv om arbejdsgange og erfaringer – ikke om konkrete borgere eller sager.

@kasper.mortensen, du har tidligere nævnt introduktionen af nye kolleger. Den vil vi gerne høre mere om.`,
      },
      {
        author: "medarbejder@jobcenter.example",
        at: "2026-11-19T09:45:00.000Z",
        body: `Fra mit team:

- Vi hører om sparringen på teammøder og fra kolleger. Nye medarbejdere kender den ofte ikke de første måneder.
- Det er lettest, når man kan få en hurtig snak samme uge. Lange ventetider gør, at man lader være.
- Registreringsskemaet føles tungt midt i en travl dag.

Et forslag: et kort punkt om sparringen i introduktionsforløbet for nye medarbejdere.`,
      },
      {
        author: "marwa.saleh@jobcenter.example",
        at: "2026-11-19T14:10:00.000Z",
        body: `Tak, Kasper – det genkender vi. Siden oktober har vi haft fast træffetid tirsdag formiddag, og vi holder gerne et oplæg i introduktionsforløbet.

Om registreringen: vi arbejder på en kortere skabelon med færre fritekstfelter, så den tager få minutter at udfylde.`,
      },
      {
        author: "anders.lund@jobcenter.example",
        at: "2026-11-20T10:25:00.000Z",
        body: `Et supplement: det vil hjælpe, hvis skabelonen følger de kategorier, der bruges nationalt, så tallene kan sammenlignes. @lars.winther, jeg sender dig udkastet til den nye skabelon, så det kan komme med i forvaltningens opsamling.`,
      },
      {
        author: "camilla.berg@buf.example",
        at: "2026-11-23T12:00:00.000Z",
        body: `Fra BUF: vi har gode erfaringer med en fast kontaktperson på hver skole, som kollegerne kan gå til. Måske kan jobcentret bruge samme model, så der er en tovholder i hvert team?`,
      },
      {
        author: "lars.winther@bif.example",
        at: "2026-11-24T15:30:00.000Z",
        body: `Tak for hurtige og konkrete svar. Jeg samler det i et kort notat til forvaltningen. Foreløbige pointer:

- Sparringen skal med i introduktionen af nye medarbejdere
- Fast træffetid og en tovholder i hvert team gør det lettere at søge sparring
- En kortere registreringsskabelon, der følger de nationale kategorier

Fristen er stadig fredag kl. 12, hvis flere vil nå at bidrage.`,
      },
    ],
  },
];
