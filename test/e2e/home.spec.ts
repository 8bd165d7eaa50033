import { expect, test, type Page } from "@playwright/test";
import { AdminApi, acceptInvitation } from "./api.js";
import { expectAccessible, newFirm, newInvitee, screenshot, signInInUi, signUpByApi } from "./helpers.js";
import { waitForInvitationLink } from "./mail.js";

const PASSWORD = "a steady lantern by the quay 8";
// Sign-up, an invitation by mail and a dozen pages each checked by axe: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 90_000 });

/** An Attorney who has accepted their invitation: no administrative permission at all. */
async function attorney(page: Page, prefix: string): Promise<{ email: string; id: string }> {
  const token = await signUpByApi(page.request, newFirm(prefix));
  const admin = new AdminApi(page.request, token);
  const email = newInvitee(prefix);
  const { user_id } = await admin.invite({ email, first_name: "Ruth", last_name: "Achebe", role: "Attorney" });
  const context = await page.context().browser()!.newContext({ baseURL: test.info().project.use.baseURL });
  await acceptInvitation(context.request, await waitForInvitationLink(email), { first_name: "Ruth", last_name: "Achebe", password: PASSWORD });
  await context.close();
  // The administrator's cookie from sign-up must not follow the attorney into the browser.
  await page.context().clearCookies();
  return { email, id: user_id };
}

test("CON-2 someone without administrative permissions lands on their own home, sees only what they may use, and no admin page shows them an error", async ({ page }) => {
  const ruth = await attorney(page, "con2home");
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await signInInUi(page, ruth.email, PASSWORD);

  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Ruth" })).toBeVisible();
  await expect(page.getByTestId("home-profile")).toContainText("Attorney");
  await expect(page.getByTestId("home-notifications")).toContainText("No notifications yet");
  const nav = page.getByRole("navigation");
  for (const link of ["Home", "Matters", "Tasks", "Calendar", "Account", "Sessions & tokens"]) {
    await expect(nav.getByRole("link", { name: link, exact: true })).toBeVisible();
  }
  for (const link of ["Manage users", "Firm feed", "Roles & permissions", "Groups", "Billing"]) {
    await expect(nav.getByRole("link", { name: link })).toHaveCount(0);
  }
  await expectAccessible(page);
  await screenshot(page, "home-attorney", { dir: "/tmp/shots11" });
  await screenshot(page, "home");

  // Their own profile: no word about "another administrator".
  await page.getByRole("link", { name: "Edit your profile" }).click();
  await expect(page).toHaveURL(new RegExp(`/settings/users/${ruth.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Ruth Achebe" })).toBeVisible();
  await expect(page.getByText("Your firm's administrators decide your roles.")).toBeVisible();
  await expect(page.getByText("Another administrator must change your roles")).toHaveCount(0);
  await expect(page.getByTestId("user-activity")).toContainText("Invitation accepted");
  await expectAccessible(page);

  // An administrator's page typed in: an explanation and a way home, never a failed request.
  for (const path of ["/settings/users?status=invited", "/feed", "/settings/billing"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "Not available to you" })).toBeVisible();
    await expect(page.getByText("You do not have permission")).toHaveCount(0);
    await expectAccessible(page);
  }
  await screenshot(page, "not-allowed", { dir: "/tmp/shots11" });
  await page.getByRole("link", { name: "Back to your start page" }).click();
  await expect(page).toHaveURL(/\/home$/);

  await page.goto("/settings/sessions");
  await expect(page.getByRole("heading", { level: 1, name: "Sessions & tokens" })).toBeVisible();
  await expectAccessible(page);
});

test("CON-2 an administrator lands on Manage users, and an unknown address shows a page that says so with a way back", async ({ page }) => {
  await signUpByApi(page.request, newFirm("con2admin"));
  await page.goto("/");
  await expect(page).toHaveURL(/\/settings\/users$/);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Firm feed" })).toBeVisible();

  await page.goto("/settings/activity");
  await expect(page).toHaveURL(/\/settings\/activity$/);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "not-found");
  await page.getByRole("link", { name: "Back to your start page" }).click();
  await expect(page).toHaveURL(/\/settings\/users$/);
});

test("CON-3 the sign-up page shows the price per license and the plan's terms before the firm is made", async ({ page }) => {
  await page.goto("/signup");
  const terms = page.getByTestId("plan-terms");
  await expect(terms).toContainText("$59.00 per license per month");
  await expect(terms).toContainText("1 license: $59.00 charged today for the first month");
  await expect(terms).toContainText("prorated");
  await page.getByLabel("Number of licenses").fill("3");
  await expect(terms).toContainText("3 licenses: $177.00 charged today");
  await page.getByText("Annual", { exact: true }).click();
  await expect(terms).toContainText("$588.00 per license per year ($49.00 a month, billed yearly)");
  await expect(terms).toContainText("3 licenses: $1,764.00 charged today for the first year");
  await expectAccessible(page);
  await screenshot(page, "signup-price");

  // What the page said is what the server charges.
  const firm = newFirm("con3signup");
  await page.getByLabel("Firm name").fill(firm.firmName);
  await page.getByLabel("First name").fill(firm.firstName);
  await page.getByLabel("Last name").fill(firm.lastName);
  await page.getByLabel("Work email").fill(firm.email);
  await page.getByLabel("Password", { exact: true }).fill(firm.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/settings\/users$/);
  const charges = (await (await page.request.get("/api/v1/charges")).json()) as { data: { amount_cents: number }[] };
  expect(charges.data.map((c) => c.amount_cents)).toEqual([176_400]);
});
