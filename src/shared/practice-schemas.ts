/**
 * The zod schemas of the practice data (PRC, GRP-3, GRP-4, ACC-8): contacts, matters, tasks,
 * calendar events, calendars and secure messages. Used by the server and the console alike.
 */
import { z } from "zod";
import { LIMITS } from "./limits.js";
import { ACCESS_KINDS, MATTER_STATUSES } from "./practice-enums.js";
import { cursorQuery, emailField, isoTime, userRef } from "./schemas.js";

// PostgreSQL cannot store NUL, and no name or title needs a control character (text that spans
// lines keeps its tabs and line breaks); a lone surrogate is half a character, which no
// database stores faithfully.
const hasControl = (v: string, multiline: boolean) =>
  [...v].some((ch) => {
    const c = ch.codePointAt(0)!;
    return c === 0x7f || (c < 0x20 && !(multiline && (c === 0x09 || c === 0x0a || c === 0x0d)));
  });
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const checked = (s: z.ZodString, multiline: boolean) =>
  s
    .refine((v) => !hasControl(v, multiline), { message: "Control characters are not allowed.", abort: true })
    .refine((v) => !LONE_SURROGATE.test(v), "Contains a broken character.");

/** One line of text: trimmed, not empty, at most `max` characters. */
export const lineField = (max: number) => checked(z.string().trim().min(1, "Required.").max(max, `At most ${max} characters.`), false);
/** Text that may span lines: trimmed, not empty, at most `max` characters. */
export const textField = (max: number) => checked(z.string().trim().min(1, "Required.").max(max, `At most ${max} characters.`), true);
/** An id given in a body or a query; what it names is checked by the use case. */
export const idField = z.string().trim().min(1, "Required.").max(100, "This is not a valid id.");
const idList = (max: number) => z.array(idField).max(max, `At most ${max}.`);

const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(10000, 0, 1);
/** A moment of practice data: ISO 8601 UTC, between 1900 and 9999. */
export const practiceTime = isoTime.refine((v) => {
  const t = Date.parse(v);
  return t >= EARLIEST && t < LATEST;
}, "Use a time between the years 1900 and 9999.");

const trueFalse = z.enum(["true", "false"]);

/** A request body's example for the OpenAPI document, checked against the schema's input type. */
const withExample = <T extends z.ZodType>(schema: T, example: z.input<T>): T => schema.meta({ examples: [example] });

const USER_ID = "5b2f7c1e-3d4a-4e8b-9f60-1a2b3c4d5e6f";
const OTHER_USER_ID = "8c9d0e1f-2a3b-4c5d-8e7f-9a0b1c2d3e4f";
const GROUP_ID = "0f1e2d3c-4b5a-4968-8776-655443322110";
const CONTACT_ID = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
const MATTER_ID = "d4c3b2a1-f6e5-4b7a-9d8c-5d4c3b2a1f0e";

// ---------------------------------------------------------------------------------------------
// References inside records (PRC-3).

export const contactRef = z.object({ id: z.string(), name: z.string() });
export const matterRef = z.object({ id: z.string(), number: z.string(), description: z.string() });
const groupRef = z.object({ id: z.string(), name: z.string(), archived: z.boolean() });
const abilities = z.record(z.string(), z.boolean());

// ---------------------------------------------------------------------------------------------
// Custom rates (GRP-4).

export const customRateField = z
  .strictObject({
    user_id: idField.optional(),
    group_id: idField.optional(),
    rate_cents: z.number().int("Use a whole number of cents.").min(0, "At least 0.").max(LIMITS.rateCentsMax, `At most ${LIMITS.rateCentsMax}.`),
  })
  .superRefine((v, ctx) => {
    if ((v.user_id === undefined) === (v.group_id === undefined)) {
      ctx.addIssue({ code: "custom", path: [v.user_id === undefined ? "user_id" : "group_id"], message: "Give either user_id or group_id." });
    }
  });
export const customRatesField = z.array(customRateField).max(LIMITS.customRatesMax, `At most ${LIMITS.customRatesMax} rates.`);
export type CustomRateInput = z.infer<typeof customRateField>;

export const customRateOut = z.object({
  user_id: z.string().nullable(),
  group_id: z.string().nullable(),
  rate_cents: z.number().int(),
  user: userRef.nullable(),
  group: groupRef.nullable(),
});

/** GRP-4: the rate that applies to a user on a matter, and where it comes from. */
export const effectiveRateQuery = z.object({ user_id: idField });
export const effectiveRateOut = z.object({
  user_id: z.string(),
  rate_cents: z.number().int().nullable(),
  source: z.enum(["matter_user", "matter_group", "client_user", "client_group"]).nullable(),
  group_id: z.string().nullable(),
});

// ---------------------------------------------------------------------------------------------
// Contacts.

const contactFields = {
  name: lineField(LIMITS.contactNameMax),
  email: emailField.nullable().optional(),
  custom_rates: customRatesField.optional(),
};
export const createContactBody = withExample(z.strictObject(contactFields), {
  name: "Harbour Holdings Ltd",
  email: "office@harbour.example",
  custom_rates: [{ group_id: GROUP_ID, rate_cents: 32_500 }],
});
export const updateContactBody = withExample(z.strictObject(contactFields).partial(), { email: "legal@harbour.example" });
export type ContactInput = z.infer<typeof updateContactBody>;

export const contactOut = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  custom_rates: z.array(customRateOut),
  created_at: isoTime,
  updated_at: isoTime,
  abilities,
});

export const contactsQuery = cursorQuery.extend({ q: z.string().trim().max(200).optional() });

// ---------------------------------------------------------------------------------------------
// Matters (PRC-1, GRP-3, PRC-7).

export { ACCESS_KINDS, MATTER_STATUSES };

export const accessField = z
  .strictObject({
    kind: z.enum(ACCESS_KINDS),
    group_ids: idList(LIMITS.matterGroupsMax).optional(),
    owner_id: idField.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "groups" && !v.group_ids?.length) ctx.addIssue({ code: "custom", path: ["group_ids"], message: "Choose at least one group." });
    if (v.kind !== "groups" && v.group_ids?.length) ctx.addIssue({ code: "custom", path: ["group_ids"], message: "Groups are only for access by groups." });
    if (v.kind !== "private" && v.owner_id !== undefined) ctx.addIssue({ code: "custom", path: ["owner_id"], message: "Only a private matter has an owner." });
  });
export type AccessInput = z.infer<typeof accessField>;

const matterFields = {
  number: lineField(LIMITS.matterNumberMax),
  description: textField(LIMITS.matterDescriptionMax),
  status: z.enum(MATTER_STATUSES).optional(),
  responsible_attorney_id: idField,
  originating_attorney_id: idField,
  access: accessField.optional(),
  client_id: idField.nullable().optional(),
  custom_rates: customRatesField.optional(),
};
export const createMatterBody = withExample(z.strictObject(matterFields), {
  number: "2026-0142",
  description: "Harbour Holdings: lease of the Bayside warehouse",
  status: "open",
  responsible_attorney_id: USER_ID,
  originating_attorney_id: OTHER_USER_ID,
  access: { kind: "groups", group_ids: [GROUP_ID] },
  client_id: CONTACT_ID,
  custom_rates: [{ user_id: USER_ID, rate_cents: 45_000 }],
});
export const updateMatterBody = withExample(z.strictObject(matterFields).partial(), { status: "closed", responsible_attorney_id: OTHER_USER_ID });
export type CreateMatterInput = z.infer<typeof createMatterBody>;
export type UpdateMatterInput = z.infer<typeof updateMatterBody>;

export const matterOut = z.object({
  id: z.string(),
  number: z.string(),
  description: z.string(),
  status: z.enum(MATTER_STATUSES),
  status_changed_at: isoTime,
  responsible_attorney: userRef,
  originating_attorney: userRef,
  client: contactRef.nullable(),
  access: z.object({ kind: z.enum(ACCESS_KINDS), group_ids: z.array(z.string()), owner_id: z.string().nullable() }),
  groups: z.array(groupRef),
  custom_rates: z.array(customRateOut),
  created_at: isoTime,
  updated_at: isoTime,
  abilities,
});

const matterFilters = {
  status: z.enum(MATTER_STATUSES).optional(),
  responsible_attorney_id: idField.optional(),
  originating_attorney_id: idField.optional(),
  client_id: idField.optional(),
  q: z.string().trim().max(200).optional(),
};
export const mattersQuery = cursorQuery.extend(matterFilters);
export const matterCountQuery = z.object(matterFilters);
export type MatterFilters = z.infer<typeof matterCountQuery>;
export const countOut = z.object({ count: z.number().int() });

// ---------------------------------------------------------------------------------------------
// Tasks (PRC-5).

const taskFields = {
  name: lineField(LIMITS.taskNameMax),
  matter_id: idField.nullable().optional(),
  assignee_id: idField,
  due_at: practiceTime.nullable().optional(),
  completed_at: practiceTime.nullable().optional(),
};
export const createTaskBody = withExample(z.strictObject(taskFields), {
  name: "File the lease with the land registry",
  matter_id: MATTER_ID,
  assignee_id: USER_ID,
  due_at: "2026-12-01T17:00:00.000Z",
});
export const updateTaskBody = withExample(
  z
    .strictObject({
      ...taskFields,
      /** `true` completes the task now by the server's clock (a browser's clock may run ahead); `false` reopens it. */
      completed: z.boolean(),
    })
    .partial()
    .refine((v) => v.completed === undefined || v.completed_at === undefined, { path: ["completed"], message: "Give completed or completed_at, not both." }),
  { completed_at: "2026-11-30T15:12:00.000Z" },
);
export type CreateTaskInput = z.infer<typeof createTaskBody>;
export type UpdateTaskInput = z.infer<typeof updateTaskBody>;

export const taskOut = z.object({
  id: z.string(),
  name: z.string(),
  matter: matterRef.nullable(),
  assignee: userRef,
  due_at: isoTime.nullable(),
  completed_at: isoTime.nullable(),
  completed_by: userRef.nullable(),
  created_at: isoTime,
  updated_at: isoTime,
  abilities,
});

export const tasksQuery = cursorQuery.extend({
  assignee_id: idField.optional(),
  matter_id: idField.optional(),
  completed: trueFalse.optional(),
  q: z.string().trim().max(200).optional(),
});

// ---------------------------------------------------------------------------------------------
// Calendar events (PRC-6, ACC-8) and calendars (PRC-9).

export const conferenceField = z.strictObject({
  provider: lineField(LIMITS.conferenceProviderMax),
  url: z
    .string()
    .trim()
    .max(LIMITS.urlMax, `At most ${LIMITS.urlMax} characters.`)
    .pipe(z.url({ protocol: /^https$/, message: "Use an https:// link." })),
});

const eventFields = {
  title: lineField(LIMITS.eventTitleMax),
  start_at: practiceTime,
  end_at: practiceTime,
  matter_id: idField.nullable().optional(),
  owner_id: idField,
  /** ACC-8: `firm` puts the event on the firm calendar, which only the primary subscriber manages. */
  calendar: z.enum(["user", "firm"]).optional(),
  attendee_ids: idList(LIMITS.attendeesMax).optional(),
  conference: conferenceField.nullable().optional(),
};
export const createEventBody = withExample(
  z.strictObject(eventFields).superRefine((v, ctx) => {
    if (Date.parse(v.end_at) < Date.parse(v.start_at)) ctx.addIssue({ code: "custom", path: ["end_at"], message: "The end cannot be before the start." });
  }),
  {
    title: "Signing with Harbour Holdings",
    start_at: "2026-12-02T15:00:00.000Z",
    end_at: "2026-12-02T16:00:00.000Z",
    matter_id: MATTER_ID,
    owner_id: USER_ID,
    attendee_ids: [OTHER_USER_ID],
    conference: { provider: "zoom", url: "https://zoom.example/j/81234567890" },
  },
);
export const updateEventBody = withExample(z.strictObject(eventFields).partial(), { start_at: "2026-12-02T16:00:00.000Z", end_at: "2026-12-02T17:00:00.000Z" });
export type CreateEventInput = z.infer<typeof createEventBody>;
export type UpdateEventInput = z.infer<typeof updateEventBody>;

export const eventOut = z.object({
  id: z.string(),
  title: z.string(),
  start_at: isoTime,
  end_at: isoTime,
  matter: matterRef.nullable(),
  calendar: z.enum(["user", "firm"]),
  /** The calendar holding it, as `GET /calendars` names it. */
  calendar_id: z.string(),
  owner: userRef,
  attendees: z.array(userRef),
  conference: z.object({ provider: z.string(), url: z.string(), created_by: userRef, created_at: isoTime }).nullable(),
  created_at: isoTime,
  updated_at: isoTime,
  abilities,
});

export const eventsQuery = cursorQuery.extend({
  owner_id: idField.optional(),
  matter_id: idField.optional(),
  attendee_id: idField.optional(),
  calendar: z.enum(["user", "firm"]).optional(),
  /** Events that end at or after this moment. */
  from: practiceTime.optional(),
  /** Events that start before this moment. */
  to: practiceTime.optional(),
});

export const calendarOut = z.object({
  id: z.string(),
  kind: z.enum(["user", "firm"]),
  owner_id: z.string().nullable(),
  name: z.string(),
  visible: z.boolean(),
  abilities,
});
export const calendarsQuery = cursorQuery.extend({ visible: trueFalse.optional(), q: z.string().trim().max(200).optional() });
export const visibleCalendarsBody = withExample(z.strictObject({ user_ids: idList(LIMITS.visibleCalendarsMax) }), { user_ids: [USER_ID, OTHER_USER_ID] });
export const visibleCalendarsOut = z.object({ user_ids: z.array(z.string()) });

// ---------------------------------------------------------------------------------------------
// Secure messages (PRC-8).

export const createThreadBody = withExample(
  z.strictObject({
    subject: lineField(LIMITS.threadSubjectMax),
    matter_id: idField.nullable().optional(),
    participant_user_ids: idList(LIMITS.participantsMax),
    participant_contact_ids: idList(LIMITS.participantsMax).optional(),
  }),
  { subject: "The signed lease", matter_id: MATTER_ID, participant_user_ids: [OTHER_USER_ID], participant_contact_ids: [CONTACT_ID] },
);
export type CreateThreadInput = z.infer<typeof createThreadBody>;

export const threadOut = z.object({
  id: z.string(),
  subject: z.string(),
  matter: matterRef.nullable(),
  participant_users: z.array(userRef),
  participant_contacts: z.array(contactRef),
  created_by: userRef,
  created_at: isoTime,
  last_activity_at: isoTime,
  message_count: z.number().int(),
  abilities,
});

export const threadsQuery = cursorQuery.extend({
  matter_id: idField.optional(),
  participant_user_id: idField.optional(),
  contact_id: idField.optional(),
});

export const postMessageBody = withExample(z.strictObject({ body: textField(LIMITS.messageBodyMax) }), { body: "Attached is the lease, signed on our side.\nPlease countersign by Friday." });
export const messageOut = z.object({ id: z.string(), thread_id: z.string(), author: userRef, body: z.string(), created_at: isoTime });
