/** Contacts (PRC-1, PRC-8) and their custom rates (GRP-4). */
import { createContact } from "../../domain/practice/contacts/create-contact.js";
import { getContact } from "../../domain/practice/contacts/get-contact.js";
import { listContacts } from "../../domain/practice/contacts/list-contacts.js";
import { updateContact } from "../../domain/practice/contacts/update-contact.js";
import { contactOut, contactsQuery, createContactBody, updateContactBody } from "../../shared/practice-schemas.js";
import { idParam, listOf } from "../../shared/schemas.js";
import { change, read, readingIn } from "../use-case.js";
import type { App, Deps } from "../deps.js";

export async function contactRoutes(app: App, deps: Deps) {
  app.get(
    "/contacts",
    { config: { auth: "user" }, schema: { tags: ["practice"], summary: "The firm's contacts by name; `q` searches name and email", querystring: contactsQuery, response: { 200: listOf(contactOut) } } },
    async (request) => read(deps, request, (ctx) => listContacts(ctx, request.query)),
  );

  app.get(
    "/contacts/:id",
    { config: { auth: "user" }, schema: { tags: ["practice"], summary: "One contact", params: idParam, response: { 200: contactOut } } },
    async (request) => read(deps, request, (ctx) => getContact(ctx, request.params.id)),
  );

  app.post(
    "/contacts",
    { config: { auth: "contacts.edit" }, schema: { tags: ["practice"], summary: "Create a contact; custom rates need `rates.manage` (GRP-4)", body: createContactBody, response: { 201: contactOut } } },
    async (request, reply) => {
      const contact = await change(deps, request, async (ctx) => getContact(readingIn(ctx), await createContact(ctx, request.body)));
      return reply.code(201).send(contact);
    },
  );

  app.patch(
    "/contacts/:id",
    {
      config: { auth: ["contacts.edit", "rates.manage"] },
      schema: { tags: ["practice"], summary: "Edit a contact: name and email need `contacts.edit`, custom rates `rates.manage`", params: idParam, body: updateContactBody, response: { 200: contactOut } },
    },
    async (request) =>
      change(deps, request, async (ctx) => {
        await updateContact(ctx, request.params.id, request.body);
        return getContact(readingIn(ctx), request.params.id);
      }),
  );
}
