/** The firm feed (FEED-1, FEED-2). */
import { listActivities, presentActivity } from "../../domain/feed/list-activities.js";
import { activitiesQuery, activityOut, listOf } from "../../shared/schemas.js";
import { actorOf } from "../plugins/auth.js";
import type { App, Deps } from "../deps.js";

export async function activityRoutes(app: App, deps: Deps) {
  app.get(
    "/activities",
    { config: { auth: "feed.view" }, schema: { tags: ["feed"], summary: "The firm feed, newest first", querystring: activitiesQuery, response: { 200: listOf(activityOut) } } },
    async (request) => {
      const q = request.query;
      const result = await listActivities(deps.database.db, actorOf(request).firmId, {
        userId: q.user_id,
        kind: q.kind,
        deletionsOnly: q.deletions_only === "true",
        limit: q.limit,
        cursor: q.cursor,
      });
      return { data: result.data.map(presentActivity), next_cursor: result.next_cursor };
    },
  );
}
