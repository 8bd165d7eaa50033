import type { UpdateUserBody, User } from "../api/types";

/** The editable fields of a user (USR-5), as the form holds them: never null, "" for blank. */
export interface UserFormValues {
  first_name: string;
  last_name: string;
  initials: string;
  time_zone: string;
  phone: string;
  address: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  subscription_type: "attorney" | "non_attorney";
  role_ids: string[];
  group_ids: string[];
}

const PROFILE = ["first_name", "last_name", "initials", "time_zone", "phone", "address", "city", "state", "zip", "country"] as const;
type ProfileKey = (typeof PROFILE)[number];

export function toFormValues(user: User): UserFormValues {
  const profile = Object.fromEntries(PROFILE.map((key) => [key, user[key] ?? ""])) as Record<ProfileKey, string>;
  return {
    ...profile,
    subscription_type: user.subscription_type,
    role_ids: user.roles.map((r) => r.id),
    group_ids: user.groups.map((g) => g.id),
  };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

/** What the user may change here, straight from the record's abilities. */
export interface Editable {
  profile: boolean;
  subscription: boolean;
  roles: boolean;
  groups: boolean;
}

export function editableOf(user: User): Editable {
  const can = user.abilities ?? {};
  return {
    profile: Boolean(can.edit),
    subscription: Boolean(can.change_subscription_type),
    roles: Boolean(can.change_roles),
    groups: Boolean(can.change_groups),
  };
}

/**
 * The PATCH body: only the fields that changed and that the viewer may change. Blank optional
 * fields are cleared with null; names are sent trimmed.
 */
export function toUpdateBody(before: UserFormValues, after: UserFormValues, editable: Editable): UpdateUserBody {
  const body: UpdateUserBody = {};
  if (editable.profile) {
    for (const key of PROFILE) {
      const value = after[key].trim();
      if (value === before[key].trim()) continue;
      if (key === "first_name" || key === "last_name") body[key] = value;
      else body[key] = value === "" ? null : value;
    }
  }
  if (editable.subscription && after.subscription_type !== before.subscription_type) body.subscription_type = after.subscription_type;
  if (editable.roles && !sameSet(after.role_ids, before.role_ids)) body.role_ids = after.role_ids;
  if (editable.groups && !sameSet(after.group_ids, before.group_ids)) body.group_ids = after.group_ids;
  return body;
}

/** Every IANA time zone the browser knows, plus the user's own when it is an alias it does not list. */
export function timeZoneOptions(current: string): { value: string; label: string }[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const all = current && !zones.includes(current) ? [current, ...zones] : zones;
  return all.map((zone) => ({ value: zone, label: zone.replace(/_/g, " ") }));
}
