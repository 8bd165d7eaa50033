/** Secure-message threads and their messages (PRC-8, DEA-6). */
import { createThread } from "../../domain/practice/messages/create-thread.js";
import { getMessage } from "../../domain/practice/messages/get-message.js";
import { getThread } from "../../domain/practice/messages/get-thread.js";
import { listMessages } from "../../domain/practice/messages/list-messages.js";
import { listThreads } from "../../domain/practice/messages/list-threads.js";
import { postMessage } from "../../domain/practice/messages/post-message.js";
import { createThreadBody, messageOut, postMessageBody, threadOut, threadsQuery } from "../../shared/practice-schemas.js";
import { cursorQuery, idParam, listOf } from "../../shared/schemas.js";
import { change, read, readingIn } from "../use-case.js";
import type { App, Deps } from "../deps.js";

export async function messageRoutes(app: App, deps: Deps) {
  app.get(
    "/message-threads",
    {
      config: { auth: "user" },
      schema: { tags: ["practice"], summary: "The threads the requester takes part in or sees through a matter, latest first", querystring: threadsQuery, response: { 200: listOf(threadOut) } },
    },
    async (request) => read(deps, request, (ctx) => listThreads(ctx, request.query)),
  );

  app.get(
    "/message-threads/:id",
    { config: { auth: "user" }, schema: { tags: ["practice"], summary: "One thread", params: idParam, response: { 200: threadOut } } },
    async (request) => read(deps, request, (ctx) => getThread(ctx, request.params.id)),
  );

  app.post(
    "/message-threads",
    { config: { auth: "user" }, schema: { tags: ["practice"], summary: "Start a thread with users and contacts, optionally on a matter", body: createThreadBody, response: { 201: threadOut } } },
    async (request, reply) => {
      const thread = await change(deps, request, async (ctx) => getThread(readingIn(ctx), await createThread(ctx, request.body)));
      return reply.code(201).send(thread);
    },
  );

  app.get(
    "/message-threads/:id/messages",
    { config: { auth: "user" }, schema: { tags: ["practice"], summary: "A thread's messages, oldest first", params: idParam, querystring: cursorQuery, response: { 200: listOf(messageOut) } } },
    async (request) => read(deps, request, (ctx) => listMessages(ctx, request.params.id, request.query)),
  );

  app.post(
    "/message-threads/:id/messages",
    { config: { auth: "user" }, schema: { tags: ["practice"], summary: "Write to a thread one takes part in", params: idParam, body: postMessageBody, response: { 201: messageOut } } },
    async (request, reply) => {
      const message = await change(deps, request, async (ctx) => getMessage(readingIn(ctx), request.params.id, await postMessage(ctx, request.params.id, request.body)));
      return reply.code(201).send(message);
    },
  );
}
