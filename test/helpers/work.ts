/** A leaver's work in every state the reassignment rules tell apart (REA-2..REA-6), made through the API. */
import type { Harness } from "./harness.js";
import { buildUser, type BuiltFirm, type BuiltUser } from "./factories.js";
import { makeEvent, makeMatter, makeTask } from "./practice.js";

export const FUTURE = { start_at: "2026-12-01T15:00:00.000Z", end_at: "2026-12-01T16:00:00.000Z" };
export const PAST = { start_at: "2026-11-02T15:00:00.000Z", end_at: "2026-11-02T16:00:00.000Z" };

export interface Work {
  leaver: BuiltUser;
  open: { id: string; number: string };
  pending: { id: string; number: string };
  closed: { id: string };
  secret: { id: string; number: string };
  /** The ones that move. */
  movable: { tasks: string[]; events: string[] };
  /** The ones that stay, by reason. */
  stays: { pastDueTask: string; completedTask: string; looseTask: string; closedTask: string; secretTask: string; pastEvent: string; looseEvent: string; closedEvent: string; secretEvent: string; attended: string };
}

/**
 * Two movable matters (open, pending), two movable tasks, one movable event, and beside them
 * what never moves: one of each exclusion reason, a completed task and a past event.
 */
export async function buildWork(h: Harness, firm: BuiltFirm, colleague: BuiltUser, names: { firstName?: string; lastName?: string } = {}): Promise<Work> {
  const leaver = await buildUser(h, firm, ["attorney"], { firstName: names.firstName ?? "Lena", lastName: names.lastName ?? "Leaver" });
  const by = firm.owner;
  const mine = { responsible_attorney_id: leaver.id, originating_attorney_id: leaver.id };
  const open = await makeMatter(h, by, { ...mine, number: `OPEN-${leaver.id.slice(0, 6)}` });
  const pending = await makeMatter(h, by, { ...mine, status: "pending" });
  const closed = await makeMatter(h, by, { ...mine, status: "closed" });
  const secret = await makeMatter(h, leaver, { ...mine, number: `SECRET-${leaver.id.slice(0, 6)}`, description: "Whistleblower", access: { kind: "private" } });
  const task = (body: Record<string, unknown>, maker = by) => makeTask(h, maker, { assignee_id: leaver.id, ...body }).then((t) => t.id as string);
  const event = (body: Record<string, unknown>, maker = by) => makeEvent(h, maker, { owner_id: leaver.id, ...FUTURE, ...body }).then((e) => e.id as string);
  const movable = {
    tasks: [await task({ matter_id: open.id, name: "=HYPERLINK(\"http://evil\")" }), await task({ matter_id: pending.id, due_at: "2026-11-30T10:00:00.000Z" })],
    events: [await event({ matter_id: open.id, title: "Hearing" })],
  };
  const stays = {
    pastDueTask: await task({ matter_id: open.id, due_at: "2026-11-20T10:00:00.000Z" }),
    completedTask: await task({ matter_id: open.id, completed_at: "2026-11-20T10:00:00.000Z" }),
    looseTask: await task({}),
    closedTask: await task({ matter_id: closed.id }),
    secretTask: await task({ matter_id: secret.id, name: "Secret task" }, leaver),
    pastEvent: await event({ matter_id: open.id, ...PAST }),
    looseEvent: await event({}),
    closedEvent: await event({ matter_id: closed.id }),
    secretEvent: await event({ matter_id: secret.id, title: "Secret meeting" }, leaver),
    attended: await event({ matter_id: open.id, owner_id: colleague.id, attendee_ids: [leaver.id] }),
  };
  return { leaver, open, pending, closed, secret, movable, stays };
}
