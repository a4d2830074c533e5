import type { Shape } from "../shape";
import type da from "../da/calendar";

const calendar: Shape<typeof da> = {
  title: "Calendar",
  intro:
    "With your personal calendar link you can see the meetings of your spaces in your own calendar, such as Outlook or Google Calendar. Your calendar fetches changes by itself, so a meeting that is moved or cancelled is moved or cancelled for you too.",
  contents:
    "The calendar shows the meetings of the spaces you are a member of: every upcoming meeting and the meetings of the past year. If you leave a space, its meetings disappear from the calendar.",
  privateHeading: "The link is personal",
  private:
    "Anyone who knows the link can see your meetings, even without signing in, so do not share it. If the link gets out, renew it: the old link then stops working at once.",
  onceOnly:
    "The hub does not keep the link itself, only a fingerprint of it. That is why the link is shown only once, right after you create or renew it. If you have lost it, renew the link and add the new one to your calendar.",
  noFeed: "You do not have a calendar link yet.",
  hasFeed: "You have a calendar link, created {{date}}.",
  create: "Create calendar link",
  renew: "Renew calendar link",
  renewWarning: "When you renew, the old link stops working, also in the calendars that use it.",
  created: "Your calendar link has been created.",
  renewed: "Your calendar link has been renewed. The old link no longer works.",
  copyNow: "Copy the link now. It will not be shown again.",
  feedUrl: "Your calendar link",
  alreadyExists: "You already have a calendar link. Renew it if you need a new one.",
  nothingToRenew: "You have no calendar link to renew. Create one first.",
  howToHeading: "How to add the calendar",
  outlookHeading: "Outlook",
  outlookSteps:
    "Go to Calendar, choose “Add calendar” and then “Subscribe from web”. Paste the link, name the calendar and choose “Import”.",
  googleHeading: "Google Calendar",
  googleSteps:
    "Open Google Calendar in a browser. Click the plus next to “Other calendars”, choose “From URL”, paste the link and choose “Add calendar”. Google fetches changes a few times a day, so a moved meeting may take a while to show.",
  appleHeading: "Apple Calendar",
  appleSteps: "Choose File › New Calendar Subscription, paste the link and choose “Subscribe”.",
  singleHint:
    "If you only want a single meeting in your calendar, download it as an .ics file from the meeting's page.",
  link: "Calendar link for your meetings",
  linkHint: "See your meetings in Outlook or Google Calendar.",
  feedName: "Collaboration hub: meetings",
  cancelledSummary: "CANCELLED: {{title}}",
  agenda: "Agenda:",
  meetingPage: "Meeting page: {{url}}",
  online: "Online: {{url}}",
};

export default calendar;
