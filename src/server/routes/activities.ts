/** The firm feed (FEED-1, FEED-2, FEED-5) and each user's activity (FEED-3). */
import { exportActivities } from "../../domain/feed/export-activities.js";
import { listActivities, presentActivity } from "../../domain/feed/list-activities.js";
import { notFound } from "../../domain/errors.js";
import { findUser } from "../../domain/users/user-record.js";
import { activitiesQuery, activityOut, cursorQuery, idParam, listOf } from "../../shared/schemas.js";
import { requirePolicy } from "../../policies/authorize.js";
import { feedPolicy } from "../../policies/feed.js";
import { actorOf } from "../plugins/auth.js";
import type { App, Deps } from "../deps.js";
import { read } from "../use-case.js";
import { mediaResponse } from "../openapi/media.js";

export async function activityRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.get(
    "/activities",
    { config: { auth: "feed.view" }, schema: { tags: ["feed"], summary: "The firm feed, newest first", querystring: activitiesQuery, response: { 200: listOf(activityOut) } } },
    async (request) => {
      const q = request.query;
      const result = await read(deps, request, (ctx) => listActivities(ctx, {
        userId: q.user_id,
        kind: q.kind,
        deletionsOnly: q.deletions_only === "true",
        limit: q.limit,
        cursor: q.cursor,
      }));
      return { data: result.data.map(presentActivity), next_cursor: result.next_cursor };
    },
  );

  app.get(
    "/activities.csv",
    {
      config: { auth: "feed.view" },
      schema: {
        tags: ["feed"],
        summary: "The firm feed as CSV (filters as for /activities)",
        description: "Every matching entry, newest first, as one CSV file (FEED-5): time, actor, kind, subject and changes.",
        querystring: activitiesQuery.omit({ limit: true, cursor: true }),
        response: { 200: mediaResponse("text/csv", "The feed as a CSV file.") },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const csv = exportActivities({ db, clock: deps.clock, actor: actorOf(request) }, { userId: q.user_id, kind: q.kind, deletionsOnly: q.deletions_only === "true" });
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="feed-${deps.clock.now().toISOString().slice(0, 10)}.csv"`)
        .send(csv);
    },
  );

  app.get(
    "/users/:id/activity",
    { config: { auth: "user", errors: ["forbidden"] }, schema: { tags: ["feed"], summary: "What a user did and what was done to them, newest first", description: "Everyone may read their own; another user's needs `feed.view`.", params: idParam, querystring: cursorQuery, response: { 200: listOf(activityOut) } } },
    async (request) => {
      const actor = actorOf(request);
      if (!(await findUser(db, actor.firmId, "", request.params.id))) throw notFound("User");
      // One's own page for everyone; anyone else's for those who see the feed.
      requirePolicy(feedPolicy.view_activity_of(actor, request.params.id));
      const result = await listActivities({ db, clock: deps.clock, actor }, { aboutUserId: request.params.id, limit: request.query.limit, cursor: request.query.cursor });
      return { data: result.data.map(presentActivity), next_cursor: result.next_cursor };
    },
  );
}
