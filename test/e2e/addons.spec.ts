import { expect, test } from "@playwright/test";
import { AdminApi, addActiveUsers } from "./api.js";
import { expectAccessible, newFirm, screenshot, signUpByApi, closeToasts } from "./helpers.js";

test.describe.configure({ timeout: 90_000 });


test("ADD-1 ADD-2 ADD-3 CON-3 buys an add-on after confirming its price, starts and declines a trial, gives an add-on to a person and takes it back; the list shows and filters who holds which", async ({ page, playwright }) => {
  const token = await signUpByApi(page.request, newFirm("addons"), { licenses: 4 });
  const admin = new AdminApi(page.request, token);
  await addActiveUsers(admin, () => playwright.request.newContext({ baseURL: test.info().project.use.baseURL }), [{ first_name: "Priya", last_name: "Nair" }]);

  // Billing: both add-ons, nothing bought.
  await page.goto("/settings/billing");
  const pi = page.getByTestId("addon-personal_injury");
  const work = page.getByTestId("addon-work");
  await expect(pi).toContainText("Not bought");
  await expect(work.getByRole("button", { name: "Start 14-day free trial" })).toBeVisible();
  await expectAccessible(page);

  // CON-3: the amount first, then a confirmation naming it; nothing is charged before.
  await pi.getByLabel("Personal injury licenses to add").fill("2");
  const buy = pi.getByRole("button", { name: /^Buy and pay \$/ });
  await expect(buy).toBeEnabled();
  const amount = (await buy.textContent())!.replace("Buy and pay ", "");
  await buy.click();
  const confirm = page.getByRole("dialog", { name: "Add Personal injury licenses" });
  await expect(confirm.getByTestId("addon-purchase-confirmation")).toContainText(amount);
  await expectAccessible(page);
  await screenshot(page, "addon-purchase-confirm", { fullPage: false });
  expect((await (await page.request.get("/api/v1/charges", { headers: { authorization: `Bearer ${token}` } })).json()).data).toHaveLength(1);
  await confirm.getByRole("button", { name: `Pay ${amount}` }).click();
  await expect(pi.getByTestId("addon-personal_injury-counts")).toHaveText("2 licenses · 0 held · 2 free");
  await expect(pi).toContainText("Active");
  // The ledger follows without a reload (CON-4).
  await expect(page.getByTestId("charge-row").first()).toContainText("Add-on licenses added: Personal injury");

  // ADD-3: the work add-on's trial, with its end date, then declined.
  await work.getByRole("button", { name: "Start 14-day free trial" }).click();
  const trial = page.getByRole("dialog", { name: "Start the Work trial" });
  await expectAccessible(page);
  await trial.getByRole("button", { name: "Start the free trial" }).click();
  await expect(work).toContainText("Free trial");
  await expect(work).toContainText(/Free until /);
  await closeToasts(page);
  await screenshot(page, "addons-billing");

  // ADD-1: give Personal injury to Priya from Manage users; the column and the filter show it.
  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Actions for Priya Nair" }).click();
  await page.getByRole("menuitem", { name: "Give Personal injury" }).click();
  await expect(page.getByText("Priya Nair now holds Personal injury.")).toBeVisible();
  const priya = page.getByTestId("user-row").filter({ hasText: "Priya Nair" });
  await expect(priya.getByTestId("user-addons")).toHaveText("Personal injury");
  await page.getByRole("button", { name: "Actions for Priya Nair" }).click();
  await page.getByRole("menuitem", { name: "Give Work" }).click();
  await expect(priya.getByTestId("user-addons")).toHaveText("Personal injuryWork");
  await closeToasts(page);
  await page.getByRole("combobox", { name: "Filter by add-on" }).click();
  await page.getByRole("option", { name: "Work", exact: true }).click();
  await expect(page).toHaveURL(/addon=work/);
  await expect(page.getByTestId("user-row")).toHaveCount(1);
  await expectAccessible(page);
  await screenshot(page, "users-addon-filter");

  // Declining the trial takes Work back from Priya.
  await page.goto("/settings/billing");
  await work.getByRole("button", { name: "Opt out of the trial" }).click();
  await page.getByRole("dialog", { name: "Opt out of the Work trial" }).getByRole("button", { name: "Opt out" }).click();
  await expect(work).toContainText("Trial declined");
  await page.goto("/settings/users");
  await expect(priya.getByTestId("user-addons")).toHaveText("Personal injury");

  // Taking it back frees the license at once.
  await page.getByRole("button", { name: "Actions for Priya Nair" }).click();
  await page.getByRole("menuitem", { name: "Take back Personal injury" }).click();
  await expect(priya.getByText("None")).toBeVisible();
  const addons = (await (await page.request.get("/api/v1/addons", { headers: { authorization: `Bearer ${token}` } })).json()).data;
  expect(addons.find((a: { key: string }) => a.key === "personal_injury")).toMatchObject({ total: 2, allocated: 0, available: 2 });
});
