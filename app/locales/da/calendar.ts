// Texts for the personal calendar feed and .ics downloads; Danish is the source.
const calendar = {
  title: "Kalender",
  intro:
    "Med dit personlige kalenderlink kan du se møderne i dine rum i din egen kalender, fx Outlook eller Google Kalender. Kalenderen henter selv ændringer, så et flyttet eller aflyst møde også bliver flyttet eller aflyst hos dig.",
  contents:
    "Kalenderen viser møderne i de rum, du er medlem af: alle kommende møder og møderne fra det seneste år. Forlader du et rum, forsvinder dets møder fra kalenderen.",
  privateHeading: "Linket er personligt",
  private:
    "Alle, der kender linket, kan se dine møder, også uden at logge ind. Del det derfor ikke med andre. Kommer linket på afveje, så forny det: Så holder det gamle link op med at virke med det samme.",
  onceOnly:
    "Hubben gemmer ikke selve linket, kun et fingeraftryk af det. Derfor vises linket kun én gang, lige når du har oprettet eller fornyet det. Har du mistet det, så forny linket og tilføj det nye i din kalender.",
  noFeed: "Du har ikke et kalenderlink endnu.",
  hasFeed: "Du har et kalenderlink, oprettet {{date}}.",
  create: "Opret kalenderlink",
  renew: "Forny kalenderlink",
  renewWarning:
    "Når du fornyer, holder det gamle link op med at virke, også i de kalendere, der bruger det.",
  created: "Dit kalenderlink er oprettet.",
  renewed: "Dit kalenderlink er fornyet. Det gamle link virker ikke længere.",
  copyNow: "Kopiér linket nu. Det vises ikke igen.",
  feedUrl: "Dit kalenderlink",
  alreadyExists: "Du har allerede et kalenderlink. Forny det, hvis du har brug for et nyt.",
  nothingToRenew: "Du har ikke et kalenderlink at forny. Opret et først.",
  howToHeading: "Sådan tilføjer du kalenderen",
  outlookHeading: "Outlook",
  outlookSteps:
    "Gå til Kalender, vælg »Tilføj kalender« og derefter »Abonner fra internettet«. Indsæt linket, giv kalenderen et navn, og vælg »Importér«.",
  googleHeading: "Google Kalender",
  googleSteps:
    "Åbn Google Kalender i en browser. Klik på plusset ved »Andre kalendere«, vælg »Fra webadresse«, indsæt linket og vælg »Tilføj kalender«. Google henter ændringer nogle gange i døgnet, så der kan gå lidt tid, før et flyttet møde ses.",
  appleHeading: "Apple Kalender",
  appleSteps: "Vælg Arkiv › Nyt kalenderabonnement, indsæt linket og vælg »Abonner«.",
  singleHint:
    "Vil du kun have et enkelt møde i kalenderen, kan du hente det som en .ics-fil fra mødets side.",
  link: "Kalenderlink til dine møder",
  linkHint: "Se dine møder i Outlook eller Google Kalender.",
  // In the .ics file itself, in the feed owner's language.
  feedName: "Samarbejdshub: møder",
  cancelledSummary: "AFLYST: {{title}}",
  agenda: "Dagsorden:",
  meetingPage: "Mødeside: {{url}}",
  online: "Online: {{url}}",
};

export default calendar;
