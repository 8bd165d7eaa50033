import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { advanceClock } from "./api.js";
import { newFirm, newInvitee, screenshot, signInInUi, signUpByApi, expectAccessible } from "./helpers.js";
import { waitForMailLink } from "./mail.js";

const baseURL = () => test.info().project.use.baseURL!;
type PlaywrightLike = { request: { newContext(options: { baseURL: string; userAgent?: string }): Promise<APIRequestContext> } };
const RESET_LINK = /https?:\/\/[^\s"'<>]+\/reset-password\?token=[A-Za-z0-9_%.~-]+/;
const SENT = "If an account uses this address, a link to reset its password is on its way. It works for one hour.";
const NEW_PASSWORD = "a quiet harbour before the tide 7";

/**
 * What can be checked of CON-5 without @axe-core/playwright (not installed here): one h1 that
 * names the page, and every text field reachable by its label.
 */
async function expectAccessibleBasics(page: Page, h1: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(h1);
  for (const input of await page.locator("input:visible").all()) {
    await expect(input).toHaveAccessibleName(/\S/);
  }
}

async function statusOfMe(request: APIRequestContext, token: string): Promise<number> {
  return (await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } })).status();
}

/** A sign-in from another device, with no cookie of its own; returns its bearer token. */
async function signInElsewhere(playwright: PlaywrightLike, email: string, password: string): Promise<string> {
  const device = await playwright.request.newContext({ baseURL: baseURL(), userAgent: "Chambers e2e (second device)" });
  const response = await device.post("/api/v1/sessions", { data: { email, password } });
  expect(response.status(), await response.text()).toBe(201);
  const { token } = (await response.json()) as { token: string };
  await device.dispose();
  return token;
}

test("ACC-9 a forgotten password is reset through the emailed link, which works once, and old sessions end", async ({ page, playwright }) => {
  const firm = newFirm("acc9-reset");
  const elsewhere = await playwright.request.newContext({ baseURL: baseURL() });
  await signUpByApi(elsewhere, firm);
  const oldToken = await signInElsewhere(playwright, firm.email, firm.password);
  expect(await statusOfMe(elsewhere, oldToken)).toBe(200);

  await page.goto("/signin");
  await expectAccessibleBasics(page, "Sign in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expectAccessibleBasics(page, "Reset your password");
  await screenshot(page, "forgot-password");
  await expectAccessible(page);

  // From the keyboard alone: the email field has the focus, Enter sends.
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(firm.email);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("reset-requested")).toHaveText(SENT);
  await expectAccessibleBasics(page, "Check your email");
  await screenshot(page, "forgot-password-sent");
  await expectAccessible(page);

  // An address without an account gets the very same answer.
  await page.getByRole("button", { name: "ask again" }).click();
  await page.getByLabel("Email").fill(newInvitee("acc9-nobody"));
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByTestId("reset-requested")).toHaveText(SENT);

  const link = await waitForMailLink(firm.email, RESET_LINK);
  expect(new URL(link).origin).toBe(new URL(baseURL()).origin);

  await page.goto(link);
  await expectAccessibleBasics(page, "Choose a new password");
  const newPassword = page.getByLabel("New password", { exact: true });
  const confirm = page.getByLabel("Confirm new password");

  // The console checks the two match; the server judges the strength, on the field.
  await newPassword.fill("password1234");
  await confirm.fill("password12345");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(confirm).toHaveAccessibleDescription(/do not match/);
  await confirm.fill("password1234");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(newPassword).toHaveAccessibleDescription(/too common/i);
  await screenshot(page, "reset-password-weak");
  await expectAccessible(page);
  // The refused attempt used nothing up: the old password still works.
  expect(await statusOfMe(elsewhere, oldToken)).toBe(200);

  // From the keyboard alone.
  await newPassword.fill("");
  await confirm.fill("");
  await newPassword.focus();
  await page.keyboard.type(NEW_PASSWORD);
  await page.keyboard.press("Tab");
  await expect(confirm).toBeFocused();
  await page.keyboard.type(NEW_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("password-reset-done")).toContainText("Every session and API token you had has been signed out");
  await expectAccessibleBasics(page, "Your password has been changed");
  await screenshot(page, "reset-password-done");
  await expectAccessible(page);

  // Every session of the user ended, and they are told by email.
  expect(await statusOfMe(elsewhere, oldToken)).toBe(401);
  await waitForMailLink(firm.email, /Your password was reset through a link/);
  await elsewhere.dispose();

  await page.getByRole("link", { name: "Sign in" }).first().click();
  await expect(page).toHaveURL(/\/signin$/);
  await signInInUi(page, firm.email, firm.password);
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
  await signInInUi(page, firm.email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/settings\/users$/);

  // The link works once.
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("another long passphrase 99");
  await page.getByLabel("Confirm new password").fill("another long passphrase 99");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("heading", { name: "This reset link is not valid", level: 1 })).toBeVisible();
  await expect(page.getByTestId("reset-unusable")).toContainText("ask for a new link");
  await expectAccessibleBasics(page, "This reset link is not valid");
  await screenshot(page, "reset-password-invalid");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Ask for a new link" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  // Nothing changed: the password set through the link still signs in.
  await signInElsewhere(playwright, firm.email, NEW_PASSWORD);
});

test("ACC-9 a signed-in user changes their password with the current one; their other sessions and API tokens end", async ({ page, playwright }) => {
  const firm = newFirm("acc9-change");
  await signUpByApi(page.request, firm); // page.request shares the browser's cookies
  const device = await playwright.request.newContext({ baseURL: baseURL() });
  const deviceToken = await signInElsewhere(playwright, firm.email, firm.password);
  const created = await device.post("/api/v1/me/tokens", { headers: { Authorization: `Bearer ${deviceToken}` }, data: { name: "Document sync" } });
  expect(created.status(), await created.text()).toBe(201);
  const apiToken = ((await created.json()) as { token: string }).token;
  expect(await statusOfMe(device, apiToken)).toBe(200);

  await page.goto("/settings/users");
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/settings\/sessions$/);
  const card = page.getByTestId("change-password-card");
  await expect(card.getByRole("heading", { name: "Change password" })).toBeVisible();
  await expect(page.getByTestId("session-row")).toHaveCount(2);
  await expect(page.getByRole("table", { name: "API tokens" })).toContainText("Document sync");

  const current = card.getByLabel("Current password");
  const next = card.getByLabel("New password", { exact: true });
  const again = card.getByLabel("Confirm new password");

  // A wrong current password comes back on its field, emptied; nothing changes.
  await current.fill("not my password at all");
  await next.fill(NEW_PASSWORD);
  await again.fill(NEW_PASSWORD);
  await card.getByRole("button", { name: "Change password" }).click();
  await expect(current).toHaveAccessibleDescription(/current password is incorrect/i);
  await expect(current).toHaveValue("");
  await screenshot(page, "change-password-wrong-current");
  await expectAccessible(page);
  expect(await statusOfMe(device, deviceToken)).toBe(200);

  // A weak new password lands on the new password's field.
  await current.fill(firm.password);
  await next.fill("password1234");
  await again.fill("password1234");
  await card.getByRole("button", { name: "Change password" }).click();
  await expect(next).toHaveAccessibleDescription(/too common/i);

  // From the keyboard alone.
  await next.fill("");
  await again.fill("");
  await next.focus();
  await page.keyboard.type(NEW_PASSWORD);
  await page.keyboard.press("Tab");
  await expect(again).toBeFocused();
  await page.keyboard.type(NEW_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(card.getByTestId("password-changed")).toContainText("Your other sessions and API tokens were signed out; this one stays signed in.");
  await expect(current).toHaveValue("");

  // CON-4: the lists agree with the server without a reload.
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await expect(page.getByTestId("session-row").first()).toContainText("This session");
  await expect(page.getByRole("heading", { name: "No API tokens" })).toBeVisible();
  await screenshot(page, "change-password-done");
  await expectAccessible(page);

  expect(await statusOfMe(device, deviceToken)).toBe(401);
  expect(await statusOfMe(device, apiToken)).toBe(401);
  await device.dispose();
  await waitForMailLink(firm.email, /Your password was changed\./);

  // This browser stays signed in; the new password is the one that works.
  await page.reload();
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await signInInUi(page, firm.email, firm.password);
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
  await signInInUi(page, firm.email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/settings\/(users|sessions)$/);
});

test("ACC-9 an expired reset link says so and changes nothing; too many requests say when to try again", async ({ page, playwright }) => {
  const firm = newFirm("acc9-expired");
  const other = await playwright.request.newContext({ baseURL: baseURL() });
  await signUpByApi(other, firm);

  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(firm.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByTestId("reset-requested")).toHaveText(SENT);
  const link = await waitForMailLink(firm.email, RESET_LINK);

  // Links work for one hour.
  await advanceClock(page.request, 3601);
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByTestId("reset-unusable")).toContainText("Reset links work for one hour");
  await expectAccessibleBasics(page, "This reset link has expired");
  await screenshot(page, "reset-password-expired");
  await expectAccessible(page);
  await other.dispose();
  await signInElsewhere(playwright, firm.email, firm.password);

  // SEC-8: a few requests for one address an hour; the console says how long to wait.
  const nobody = newInvitee("acc9-limited");
  const anyone = await playwright.request.newContext({ baseURL: baseURL() });
  for (let i = 0; i < 5; i++) {
    expect((await anyone.post("/api/v1/password-resets", { data: { email: nobody } })).status()).toBe(202);
  }
  await anyone.dispose();
  await page.getByRole("link", { name: "Ask for a new link" }).click();
  await page.getByLabel("Email").fill(nobody);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("alert")).toHaveText(/^Too many attempts\. Try again in \d+ (seconds|minutes)\.$/);
  await expect(page.getByTestId("reset-requested")).toHaveCount(0);
  await screenshot(page, "forgot-password-limited");
});
