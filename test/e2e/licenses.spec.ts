import { expect, test } from "@playwright/test";
import { LicenseApi, money } from "./api.js";
import { newFirm, newInvitee, screenshot, signUpByApi } from "./helpers.js";

const baseURL = () => test.info().project.use.baseURL!;

test("LIC-3 buying licenses from the Manage licenses dialog shows the quote, then the new total", async ({ page }) => {
  const firm = newFirm("lic3");
  await signUpByApi(page.request, firm, { licenses: 5 });

  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Manage licenses" }).click();
  const dialog = page.getByRole("dialog", { name: "Manage licenses" });
  await expect(dialog.getByTestId("licenses-total")).toContainText("5");
  await expect(dialog.getByTestId("licenses-in-use")).toContainText("1");
  await expect(dialog.getByTestId("licenses-available")).toContainText("4");

  const quoted = page.waitForResponse(
    (r) => r.url().endsWith("/api/v1/licenses/quote") && (r.request().postDataJSON() as { count: number }).count === 2,
  );
  await dialog.getByLabel("Licenses to add").fill("2");
  const quote = (await (await quoted).json()) as { count: number; amount_cents: number; currency: string };
  expect(quote.count).toBe(2);
  const price = money(quote.amount_cents, quote.currency);
  await expect(dialog.getByTestId("license-quote")).toContainText(`2 licenses for ${price}, prorated to`);
  const buy = dialog.getByRole("button", { name: `Buy and pay ${price}` });
  await expect(buy).toBeEnabled();
  await screenshot(page, "licenses-dialog");
  await buy.click();
  // CON-3: the charge waits for the amount to be confirmed.
  await page.getByRole("dialog", { name: "Confirm the purchase" }).getByRole("button", { name: `Pay ${price}` }).click();

  await expect(dialog.getByTestId("licenses-total")).toContainText("7");
  await expect(dialog.getByTestId("licenses-available")).toContainText("6");
  await expect(page.getByText("2 licenses were added. You now have 7.")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("license-summary")).toHaveText("6 of 7 licenses available");
});

test("LIC-7 inviting with no license free shows the quote, and confirming buys the license and invites", async ({ page }) => {
  const firm = newFirm("lic7");
  await signUpByApi(page.request, firm, { licenses: 1 });
  const email = newInvitee("lic7-avery");

  await page.goto("/settings/users");
  await expect(page.getByTestId("license-summary")).toHaveText("0 of 1 license available");
  await page.getByRole("button", { name: "Invite user" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a user" });
  await dialog.getByLabel("Email").fill(email);
  await page.getByRole("combobox", { name: "Roles" }).click();
  await page.getByRole("option", { name: "Attorney", exact: true }).click();
  await page.keyboard.press("Escape");

  const refused = page.waitForResponse((r) => r.url().endsWith("/api/v1/invitations") && r.status() === 409);
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  const problem = (await (await refused).json()) as { code: string; quote: { amount_cents: number; currency: string } };
  expect(problem.code).toBe("license_purchase_required");
  const price = money(problem.quote.amount_cents, problem.quote.currency);
  await expect(dialog.getByTestId("invite-quote")).toContainText(`1 license will be bought now for ${price}, prorated to`);
  await screenshot(page, "invite-quote");
  await dialog.getByRole("button", { name: "Confirm purchase and invite" }).click();

  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/status=invited/);
  await expect(page.getByTestId("user-row").filter({ hasText: email })).toBeVisible();
  await expect(page.getByTestId("license-summary")).toHaveText("0 of 2 licenses available");

  await page.getByRole("link", { name: "Billing" }).click();
  const charge = page.getByTestId("charge-row").filter({ hasText: "Licenses added" });
  await expect(charge).toHaveCount(1);
  await expect(charge).toContainText(price);
});

test("LIC-4 removes available licenses at the next period, refuses more than are free, and cancels the removal", async ({ page }) => {
  const firm = newFirm("lic4");
  await signUpByApi(page.request, firm, { plan: "annual", licenses: 3 });

  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Manage licenses" }).click();
  const dialog = page.getByRole("dialog", { name: "Manage licenses" });
  const count = dialog.getByLabel("Licenses to remove");

  await count.fill("5");
  await dialog.getByRole("button", { name: "Schedule removal" }).click();
  await expect(count).toHaveAccessibleDescription(/Only 2 licenses are free to remove/);

  await count.fill("1");
  await dialog.getByRole("button", { name: "Schedule removal" }).click();
  await expect(dialog.getByTestId("pending-removal")).toContainText("1 license is scheduled for removal on");
  await expect(dialog.getByTestId("licenses-pending-removal")).toContainText("1");
  await expect(dialog.getByTestId("licenses-available")).toContainText("1");

  await dialog.getByRole("button", { name: "Cancel removal" }).click();
  await expect(dialog.getByTestId("pending-removal")).toBeHidden();
  await expect(dialog.getByTestId("licenses-available")).toContainText("2");
});

test("LIC-5 an annual plan switches on removing unused licenses at renewal", async ({ page }) => {
  const firm = newFirm("lic5");
  await signUpByApi(page.request, firm, { plan: "annual", licenses: 3 });

  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Manage licenses" }).click();
  const option = page.getByRole("switch", { name: "Remove unused licenses at renewal" });
  await expect(option).not.toBeChecked();
  await option.click({ force: true });
  await expect(option).toBeChecked();
  await page.reload();
  await page.getByRole("button", { name: "Manage licenses" }).click();
  await expect(page.getByRole("switch", { name: "Remove unused licenses at renewal" })).toBeChecked();
});

test("LIC-10 the billing page lists every charge, with the estimated next bill on top", async ({ page, playwright }) => {
  const firm = newFirm("lic10");
  const token = await signUpByApi(page.request, firm, { licenses: 4 });
  const request = await playwright.request.newContext({ baseURL: baseURL() });
  const licenses = new LicenseApi(request, token);
  const bought = await licenses.buy(2);
  const view = await licenses.get();

  await page.goto("/settings/users");
  await page.getByRole("link", { name: "Billing" }).click();
  await expect(page.getByRole("heading", { name: "Billing" })).toBeVisible();
  await expect(page.getByTestId("next-bill")).toContainText(money(view.next_bill_estimate_cents, view.currency));
  const rows = page.getByTestId("charge-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Licenses added" })).toContainText(money(bought.amount_cents));
  await expect(rows.filter({ hasText: "Subscription started" })).toContainText(money(4 * view.price_cents));
  await screenshot(page, "billing");
  await request.dispose();
});
