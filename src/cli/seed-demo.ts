/** `chambers seed-demo`: a demo firm with realistic people to explore the console with (OPS-6). */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { emailTaken } from "../domain/accounts/emails.js";
import { assertStrongPassword, hashPassword } from "../domain/accounts/passwords.js";
import { signUp } from "../domain/accounts/sign-up.js";
import { createActiveUser } from "../domain/users/create-active-user.js";
import type { Executor } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { systemClock } from "../domain/clock.js";
import { emailField, signupBody } from "../shared/schemas.js";
import { SYSTEM_ROLES } from "../shared/permissions.js";
import { consoleUrl, withDatabase } from "./database.js";
import { DEMO_DOMAIN, DEMO_FIRM_NAME, DEMO_OWNER, DEMO_PEOPLE, demoEmail, personKey, type DemoPerson } from "./demo-people.js";
import { seedPractice, type PracticeSummary } from "./demo-practice.js";
import { CliError, UsageError } from "./errors.js";
import type { RunCommand } from "./main.js";

const LICENSES = DEMO_PEOPLE.length + 1 + 2; // everyone, plus two spare seats to invite into

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, domain: { type: "string" }, password: { type: "string" } },
    strict: true,
  });
  const domain = (values.domain ?? DEMO_DOMAIN).trim().toLowerCase();
  const ownerEmail = values.email ?? demoEmail(DEMO_OWNER.firstName, DEMO_OWNER.lastName, domain);
  if (!emailField.safeParse(ownerEmail).success) throw new UsageError(`--email is not a valid email address: ${ownerEmail}`);
  if (!emailField.safeParse(`someone@${domain}`).success) throw new UsageError(`--domain is not a valid email domain: ${domain}`);
  // A fresh random password unless one is given: a demo must not open a well-known door.
  const password = values.password ?? randomBytes(12).toString("base64url");
  if (values.password !== undefined) assertStrongPassword(password);
  return { domain, ownerEmail: ownerEmail.trim(), password };
}

/** Refuses politely, before changing anything, when the demo has been seeded already. */
async function assertEmailsFree(db: Executor, ownerEmail: string, others: string[]) {
  if (await emailTaken(db, ownerEmail)) {
    throw new CliError(
      `${ownerEmail} already has an account, so the demo firm looks seeded already; nothing was changed (pass --email and --domain to seed another).`,
    );
  }
  for (const email of others) {
    if (await emailTaken(db, email)) {
      throw new CliError(`${email} already has an account; nothing was changed (pass --domain to give the demo people other addresses).`);
    }
  }
}

const roleNames = (keys: readonly string[]) => keys.map((k) => SYSTEM_ROLES.find((r) => r.key === k)?.name ?? k).join(", ");

export const run: RunCommand = async (args) => {
  const { domain, ownerEmail, password } = options(args);
  const people = DEMO_PEOPLE.map((p) => ({ ...p, email: demoEmail(p.firstName, p.lastName, domain) }));
  const body = signupBody.parse({
    firm_name: DEMO_FIRM_NAME,
    first_name: DEMO_OWNER.firstName,
    last_name: DEMO_OWNER.lastName,
    email: ownerEmail,
    password,
    plan: "annual",
    licenses: LICENSES,
  });

  await withDatabase(async ({ config, database, where }) => {
    await migrate(database);
    await assertEmailsFree(database.db, ownerEmail, people.map((p) => p.email));
    // Hash before the transaction opens: argon2 is slow on purpose and must not hold locks.
    const passwordHash = await hashPassword(password);
    const { firmId, practice } = await database.db.transaction(async (tx) => {
      const firm = await signUp({ tx, clock: systemClock }, body, passwordHash, { ip: null, userAgent: "chambers seed-demo", appUrl: consoleUrl(config) });
      const ids: Record<string, string> = { [personKey(DEMO_OWNER)]: firm.userId };
      for (const p of people) {
        ids[personKey(p)] = await createActiveUser(tx, systemClock, {
          firmId: firm.firmId,
          email: p.email,
          firstName: p.firstName,
          lastName: p.lastName,
          passwordHash,
          subscriptionType: p.subscriptionType,
          roleKeys: p.roleKeys,
        });
      }
      return { firmId: firm.firmId, practice: await seedPractice(tx, systemClock, firm.firmId, ids) };
    });
    printSummary({ firmId, where, url: consoleUrl(config), ownerEmail, password, people, practice });
  });
};

function printSummary(s: {
  firmId: string;
  where: string;
  url: string;
  ownerEmail: string;
  password: string;
  people: (DemoPerson & { email: string })[];
  practice: PracticeSummary;
}) {
  const owner = { ...DEMO_OWNER, email: s.ownerEmail, subscriptionType: "attorney", roleKeys: ["administrator"] };
  const rows = [owner, ...s.people].map((p) => [
    `${p.firstName} ${p.lastName}`,
    p.title,
    roleNames(p.roleKeys),
    p.subscriptionType === "attorney" ? "attorney" : "non-attorney",
    p.email,
  ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = [
    `Created the demo firm ${DEMO_FIRM_NAME} with ${rows.length} people in ${s.where}.`,
    "",
    `  Firm id:   ${s.firmId}`,
    `  Email:     ${s.ownerEmail}`,
    `  Password:  ${s.password}`,
    "",
    `Sign in at ${s.url} as ${DEMO_OWNER.firstName} ${DEMO_OWNER.lastName}, the primary subscriber. Everyone signs in with the same password:`,
    ...rows.map((r) => `  ${r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()}`),
    "",
    `Their practice: ${s.practice.matters} matters, ${s.practice.contacts} contacts, ${s.practice.tasks} tasks, ${s.practice.events} calendar events and ${s.practice.threads} message threads.`,
    `${s.practice.deactivated} has retired: deactivated (he cannot sign in), his work left where it is, his records reading "(Inactive) ${s.practice.deactivated}"; what he still holds can be reassigned.`,
    `${s.practice.leaving} is going on leave: reassign her work from her page under Users to see what moves and what stays.`,
  ];
  console.log(lines.join("\n"));
}
