/** Matters (PRC-1, PRC-7), their access (GRP-3) and custom rates (GRP-4). */
import { countMatters } from "../../domain/practice/matters/count-matters.js";
import { createMatter } from "../../domain/practice/matters/create-matter.js";
import { getEffectiveRate } from "../../domain/practice/matters/get-effective-rate.js";
import { getMatter } from "../../domain/practice/matters/get-matter.js";
import { getWrittenMatter } from "../../domain/practice/matters/get-written-matter.js";
import { listMatters } from "../../domain/practice/matters/list-matters.js";
import { updateMatter } from "../../domain/practice/matters/update-matter.js";
import {
  countOut,
  createMatterBody,
  effectiveRateOut,
  effectiveRateQuery,
  matterCountQuery,
  matterOut,
  mattersQuery,
  updateMatterBody,
} from "../../shared/practice-schemas.js";
import { idParam, listOf } from "../../shared/schemas.js";
import { change, read, readingIn } from "../use-case.js";
import type { App, Deps } from "../deps.js";

export async function matterRoutes(app: App, deps: Deps) {
  app.get(
    "/matters",
    {
      config: { auth: "user" },
      schema: { tags: ["practice"], summary: "The matters the requester may see, by number; filters: status, attorneys, client, `q` (number, description)", querystring: mattersQuery, response: { 200: listOf(matterOut) } },
    },
    async (request) => read(deps, request, (ctx) => listMatters(ctx, request.query)),
  );

  app.get(
    "/matters/count",
    { config: { auth: "user" }, schema: { tags: ["practice"], summary: "How many matters the requester may see, with the list's filters", querystring: matterCountQuery, response: { 200: countOut } } },
    async (request) => ({ count: await read(deps, request, (ctx) => countMatters(ctx, request.query)) }),
  );

  app.get(
    "/matters/:id",
    { config: { auth: "user" }, schema: { tags: ["practice"], summary: "One matter; a matter the requester may not see answers 404 (PRC-7)", params: idParam, response: { 200: matterOut } } },
    async (request) => read(deps, request, (ctx) => getMatter(ctx, request.params.id)),
  );

  app.get(
    "/matters/:id/rates",
    {
      config: { auth: "user" },
      schema: { tags: ["practice"], summary: "The custom rate that applies to a user on the matter: their own wins over their groups' (GRP-4)", params: idParam, querystring: effectiveRateQuery, response: { 200: effectiveRateOut } },
    },
    async (request) => read(deps, request, (ctx) => getEffectiveRate(ctx, request.params.id, request.query.user_id)),
  );

  app.post(
    "/matters",
    {
      config: { auth: "matters.create", errors: ["conflict"] },
      schema: {
        tags: ["practice"],
        summary: "Create a matter (PRC-1)",
        description:
          "Attorneys must be active users of the firm (PRC-2). Access other than `everyone` needs `matters.access`; a private matter belongs to whoever makes it private (PRC-7). Custom rates need `rates.manage`; groups archived or excluded from custom rates are refused (GRP-4). Numbers are unique in the firm (409 `conflict`).",
        body: createMatterBody,
        response: { 201: matterOut },
      },
    },
    async (request, reply) => {
      const matter = await change(deps, request, async (ctx) => getWrittenMatter(readingIn(ctx), await createMatter(ctx, request.body)));
      return reply.code(201).send(matter);
    },
  );

  app.patch(
    "/matters/:id",
    {
      config: { auth: ["matters.edit", "matters.access", "rates.manage"], errors: ["conflict"] },
      schema: {
        tags: ["practice"],
        summary: "Edit a matter",
        description:
          "Send only what changes. Fields need `matters.edit`, access `matters.access`, custom rates `rates.manage` (each asked only when it changes); `custom_rates` and `access.group_ids` replace the whole list. A deactivated attorney may stay, but once moved off cannot be set back (PRC-4).",
        params: idParam,
        body: updateMatterBody,
        response: { 200: matterOut },
      },
    },
    async (request) =>
      change(deps, request, async (ctx) => {
        await updateMatter(ctx, request.params.id, request.body);
        return getWrittenMatter(readingIn(ctx), request.params.id);
      }),
  );
}
