/** Tasks (PRC-5): everyone's with `tasks.manage_all`, one's own otherwise. */
import { createTask } from "../../domain/practice/tasks/create-task.js";
import { getTask } from "../../domain/practice/tasks/get-task.js";
import { listTasks } from "../../domain/practice/tasks/list-tasks.js";
import { updateTask } from "../../domain/practice/tasks/update-task.js";
import { createTaskBody, taskOut, tasksQuery, updateTaskBody } from "../../shared/practice-schemas.js";
import { idParam, listOf } from "../../shared/schemas.js";
import { change, read, readingIn } from "../use-case.js";
import type { App, Deps } from "../deps.js";

export async function taskRoutes(app: App, deps: Deps) {
  app.get(
    "/tasks",
    { config: { auth: "user" }, schema: { tags: ["practice"], summary: "The tasks the requester may see, soonest due first; filters: assignee, matter, completed, `q`", querystring: tasksQuery, response: { 200: listOf(taskOut) } } },
    async (request) => read(deps, request, (ctx) => listTasks(ctx, request.query)),
  );

  app.get(
    "/tasks/:id",
    { config: { auth: "user" }, schema: { tags: ["practice"], summary: "One task", params: idParam, response: { 200: taskOut } } },
    async (request) => read(deps, request, (ctx) => getTask(ctx, request.params.id)),
  );

  app.post(
    "/tasks",
    { config: { auth: "user" }, schema: { tags: ["practice"], summary: "Create a task for an active user (for oneself without `tasks.manage_all`)", body: createTaskBody, response: { 201: taskOut } } },
    async (request, reply) => {
      const task = await change(deps, request, async (ctx) => getTask(readingIn(ctx), await createTask(ctx, request.body)));
      return reply.code(201).send(task);
    },
  );

  app.patch(
    "/tasks/:id",
    { config: { auth: "user" }, schema: { tags: ["practice"], summary: "Edit or complete a task (one's own without `tasks.manage_all`)", params: idParam, body: updateTaskBody, response: { 200: taskOut } } },
    async (request) =>
      change(deps, request, async (ctx) => {
        await updateTask(ctx, request.params.id, request.body);
        return getTask(readingIn(ctx), request.params.id);
      }),
  );
}
