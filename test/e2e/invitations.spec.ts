import { expect, test, type Page } from "@playwright/test";
import { AdminApi, advanceClock } from "./api.js";
import { newFirm, newInvitee, screenshot, signUpByApi } from "./helpers.js";
import { waitForInvitationLink } from "./mail.js";

const baseURL = () => test.info().project.use.baseURL!;

async function chooseRole(page: Page, name: string) {
  await page.getByRole("combobox", { name: "Roles" }).click();
  await page.getByRole("option", { name, exact: true }).click();
}

test("INV-1 invites a user from the console with a subscription type and at least one role", async ({ page }) => {
  const firm = newFirm("inv1");
  const admin = new AdminApi(page.request, await signUpByApi(page.request, firm));
  await admin.createGroup("Litigation");
  const email = newInvitee("inv1-jordan");

  await page.goto("/settings/users");
  await expect(page.getByTestId("license-summary")).toHaveText("4 of 5 licenses available");
  await page.getByRole("button", { name: "Invite user" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a user" });

  // Every missing required field is named at once, before anything is sent.
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog.getByText("Enter a valid email address")).toBeVisible();
  await expect(dialog.getByText("Choose at least one role")).toBeVisible();

  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("First name").fill("Jordan");
  await dialog.getByLabel("Last name").fill("Whitfield");
  await dialog.getByText("Non-attorney", { exact: true }).click();
  await chooseRole(page, "Paralegal");
  await chooseRole(page, "Billing");
  await page.keyboard.press("Escape"); // closes the roles list, not the dialog
  await page.getByRole("combobox", { name: "Groups" }).click();
  await page.getByRole("option", { name: "Litigation", exact: true }).click();
  await page.keyboard.press("Escape");
  await dialog.getByLabel("Personal message").fill("Welcome aboard, Jordan. Your first matter review is on Monday.");
  await expect(dialog).toBeVisible();
  await screenshot(page, "invite-form");
  await dialog.getByRole("button", { name: "Send invitation" }).click();

  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/settings\/users\?status=invited$/);
  const row = page.getByTestId("user-row").filter({ hasText: email });
  await expect(row).toContainText("Jordan Whitfield");
  await expect(row).toContainText("Paralegal");
  await expect(row).toContainText("Billing");
  await expect(row).toContainText("Non-attorney");
  await expect(row.locator("time").last()).toHaveText(/^in |^tomorrow$/); // relative to this browser; the exact time is on hover
  await expect(page.getByTestId("license-summary")).toHaveText("3 of 5 licenses available");
  expect((await admin.invited()).find((u) => u.email === email)?.groups.map((g) => g.name)).toEqual(["Litigation"]);
  await expect(page.getByText("Invitation sent")).toBeVisible();
  await page.locator(".mantine-Notification-closeButton").click(); // keep the picture about the table
  await expect(page.getByText("Invitation sent")).toBeHidden();
  await screenshot(page, "invited-tab");

  // USR-2: the same email cannot be invited twice; the error lands on the Email field.
  await page.getByRole("button", { name: "Invite user" }).click();
  await dialog.getByLabel("Email").fill(email.toUpperCase());
  await chooseRole(page, "Attorney");
  await page.keyboard.press("Escape");
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog.getByLabel("Email")).toHaveAccessibleDescription(/already in use/i);
});

test("INV-6 the invitee accepts through the link received over SMTP and is signed in", async ({ page, playwright }) => {
  const firm = newFirm("inv6");
  const request = await playwright.request.newContext({ baseURL: baseURL() });
  const admin = new AdminApi(request, await signUpByApi(request, firm));
  const email = newInvitee("inv6-morgan");
  await admin.invite({ email, first_name: "Morgan", last_name: "Ellis" });

  const link = await waitForInvitationLink(email);
  expect(new URL(link).origin).toBe(new URL(baseURL()).origin);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: `Join ${firm.firmName}` })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("First name")).toHaveValue("Morgan");
  await expect(page.getByLabel("Last name")).toHaveValue("Ellis");

  // The server judges the password: a common one comes back on the field.
  await page.getByLabel("Password", { exact: true }).fill("password1234");
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription(/common/i);

  await page.getByLabel("First name").fill("Morgan J.");
  await page.getByLabel("Password", { exact: true }).fill("a quiet harbour at dawn 17");
  await screenshot(page, "accept-invitation");
  await page.getByRole("button", { name: "Accept invitation" }).click();

  // An Attorney manages no one: they land on their own home (CON-2).
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByTestId("user-menu")).toContainText("Morgan J. Ellis");
  await expect(page.getByTestId("firm-name")).toHaveText(firm.firmName);
  await expect(page.getByTestId("home-profile")).toContainText(email);

  // A link works once.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This invitation link does not work" })).toBeVisible();
  await request.dispose();
});

test("INV-3 an expired link tells the person to ask for a new invitation, and the Invited tab marks it", async ({ page, playwright }) => {
  const firm = newFirm("inv3");
  const request = await playwright.request.newContext({ baseURL: baseURL() });
  const admin = new AdminApi(request, await signUpByApi(request, firm));
  const email = newInvitee("inv3-casey");
  await admin.invite({ email });
  const link = await waitForInvitationLink(email);

  const clock = await playwright.request.newContext({ baseURL: baseURL() }); // no session cookie, so no CSRF token needed
  await advanceClock(clock, 90_000); // 25 hours: past the invitation's 24
  await clock.dispose();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This invitation has expired" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText(`Ask the administrator at ${firm.firmName} to send you a new invitation`);
  await screenshot(page, "accept-expired");

  // The administrator signs in (page.request shares the browser's cookies) and finds it marked.
  const signIn = await page.request.post("/api/v1/sessions", { data: { email: firm.email, password: firm.password } });
  expect(signIn.status()).toBe(201);
  await page.goto("/settings/users?status=invited");
  const row = page.getByTestId("user-row").filter({ hasText: email });
  await expect(row.getByTestId("expired-badge")).toHaveText("Expired");
  await request.dispose();
});

test("INV-5 revokes a pending invitation from the Invited tab, freeing its license", async ({ page, playwright }) => {
  const firm = newFirm("inv5");
  const admin = new AdminApi(page.request, await signUpByApi(page.request, firm));
  const email = newInvitee("inv5-riley");
  await admin.invite({ email, first_name: "Riley", last_name: "Quinn" });
  const link = await waitForInvitationLink(email);

  await page.goto("/settings/users?status=invited");
  await expect(page.getByTestId("license-summary")).toHaveText("3 of 5 licenses available");
  const row = page.getByTestId("user-row").filter({ hasText: email });
  await row.getByRole("button", { name: "Actions for Riley Quinn" }).click();
  await page.getByRole("menuitem", { name: "Revoke invitation" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke invitation" });
  await expect(confirm).toContainText(email);
  await confirm.getByRole("button", { name: "Revoke invitation" }).click();

  await expect(page.getByRole("heading", { name: "No invited users" })).toBeVisible();
  await expect(page.getByTestId("license-summary")).toHaveText("4 of 5 licenses available");

  // The link died with it.
  const visitor = await playwright.request.newContext({ baseURL: baseURL() });
  const lookup = await visitor.get(`/api/v1/invitations/lookup?token=${new URL(link).searchParams.get("token")}`);
  expect(lookup.status()).toBe(404);
  await visitor.dispose();
});

test("INV-4 resending from the Invited tab mails a new link and the old one dies", async ({ page, playwright }) => {
  const firm = newFirm("inv4");
  const admin = new AdminApi(page.request, await signUpByApi(page.request, firm));
  const email = newInvitee("inv4-sam");
  await admin.invite({ email, first_name: "Sam", last_name: "Okafor" });
  const first = await waitForInvitationLink(email);

  await page.goto("/settings/users?status=invited");
  await page.getByRole("button", { name: "Actions for Sam Okafor" }).click();
  await page.getByRole("menuitem", { name: "Resend invitation" }).click();
  await expect(page.getByText(`A new invitation was sent to ${email}.`)).toBeVisible();
  const second = await waitForInvitationLink(email, first);

  const visitor = await playwright.request.newContext({ baseURL: baseURL() });
  const lookup = (link: string) => visitor.get(`/api/v1/invitations/lookup?token=${new URL(link).searchParams.get("token")}`);
  expect((await lookup(first)).status()).toBe(404);
  expect((await lookup(second)).status()).toBe(200);
  await visitor.dispose();
});
