/** Permission keys and the five built-in roles (ROL-1). Used by the server and the console. */
export const PERMISSIONS = {
  "firm.settings": "Change the firm's account, renewal options, single sign-on and closing",
  "users.manage": "Invite, edit, deactivate, reactivate, reassign and import users",
  "licenses.manage": "Buy and remove licenses and add-ons",
  "roles.manage": "Create, edit and delete custom roles",
  "groups.manage": "Create, edit and archive groups",
  "feed.view": "See the firm feed",
  "billing.view": "See billing and charges",
  "rates.manage": "Manage custom billing rates",
  "matters.create": "Create matters",
  "matters.edit": "Edit matters",
  "matters.access": "Change a matter's access",
  "contacts.edit": "Edit contacts",
  "tasks.manage_all": "Manage everyone's tasks",
  "calendar.manage_all": "Manage everyone's calendar events",
  "reports.view": "See reports",
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_KEYS = Object.keys(PERMISSIONS) as Permission[];

export type SystemRoleKey = "administrator" | "attorney" | "paralegal" | "billing" | "read_only";

export const SYSTEM_ROLES: { key: SystemRoleKey; name: string; permissions: readonly Permission[] }[] = [
  { key: "administrator", name: "Administrator", permissions: PERMISSION_KEYS },
  {
    key: "attorney",
    name: "Attorney",
    permissions: [
      "matters.create",
      "matters.edit",
      "matters.access",
      "contacts.edit",
      "tasks.manage_all",
      "calendar.manage_all",
      "reports.view",
    ],
  },
  {
    key: "paralegal",
    name: "Paralegal",
    permissions: ["matters.edit", "contacts.edit", "tasks.manage_all", "calendar.manage_all"],
  },
  { key: "billing", name: "Billing", permissions: ["billing.view", "rates.manage", "contacts.edit", "reports.view"] },
  { key: "read_only", name: "Read only", permissions: [] },
];
