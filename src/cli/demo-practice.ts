/**
 * OPS-6: the demo firm's practice, made through the same use cases as the API, so every record
 * obeys the rules: matters open, pending and closed, by everyone, groups or privately, with
 * clients and custom rates; tasks done, past due, upcoming and without a matter; events past and
 * upcoming, with video links and attendees, on the firm calendar too; threads of a matter,
 * between colleagues and with clients. Sarah Lindqvist (going on leave) holds work of every
 * kind that reassignment distinguishes, and Michael Brennan (retired) is deactivated last with
 * his work left where it is, so records read `(Inactive) Michael Brennan` and some of his work
 * waits for an administrator to reassign it.
 */
import type { Tx } from "../db/client.js";
import type { Clock } from "../domain/clock.js";
import type { ActorContext } from "../domain/context.js";
import { setArchived } from "../domain/groups/archive-group.js";
import { createGroup } from "../domain/groups/create-group.js";
import { createEvent } from "../domain/practice/calendar/create-event.js";
import { setVisibleCalendars } from "../domain/practice/calendar/set-visible-calendars.js";
import { createContact } from "../domain/practice/contacts/create-contact.js";
import { createMatter } from "../domain/practice/matters/create-matter.js";
import { createThread } from "../domain/practice/messages/create-thread.js";
import { postMessage } from "../domain/practice/messages/post-message.js";
import { createTask } from "../domain/practice/tasks/create-task.js";
import { deactivateUser } from "../domain/users/deactivate-user.js";
import { actorFor, findUser } from "../domain/users/user-record.js";
import type { CreateMatterInput } from "../shared/practice-schemas.js";

/** Who is who: the demo people's ids by last name (lower case, letters only), the owner's too. */
export type People = Record<string, string>;

/** What the summary tells the operator about the practice. */
export interface PracticeSummary {
  matters: number;
  contacts: number;
  tasks: number;
  events: number;
  threads: number;
  leaving: string;
  deactivated: string;
}

const DAY = 24 * 60 * 60 * 1000;

export async function seedPractice(tx: Tx, clock: Clock, firmId: string, people: People): Promise<PracticeSummary> {
  const ctxOf = new Map<string, ActorContext>();
  /** The context of a person acting in the demo, as if signed in. */
  const as = async (key: string): Promise<ActorContext> => {
    let ctx = ctxOf.get(key);
    if (!ctx) {
      const user = await findUser(tx, firmId, null, id(key));
      if (!user) throw new Error(`No demo person ${key}.`);
      ctxOf.set(key, (ctx = { tx, clock, actor: actorFor(user) }));
    }
    return ctx;
  };
  const id = (key: string) => {
    const found = people[key];
    if (!found) throw new Error(`No demo person ${key}.`);
    return found;
  };
  const ids = (...keys: string[]) => keys.map(id);
  // Times on whole hours, `days` from today, so the calendar reads like a real one.
  const today = new Date(Math.floor(clock.now().getTime() / DAY) * DAY);
  const at = (days: number, hour: number, minutes = 0) => new Date(today.getTime() + days * DAY + (hour * 60 + minutes) * 60_000).toISOString();
  const count = { matters: 0, contacts: 0, tasks: 0, events: 0, threads: 0 };

  const admin = await as("whitford");

  // Groups (GRP-1..4): one excluded from custom rates, one archived.
  const litigation = await createGroup(admin, { name: "Litigation", description: "Disputes, hearings and appeals", member_ids: ids("raman", "lindqvist", "feldman", "nguyen") });
  const corporate = await createGroup(admin, { name: "Corporate", description: "Transactions, finance and real estate", member_ids: ids("hale", "okafor", "goldberg", "vasquez") });
  await createGroup(admin, { name: "Contract attorneys", description: "Engaged per matter; billed at the firm's standard rates", exclude_from_custom_rates: true, member_ids: ids("feldman") });
  const archived = await createGroup(admin, { name: "Real estate (2019 team)", description: "Merged into Corporate", member_ids: ids("okafor", "brennan") });
  await setArchived(admin, archived, true);

  // Clients and other contacts, one with custom rates of its own.
  const contact = async (name: string, email: string | null, rates?: { user_id?: string; group_id?: string; rate_cents: number }[]) => {
    count.contacts++;
    return createContact(admin, { name, email, custom_rates: rates });
  };
  const harbour = await contact("Harbour Holdings Ltd", "legal@harbourholdings.example", [{ group_id: corporate, rate_cents: 38_000 }]);
  const northwind = await contact("Northwind Logistics Inc.", "counsel@northwind.example");
  const whitlock = await contact("Ada Whitlock", "ada.whitlock@mailbox.example");
  const bayside = await contact("Bayside Properties LLC", "office@baysideproperties.example");
  const calloway = await contact("Calloway Family Trust", "trustees@calloway.example");
  await contact("Meridian Bank (opposing counsel)", "loans.legal@meridianbank.example");

  const matter = async (by: string, input: Omit<CreateMatterInput, "responsible_attorney_id" | "originating_attorney_id"> & { responsible: string; originating: string }) => {
    const { responsible, originating, ...rest } = input;
    count.matters++;
    return createMatter(await as(by), { ...rest, responsible_attorney_id: id(responsible), originating_attorney_id: id(originating) });
  };
  const harbourLease = await matter("whitford", {
    number: "2026-0101",
    description: "Harbour Holdings: lease of the Bayside warehouse",
    status: "open",
    responsible: "okafor",
    originating: "hale",
    client_id: harbour,
    custom_rates: [
      { user_id: id("okafor"), rate_cents: 52_000 },
      { group_id: corporate, rate_cents: 36_000 },
    ],
  });
  const northwindDispute = await matter("whitford", {
    number: "2026-0102",
    description: "Northwind Logistics v. Calloway Freight: breach of contract",
    responsible: "raman",
    originating: "whitford",
    client_id: northwind,
    access: { kind: "groups", group_ids: [litigation] },
  });
  const probate = await matter("whitford", { number: "2026-0103", description: "Estate of Eleanor Whitlock: probate", status: "pending", responsible: "lindqvist", originating: "brennan", client_id: whitlock });
  const refinancing = await matter("whitford", {
    number: "2026-0104",
    description: "Bayside Properties: refinancing with Meridian Bank",
    responsible: "lindqvist",
    originating: "okafor",
    client_id: bayside,
    custom_rates: [{ user_id: id("lindqvist"), rate_cents: 41_000 }],
  });
  const trust = await matter("whitford", { number: "2025-0388", description: "Calloway Family Trust: restatement of the trust deed", status: "closed", responsible: "lindqvist", originating: "hale", client_id: calloway });
  const employment = await matter("whitford", {
    number: "2026-0105",
    description: "Northwind Logistics: employment dispute (Doyle)",
    responsible: "lindqvist",
    originating: "raman",
    client_id: northwind,
    access: { kind: "groups", group_ids: [litigation] },
  });
  const sharePurchase = await matter("whitford", { number: "2025-0417", description: "Whitlock Holdings: share purchase", status: "closed", responsible: "brennan", originating: "hale", client_id: whitlock });
  const permitAppeal = await matter("whitford", {
    number: "2026-0106",
    description: "Harbour Holdings: appeal of the dredging permit refusal",
    responsible: "feldman",
    originating: "brennan",
    client_id: harbour,
    custom_rates: [{ user_id: id("brennan"), rate_cents: 48_000 }],
  });
  const shareholders = await matter("whitford", { number: "2026-0111", description: "Whitlock Holdings: shareholder dispute", responsible: "brennan", originating: "hale", client_id: whitlock });
  const zoning = await matter("whitford", { number: "2026-0107", description: "Bayside Properties: zoning variance", status: "pending", responsible: "raman", originating: "okafor", client_id: bayside });
  await matter("whitford", { number: "2026-0108", description: "Meridian Bank: review of loan documentation", responsible: "hale", originating: "hale" });
  // Private matters (PRC-7): seen by their owner alone, administrators included.
  await matter("whitford", { number: "2026-0109", description: "Partner compensation review", responsible: "whitford", originating: "whitford", access: { kind: "private" } });
  const proBono = await matter("lindqvist", { number: "2026-0110", description: "Pro bono: Eastside tenants' association", responsible: "lindqvist", originating: "lindqvist", access: { kind: "private" } });
  await matter("brennan", { number: "2024-0311", description: "Of-counsel arrangement and handover", status: "pending", responsible: "brennan", originating: "brennan", access: { kind: "private" } });

  const task = async (by: string, name: string, assignee: string, opts: { matter?: string; due?: string; completed?: string } = {}) => {
    count.tasks++;
    return createTask(await as(by), { name, assignee_id: id(assignee), matter_id: opts.matter ?? null, due_at: opts.due ?? null, completed_at: opts.completed ?? null });
  };
  // Sarah's work: what moves, and one of each thing that stays (REA-2..5).
  await task("whitford", "Draft the refinancing term sheet", "lindqvist", { matter: refinancing, due: at(3, 17) });
  await task("whitford", "Prepare the inventory of estate assets", "lindqvist", { matter: probate, due: at(8, 12) });
  await task("raman", "Send the engagement letter to Northwind", "lindqvist", { matter: employment });
  await task("whitford", "File the probate petition", "lindqvist", { matter: probate, due: at(-2, 17) });
  await task("whitford", "Record the restated trust deed", "lindqvist", { matter: trust, due: at(5, 12) });
  await task("whitford", "Renew bar membership", "lindqvist", { due: at(20, 17) });
  await task("lindqvist", "Research tenant protections", "lindqvist", { matter: proBono, due: at(4, 17) });
  await task("raman", "Review the Doyle personnel file", "lindqvist", { matter: employment, completed: at(-1, 10) });
  // Everyone else's.
  await task("whitford", "Draft the appeal brief", "feldman", { matter: permitAppeal, due: at(10, 17) });
  await task("whitford", "Cite-check the appeal brief", "park", { matter: permitAppeal, due: at(12, 12) });
  await task("raman", "Index the discovery documents", "nguyen", { matter: northwindDispute, due: at(-1, 17) });
  await task("whitford", "Order the title report", "vasquez", { matter: harbourLease, completed: at(-3, 15) });
  await task("whitford", "Prepare the variance application exhibits", "goldberg", { matter: zoning, due: at(6, 12) });
  await task("whitford", "Approve next year's budget", "whitford", { due: at(14, 17) });
  await task("whitford", "Hand over the share purchase files", "brennan", { matter: sharePurchase, completed: at(-10, 16) });
  await task("whitford", "Summarise the dredging permit history", "brennan", { matter: permitAppeal, due: at(-5, 17) });
  await task("whitford", "Answer the shareholders' letter", "brennan", { matter: shareholders, due: at(9, 17) });

  // A video link records who made it: whoever creates the event (DEA-3 removes a leaver's).
  const zoom = () => ({ provider: "zoom", url: `https://zoom.example/j/${8_100_000_000 + count.events * 7_919}` });
  const event = async (
    by: string,
    title: string,
    owner: string,
    start: string,
    end: string,
    opts: { matter?: string; attendees?: string[]; conference?: { provider: string; url: string }; calendar?: "user" | "firm" } = {},
  ) => {
    count.events++;
    return createEvent(await as(by), {
      title,
      owner_id: id(owner),
      start_at: start,
      end_at: end,
      matter_id: opts.matter ?? null,
      attendee_ids: (opts.attendees ?? []).map(id),
      conference: opts.conference ?? null,
      calendar: opts.calendar,
    });
  };
  // Sarah's events: what moves, and what stays (closed, no matter, private, past, attendee only).
  await event("whitford", "Closing call with Meridian Bank", "lindqvist", at(2, 15), at(2, 16), { matter: refinancing, attendees: ["okafor"], conference: zoom() });
  await event("lindqvist", "Probate hearing", "lindqvist", at(9, 14), at(9, 15, 30), { matter: probate, attendees: ["vasquez"] });
  await event("lindqvist", "Trust deed signing", "lindqvist", at(4, 10), at(4, 11), { matter: trust });
  await event("lindqvist", "Mentoring lunch", "lindqvist", at(1, 12), at(1, 13), { attendees: ["feldman"] });
  await event("lindqvist", "Tenants' association meeting", "lindqvist", at(6, 18), at(6, 19, 30), { matter: proBono });
  await event("lindqvist", "Doyle witness interview", "lindqvist", at(-3, 10), at(-3, 11, 30), { matter: employment, attendees: ["nguyen"] });
  await event("raman", "Northwind strategy meeting", "raman", at(1, 9), at(1, 10), {
    matter: northwindDispute,
    attendees: ["lindqvist", "feldman", "nguyen"],
    conference: { provider: "teams", url: "https://teams.example/l/meetup-join/northwind-strategy" },
  });
  // Everyone else's, past and upcoming, and the firm calendar (ACC-8).
  await event("raman", "Deposition of J. Calloway", "raman", at(5, 9, 30), at(5, 12, 30), { matter: northwindDispute, attendees: ["nguyen"], conference: zoom() });
  await event("raman", "Mediation session", "raman", at(-7, 13), at(-7, 17), { matter: northwindDispute, attendees: ["whitford"] });
  await event("okafor", "Lease negotiation with Harbour Holdings", "okafor", at(3, 10), at(3, 11, 30), { matter: harbourLease, attendees: ["hale", "vasquez"], conference: zoom() });
  await event("whitford", "Permit appeal hearing", "feldman", at(12, 9), at(12, 12), { matter: permitAppeal, attendees: ["brennan", "park"] });
  await event("brennan", "Share purchase completion", "brennan", at(-60, 14), at(-60, 15), { matter: sharePurchase, attendees: ["hale"], conference: zoom() });
  await event("brennan", "Handover meeting", "brennan", at(-14, 16), at(-14, 17), { attendees: ["feldman"] });
  await event("brennan", "Shareholders' meeting", "brennan", at(8, 15), at(8, 17), { matter: shareholders, attendees: ["hale"], conference: zoom() });
  await event("whitford", "Partners' meeting", "whitford", at(7, 8), at(7, 9), { calendar: "firm", attendees: ["hale", "raman", "okafor"], conference: zoom() });
  await event("whitford", "Firm retreat", "whitford", at(30, 9), at(31, 17), { calendar: "firm" });

  // Calendars shown beside one's own (PRC-9), Michael's among them until he leaves (DEA-3).
  await setVisibleCalendars(await as("vasquez"), { user_ids: ids("lindqvist", "okafor") });
  await setVisibleCalendars(await as("raman"), { user_ids: ids("lindqvist", "feldman") });
  await setVisibleCalendars(await as("feldman"), { user_ids: ids("brennan", "raman") });
  await setVisibleCalendars(await as("nguyen"), { user_ids: ids("raman") });

  const thread = async (by: string, subject: string, opts: { matter?: string; users?: string[]; contacts?: string[] }, messages: [string, string][]) => {
    count.threads++;
    const threadId = await createThread(await as(by), {
      subject,
      matter_id: opts.matter ?? null,
      participant_user_ids: (opts.users ?? []).map(id),
      participant_contact_ids: opts.contacts ?? [],
    });
    for (const [author, body] of messages) await postMessage(await as(author), threadId, { body });
  };
  await thread("lindqvist", "Whitlock probate: list of assets", { matter: probate, users: ["vasquez"], contacts: [whitlock] }, [
    ["lindqvist", "Ada, could you send us the bank statements for the last twelve months?"],
    ["vasquez", "I have added the two brokerage accounts to the inventory draft."],
  ]);
  await thread("okafor", "Harbour lease: signed counterparts", { matter: harbourLease, contacts: [harbour] }, [
    ["okafor", "Attached is the lease, signed on our side. Please countersign by Friday."],
  ]);
  await thread("lindqvist", "Cover while I am on leave", { users: ["raman", "whitford"] }, [
    ["lindqvist", "I am away from next month. Everything open is listed in my matters."],
    ["raman", "I can take the Doyle dispute; the refinancing should go to Daniel."],
    ["whitford", "Agreed. I will reassign the work once the dates are final."],
  ]);
  await thread("brennan", "Calloway referral", { contacts: [calloway] }, [["brennan", "Happy to introduce you to our trusts team."]]);
  await thread("brennan", "Handover notes", { users: ["feldman"] }, [
    ["brennan", "My notes on the dredging permit are in the appeal matter."],
    ["feldman", "Thank you, Michael. Enjoy your retirement."],
  ]);

  // Michael Brennan retires, his work left where it is (DEA-2): his name stays on matters, tasks,
  // events, rates and threads as `(Inactive) Michael Brennan` (PRC-3), his open matter, task and
  // event wait to be reassigned (REA-1), his private matter stays locked away (DEA-5) and the
  // video links he made are gone (DEA-3).
  await deactivateUser(admin, id("brennan"), { removeLicenseAtNextBill: false, leaveWork: true });
  return { ...count, leaving: "Sarah Lindqvist", deactivated: "Michael Brennan" };
}
