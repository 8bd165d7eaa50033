/**
 * The kinds of feed entries the server records (FEED-1), with how the console names them. The
 * feed page filters by these; test/activity-kinds.test.ts fails when a use case records a kind
 * that is missing here.
 */
export const ACTIVITY_KINDS = {
  "firm.created": "Firm created",
  "user.invited": "User invited",
  "invitation.resent": "Invitation resent",
  "invitation.revoked": "Invitation revoked",
  "invitation.accepted": "Invitation accepted",
  "user.created": "User created",
  "user.updated": "User edited",
  "user.roles_assigned": "Roles assigned",
  "user.email_change_requested": "Email change requested",
  "user.email_changed": "Email changed",
  "user.signed_out_everywhere": "Signed out everywhere",
  "user.deactivation_scheduled": "Deactivation scheduled",
  "user.deactivation_cancelled": "Deactivation cancelled",
  "user.deactivated": "User deactivated",
  "user.reactivated": "User reactivated",
  "user.work_left": "Work left to reassign",
  "user.password_changed": "Password changed",
  "user.password_reset": "Password reset",
  "reassignment.completed": "Work reassigned",
  "firm.ownership_transferred": "Ownership transferred",
  "api_token.created": "API token created",
  "api_token.revoked": "API token revoked",
  "role.created": "Role created",
  "role.updated": "Role edited",
  "role.deleted": "Role deleted",
  "group.created": "Group created",
  "group.updated": "Group edited",
  "group.archived": "Group archived",
  "group.unarchived": "Group unarchived",
  "licenses.purchased": "Licenses bought",
  "licenses.removal_scheduled": "License removal scheduled",
  "licenses.removal_cancelled": "License removal cancelled",
  "subscription.updated": "Subscription changed",
  "subscription.renewed": "Subscription renewed",
  "import.completed": "Import completed",
  "import.failed": "Import failed",
  "matter.created": "Matter created",
  "matter.updated": "Matter edited",
  "task.created": "Task created",
  "task.updated": "Task edited",
  "event.created": "Event created",
  "event.updated": "Event edited",
  "contact.created": "Contact created",
  "contact.updated": "Contact edited",
  "calendar.views_changed": "Calendar views changed",
  "message_thread.created": "Message thread started",
  "message.posted": "Message posted",
  "webhook.created": "Webhook added",
  "webhook.updated": "Webhook changed",
  "webhook.deleted": "Webhook removed",
  "webhook.delivery_retried": "Webhook delivery sent again",
} as const;

/** How the console names a kind; one it does not know reads as recorded. */
export function activityKindLabel(kind: string): string {
  return (ACTIVITY_KINDS as Record<string, string>)[kind] ?? kind;
}
