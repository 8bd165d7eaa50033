import type { paths as ApiPaths } from "../api-types";

/** As openapi-fetch returns data: it drops properties typed exactly `null` (e.g. `sso: null`). */
type Readable<T> = T extends (infer E)[]
  ? Readable<E>[]
  : T extends object
    ? { [K in keyof T as [NonNullable<T[K]>] extends [never] ? never : K]: Readable<T[K]> }
    : T;

type JsonOf<R> = R extends { content: { "application/json": infer T } } ? Readable<T> : never;

/** The JSON body of a path's successful (200 or 201) answer. */
type Ok<P extends keyof ApiPaths, M extends keyof ApiPaths[P]> = ApiPaths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A } ? JsonOf<A> : R extends { 201: infer B } ? JsonOf<B> : never
  : never;

export type Me = Ok<"/me", "get">;
export type User = Ok<"/users", "get">["data"][number];
export type Firm = Ok<"/firm", "get">;
export type Session = Ok<"/me/sessions", "get">["data"][number];
export type UserSession = Ok<"/users/{id}/sessions", "get">["data"][number];
export type ApiToken = Ok<"/me/tokens", "get">["data"][number];
export type Licenses = Ok<"/licenses", "get">;
export type Role = Ok<"/roles", "get">["data"][number];
export type Charge = Ok<"/charges", "get">["data"][number];
export type Quote = Ok<"/licenses/quote", "post">;
export type InvitationLookup = Ok<"/invitations/lookup", "get">;
export type InviteBody = ApiPaths["/invitations"]["post"]["requestBody"]["content"]["application/json"];
export type AcceptBody = ApiPaths["/invitations/accept"]["post"]["requestBody"]["content"]["application/json"];
export type SignUpBody = ApiPaths["/signup"]["post"]["requestBody"]["content"]["application/json"];
export type UserStatusFilter = "active" | "invited" | "deactivated" | "all";
type UsersQuery = NonNullable<ApiPaths["/users"]["get"]["parameters"]["query"]>;
export type UserSort = NonNullable<UsersQuery["sort"]>;
/** USR-6: the list's narrowing besides its tab, search and sort; each kept in the address bar. */
export type UserFilters = Pick<UsersQuery, "role_id" | "group_id" | "subscription_type" | "addon">;
export type Addon = Ok<"/addons", "get">["data"][number];
export type AddonKey = Addon["key"];
export type ImportRun = Ok<"/imports/{id}", "get">;
export type BulkUsersBody = ApiPaths["/users/bulk"]["post"]["requestBody"]["content"]["application/json"];
export type BulkUsersResult = Ok<"/users/bulk", "post">;
export type UpdateUserBody = ApiPaths["/users/{id}"]["patch"]["requestBody"]["content"]["application/json"];
export type Group = Ok<"/groups", "get">["data"][number];
export type GroupBody = ApiPaths["/groups"]["post"]["requestBody"]["content"]["application/json"];
export type PermissionInfo = Ok<"/permissions", "get">["data"][number];
export type RoleBody = ApiPaths["/roles"]["post"]["requestBody"]["content"]["application/json"];
export type PermissionKey = RoleBody["permissions"][number];
export type EmailChange = ApiPaths["/me/email-change"]["post"]["responses"][202]["content"]["application/json"];
export type OwnershipTransferBody = ApiPaths["/firm/ownership-transfer"]["post"]["requestBody"]["content"]["application/json"];
export type Matter = Ok<"/matters", "get">["data"][number];
export type MatterFilters = Omit<NonNullable<ApiPaths["/matters"]["get"]["parameters"]["query"]>, "limit" | "cursor">;
export type Task = Ok<"/tasks", "get">["data"][number];
export type TaskFilters = Omit<NonNullable<ApiPaths["/tasks"]["get"]["parameters"]["query"]>, "limit" | "cursor">;
export type CalendarEvent = Ok<"/calendar-events", "get">["data"][number];
export type EventFilters = Omit<NonNullable<ApiPaths["/calendar-events"]["get"]["parameters"]["query"]>, "limit" | "cursor">;
export type Calendar = Ok<"/calendars", "get">["data"][number];
/** A user named inside another record (PRC-3): `(Inactive) First Last` once deactivated. */
export type UserRef = Matter["responsible_attorney"];
export type DeactivateBody = ApiPaths["/users/{id}/deactivate"]["post"]["requestBody"]["content"]["application/json"];
export type Deactivated = Ok<"/users/{id}/deactivate", "post">;
export type ReassignBody = ApiPaths["/reassignments"]["post"]["requestBody"]["content"]["application/json"];
export type ReassignPreview = Ok<"/reassignments/preview", "post">;
export type Reassignment = Ok<"/reassignments", "post">;
export type Notification = Ok<"/notifications", "get">["data"][number];
export type Activity = Ok<"/activities", "get">["data"][number];
export type ActivityFilters = Pick<NonNullable<ApiPaths["/activities"]["get"]["parameters"]["query"]>, "user_id" | "kind" | "deletions_only">;
export type Webhook = Ok<"/webhooks", "get">["data"][number];
export type WebhookBody = ApiPaths["/webhooks"]["post"]["requestBody"]["content"]["application/json"];
export type WebhookPatch = ApiPaths["/webhooks/{id}"]["patch"]["requestBody"]["content"]["application/json"];
export type WebhookDelivery = Ok<"/webhooks/{id}/deliveries", "get">["data"][number];
export type ScimToken = Ok<"/scim-tokens", "get">["data"][number];
export type ScimSettings = Ok<"/scim-settings", "get">;
export type SsoSettings = Ok<"/firm/sso", "get">;
export type SsoSettingsBody = ApiPaths["/firm/sso"]["put"]["requestBody"]["content"]["application/json"];
type Body<P extends keyof ApiPaths, M extends "post" | "patch" | "put"> = ApiPaths[P][M] extends { requestBody: { content: { "application/json": infer B } } } ? B : never;
export type MatterBody = Body<"/matters", "post">;
export type TaskBody = Body<"/tasks", "post">;
export type EventBody = Body<"/calendar-events", "post">;
export type Contact = Ok<"/contacts", "get">["data"][number];
export type ContactBody = Body<"/contacts", "post">;
export type CustomRate = Contact["custom_rates"][number];
export type CustomRateInput = NonNullable<ContactBody["custom_rates"]>[number];
export type Thread = Ok<"/message-threads", "get">["data"][number];
export type ThreadBody = Body<"/message-threads", "post">;
export type Message = Ok<"/message-threads/{id}/messages", "get">["data"][number];
export type PastReassignment = Ok<"/reassignments", "get">["data"][number];
export type CloseFirmBody = ApiPaths["/firm/close"]["post"]["requestBody"]["content"]["application/json"];
