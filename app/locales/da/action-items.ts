// Texts for action items in a space and "My action items"; Danish is the source.
const actionItems = {
  title: "Opfølgningspunkter",
  nav: "Mine opfølgningspunkter",
  myTitle: "Mine opfølgningspunkter",
  myIntro:
    "Opfølgningspunkter i dine rum, der er tildelt dig eller din organisation. Overskredne står først.",
  none: "Ingen opfølgningspunkter.",
  filter: "Vis",
  filterSubmit: "Vis",
  filters: {
    open: "Åbne",
    overdue: "Overskredne",
    done: "Udførte",
    all: "Alle",
  },
  status: {
    label: "Status",
    open: "Åben",
    in_progress: "I gang",
    done: "Udført",
  },
  overdue: "Overskredet",
  dueDate: "Frist",
  noDueDate: "Ingen frist",
  assignee: "Ansvarlig",
  unassigned: "Ikke tildelt",
  assigneePeople: "Personer",
  assigneeOrganisations: "Organisationer",
  space: "Rum",
  fromMeeting: "Fra mødet {{meeting}}, punkt: {{item}}",
  completedAt: "Udført {{date}}",
  updateStatus: "Skift status for {{title}}",
  saveStatus: "Gem status",
  statusSaved: "Status er gemt.",
  create: "Nyt opfølgningspunkt",
  fields: {
    title: "Titel",
    description: "Beskrivelse",
    assignee: "Ansvarlig",
    dueDate: "Frist",
    agendaItem: "Dagsordenspunkt",
  },
  submit: "Opret opfølgningspunkt",
  created: "Opfølgningspunktet er oprettet.",
  errors: {
    dueDate: "Skriv fristen som en gyldig dato (ÅÅÅÅ-MM-DD).",
    assignee: "Vælg en ansvarlig, der er medlem af rummet, eller en organisation fra listen.",
    agendaItem: "Dagsordenspunktet findes ikke i dette rum.",
    status: "Vælg en gyldig status.",
  },
};

export default actionItems;
