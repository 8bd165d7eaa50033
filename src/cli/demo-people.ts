/** The people of the demo firm (OPS-6): a mid-sized litigation and transactional practice. */
import type { SystemRoleKey } from "../shared/permissions.js";

export interface DemoPerson {
  firstName: string;
  lastName: string;
  /** What they do at the firm; shown by `seed-demo`, not stored. */
  title: string;
  subscriptionType: "attorney" | "non_attorney";
  roleKeys: SystemRoleKey[];
}

export const DEMO_FIRM_NAME = "Whitford & Hale LLP";
export const DEMO_DOMAIN = "whitfordhale.example";

/** The primary subscriber: the managing partner. Sign-up makes her an Administrator. */
export const DEMO_OWNER = { firstName: "Margaret", lastName: "Whitford", title: "Managing Partner" } as const;

export const DEMO_PEOPLE: DemoPerson[] = [
  { firstName: "Jonathan", lastName: "Hale", title: "Founding Partner", subscriptionType: "attorney", roleKeys: ["administrator", "attorney"] },
  { firstName: "Priya", lastName: "Raman", title: "Partner, Litigation", subscriptionType: "attorney", roleKeys: ["attorney"] },
  { firstName: "Daniel", lastName: "Okafor", title: "Partner, Corporate", subscriptionType: "attorney", roleKeys: ["attorney"] },
  { firstName: "Sarah", lastName: "Lindqvist", title: "Senior Associate", subscriptionType: "attorney", roleKeys: ["attorney"] },
  { firstName: "Michael", lastName: "Brennan", title: "Of Counsel", subscriptionType: "attorney", roleKeys: ["attorney"] },
  { firstName: "Hannah", lastName: "Feldman", title: "Associate", subscriptionType: "attorney", roleKeys: ["attorney"] },
  { firstName: "Elena", lastName: "Vasquez", title: "Senior Paralegal", subscriptionType: "non_attorney", roleKeys: ["paralegal"] },
  { firstName: "Thomas", lastName: "Nguyen", title: "Litigation Paralegal", subscriptionType: "non_attorney", roleKeys: ["paralegal"] },
  { firstName: "Rachel", lastName: "Goldberg", title: "Paralegal", subscriptionType: "non_attorney", roleKeys: ["paralegal"] },
  { firstName: "Kevin", lastName: "Marshall", title: "Billing Manager", subscriptionType: "non_attorney", roleKeys: ["billing"] },
  { firstName: "Aisha", lastName: "Thompson", title: "Billing Specialist", subscriptionType: "non_attorney", roleKeys: ["billing"] },
  { firstName: "Laura", lastName: "Chen", title: "Office Manager", subscriptionType: "non_attorney", roleKeys: ["administrator"] },
  { firstName: "Samuel", lastName: "Park", title: "Law Clerk", subscriptionType: "non_attorney", roleKeys: ["read_only"] },
  { firstName: "Grace", lastName: "O'Connell", title: "Receptionist", subscriptionType: "non_attorney", roleKeys: ["read_only"] },
];

/** `first.last@domain`, lower case, letters only: "Grace O'Connell" is grace.oconnell@... */
export function demoEmail(firstName: string, lastName: string, domain: string): string {
  return `${letters(firstName)}.${letters(lastName)}@${domain}`;
}

const letters = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[^a-z]/g, "");

/** A person's key in the demo's practice data: the last name, lower case, letters only. */
export const personKey = (p: { lastName: string }) => letters(p.lastName);
