import { expect, test, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { AdminApi, addActiveUsers } from "./api.js";
import { expectAccessible, newFirm, signUpByApi } from "./helpers.js";

// Axe on a dozen pages takes a while on a busy machine.
test.describe.configure({ timeout: 300_000 });

/** The page's one level-one heading, then axe on what it shows. */
async function checkPage(page: Page, path: string, heading: string | RegExp) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expect(page.getByRole("progressbar").or(page.getByLabel(/^Loading/))).toHaveCount(0);
  await expectAccessible(page);
}

test("CON-5 the public pages pass axe-core, each with one level-one heading", async ({ page }) => {
  await checkPage(page, "/signin", "Sign in");
  await checkPage(page, "/signup", "Create your firm account");
  await checkPage(page, "/forgot-password", /password/i);
});

/** A firm with Dana Okoro, active, in the group Litigation; returns her id. */
async function firm(page: Page, playwright: PlaywrightWorkerArgs["playwright"], prefix: string): Promise<string> {
  const token = await signUpByApi(page.request, newFirm(prefix));
  const admin = new AdminApi(page.request, token);
  const [dana] = await addActiveUsers(admin, () => playwright.request.newContext({ baseURL: test.info().project.use.baseURL }), [{ first_name: "Dana", last_name: "Okoro" }]);
  await admin.createGroup("Litigation", { member_ids: [dana!.id] });
  return dana!.id;
}

test("CON-5 every page of the console passes axe-core with no serious or critical violation, with one level-one heading a page", async ({ page, playwright }) => {
  const danaId = await firm(page, playwright, "con5pages");
  const pages: [string, string | RegExp][] = [
    ["/home", "Welcome, Eleanor"],
    ["/settings/users", "Manage users"],
    [`/settings/users/${danaId}`, "Dana Okoro"],
    [`/settings/users/${danaId}/reassign`, /Reassign/],
    ["/feed", "Firm feed"],
    ["/settings/roles", "Roles & permissions"],
    ["/settings/groups", "Groups"],
    ["/settings/account", "Account"],
    ["/settings/billing", "Billing"],
    ["/settings/sessions", "Sessions & tokens"],
    ["/matters", "Matters"],
    ["/tasks", "Tasks"],
    ["/calendar", "Calendar"],
    ["/no/such/page", "Page not found"],
  ];
  for (const [path, heading] of pages) await checkPage(page, path, heading);
});
