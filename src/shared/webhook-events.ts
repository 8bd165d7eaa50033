/** WHK-1: the event types an endpoint may subscribe to (API.md, "Webhooks"); server and console. */
export const WEBHOOK_EVENT_TYPES = [
  "user.invited",
  "user.activated",
  "user.updated",
  "user.deactivated",
  "user.reactivated",
  "invitation.revoked",
  "license.changed",
  "role.changed",
  "group.changed",
  "reassignment.completed",
  "import.completed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What each event type tells of, for the console's checkboxes. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "user.invited": "A person is invited",
  "user.activated": "An invitation is accepted",
  "user.updated": "A person's details, email or roles change",
  "user.deactivated": "A person is deactivated",
  "user.reactivated": "A person is reactivated",
  "invitation.revoked": "An invitation is revoked",
  "license.changed": "Licenses are bought, removed or renewed",
  "role.changed": "A role is created, changed or deleted",
  "group.changed": "A group is created, changed or archived",
  "reassignment.completed": "Work is reassigned",
  "import.completed": "A CSV import of people completes",
};
