/** Factories of practice data, made through the API as a user would. */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Harness } from "./harness.js";
import type { BuiltFirm, BuiltUser } from "./factories.js";

type Body = Record<string, unknown>;

async function created(h: Harness, url: string, body: Body, token: string) {
  const res = await h.post(url, body, token);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A matter through POST /matters; attorneys default to the one creating it. */
export const makeMatter = (h: Harness, by: BuiltUser, body: Body = {}) =>
  created(h, "/api/v1/matters", { number: `M-${randomUUID().slice(0, 8)}`, description: "Estate of Whitlock", responsible_attorney_id: by.id, originating_attorney_id: by.id, ...body }, by.token);

export const makeContact = (h: Harness, by: BuiltUser, body: Body = {}) => created(h, "/api/v1/contacts", { name: "Ada Whitlock", ...body }, by.token);

export const makeTask = (h: Harness, by: BuiltUser, body: Body = {}) => created(h, "/api/v1/tasks", { name: "File the petition", assignee_id: by.id, ...body }, by.token);

export const makeEvent = (h: Harness, by: BuiltUser, body: Body = {}) =>
  created(h, "/api/v1/calendar-events", { title: "Hearing", start_at: "2026-12-01T15:00:00.000Z", end_at: "2026-12-01T16:00:00.000Z", owner_id: by.id, ...body }, by.token);

export const makeThread = (h: Harness, by: BuiltUser, body: Body = {}) => created(h, "/api/v1/message-threads", { subject: "Documents", participant_user_ids: [], ...body }, by.token);

export const makeGroup = (h: Harness, firm: BuiltFirm, body: Body) => created(h, "/api/v1/groups", body, firm.owner.token);

/** The firm's owner as a user, for the factories above. */
export const ownerOf = (firm: BuiltFirm): BuiltUser => firm.owner;

/** Deactivates a user, leaving their work where it is (DEA-2). */
export async function deactivate(h: Harness, firm: BuiltFirm, user: BuiltUser) {
  const res = await h.post(`/api/v1/users/${user.id}/deactivate`, { leave_work: true }, firm.owner.token);
  expect(res.statusCode, res.body).toBe(200);
}

/** The ids of a list answer. */
export const ids = (res: { json(): unknown }) => (res.json() as { data: { id: string }[] }).data.map((r) => r.id);

/** The paths a 400 names. */
export const paths = (res: { json(): unknown }) => ((res.json() as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);
