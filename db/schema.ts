import type { Generated, Insertable, Selectable } from "kysely";

/** Times are ISO-8601 UTC text; ids are random UUIDs; booleans are 0/1 integers (SQLite). */
export interface OrganisationTable {
  id: string;
  name: string;
  /** ngo | municipal | national_centre | education | housing | other */
  type: string;
  description: string;
  website: string | null;
  createdAt: string;
}

export interface UserTable {
  id: string;
  /** Always stored lower-cased and trimmed. */
  email: string;
  name: string;
  title: string | null;
  organisationId: string | null;
  /** Null until the person has set a password through an invitation. */
  passwordHash: string | null;
  isSiteAdmin: Generated<number>;
  /** active | deactivated */
  status: Generated<string>;
  /** da | en: the language of mails sent to this person. */
  locale: Generated<string>;
  bio: Generated<string>;
  phone: string | null;
  /** members: people sharing a current space see email and phone | nobody */
  contactVisibility: Generated<string>;
  /** Folded name, organisation, title and expertise (app/lib/search-fold.ts). */
  searchText: Generated<string>;
  createdAt: string;
  updatedAt: string;
}

export interface UserExpertiseTable {
  userId: string;
  tag: string;
}

export interface UserLanguageTable {
  userId: string;
  /** ISO 639-1 code, e.g. da, en, ar, tr. */
  language: string;
}

export interface SpaceTable {
  id: string;
  slug: string;
  name: string;
  /** local_network | expert_group | follow_up_group */
  kind: string;
  purpose: string;
  periodStart: string | null;
  periodEnd: string | null;
  /** private: only members see that the space's content exists. */
  visibility: Generated<string>;
  createdAt: string;
}

export interface MembershipTable {
  id: string;
  spaceId: string;
  userId: string;
  /** chair | secretariat | member | observer */
  role: string;
  appointedAt: string;
  /** Set when the membership ends; the row stays as history. */
  leftAt: string | null;
}

export interface SessionTable {
  /** SHA-256 of the token, hex: the token itself is never stored. */
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
}

export interface InvitationTable {
  id: string;
  email: string;
  tokenHash: string;
  invitedById: string;
  /** Optional space and role the person joins on accepting. */
  spaceId: string | null;
  role: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export interface PasswordResetTable {
  id: string;
  userId: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface OutboxMailTable {
  id: string;
  toAddress: string;
  subject: string;
  text: string;
  /** outbox (no SMTP configured) | smtp */
  transport: string;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
}

export interface AuditLogTable {
  id: string;
  actorId: string | null;
  /** dotted verb, e.g. invitation.created */
  action: string;
  subjectType: string;
  subjectId: string | null;
  spaceId: string | null;
  /** JSON text with the few details worth keeping; never passwords or tokens. */
  details: string;
  createdAt: string;
}

export interface ThreadTable {
  id: string;
  spaceId: string;
  title: string;
  authorId: string;
  /** meeting | agenda_item | document | initiative; with subjectId, what the thread is about. */
  subjectType: string | null;
  subjectId: string | null;
  lastSeq: Generated<number>;
  replyCount: Generated<number>;
  lastPostAt: string;
  pinnedAt: string | null;
  lockedAt: string | null;
  createdAt: string;
}

export interface PostTable {
  id: string;
  threadId: string;
  spaceId: string;
  /** Position in the thread, 1 = opening post; the catch-up cursor. */
  seq: number;
  authorId: string;
  clientId: string | null;
  body: string;
  bodyHtml: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hiddenAt: string | null;
  hiddenById: string | null;
  hiddenReason: string | null;
}

export interface PostRevisionTable {
  id: string;
  postId: string;
  body: string;
  editorId: string;
  replacedAt: string;
}

export interface PostMentionTable {
  postId: string;
  userId: string;
}

export interface ThreadReaderTable {
  threadId: string;
  userId: string;
  lastReadSeq: Generated<number>;
  previousReadSeq: Generated<number>;
  subscription: string | null;
  updatedAt: string;
}

export interface FolderTable {
  id: string;
  spaceId: string;
  name: string;
  createdAt: string;
}

export interface DocumentTable {
  id: string;
  spaceId: string;
  folderId: string | null;
  title: string;
  description: Generated<string>;
  documentDate: string | null;
  originOrganisationId: string | null;
  f2CaseNumber: string | null;
  f2DocumentNumber: string | null;
  edocCaseNumber: string | null;
  currentVersionId: string | null;
  createdById: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deletedById: string | null;
}

export interface DocumentTagTable {
  documentId: string;
  tag: string;
}

export interface DocumentVersionTable {
  id: string;
  documentId: string;
  spaceId: string;
  versionNo: number;
  blobHash: string;
  size: number;
  mimeType: string;
  originalName: string;
  note: Generated<string>;
  uploadedById: string;
  createdAt: string;
  extractionStatus: Generated<string>;
  extractedText: string | null;
}

export interface DocumentLinkTable {
  documentId: string;
  subjectType: string;
  subjectId: string;
}

export interface MeetingSeriesTable {
  id: string;
  spaceId: string;
  title: string;
  /** JSON of app/lib/recurrence.ts's RecurrenceRule. */
  rule: string;
  /** Wall-clock "HH:MM" in Europe/Copenhagen. */
  startTime: string;
  durationMinutes: number;
  firstDate: string;
  untilDate: string;
  createdById: string;
  createdAt: string;
}

export interface MeetingTable {
  id: string;
  spaceId: string;
  seriesId: string | null;
  /** The series date (YYYY-MM-DD) this occurrence stands for, kept when it is moved. */
  seriesDate: string | null;
  title: string;
  description: Generated<string>;
  startsAt: string;
  endsAt: string;
  place: Generated<string>;
  onlineUrl: string | null;
  /** draft | published | held | approved | cancelled */
  status: Generated<string>;
  publishedAt: string | null;
  cancelledAt: string | null;
  /** none | draft | circulated | approved */
  minutesStatus: Generated<string>;
  minutesVersion: Generated<number>;
  minutesCirculatedAt: string | null;
  /** iCalendar SEQUENCE, raised on every change a calendar must pick up. */
  calendarSequence: Generated<number>;
  createdById: string;
  createdAt: string;
  updatedAt: string;
}

export interface AgendaItemTable {
  id: string;
  meetingId: string;
  spaceId: string;
  parentId: string | null;
  position: number;
  title: string;
  description: Generated<string>;
  descriptionHtml: Generated<string>;
  presenter: Generated<string>;
  durationMinutes: Generated<number>;
  /** orientation | discussion | decision */
  kind: Generated<string>;
  /** accepted | proposed | declined */
  state: Generated<string>;
  proposedById: string | null;
  declineReason: string | null;
  isClosed: Generated<number>;
  minutesNotes: Generated<string>;
  minutesDecision: Generated<string>;
  createdById: string;
  createdAt: string;
  updatedAt: string;
}

export interface AgendaItemAccessTable {
  agendaItemId: string;
  userId: string;
}

export interface AgendaItemLinkTable {
  id: string;
  agendaItemId: string;
  title: string;
  url: string;
  createdAt: string;
}

export interface AttendanceTable {
  meetingId: string;
  userId: string;
  /** attending | absent | maybe */
  response: string;
  note: Generated<string>;
  respondedAt: string;
}

export interface MinutesVersionTable {
  id: string;
  meetingId: string;
  versionNo: number;
  /** JSON: [{ agendaItemId, title, isClosed, notes, decision }] as approved. */
  snapshot: string;
  approvedById: string;
  approvedAt: string;
}

export interface MinutesCommentTable {
  id: string;
  meetingId: string;
  minutesVersion: number;
  authorId: string;
  body: string;
  createdAt: string;
}

export interface ActionItemTable {
  id: string;
  spaceId: string;
  meetingId: string | null;
  agendaItemId: string | null;
  title: string;
  description: Generated<string>;
  assigneeUserId: string | null;
  assigneeOrganisationId: string | null;
  /** YYYY-MM-DD in Copenhagen. */
  dueDate: string | null;
  /** open | in_progress | done */
  status: Generated<string>;
  completedAt: string | null;
  createdById: string;
  createdAt: string;
  updatedAt: string;
}

export interface CalendarFeedTable {
  userId: string;
  tokenHash: string;
  createdAt: string;
}

// ---- Action plan (migration 0006) ----------------------------------------------------------

export interface PlanTable {
  id: string;
  title: string;
  /** YYYY-MM-DD, both included. */
  periodStart: string;
  periodEnd: string;
  description: Generated<string>;
  f2CaseNumber: string | null;
  f2DocumentNumber: string | null;
  edocCaseNumber: string | null;
  createdById: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InitiativeTable {
  id: string;
  planId: string;
  title: string;
  description: Generated<string>;
  /** children_youth | adults | civil_society */
  targetGroup: string;
  ownerOrganisationId: string;
  fundingContext: Generated<string>;
  /** YYYY-MM-DD. */
  startDate: string;
  endDate: string;
  /** running | ending | proposed_continuation | continued | ended */
  status: Generated<string>;
  createdById: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InitiativePartnerTable {
  initiativeId: string;
  organisationId: string;
}

export interface InitiativeUpdateTable {
  id: string;
  initiativeId: string;
  authorId: string;
  body: string;
  bodyHtml: string;
  createdAt: string;
}

export interface InitiativeLinkTable {
  initiativeId: string;
  /** meeting | agenda_item */
  subjectType: string;
  subjectId: string;
  createdById: string;
  createdAt: string;
}

export interface RecommendationRoundTable {
  id: string;
  planId: string;
  /** The space whose current members (not observers) answer: the expert group. */
  spaceId: string;
  question: string;
  /** ISO UTC instant. */
  deadline: string;
  openedById: string;
  createdAt: string;
  closedAt: string | null;
}

export interface RecommendationTable {
  id: string;
  roundId: string;
  spaceId: string;
  initiativeId: string;
  userId: string;
  /** continue | adjust | end */
  stance: string;
  reason: string;
  createdAt: string;
  updatedAt: string;
}

// ---- Consultations (høringer; migration 0007) ----------------------------------------------

export interface ConsultationTable {
  id: string;
  spaceId: string;
  title: string;
  /** Markdown as typed; questionHtml is its rendering (raw HTML off). */
  question: string;
  questionHtml: string;
  /** UTC instant; entered as Copenhagen wall-clock time. */
  deadline: string;
  /** all | chosen */
  audience: string;
  /** members | secretariat: who besides the author reads the answers. */
  answerVisibility: string;
  outcome: string | null;
  outcomeHtml: string | null;
  closedAt: string | null;
  closedById: string | null;
  /** Set when the automatic reminder went out (or was claimed), so it goes out once. */
  autoRemindedAt: string | null;
  createdById: string;
  createdAt: string;
  updatedAt: string;
}

export interface ConsultationRecipientTable {
  consultationId: string;
  spaceId: string;
  userId: string;
  askedAt: string;
  lastRemindedAt: string | null;
}

export interface ConsultationAnswerTable {
  id: string;
  consultationId: string;
  spaceId: string;
  userId: string;
  body: string;
  bodyHtml: string;
  /** agree | partly | disagree | none; null when no stance was given. */
  stance: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ConsultationReminderTable {
  id: string;
  consultationId: string;
  spaceId: string;
  /** manual | automatic */
  kind: string;
  sentById: string | null;
  recipientCount: number;
  sentAt: string;
}

// ---- Local activities and key-person training (migration 0008) ----

export interface ActivityTable {
  id: string;
  spaceId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  /** children | youth | parents | women | men | families | professionals | everyone */
  targetGroup: string;
  organiserOrganisationId: string | null;
  /** A professional contact at the organiser; never a citizen. */
  contactName: Generated<string>;
  contactDetails: Generated<string>;
  description: Generated<string>;
  descriptionHtml: Generated<string>;
  /** planned | cancelled */
  status: Generated<string>;
  cancelledAt: string | null;
  /** iCalendar SEQUENCE, raised on every change. */
  calendarSequence: Generated<number>;
  createdById: string;
  createdAt: string;
  updatedAt: string;
}

export interface TrainingCourseTable {
  id: string;
  spaceId: string;
  title: string;
  description: Generated<string>;
  descriptionHtml: Generated<string>;
  organiser: Generated<string>;
  createdById: string;
  createdAt: string;
  updatedAt: string;
}

export interface TrainingSessionTable {
  id: string;
  courseId: string;
  spaceId: string;
  startsAt: string;
  endsAt: string;
  place: Generated<string>;
  teachers: Generated<string>;
  createdAt: string;
}

export interface TrainingParticipantTable {
  courseId: string;
  userId: string;
  spaceId: string;
  addedById: string;
  addedAt: string;
  /** Set when the secretariat marks the course completed: the person is then a key person. */
  completedAt: string | null;
  completedById: string | null;
}

export interface TrainingAttendanceTable {
  sessionId: string;
  userId: string;
  spaceId: string;
  /** 1 present, 0 absent. */
  present: number;
  recordedById: string;
  recordedAt: string;
}

export interface DB {
  organisation: OrganisationTable;
  user: UserTable;
  space: SpaceTable;
  membership: MembershipTable;
  session: SessionTable;
  invitation: InvitationTable;
  passwordReset: PasswordResetTable;
  outboxMail: OutboxMailTable;
  auditLog: AuditLogTable;
  userExpertise: UserExpertiseTable;
  userLanguage: UserLanguageTable;
  thread: ThreadTable;
  post: PostTable;
  postRevision: PostRevisionTable;
  postMention: PostMentionTable;
  threadReader: ThreadReaderTable;
  folder: FolderTable;
  document: DocumentTable;
  documentTag: DocumentTagTable;
  documentVersion: DocumentVersionTable;
  documentLink: DocumentLinkTable;
  meetingSeries: MeetingSeriesTable;
  meeting: MeetingTable;
  agendaItem: AgendaItemTable;
  agendaItemAccess: AgendaItemAccessTable;
  agendaItemLink: AgendaItemLinkTable;
  attendance: AttendanceTable;
  minutesVersion: MinutesVersionTable;
  minutesComment: MinutesCommentTable;
  actionItem: ActionItemTable;
  calendarFeed: CalendarFeedTable;
  plan: PlanTable;
  initiative: InitiativeTable;
  initiativePartner: InitiativePartnerTable;
  initiativeUpdate: InitiativeUpdateTable;
  initiativeLink: InitiativeLinkTable;
  recommendationRound: RecommendationRoundTable;
  recommendation: RecommendationTable;
  consultation: ConsultationTable;
  consultationRecipient: ConsultationRecipientTable;
  consultationAnswer: ConsultationAnswerTable;
  consultationReminder: ConsultationReminderTable;
  activity: ActivityTable;
  trainingCourse: TrainingCourseTable;
  trainingSession: TrainingSessionTable;
  trainingParticipant: TrainingParticipantTable;
  trainingAttendance: TrainingAttendanceTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type Space = Selectable<SpaceTable>;
