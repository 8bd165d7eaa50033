/** Who reads which part of the feed (FEED-2, FEED-3). Pure functions. */
import type { Actor } from "../domain/context.js";

export const feedPolicy = {
  /** The firm feed: administrators and roles granted `feed.view`. */
  view_firm_feed: (actor: Actor) => actor.permissions.has("feed.view"),
  /** A person's activity: one's own for everyone; anyone else's for those who see the feed. */
  view_activity_of: (actor: Actor, userId: string) => userId === actor.userId || actor.permissions.has("feed.view"),
};
