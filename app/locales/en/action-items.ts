import type { Shape } from "../shape";
import type da from "../da/action-items";

const actionItems: Shape<typeof da> = {
  title: "Action items",
  nav: "My action items",
  myTitle: "My action items",
  myIntro:
    "Action items in your spaces assigned to you or your organisation. Overdue ones come first.",
  none: "No action items.",
  filter: "Show",
  filterSubmit: "Show",
  filters: {
    open: "Open",
    overdue: "Overdue",
    done: "Done",
    all: "All",
  },
  status: {
    label: "Status",
    open: "Open",
    in_progress: "In progress",
    done: "Done",
  },
  overdue: "Overdue",
  dueDate: "Due",
  noDueDate: "No due date",
  assignee: "Assignee",
  unassigned: "Unassigned",
  assigneePeople: "People",
  assigneeOrganisations: "Organisations",
  space: "Space",
  fromMeeting: "From the meeting {{meeting}}, item: {{item}}",
  completedAt: "Done {{date}}",
  updateStatus: "Change the status of {{title}}",
  saveStatus: "Save status",
  statusSaved: "The status is saved.",
  create: "New action item",
  fields: {
    title: "Title",
    description: "Description",
    assignee: "Assignee",
    dueDate: "Due date",
    agendaItem: "Agenda item",
  },
  submit: "Create action item",
  created: "The action item was created.",
  errors: {
    dueDate: "Write the due date as a valid date (YYYY-MM-DD).",
    assignee: "Choose an assignee who is a member of the space, or an organisation from the list.",
    agendaItem: "The agenda item does not exist in this space.",
    status: "Choose a valid status.",
  },
};

export default actionItems;
