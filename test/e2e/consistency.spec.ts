import { expect, test } from "@playwright/test";
import { AdminApi, LicenseApi, addActiveUsers } from "./api.js";
import { expectAccessible, newFirm, screenshot, signUpByApi, closeToasts } from "./helpers.js";

test.describe.configure({ timeout: 90_000 });


test("CON-4 the license banner agrees with the server after deactivating and after reactivating someone, without a reload", async ({ page, playwright }) => {
  const token = await signUpByApi(page.request, newFirm("con4lic"), { licenses: 6 });
  const admin = new AdminApi(page.request, token);
  const licenses = new LicenseApi(page.request, token);
  await addActiveUsers(admin, () => playwright.request.newContext({ baseURL: test.info().project.use.baseURL }), [{ first_name: "Dana", last_name: "Okoro" }]);

  await page.goto("/settings/users");
  const summary = page.getByTestId("license-summary");
  await expect(summary).toHaveText("4 of 6 licenses available");

  await page.getByRole("button", { name: "Actions for Dana Okoro" }).click();
  await page.getByRole("menuitem", { name: "Deactivate" }).click();
  const dialog = page.getByRole("dialog", { name: "Deactivate Dana Okoro" });
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Deactivate", exact: true }).click();
  await expect(dialog.getByTestId("deactivation-done")).toContainText("Dana Okoro was deactivated.");
  await dialog.getByRole("button", { name: "Done" }).click();
  expect((await licenses.get()).available).toBe(5);
  await expect(summary).toHaveText("5 of 6 licenses available");

  // Reactivation asks first, then takes a license: the banner follows at once.
  await page.getByRole("tab", { name: "Deactivated" }).click();
  await page.getByRole("button", { name: "Actions for Dana Okoro" }).click();
  await page.getByRole("menuitem", { name: "Reactivate" }).click();
  const confirm = page.getByRole("dialog", { name: "Reactivate Dana Okoro" });
  await expect(confirm).toContainText("They will take one of the firm's licenses");
  await expectAccessible(page);
  await screenshot(page, "reactivate-confirm", { fullPage: false });
  await confirm.getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByText("Dana Okoro was reactivated.")).toBeVisible();
  expect((await licenses.get()).available).toBe(4);
  await expect(summary).toHaveText("4 of 6 licenses available");
  await closeToasts(page);
  await screenshot(page, "banner-after-reactivation");
});

test("CON-4 after archiving the only group the Active tab says no group is active and points to the archived one", async ({ page }) => {
  const token = await signUpByApi(page.request, newFirm("con4grp"));
  await new AdminApi(page.request, token).createGroup("Litigation");
  await page.goto("/settings/groups");
  await page.getByRole("button", { name: "Actions for Litigation" }).click();
  await page.getByRole("menuitem", { name: "Archive" }).click();
  await page.getByRole("dialog", { name: "Archive Litigation" }).getByRole("button", { name: "Archive group" }).click();
  await expect(page.getByRole("heading", { name: "No active groups" })).toBeVisible();
  await expect(page.getByText("1 archived group in the Archived tab")).toBeVisible();
  await expect(page.getByText("No groups yet")).toHaveCount(0);
  await closeToasts(page);
  await expectAccessible(page);
  await screenshot(page, "groups-all-archived");
  await page.getByRole("tab", { name: "Archived" }).click();
  await expect(page.getByText("Litigation")).toBeVisible();
});

test("CON-3 buying licenses asks to confirm the amount before charging", async ({ page }) => {
  const token = await signUpByApi(page.request, newFirm("con3buy"), { licenses: 5 });
  const licenses = new LicenseApi(page.request, token);
  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Manage licenses" }).click();
  const dialog = page.getByRole("dialog", { name: "Manage licenses" });
  await dialog.getByLabel("Licenses to add").fill("2");
  const buy = dialog.getByRole("button", { name: /^Buy and pay \$/ });
  await expect(buy).toBeEnabled();
  const price = (await buy.textContent())!.replace("Buy and pay ", "");
  await buy.click();
  const confirm = page.getByRole("dialog", { name: "Confirm the purchase" });
  await expect(confirm.getByTestId("purchase-confirmation")).toContainText(`2 licenses will be added at once and ${price} charged now`);
  await expectAccessible(page);
  await screenshot(page, "buy-confirm", { fullPage: false });
  // Nothing is charged until confirmed.
  expect((await licenses.get()).total).toBe(5);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  expect((await licenses.get()).total).toBe(5);
  await buy.click();
  await page.getByRole("dialog", { name: "Confirm the purchase" }).getByRole("button", { name: `Pay ${price}` }).click();
  await expect(dialog.getByTestId("licenses-total")).toContainText("7");
  expect((await licenses.get()).total).toBe(7);
});
