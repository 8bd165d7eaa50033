/** What a SCIM User resource asks of a Chambers user, checked with the console's own field rules. */
import { z } from "zod";
import { emailField, profileFields } from "../../shared/schemas.js";
import { ENTERPRISE_SCHEMA, scimError, SCIMMY } from "./scim-protocol.js";

export interface DesiredUser {
  /** userName: the login email. */
  email: string;
  /** The primary email's value, when it differs from userName (Entra maps `mail` here). */
  primaryEmail: string | null;
  firstName?: string;
  lastName?: string;
  active?: boolean;
  externalId: string | null;
  title: string | null;
  employeeNumber: string | null;
  profile: { phone: string | null; address: string | null; city: string | null; state: string | null; zip: string | null; country: string | null };
}

const extraText = z.string().trim().max(200).nullable();
const shape = z.object({
  email: emailField,
  primaryEmail: emailField.nullable(),
  first_name: profileFields.first_name,
  last_name: profileFields.last_name,
  phone: profileFields.phone,
  address: profileFields.address,
  city: profileFields.city,
  state: profileFields.state,
  zip: profileFields.zip,
  country: profileFields.country,
  externalId: extraText,
  title: extraText,
  employeeNumber: extraText,
});

/** The SCIM attribute each checked field came from, for the error's detail. */
const SCIM_NAMES: Record<string, string> = {
  email: "userName",
  primaryEmail: "emails.value",
  first_name: "name.givenName",
  last_name: "name.familyName",
  phone: "phoneNumbers.value",
  address: "addresses.streetAddress",
  city: "addresses.locality",
  state: "addresses.region",
  zip: "addresses.postalCode",
  country: "addresses.country",
  employeeNumber: `${ENTERPRISE_SCHEMA}:employeeNumber`,
};

type Multi = { value?: string; primary?: boolean; type?: string };
const primaryOf = <T extends Multi>(list: T[] | undefined): T | undefined => list?.find((x) => x.primary) ?? list?.[0];
const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

/** The desired state of a user from a SCIM User instance (parsed by scimmy), or an invalidValue naming the attribute. */
export function desiredUserOf(instance: InstanceType<typeof SCIMMY.Schemas.User>): DesiredUser {
  const u = instance as unknown as Record<string, unknown> & {
    userName?: string;
    name?: { givenName?: string; familyName?: string };
    emails?: Multi[];
    phoneNumbers?: Multi[];
    addresses?: { streetAddress?: string; locality?: string; region?: string; postalCode?: string; country?: string; primary?: boolean }[];
  };
  const primary = text(primaryOf(u.emails)?.value);
  const email = text(u.userName) ?? primary;
  if (!email) throw scimError(400, "invalidValue", "userName is required: it is the person's login email.");
  const address = u.addresses?.find((a) => a.primary) ?? u.addresses?.[0];
  const enterprise = u[ENTERPRISE_SCHEMA] as { employeeNumber?: string } | undefined;
  const raw = {
    email,
    primaryEmail: primary,
    first_name: text(u.name?.givenName) ?? undefined,
    last_name: text(u.name?.familyName) ?? undefined,
    phone: text(primaryOf(u.phoneNumbers)?.value),
    address: text(address?.streetAddress),
    city: text(address?.locality),
    state: text(address?.region),
    zip: text(address?.postalCode),
    country: text(address?.country),
    externalId: text(u.externalId),
    title: text(u.title),
    employeeNumber: text(enterprise?.employeeNumber),
  };
  const parsed = shape.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "");
    throw scimError(400, "invalidValue", `${SCIM_NAMES[field] ?? field}: ${issue.message}`);
  }
  const d = parsed.data;
  return {
    email: d.email,
    primaryEmail: d.primaryEmail,
    firstName: d.first_name,
    lastName: d.last_name,
    active: typeof u.active === "boolean" ? u.active : undefined,
    externalId: d.externalId,
    title: d.title,
    employeeNumber: d.employeeNumber,
    profile: { phone: d.phone ?? null, address: d.address ?? null, city: d.city ?? null, state: d.state ?? null, zip: d.zip ?? null, country: d.country ?? null },
  };
}
