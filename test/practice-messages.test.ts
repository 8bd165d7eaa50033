/** Secure-message threads (PRC-8) and what stays visible when a participant leaves (DEA-6). */
import { expect, it } from "vitest";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, buildUser } from "./helpers/factories.js";
import { deactivate, ids, makeContact, makeMatter, makeThread, paths } from "./helpers/practice.js";

describeDb("practice: secure messages", (h) => {
  it("PRC-8 a thread has user and contact participants, an optional matter, and messages written by those taking part", async () => {
    const firm = await buildFirm(h);
    const me = await buildUser(h, firm, ["attorney"], { firstName: "Mia", lastName: "Me" });
    const colleague = await buildUser(h, firm, ["paralegal"], { firstName: "Cal", lastName: "Colleague" });
    const bystander = await buildUser(h, firm, ["attorney"]);
    const client = await makeContact(h, firm.owner, { name: "Harbour Ltd" });
    const matter = await makeMatter(h, firm.owner, { number: "2026-0007" });
    const thread = await makeThread(h, me, { subject: "Signed lease", matter_id: matter.id, participant_user_ids: [colleague.id], participant_contact_ids: [client.id] });
    expect(thread).toMatchObject({
      subject: "Signed lease",
      matter: { id: matter.id, number: "2026-0007" },
      participant_users: [
        { id: colleague.id, name: "Cal Colleague", inactive: false },
        { id: me.id, name: "Mia Me", inactive: false },
      ],
      participant_contacts: [{ id: client.id, name: "Harbour Ltd" }],
      created_by: { id: me.id },
      message_count: 0,
      abilities: { post: true },
    });
    h.clock.advance(1000);
    const first = await h.post(`/api/v1/message-threads/${thread.id}/messages`, { body: "Attached, signed.\nPlease countersign." }, me.token);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ thread_id: thread.id, author: { id: me.id, name: "Mia Me" }, body: "Attached, signed.\nPlease countersign." });
    h.clock.advance(1000);
    await h.post(`/api/v1/message-threads/${thread.id}/messages`, { body: "Done." }, colleague.token);
    const messages = await h.get(`/api/v1/message-threads/${thread.id}/messages?limit=1`, me.token);
    const more = await h.get(`/api/v1/message-threads/${thread.id}/messages?limit=1&cursor=${messages.json().next_cursor}`, me.token);
    expect([...messages.json().data, ...more.json().data].map((m: { body: string }) => m.body)).toEqual(["Attached, signed.\nPlease countersign.", "Done."]);
    expect(more.json().next_cursor).toBeNull();
    expect((await h.get(`/api/v1/message-threads/${thread.id}`, me.token)).json()).toMatchObject({ message_count: 2, last_activity_at: h.clock.now().toISOString() });

    // One who sees the matter reads its thread but does not write to it.
    expect((await h.get(`/api/v1/message-threads/${thread.id}`, bystander.token)).json().abilities).toEqual({ post: false });
    expect((await h.post(`/api/v1/message-threads/${thread.id}/messages`, { body: "Me too" }, bystander.token)).statusCode).toBe(403);
    // The feed says a message was sent, never what it said.
    const feed = await h.get("/api/v1/activities?kind=message.posted", firm.owner.token);
    expect(feed.json().data).toHaveLength(2);
    expect(feed.body).not.toContain("countersign");
  });

  it("PRC-8 a thread without a matter is seen by those taking part only; the list filters by matter, user and contact", async () => {
    const firm = await buildFirm(h);
    const me = await buildUser(h, firm, ["attorney"]);
    const other = await buildUser(h, firm, ["attorney"]);
    const admin = await buildUser(h, firm, ["administrator"]);
    const client = await makeContact(h, firm.owner);
    const matter = await makeMatter(h, firm.owner);
    const plain = await makeThread(h, me, { participant_user_ids: [other.id] });
    h.clock.advance(1000);
    const withClient = await makeThread(h, me, { participant_contact_ids: [client.id] });
    h.clock.advance(1000);
    const onMatter = await makeThread(h, other, { matter_id: matter.id });
    expect(ids(await h.get("/api/v1/message-threads", me.token))).toEqual([onMatter.id, withClient.id, plain.id]);
    expect(ids(await h.get("/api/v1/message-threads", admin.token))).toEqual([onMatter.id]);
    expect((await h.get(`/api/v1/message-threads/${plain.id}`, admin.token)).statusCode).toBe(404);
    expect((await h.get(`/api/v1/message-threads/${plain.id}/messages`, admin.token)).statusCode).toBe(404);
    expect((await h.post(`/api/v1/message-threads/${plain.id}/messages`, { body: "x" }, admin.token)).statusCode).toBe(404);
    expect(ids(await h.get(`/api/v1/message-threads?matter_id=${matter.id}`, me.token))).toEqual([onMatter.id]);
    expect(ids(await h.get(`/api/v1/message-threads?participant_user_id=${other.id}`, me.token))).toEqual([onMatter.id, plain.id]);
    expect(ids(await h.get(`/api/v1/message-threads?contact_id=${client.id}`, me.token))).toEqual([withClient.id]);
  });

  it("DEA-6 a deactivated user's thread stays visible to the others only if it belongs to a matter or involves another active user", async () => {
    const firm = await buildFirm(h);
    const leaver = await buildUser(h, firm, ["attorney"]);
    const colleague = await buildUser(h, firm, ["attorney"]);
    const admin = await buildUser(h, firm, ["administrator"]);
    const client = await makeContact(h, firm.owner);
    const matter = await makeMatter(h, firm.owner);
    const clientOnly = await makeThread(h, leaver, { subject: "Just the client", participant_contact_ids: [client.id] });
    h.clock.advance(1000);
    const withColleague = await makeThread(h, leaver, { subject: "With a colleague", participant_user_ids: [colleague.id], participant_contact_ids: [client.id] });
    h.clock.advance(1000);
    const onMatter = await makeThread(h, leaver, { subject: "On the matter", matter_id: matter.id, participant_contact_ids: [client.id] });
    await h.post(`/api/v1/message-threads/${clientOnly.id}/messages`, { body: "Privileged advice" }, leaver.token);
    await deactivate(h, firm, leaver);
    expect(ids(await h.get("/api/v1/message-threads", colleague.token))).toEqual([onMatter.id, withColleague.id]);
    expect(ids(await h.get("/api/v1/message-threads", admin.token))).toEqual([onMatter.id]);
    for (const token of [admin.token, firm.owner.token, colleague.token]) {
      expect((await h.get(`/api/v1/message-threads/${clientOnly.id}`, token)).statusCode).toBe(404);
      expect((await h.get(`/api/v1/message-threads/${clientOnly.id}/messages`, token)).statusCode).toBe(404);
      expect(ids(await h.get(`/api/v1/message-threads?contact_id=${client.id}`, token))).not.toContain(clientOnly.id);
    }
    expect((await h.get(`/api/v1/message-threads/${withColleague.id}`, colleague.token)).json().participant_users).toContainEqual({ id: leaver.id, name: expect.stringMatching(/^\(Inactive\) /), inactive: true });
  });

  it("PRC-8 participants are active users and contacts of the firm; a private matter's thread is its owner's alone", async () => {
    const firm = await buildFirm(h);
    const elsewhere = await buildFirm(h);
    const owner = await buildUser(h, firm, ["attorney"]);
    const colleague = await buildUser(h, firm, ["attorney"]);
    const leaver = await buildUser(h, firm, ["attorney"]);
    await deactivate(h, firm, leaver);
    const theirContact = await makeContact(h, elsewhere.owner);
    const res = await h.post("/api/v1/message-threads", { subject: "x", participant_user_ids: [leaver.id, elsewhere.owner.id], participant_contact_ids: [theirContact.id] }, owner.token);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: "participant_user_ids.0", message: "This user is deactivated; only active users can be chosen." },
      { path: "participant_user_ids.1", message: "No such user in this firm." },
      { path: "participant_contact_ids.0", message: "No such contact in this firm." },
    ]);
    const secret = await makeMatter(h, owner, { access: { kind: "private" } });
    const privateThread = await makeThread(h, owner, { subject: "Private strategy", matter_id: secret.id, participant_user_ids: [colleague.id] });
    // Taking part does not open a private matter to anyone but its owner (PRC-7).
    expect((await h.get(`/api/v1/message-threads/${privateThread.id}`, colleague.token)).statusCode).toBe(404);
    expect((await h.get(`/api/v1/message-threads/${privateThread.id}`, owner.token)).statusCode).toBe(200);
    expect((await h.get("/api/v1/activities?kind=message_thread.created", firm.owner.token)).body).not.toContain("Private strategy");
    expect(paths(await h.post("/api/v1/message-threads", { subject: "x", participant_user_ids: [], matter_id: secret.id }, colleague.token))).toEqual(["matter_id"]);
  });
});
