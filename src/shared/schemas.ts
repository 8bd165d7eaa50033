/** The zod schemas of the API's bodies and answers: one truth for the server and the console. */
import { z } from "zod";
import { LIMITS } from "./limits.js";
import { PERMISSION_KEYS } from "./permissions.js";
import { ADDON_KEYS } from "./pricing.js";

// A missing field says so plainly, in the server's answers and the console's forms alike.
z.config({ customError: (issue) => (issue.input === undefined ? "Required." : undefined) });

/** A request body's example for the OpenAPI document (every body has one), checked against the schema's input type. */
export const withExample = <T extends z.ZodType>(schema: T, example: z.input<T>): T => schema.meta({ examples: [example] });

const name = (max: number = LIMITS.nameMax) => z.string().trim().min(1, "Required.").max(max);
export const emailField = z
  .string()
  .trim()
  .max(LIMITS.emailMax)
  .pipe(z.email({ message: "Enter a valid email address." }));
export const passwordField = z
  .string()
  .min(LIMITS.passwordMin, `Use at least ${LIMITS.passwordMin} characters.`)
  .max(LIMITS.passwordMax);
export const isoTime = z.iso.datetime();
export const idParam = z.object({ id: z.string().min(1).max(100) });

export const cursorQuery = z.object({
  limit: z.coerce.number().int().min(1).max(LIMITS.pageMax).default(LIMITS.pageDefault),
  cursor: z.string().max(200).optional(),
});

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() });

export const signupBody = withExample(z.strictObject({
  firm_name: name(LIMITS.firmNameMax),
  first_name: name(),
  last_name: name(),
  email: emailField,
  password: passwordField,
  plan: z.enum(["monthly", "annual"]),
  licenses: z.number().int().min(1).max(LIMITS.licensesMax),
  price_cents: z.number().int().min(0).max(LIMITS.priceCentsMax).optional(),
}), { firm_name: "Walsh & Ortiz LLP", first_name: "Jane", last_name: "Walsh", email: "jane@walsh-ortiz.example", password: "correct horse battery staple", plan: "annual", licenses: 5 });
export type SignupBody = z.infer<typeof signupBody>;

export const signInBody = withExample(z.strictObject({
  email: z.string().trim().min(1, "Required.").max(LIMITS.emailMax),
  password: z.string().min(1, "Required.").max(LIMITS.passwordMax),
  /** SES-3: the authenticator's 6-digit code, or one of the recovery codes. */
  code: z.string().trim().min(1, "Required.").max(LIMITS.twoFactorCodeMax).optional(),
}), { email: "jane@walsh-ortiz.example", password: "correct horse battery staple", code: "123456" });

export const roleRef = z.object({ id: z.string(), name: z.string() });
export const userRef = z.object({ id: z.string(), name: z.string(), inactive: z.boolean() });

export const userOut = z.object({
  id: z.string(),
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  name: z.string(),
  initials: z.string().nullable(),
  time_zone: z.string().nullable(),
  address: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  zip: z.string().nullable(),
  country: z.string().nullable(),
  phone: z.string().nullable(),
  subscription_type: z.enum(["attorney", "non_attorney"]),
  status: z.enum(["invited", "active", "deactivated"]),
  is_primary_subscriber: z.boolean(),
  roles: z.array(roleRef),
  groups: z.array(roleRef),
  /** ADD-1: the add-ons the user holds. */
  addons: z.array(z.enum(ADDON_KEYS)),
  invitation: z
    .object({ id: z.string(), expires_at: isoTime.nullable(), sent_at: isoTime.nullable(), expired: z.boolean() })
    .nullable(),
  /** A change of login email waiting for the new address to confirm it (EML-1, EML-3). */
  pending_email_change: z.object({ new_email: z.string(), expires_at: isoTime }).nullable(),
  deactivated_at: isoTime.nullable(),
  scheduled_deactivation_at: isoTime.nullable(),
  created_at: isoTime,
  updated_at: isoTime,
  /** SES-3: whether the user signs in with a second factor. */
  two_factor_enabled: z.boolean(),
  abilities: z.record(z.string(), z.boolean()),
});
export type UserOut = z.infer<typeof userOut>;

export const subscriptionOut = z.object({
  plan: z.enum(["monthly", "annual"]),
  price_cents: z.number().int(),
  currency: z.string(),
  total_licenses: z.number().int(),
  pending_removal: z.number().int(),
  period_start: isoTime,
  period_end: isoTime,
  remove_unused_at_renewal: z.boolean(),
});

export const firmOut = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(["active", "closed"]),
  primary_subscriber_id: z.string(),
  subscription: subscriptionOut,
  /** SSO-1: the firm's SAML configuration in brief, or null when it has none. */
  sso: z
    .object({ idp_entity_id: z.string(), enforced: z.boolean(), tested_at: isoTime.nullable() })
    .nullable(),
  /** SES-3: everyone signing in with a password needs a second factor. */
  two_factor_required: z.boolean(),
  created_at: isoTime,
  /** CLS-2: when the account was closed, and when its data is deleted; null while active. */
  closed_at: isoTime.nullable(),
  purge_at: isoTime.nullable(),
});
export type FirmOut = z.infer<typeof firmOut>;

/** CON-2: what the person may do firm-wide; the console shows and hides from this alone. */
export const firmAbilitiesOut = z.object({
  invite_users: z.boolean(),
  manage_users: z.boolean(),
  view_licenses: z.boolean(),
  manage_licenses: z.boolean(),
  view_billing: z.boolean(),
  manage_roles: z.boolean(),
  manage_groups: z.boolean(),
  view_feed: z.boolean(),
  manage_firm: z.boolean(),
  close_firm: z.boolean(),
  export_firm: z.boolean(),
  transfer_ownership: z.boolean(),
  reassign_work: z.boolean(),
  import_users: z.boolean(),
  create_matters: z.boolean(),
  set_matter_access: z.boolean(),
  set_custom_rates: z.boolean(),
  create_contacts: z.boolean(),
  assign_tasks_to_anyone: z.boolean(),
  view_reassignments: z.boolean(),
});

export const meOut = userOut.extend({
  permissions: z.array(z.enum(PERMISSION_KEYS as [string, ...string[]])),
  /** The record's own abilities (as on every user) and, besides them, the firm-wide ones. */
  abilities: firmAbilitiesOut.catchall(z.boolean()),
  firm: firmOut,
  csrf_token: z.string(),
  /** SES-3: the firm requires two-factor and this user has none: only enrolment answers until then. */
  two_factor_enrollment_required: z.boolean(),
});

export const signupOut = z.object({ firm: firmOut, user: userOut, token: z.string() });
export const sessionCreatedOut = z.object({ token: z.string(), user: userOut, expires_at: isoTime });

export const sessionOut = z.object({
  id: z.string(),
  created_at: isoTime,
  last_seen_at: isoTime,
  expires_at: isoTime.nullable(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  current: z.boolean(),
});
/** SES-1, SES-2: one page of live sessions (a person holds few), so the cursor is always null. */
export const sessionListOut = z.object({ data: z.array(sessionOut), next_cursor: z.null() });
export type SessionListOut = z.infer<typeof sessionListOut>;

export const tokenBody = withExample(z.strictObject({ name: name(LIMITS.tokenNameMax) }), { name: "Reporting script" });
export const tokenOut = z.object({ id: z.string(), name: z.string(), created_at: isoTime, last_seen_at: isoTime.nullable() });
export const tokenCreatedOut = z.object({ id: z.string(), name: z.string(), token: z.string() });

export const activityOut = z.object({
  id: z.string(),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  kind: z.string(),
  subject_type: z.string(),
  subject_id: z.string(),
  subject_label: z.string(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  is_deletion: z.boolean(),
  created_at: isoTime,
});

export const activitiesQuery = cursorQuery.extend({
  user_id: z.string().max(100).optional(),
  kind: z.string().max(100).optional(),
  deletions_only: z.enum(["true", "false"]).optional(),
});

export const notificationOut = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()),
  read_at: isoTime.nullable(),
  created_at: isoTime,
});

export const notificationsQuery = cursorQuery.extend({ unread: z.enum(["true", "false"]).optional() });

export const usersQuery = cursorQuery.extend({
  status: z.enum(["active", "invited", "deactivated", "all"]).default("active"),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(["name", "-name", "email", "-email", "created_at", "-created_at"]).default("name"),
  /** USR-6: holders of a role, members of a group, people of one subscription type. */
  role_id: z.string().min(1).max(100).optional(),
  group_id: z.string().min(1).max(100).optional(),
  /** ADD-1: only holders of this add-on. */
  addon: z.enum(ADDON_KEYS).optional(),
  subscription_type: z.enum(["attorney", "non_attorney"]).optional(),
});

export const problemOut = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

const idList = (max: number) => z.array(z.string().min(1).max(100)).max(max);
const optionalName = z.string().trim().max(LIMITS.nameMax).optional();

export const inviteBody = withExample(z.strictObject({
  email: emailField,
  subscription_type: z.enum(["attorney", "non_attorney"]),
  role_ids: idList(50).min(1, "Choose at least one role."),
  first_name: optionalName,
  last_name: optionalName,
  message: z.string().trim().max(LIMITS.invitationMessageMax).optional(),
  group_ids: idList(100).optional(),
  confirm_purchase: z.boolean().optional(),
}), { email: "sam@walsh-ortiz.example", subscription_type: "attorney", role_ids: ["3f0c6b2e-8a51-4c1e-9d0a-6f3e2b7c9d41"], first_name: "Sam", last_name: "Ortiz", confirm_purchase: true });

export const quoteOut = z.object({ count: z.number().int(), amount_cents: z.number().int(), currency: z.string() });

export const chargeOut = z.object({
  id: z.string(),
  kind: z.enum(["subscription", "licenses", "renewal", "addon_licenses", "addon_renewal", "addon_trial_conversion"]),
  /** The add-on an `addon_*` charge is for; null for the main licenses. */
  addon: z.enum(ADDON_KEYS).nullable(),
  count: z.number().int(),
  amount_cents: z.number().int(),
  currency: z.string(),
  period_start: isoTime,
  period_end: isoTime,
  created_at: isoTime,
});

export const invitedOut = z.object({
  user: userOut,
  invitation: z.object({ id: z.string(), expires_at: isoTime }),
  charge: chargeOut.nullable().optional(),
});

export const invitationLookupOut = z.object({
  email: z.string(),
  firm_name: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  expired: z.boolean(),
  expires_at: isoTime.nullable(),
  /** INV-6: the firm enforces SSO for this email: accept by signing in at `sso_login_path`. */
  sso_required: z.boolean(),
  sso_login_path: z.string().nullable(),
});

export const acceptBody = withExample(z.strictObject({
  token: z.string().min(1, "Required.").max(300),
  first_name: name(),
  last_name: name(),
  password: passwordField,
}), { token: "q8Z2mN0vR5tY7wX1aB3cD6eF9gH4jK2L", first_name: "Sam", last_name: "Ortiz", password: "another long passphrase" });

export const licensesOut = z.object({
  plan: z.enum(["monthly", "annual"]),
  price_cents: z.number().int(),
  currency: z.string(),
  total: z.number().int(),
  occupied: z.number().int(),
  available: z.number().int(),
  pending_removal: z.number().int(),
  period_start: isoTime,
  period_end: isoTime,
  next_renewal_at: isoTime,
  remove_unused_at_renewal: z.boolean(),
  next_bill_estimate_cents: z.number().int(),
});

const licenseCount = z.number().int("Use a whole number.").min(1, "At least 1.").max(LIMITS.licensesMax, `At most ${LIMITS.licensesMax}.`);
export const quoteBody = withExample(z.strictObject({ count: licenseCount }), { count: 3 });
export const buyLicensesBody = withExample(z.strictObject({
  count: licenseCount,
  confirm: z.literal(true, { message: "Confirm the purchase with `confirm: true`." }),
}), { count: 3, confirm: true });

/** ADD-1, ADD-3: an add-on's licenses, holders and trial. */
export const addonOut = z.object({
  key: z.enum(ADDON_KEYS),
  name: z.string(),
  /** `inactive`: no licenses; `trial`: free until `trial_ends_at`; `opted_out`: the trial was declined. */
  status: z.enum(["inactive", "active", "trial", "opted_out"]),
  total: z.number().int(),
  allocated: z.number().int(),
  available: z.number().int(),
  trial_ends_at: isoTime.nullable(),
  /** Whether the firm may still start this add-on's trial (once, before it ever had the add-on). */
  trial_available: z.boolean(),
  trial_days: z.number().int().nullable(),
  /** The price of one license for a whole period of the firm's plan. */
  price_cents: z.number().int(),
  currency: z.string(),
});
export const addonKeyParams = z.object({ key: z.enum(ADDON_KEYS) });
export const addonAllocationParams = z.object({ key: z.enum(ADDON_KEYS), user_id: z.string().min(1).max(100) });
export const buyAddonBody = withExample(
  z
    .strictObject({
      count: licenseCount,
      confirm: z.literal(true, { message: "Confirm the purchase with `confirm: true`." }).optional(),
      /** ADD-3: start the add-on's free trial instead of buying. */
      trial: z.boolean().optional(),
    })
    .superRefine((body, ctx) => {
      if (!body.trial && body.confirm !== true) ctx.addIssue({ code: "custom", path: ["confirm"], message: "Confirm the purchase with `confirm: true`." });
    }),
  { count: 2, confirm: true },
);
export const allocateAddonBody = withExample(z.strictObject({ user_id: z.string().trim().min(1, "Required.").max(100) }), { user_id: "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f" });
export const addonAllocationOut = z.object({ key: z.enum(ADDON_KEYS), user_id: z.string(), allocated_at: isoTime });

export const removalBody = withExample(z.strictObject({ count: licenseCount }), { count: 1 });
export const subscriptionBody = withExample(z.strictObject({ remove_unused_licenses_at_renewal: z.boolean() }), { remove_unused_licenses_at_renewal: true });

export const deactivateBody = withExample(z.strictObject({
  remove_license_at_next_bill: z.boolean().optional(),
  /** Where the user's work goes (REA); optional, each target an active user. */
  reassign: z
    .strictObject({
      matters_to: z.string().trim().min(1, "Required.").max(100).optional(),
      tasks_to: z.string().trim().min(1, "Required.").max(100).optional(),
      events_to: z.string().trim().min(1, "Required.").max(100).optional(),
    })
    .refine((v) => Boolean(v.matters_to || v.tasks_to || v.events_to), { message: "Choose who receives at least one kind of work.", path: ["matters_to"] })
    .optional(),
  /** DEA-2: deactivate although the user still holds work, leaving it where it is. */
  leave_work: z.boolean().optional(),
  /** DEA-9: deactivate at this future moment instead of now. */
  at: isoTime.optional(),
}), { remove_license_at_next_bill: true, reassign: { matters_to: "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f" } });

export const deactivatedOut = z.object({
  user: userOut,
  reassignment: z.object({ matters: z.number().int(), tasks: z.number().int(), events: z.number().int() }).nullable(),
  private_matters: z.number().int(),
});

export const reactivateBody = withExample(z.strictObject({ email: emailField.optional(), confirm_purchase: z.boolean().optional() }), { confirm_purchase: true });

export const groupOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  exclude_from_custom_rates: z.boolean(),
  archived: z.boolean(),
  archived_at: isoTime.nullable(),
  member_ids: z.array(z.string()),
  created_at: isoTime,
  updated_at: isoTime,
});

const groupFields = {
  name: name(),
  description: z.string().trim().max(LIMITS.descriptionMax).optional(),
  exclude_from_custom_rates: z.boolean().optional(),
  member_ids: idList(2000).optional(),
};
export const createGroupBody = withExample(z.strictObject(groupFields), { name: "Litigation", description: "Everyone on litigation matters", member_ids: ["7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"] });
export const updateGroupBody = withExample(z.strictObject({ ...groupFields, name: groupFields.name.optional() }), { description: "Litigation and appeals", exclude_from_custom_rates: true });
export const groupsQuery = z.object({ archived: z.enum(["true", "false"]).default("false") });

/** USR-5: the profile fields, validated the same way wherever a person is edited or imported. */
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
export const initialsField = z
  .string()
  .trim()
  .max(5, "At most 5 letters.")
  .regex(/^\p{L}*$/u, "Letters only.");
export const timeZoneField = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, "Use an IANA time zone name, such as America/New_York.");
export const phoneField = z
  .string()
  .trim()
  .max(30)
  .regex(/^\+?[0-9 ().-]*$/, { message: "Digits, spaces, + ( ) - and . only.", abort: true })
  .refine((v) => v === "" || (v.match(/[0-9]/g)?.length ?? 0) >= 5, "At least 5 digits.");

/** True for an IANA zone name the runtime knows (aliases such as US/Eastern included). */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const profileFields = {
  first_name: name().optional(),
  last_name: name().optional(),
  initials: initialsField.nullable().optional(),
  time_zone: timeZoneField.nullable().optional(),
  address: optionalText(300),
  city: optionalText(100),
  state: optionalText(100),
  zip: optionalText(20),
  country: optionalText(100),
  phone: phoneField.nullable().optional(),
};

export const updateUserBody = withExample(z.strictObject({
  ...profileFields,
  subscription_type: z.enum(["attorney", "non_attorney"]).optional(),
  role_ids: idList(50).min(1, "Every user holds at least one role.").optional(),
  group_ids: idList(100).optional(),
}), { city: "Chicago", phone: "+1 312 555 0100", role_ids: ["3f0c6b2e-8a51-4c1e-9d0a-6f3e2b7c9d41"] });
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const bulkAssignBody = withExample(z.strictObject({
  user_ids: idList(500).min(1, "Choose at least one user."),
  role_ids: idList(50).min(1, "Choose at least one role."),
}), { user_ids: ["7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"], role_ids: ["3f0c6b2e-8a51-4c1e-9d0a-6f3e2b7c9d41"] });

const permissionKey = z.enum(PERMISSION_KEYS as [string, ...string[]]);
export const createRoleBody = withExample(z.strictObject({ name: name(LIMITS.roleNameMax), permissions: z.array(permissionKey).max(50) }), { name: "Office manager", permissions: ["users.manage", "billing.view"] });
export const updateRoleBody = withExample(z.strictObject({ name: name(LIMITS.roleNameMax).optional(), permissions: z.array(permissionKey).max(50).optional() }), { permissions: ["users.manage", "billing.view", "feed.view"] });
export const roleOut = z.object({ id: z.string(), name: z.string(), system: z.boolean(), permissions: z.array(z.string()), holders: z.number().int() });

export const selfEmailChangeBody = withExample(z.strictObject({ new_email: emailField, password: z.string().min(1, "Required.").max(LIMITS.passwordMax) }), { new_email: "jane.walsh@walsh-ortiz.example", password: "correct horse battery staple" });
export const emailChangeBody = withExample(z.strictObject({ new_email: emailField }), { new_email: "sam.ortiz@walsh-ortiz.example" });
export const emailChangeOut = z.object({ new_email: z.string(), expires_at: isoTime });
export const confirmEmailBody = withExample(z.strictObject({ token: z.string().min(1, "Required.").max(300) }), { token: "c4V7bN1mQ8wE2rT5yU9iO3pA6sD0fG7h" });

/** ACC-9: change of one's own password, and the reset by email link. */
export const changePasswordBody = withExample(z.strictObject({
  current_password: z.string().min(1, "Required.").max(LIMITS.passwordMax),
  new_password: z.string().min(1, "Required.").max(LIMITS.passwordMax),
}), { current_password: "correct horse battery staple", new_password: "a different long passphrase" });
export const passwordResetBody = withExample(z.strictObject({ email: emailField }), { email: "jane@walsh-ortiz.example" });
export const passwordResetConfirmBody = withExample(z.strictObject({
  token: z.string().min(1, "Required.").max(300),
  new_password: z.string().min(1, "Required.").max(LIMITS.passwordMax),
}), { token: "r3S6tU9vW2xY5zA8bC1dE4fG7hJ0kL3m", new_password: "a brand new passphrase" });

/** SCIM-1: the firm's SCIM tokens (the secret only in the creation's answer) and provisioning settings. */
export const scimTokenBody = withExample(z.strictObject({ name: name(LIMITS.tokenNameMax) }), { name: "Okta" });
export const scimTokenOut = z.object({ id: z.string(), name: z.string(), created_at: isoTime, last_used_at: isoTime.nullable() });
export const scimTokenCreatedOut = scimTokenOut.extend({ token: z.string().meta({ description: "The secret, shown only now." }) });
export const scimSettingsOut = z.object({
  default_role_id: z.string().meta({ description: "The role provisioned people get; the Attorney role until an administrator chooses another." }),
  default_role_name: z.string(),
  base_url: z.string().meta({ description: "Where identity providers reach SCIM: `<PUBLIC_URL>/scim/v2`." }),
});
export const scimSettingsBody = withExample(z.strictObject({ default_role_id: z.string().min(1, "Required.").max(100) }), { default_role_id: "3f0c6b2e-8a51-4c1e-9d0a-6f3e2b7c9d41" });

/** SES-3: two-factor sign-in. */
const totpCode = z.string().trim().min(1, "Required.").max(LIMITS.twoFactorCodeMax);
export const twoFactorStateOut = z.object({ enabled: z.boolean(), required_by_firm: z.boolean(), recovery_codes_left: z.number().int() });
export const twoFactorBeginBody = withExample(z.strictObject({ password: z.string().min(1, "Required.").max(LIMITS.passwordMax) }), { password: "correct horse battery staple" });
export const twoFactorBegunOut = z.object({ secret: z.string(), otpauth_url: z.string(), qr_svg: z.string() });
export const twoFactorConfirmBody = withExample(z.strictObject({ code: totpCode }), { code: "123456" });
export const recoveryCodesOut = z.object({ recovery_codes: z.array(z.string()) });
export const twoFactorDisableBody = withExample(z.strictObject({ password: z.string().min(1, "Required.").max(LIMITS.passwordMax), code: totpCode }), { password: "correct horse battery staple", code: "123456" });
export const firmPatchBody = withExample(z.strictObject({
  name: name(LIMITS.firmNameMax).optional(),
  two_factor_required: z.boolean().optional(),
}), { two_factor_required: true });

// Single sign-on (SSO-1, SSO-2).

export const ssoSettingsBody = withExample(z.strictObject({
  idp_entity_id: z.string().trim().min(1, "Required.").max(1000),
  sso_url: z.string().trim().min(1, "Required.").max(2000),
  certificate_pem: z.string().trim().min(1, "Required.").max(20_000),
  enforced: z.boolean().default(false),
  exception_emails: z.array(emailField).max(100, "At most 100 exceptions.").default([]),
}), {
  idp_entity_id: "http://www.okta.com/exk1a2b3c4d5e6f7g8h9",
  sso_url: "https://walsh-ortiz.okta.com/app/walsh-ortiz_chambers_1/exk1a2b3c4d5e6f7g8h9/sso/saml",
  certificate_pem: "-----BEGIN CERTIFICATE-----\nMIIC...\n-----END CERTIFICATE-----",
  enforced: false,
  exception_emails: ["jane@walsh-ortiz.example"],
});

export const ssoSettingsOut = z.object({
  idp_entity_id: z.string().nullable(),
  sso_url: z.string().nullable(),
  certificate_pem: z.string().nullable(),
  enforced: z.boolean(),
  exception_emails: z.array(z.string()),
  tested_at: isoTime.nullable(),
  updated_at: isoTime.nullable(),
  /** What the identity provider needs: give it these (or the metadata) when adding the app. */
  sp_entity_id: z.string(),
  acs_url: z.string(),
  metadata_url: z.string(),
  login_url: z.string(),
});
