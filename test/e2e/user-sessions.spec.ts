import { expect, test } from "@playwright/test";
import { AdminApi, acceptInvitation } from "./api.js";
import { newFirm, newInvitee, screenshot, signUpByApi, expectAccessible } from "./helpers.js";
import { waitForInvitationLink } from "./mail.js";

const baseURL = () => test.info().project.use.baseURL!;
const LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 ChambersE2E/jordan";

test("SES-2 an administrator sees a user's sessions and signs them out everywhere; the list empties in place", async ({ page, playwright }) => {
  const firm = newFirm("ses2");
  const admin = new AdminApi(page.request, await signUpByApi(page.request, firm));
  const email = newInvitee("ses2-jordan");
  const [id] = await admin.inviteMany([{ email, first_name: "Jordan", last_name: "Whitfield" }]);

  // Jordan accepts on a device of their own, which signs them in there.
  const device = await playwright.request.newContext({ baseURL: baseURL(), userAgent: LAPTOP });
  await acceptInvitation(device, await waitForInvitationLink(email), { first_name: "Jordan", last_name: "Whitfield", password: "a steady lantern by the quay 8" });
  expect((await device.get("/api/v1/me")).status()).toBe(200);

  await page.goto(`/settings/users/${id}`);
  await expect(page.getByRole("heading", { name: "Jordan Whitfield", level: 1, exact: true })).toBeVisible();
  const card = page.getByTestId("user-sessions-card");
  const table = card.getByRole("table", { name: "Sessions" });
  const rows = table.getByTestId("user-session-row");
  await expect(rows).toHaveCount(1);
  // Where: the browser in short and in full, and the address.
  await expect(rows.first()).toContainText("Chrome on Linux");
  await expect(rows.first()).toContainText(LAPTOP);
  await expect(rows.first()).toContainText("127.0.0.1");
  await expect(table.getByRole("columnheader")).toHaveText(["Device", "IP address", "Signed in", "Last seen"]);
  await screenshot(page, "user-sessions");
  await expectAccessible(page);

  await card.getByRole("button", { name: "Sign out everywhere" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Sign Jordan Whitfield out everywhere?");
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(dialog).toBeHidden();

  // No reload: the list is asked for again and comes back empty.
  await expect(page.getByText("Jordan Whitfield was signed out everywhere.")).toBeVisible();
  await expect(card.getByRole("heading", { name: "Not signed in anywhere" })).toBeVisible();
  await expect(rows).toHaveCount(0);
  expect((await device.get("/api/v1/me")).status()).toBe(401);
  // They were not deactivated.
  await expect(page.getByRole("heading", { name: "Jordan Whitfield", level: 1, exact: true })).toBeVisible();
  expect((await admin.user(id!)).user).toMatchObject({ id, status: "active" });
  await screenshot(page, "user-sessions-signed-out");
  await device.dispose();
});

test("SES-2 the primary subscriber's sessions are not shown to another administrator", async ({ page, playwright }) => {
  const firm = newFirm("ses2p");
  const ownerToken = await signUpByApi(page.request, firm);
  const owner = new AdminApi(page.request, ownerToken);
  const email = newInvitee("ses2p-admin");
  await owner.inviteMany([{ email, first_name: "Avery", last_name: "Admin" }], "Administrator");

  // The administrator signs in in the browser; the owner's page shows no sessions card.
  const context = await playwright.request.newContext({ baseURL: baseURL() });
  const me = await context.get("/api/v1/me", { headers: { Authorization: `Bearer ${ownerToken}` } });
  const ownerId = ((await me.json()) as { id: string }).id;
  await context.dispose();
  await page.context().clearCookies();
  await acceptInvitation(page.request, await waitForInvitationLink(email), { first_name: "Avery", last_name: "Admin", password: "a steady lantern by the quay 8" });

  await page.goto(`/settings/users/${ownerId}`);
  await expect(page.getByRole("heading", { name: `${firm.firstName} ${firm.lastName}`, level: 1 })).toBeVisible();
  await expect(page.getByTestId("read-only-note")).toBeVisible();
  await expect(page.getByTestId("user-sessions-card")).toHaveCount(0);
});
