import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { AdminApi, acceptInvitation, advanceClock } from "./api.js";
import { newFirm, newInvitee, screenshot, signInInUi, signUpByApi } from "./helpers.js";
import { waitForEmailChangeLink, waitForInvitationLink, waitForMailLink } from "./mail.js";

const baseURL = () => test.info().project.use.baseURL!;

async function emailOf(request: APIRequestContext, headers: Record<string, string> = {}): Promise<string> {
  const response = await request.get("/api/v1/me", { headers });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { email: string }).email;
}

async function requestChange(page: Page, newEmail: string, password?: string) {
  await page.getByRole("button", { name: "Change login email" }).click();
  const dialog = page.getByRole("dialog", { name: "Change login email" });
  await dialog.getByLabel("New login email").fill(newEmail);
  if (password !== undefined) await dialog.getByRole("textbox", { name: "Current password", exact: true }).fill(password);
  await dialog.getByRole("button", { name: "Send confirmation link" }).click();
  return dialog;
}

test("EML-1 a user changes their own login email with their password; it changes only when the mailed link is confirmed", async ({ page, playwright }) => {
  const firm = newFirm("eml1");
  await signUpByApi(page.request, firm);
  const device = await playwright.request.newContext({ baseURL: baseURL() });
  expect((await device.post("/api/v1/sessions", { data: { email: firm.email, password: firm.password } })).status()).toBe(201);

  await page.goto("/settings/users");
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "My profile" }).click();
  await expect(page.getByRole("heading", { name: `${firm.firstName} ${firm.lastName}`, level: 1 })).toBeVisible();
  await expect(page.getByTestId("login-email-card")).toContainText(`You sign in with ${firm.email}`);

  // The server judges the password; its answer lands on the field.
  const newEmail = newInvitee("eml1-new");
  const dialog = await requestChange(page, newEmail, "not my password at all");
  const password = dialog.getByRole("textbox", { name: "Current password", exact: true });
  await expect(password).toHaveAccessibleDescription(/password is incorrect/i);
  await expect(password).toHaveValue("");
  await password.fill(firm.password);
  await dialog.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(dialog).toBeHidden();
  const pending = page.getByTestId("email-change-pending");
  await expect(pending).toContainText(`A confirmation link was sent to ${newEmail}; the email changes when it is followed.`);
  await expect(pending).toContainText(/The link expires on \w+/);
  await expect(pending).toContainText(`keep signing in with ${firm.email}`);
  await screenshot(page, "email-change");

  // The link goes to the new address; the old one is told (+).
  const link = await waitForEmailChangeLink(newEmail);
  expect(new URL(link).origin).toBe(new URL(baseURL()).origin);
  await waitForMailLink(firm.email, /You asked to change your login email/);

  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);

  // Opening the page changes nothing (mail scanners open links too); the button does.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Confirm your new login email" })).toBeVisible();
  expect(await emailOf(device)).toBe(firm.email);
  await page.getByRole("button", { name: "Confirm new email" }).click();
  await expect(page.getByTestId("email-confirmed")).toHaveText(`Your login email is now ${newEmail}. Other sessions were signed out.`);
  await screenshot(page, "confirm-email");
  // EML-4: every other session of the user ended.
  expect((await device.get("/api/v1/me")).status()).toBe(401);
  await device.dispose();

  await page.getByRole("link", { name: "Sign in with your new email" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await signInInUi(page, firm.email, firm.password);
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
  await signInInUi(page, newEmail, firm.password);
  await expect(page).toHaveURL(/\/settings\/users$/);
  await page.getByTestId("user-menu").click();
  await expect(page.getByRole("menu")).toContainText(newEmail);
  await page.keyboard.press("Escape");

  // A link works once.
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm new email" }).click();
  await expect(page.getByRole("heading", { name: "This confirmation link does not work" })).toBeVisible();
});

test("EML-3 an administrator changes another user's login email from the Edit user page; the new address confirms it", async ({ page, playwright }) => {
  const firm = newFirm("eml3");
  const admin = new AdminApi(page.request, await signUpByApi(page.request, firm));
  const oldEmail = newInvitee("eml3-jordan");
  await admin.invite({ email: oldEmail, first_name: "Jordan", last_name: "Whitfield" });
  const invitee = await playwright.request.newContext({ baseURL: baseURL() });
  await acceptInvitation(invitee, await waitForInvitationLink(oldEmail), { first_name: "Jordan", last_name: "Whitfield", password: "a steady lantern by the quay 8" });
  await invitee.dispose();

  await page.goto("/settings/users");
  await page.getByTestId("user-row").filter({ hasText: "Jordan Whitfield" }).getByRole("link", { name: "Jordan Whitfield" }).click();
  await expect(page.getByRole("heading", { name: "Jordan Whitfield", level: 1 })).toBeVisible();
  await expect(page.getByTestId("login-email-card")).toContainText(`They sign in with ${oldEmail}`);

  // No password is asked for someone else's email; an address in use is refused on its field.
  const dialog = await requestChange(page, firm.email);
  await expect(dialog.getByRole("textbox", { name: "Current password", exact: true })).toHaveCount(0);
  await expect(dialog.getByLabel("New login email")).toHaveAccessibleDescription(/already in use/i);

  const newEmail = newInvitee("eml3-jordan-new");
  await dialog.getByLabel("New login email").fill(newEmail);
  await dialog.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(dialog).toBeHidden();
  const pending = page.getByTestId("email-change-pending");
  await expect(pending).toContainText(`A confirmation link was sent to ${newEmail}; the email changes when it is followed.`);
  await expect(pending).toContainText(`they keep signing in with ${oldEmail}`);
  await expect(page.getByRole("heading", { name: "Jordan Whitfield", level: 1 })).toBeVisible();

  const link = await waitForEmailChangeLink(newEmail);
  await waitForMailLink(oldEmail, new RegExp(`${firm.firstName} ${firm.lastName} asked to change your login email`));
  // The new address confirms; the link is public (no session needed).
  const anyone = await playwright.request.newContext({ baseURL: baseURL() });
  const response = await anyone.post("/api/v1/email-changes/confirm", { data: { token: new URL(link).searchParams.get("token") } });
  expect(response.status(), await response.text()).toBe(200);
  await anyone.dispose();
  await page.reload();
  await expect(page.getByTestId("login-email-card")).toContainText(`They sign in with ${newEmail}`);
});

test("EML-4 a link for an address taken meanwhile changes nothing and says so; a replaced link and an expired one ask again", async ({ page, playwright }) => {
  const firm = newFirm("eml4");
  const request = await playwright.request.newContext({ baseURL: baseURL() });
  const token = await signUpByApi(request, firm);
  const auth = { Authorization: `Bearer ${token}` };
  const ask = async (newEmail: string) => {
    const response = await request.post("/api/v1/me/email-change", { headers: auth, data: { new_email: newEmail, password: firm.password } });
    expect(response.status(), await response.text()).toBe(202);
    return waitForEmailChangeLink(newEmail);
  };

  // Free when asked, taken before it is confirmed.
  const taken = newInvitee("eml4-taken");
  const first = await ask(taken);
  await new AdminApi(request, token).invite({ email: taken, first_name: "Pat", last_name: "Quinn" });
  await page.goto(first);
  await page.getByRole("button", { name: "Confirm new email" }).click();
  await expect(page.getByRole("heading", { name: "This email address is already in use" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("your login email has not changed");
  expect(await emailOf(request, auth)).toBe(firm.email);

  // A newer request replaces the earlier link.
  const second = await ask(newInvitee("eml4-later"));
  await page.goto(first);
  await page.getByRole("button", { name: "Confirm new email" }).click();
  await expect(page.getByRole("heading", { name: "This confirmation link does not work" })).toBeVisible();

  // After 24 hours the link has expired.
  await advanceClock(page.request, 25 * 3600);
  await page.goto(second);
  await page.getByRole("button", { name: "Confirm new email" }).click();
  await expect(page.getByRole("heading", { name: "This confirmation link has expired" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("Ask for the change again");
  await request.dispose();
});
