import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { BACKENDS, describeDb, Harness, scratchDatabase } from "./helpers/harness.js";
import { buildFirm, buildUser, type BuiltUser } from "./helpers/factories.js";
import { notify } from "../src/domain/notifications/notify.js";
import type { App } from "../src/server/deps.js";

/** Tests that start runtimes of their own (a database, migrations, argon2) get room on a busy machine. */
const STARTS_RUNTIME_MS = 90_000;

type Note = { id: string; kind: string; title: string; body: string; data: Record<string, unknown>; read_at: string | null; created_at: string };

/** Writes a notification the way features do: inside a committed transaction. */
function notifyUser(h: Harness, firmId: string, userId: string, title: string, data: Record<string, unknown> = {}) {
  return h.db.transaction((tx) => notify(tx, h.clock, { firmId, userId, kind: "test.notice", title, body: `Body of ${title}`, data }));
}

async function list(h: Harness, user: BuiltUser, query = "") {
  const res = await h.get(`/api/v1/notifications${query}`, user.token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { data: Note[]; next_cursor: string | null; unread_count: number };
}

interface SseEvent {
  event: string;
  id?: string;
  data: string;
}

/** A real EventSource-like client over fetch: reads `text/event-stream` blocks in order. */
async function openStream(baseUrl: string, token: string) {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  /** The next block; comments (keep-alives, the greeting) come back as event "comment". */
  async function nextBlock(): Promise<SseEvent> {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const out: SseEvent = { event: "message", data: "" };
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) out.event = "comment";
          else if (line.startsWith("event: ")) out.event = line.slice(7);
          else if (line.startsWith("id: ")) out.id = line.slice(4);
          else if (line.startsWith("data: ")) out.data += line.slice(6);
        }
        return out;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error("the stream ended");
      buffer += decoder.decode(value, { stream: true });
    }
  }
  return {
    status: res.status,
    contentType: res.headers.get("content-type") ?? "",
    nextBlock,
    /** The next real event, skipping comments. */
    async nextEvent(): Promise<SseEvent> {
      for (;;) {
        const block = await nextBlock();
        if (block.event !== "comment") return block;
      }
    },
    async close() {
      await reader.cancel().catch(() => undefined);
      abort.abort();
    },
  };
}

async function listenLocally(app: App): Promise<string> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

describeDb("notifications", (h) => {
  it("NTF-1 lists my notifications newest first with the unread count, and marking read changes what is listed", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm);
    const first = await notifyUser(h, firm.id, user.id, "First", { matter: "M-1" });
    h.clock.advance(60_000);
    const second = await notifyUser(h, firm.id, user.id, "Second");
    h.clock.advance(60_000);
    const third = await notifyUser(h, firm.id, user.id, "Third");

    const all = await list(h, user);
    expect(all.data.map((n) => n.id)).toEqual([third, second, first]);
    expect(all.unread_count).toBe(3);
    expect(all.data[2]).toMatchObject({ id: first, kind: "test.notice", title: "First", body: "Body of First", data: { matter: "M-1" }, read_at: null });
    expect(all.data.every((n) => n.read_at === null)).toBe(true);

    h.clock.advance(60_000);
    const readAt = h.clock.now().toISOString();
    const read = await h.post(`/api/v1/notifications/${second}/read`, undefined, user.token);
    expect(read.statusCode, read.body).toBe(204);

    const after = await list(h, user);
    expect(after.unread_count).toBe(2);
    expect(after.data.find((n) => n.id === second)?.read_at).toBe(readAt);
    expect((await list(h, user, "?unread=true")).data.map((n) => n.id)).toEqual([third, first]);

    const readAll = await h.post("/api/v1/notifications/read-all", undefined, user.token);
    expect(readAll.statusCode, readAll.body).toBe(204);
    const done = await list(h, user);
    expect(done.unread_count).toBe(0);
    expect(done.data.map((n) => n.id)).toEqual([third, second, first]);
    expect(done.data.every((n) => n.read_at !== null)).toBe(true);
    // The earlier read keeps its own time.
    expect(done.data.find((n) => n.id === second)?.read_at).toBe(readAt);
    expect((await list(h, user, "?unread=true")).data).toEqual([]);
  });

  it("NTF-1 pages the list by cursor without repeats", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await notifyUser(h, firm.id, user.id, `N${i}`));
    const one = await list(h, user, "?limit=2");
    expect(one.data.map((n) => n.id)).toEqual([ids[4], ids[3]]);
    expect(one.unread_count).toBe(5);
    const two = await list(h, user, `?limit=2&cursor=${encodeURIComponent(one.next_cursor!)}`);
    const three = await list(h, user, `?limit=2&cursor=${encodeURIComponent(two.next_cursor!)}`);
    expect([...two.data, ...three.data].map((n) => n.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(three.next_cursor).toBeNull();
  });

  it("NTF-1 another user's or another firm's notification answers 404 and changes nothing", async () => {
    const firm = await buildFirm(h);
    const owner = await buildUser(h, firm);
    const colleague = await buildUser(h, firm);
    const otherFirm = await buildFirm(h);
    const stranger = await buildUser(h, otherFirm);
    const mine = await notifyUser(h, firm.id, owner.id, "Mine");
    const theirs = await notifyUser(h, otherFirm.id, stranger.id, "Theirs");

    for (const [who, id] of [
      [colleague, mine],
      [stranger, mine],
      [owner, theirs],
    ] as const) {
      const res = await h.post(`/api/v1/notifications/${id}/read`, undefined, who.token);
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe("not_found");
    }
    expect((await h.post("/api/v1/notifications/does-not-exist/read", undefined, owner.token)).statusCode).toBe(404);
    // Read-all by others leaves my notification alone, and nobody else sees it.
    expect((await h.post("/api/v1/notifications/read-all", undefined, colleague.token)).statusCode).toBe(204);
    expect((await h.post("/api/v1/notifications/read-all", undefined, stranger.token)).statusCode).toBe(204);
    expect((await list(h, colleague)).data.map((n) => n.id)).not.toContain(mine);
    expect((await list(h, stranger)).data.map((n) => n.id)).toEqual([theirs]);

    const mineNow = await list(h, owner);
    expect(mineNow.data.map((n) => n.id)).toEqual([mine]);
    expect(mineNow.unread_count).toBe(1);
    expect(mineNow.data[0]?.read_at).toBeNull();
  });

  it("NTF-1 notifications need a signed-in user", async () => {
    expect((await h.get("/api/v1/notifications")).statusCode).toBe(401);
    expect((await h.get("/api/v1/notifications/stream")).statusCode).toBe(401);
    expect((await h.post("/api/v1/notifications/read-all", undefined)).statusCode).toBe(401);
  });

  it("NTF-1 the stream delivers a notification committed after connecting, and nothing for a rolled-back one or another user's", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm);
    const colleague = await buildUser(h, firm);
    const base = await listenLocally(h.app);
    const stream = await openStream(base, user.token);
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      // The greeting arrives once the server has subscribed this page.
      expect((await stream.nextBlock()).event).toBe("comment");

      await expect(
        h.db.transaction(async (tx) => {
          await notify(tx, h.clock, { firmId: firm.id, userId: user.id, kind: "test.notice", title: "Rolled back", body: "never" });
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      await notifyUser(h, firm.id, colleague.id, "For the colleague");
      const id = await notifyUser(h, firm.id, user.id, "Live one", { n: 1 });

      // Events arrive in commit order: the first one to reach this page must be its own committed one.
      const event = await stream.nextEvent();
      expect(event.event).toBe("notification");
      expect(event.id).toBe(id);
      expect(JSON.parse(event.data)).toMatchObject({ id, title: "Live one", body: "Body of Live one", data: { n: 1 }, read_at: null });

      const second = await notifyUser(h, firm.id, user.id, "Live two");
      expect((await stream.nextEvent()).id).toBe(second);
    } finally {
      await stream.close();
    }
    const listed = await list(h, user);
    expect(listed.data.map((n) => n.title)).toEqual(["Live two", "Live one"]);
  });
});

const postgres = BACKENDS.find((b) => b.name === "postgres");

describe("notifications across instances [postgres]", () => {
  // Two instances on one database of this suite's own, as OPS-2 runs them.
  let shared: Awaited<ReturnType<typeof scratchDatabase>>;
  let a: Harness;
  let b: Harness;
  const instance = (url: string) => new Harness({ name: "postgres" }, { env: { DATABASE_URL: url } });
  beforeAll(async () => {
    if (!postgres) return;
    shared = await scratchDatabase(postgres.url!);
    [a, b] = [instance(shared.url), instance(shared.url)];
    await a.start();
    await b.start();
  });
  afterAll(async () => {
    if (!postgres) return;
    await Promise.all([a.stop(), b.stop()]);
    await shared.drop();
  });

  it.skipIf(!postgres)("NTF-1 a page open on one instance is told of a notification committed through another", async () => {
    const firm = await buildFirm(a);
    const user = await buildUser(a, firm);
    const stream = await openStream(await listenLocally(b.app), user.token);
    try {
      await stream.nextBlock();
      const id = await notifyUser(a, firm.id, user.id, "From instance A");
      const event = await stream.nextEvent();
      expect(event.id).toBe(id);
      expect(JSON.parse(event.data).title).toBe("From instance A");
    } finally {
      await stream.close();
    }
  });

  it.skipIf(!postgres)("NTF-1 a page keeps receiving notifications after the instance's database connection was lost", async () => {
    // Its own application_name picks out this instance's LISTEN connection among everyone's.
    const name = `chambers-live-${randomUUID().slice(0, 8)}`;
    const url = new URL(shared.url);
    url.searchParams.set("application_name", name);
    const c = instance(url.toString());
    await c.start();
    try {
      const firm = await buildFirm(c);
      const user = await buildUser(c, firm);
      const stream = await openStream(await listenLocally(c.app), user.token);
      try {
        await stream.nextBlock();
        const listener = sql`select pid from pg_stat_activity where application_name = ${name} and state = 'idle' and query like 'LISTEN%'`;
        const rows = async () => ((await a.db.execute(listener)) as unknown as { rows: { pid: number }[] }).rows;
        const [before] = await rows();
        expect(before).toBeDefined();
        await a.db.execute(sql`select pg_terminate_backend(${before!.pid})`);
        // Wait, without a timer, for the instance to listen again on a new connection.
        for (;;) {
          const now = await rows();
          if (now.length === 1 && now[0]!.pid !== before!.pid) break;
          await new Promise((r) => setImmediate(r));
        }
        const id = await notifyUser(a, firm.id, user.id, "After the reconnection");
        expect((await stream.nextEvent()).id).toBe(id);
      } finally {
        await stream.close();
      }
    } finally {
      await c.stop();
    }
  }, STARTS_RUNTIME_MS);
});
