import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { readZip } from "../helpers/zip.js";
import { expectAccessible, newFirm, screenshot, signInInUi, signUpByApi } from "./helpers.js";

test("CLS-1 CLS-2 an administrator closes the account, signs in again to a read-only console, and downloads the export", async ({ page }) => {
  test.setTimeout(90_000);
  const firm = newFirm("cls");
  await signUpByApi(page.request, firm);
  await page.setViewportSize({ width: 1360, height: 1100 });

  await page.goto("/settings/account");
  const card = page.getByTestId("close-account");
  await expect(card.getByRole("heading", { name: "Close account" })).toBeVisible();
  await expect(card).toContainText("Everyone is signed out at once");
  await expect(card).toContainText("No further charge is made");
  await expectAccessible(page);

  // The firm's name must be typed exactly: the server's answer lands on the field.
  await card.getByRole("textbox", { name: "Why are you closing the account?" }).fill("We are retiring the practice.");
  await card.getByRole("textbox", { name: "Firm name" }).fill(firm.firmName.toLowerCase());
  await card.getByRole("textbox", { name: "Your password", exact: true }).fill(firm.password);
  await card.getByRole("button", { name: "Close account" }).click();
  const dialog = page.getByRole("dialog", { name: `Close ${firm.firmName}'s account?` });
  await expect(dialog).toContainText("read-only");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Close the account" }).click();
  await expect(card.getByRole("textbox", { name: "Firm name" })).toHaveAccessibleDescription(/exactly/i);
  await expect(page).toHaveURL(/\/settings\/account$/);

  await card.getByRole("textbox", { name: "Firm name" }).fill(firm.firmName);
  await card.getByRole("button", { name: "Close account" }).click();
  await expect(dialog).toContainText("deleted for good");
  await screenshot(page, "close-account-dialog", { fullPage: false });
  await dialog.getByRole("button", { name: "Close the account" }).click();

  // Everyone, this session included, was signed out.
  await expect(page).toHaveURL(/\/signin\?closed=1$/);
  await expect(page.getByTestId("closed-notice")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "closed-signin");

  await signInInUi(page, firm.email, firm.password);
  const banner = page.getByTestId("closed-banner");
  await expect(banner).toContainText("This account is closed and read-only");
  await expect(page.getByTestId("purge-date")).not.toBeEmpty();
  await page.goto("/settings/account");
  await expect(banner).toBeVisible();
  await expect(page.getByTestId("close-account")).toHaveCount(0);
  await expect(page.getByText("Data deleted on")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "closed-account");

  // Changes are off: Manage users reads, and offers no invitation.
  await page.goto("/settings/users");
  await expect(banner).toBeVisible();
  await expect(page.getByRole("cell", { name: firm.email })).toBeVisible();
  await expect(page.getByRole("button", { name: /invite/i })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "closed-users");

  const downloading = page.waitForEvent("download");
  await banner.getByRole("link", { name: "Download export" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^chambers-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = readZip(readFileSync((await download.path())!));
  expect([...files.keys()]).toContain("users.csv");
  expect(files.get("users.csv")).toContain(firm.email);
  expect(files.get("feed.csv")).toContain("firm.closed");
});
