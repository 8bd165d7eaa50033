import { expect, test } from "@playwright/test";
import { AdminApi } from "./api.js";
import { expectAccessible, newFirm, screenshot, signUpByApi } from "./helpers.js";

// Nothing listens on port 9: every attempt fails, so the attempts list has something to show.
const URL = "https://127.0.0.1:9/chambers-hook";

test("WHK-1 adds an endpoint with its events, shows the secret once, lists deliveries with their attempts, sends again, pauses, resumes and removes it", async ({ page }) => {
  test.setTimeout(240_000);
  const firm = newFirm("whk1");
  const admin = new AdminApi(page.request, await signUpByApi(page.request, firm));

  await page.goto("/settings/users");
  await page.getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { name: "No endpoints yet" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Add endpoint" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add an endpoint" });
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByText("Choose at least one event")).toBeVisible();
  await dialog.getByLabel("Endpoint URL").fill("https://localhost/hook");
  await dialog.getByRole("checkbox", { name: /group\.changed/ }).check();
  await dialog.getByRole("checkbox", { name: /user\.deactivated/ }).check();
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  // The server resolves the name and refuses loopback (WHK-2).
  await expect(dialog.getByLabel("Endpoint URL")).toHaveAccessibleDescription(/not a public address/);
  await dialog.getByLabel("Description").fill("Directory sync");
  await expectAccessible(page);
  await screenshot(page, "webhook-form", { fullPage: false });
  await dialog.getByLabel("Endpoint URL").fill(URL);
  await dialog.getByRole("button", { name: "Add endpoint" }).click();

  const added = page.getByRole("dialog", { name: "Endpoint added" });
  await expect(added.getByTestId("webhook-secret")).toHaveText(/^whsec_[A-Za-z0-9_-]{43}$/);
  await expect(added.getByRole("button", { name: "Copy secret" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "webhook-secret", { fullPage: false });
  await added.getByRole("button", { name: "I have saved it" }).click();
  await expect(added).toBeHidden();

  const row = page.getByRole("row").filter({ hasText: URL });
  await expect(row).toContainText("group.changed, user.deactivated");
  await expect(row).toContainText("active");
  await expect(page.getByText(/whsec_/)).toHaveCount(0);

  // A change the endpoint listens to; the worker tries at once and fails (nothing listens).
  await admin.createGroup("Litigation");
  await row.getByRole("button", { name: "Deliveries" }).click();
  const deliveries = page.getByRole("dialog", { name: `Deliveries to ${URL}` });
  const item = deliveries.getByRole("button", { name: /group\.changed, pending/ });
  await expect(item).toBeVisible();
  await item.click();
  await expect(deliveries.getByRole("table", { name: "Attempts" }).getByRole("row")).toHaveCount(2);
  await expect(deliveries).toContainText("ECONNREFUSED");
  await expectAccessible(page);
  await screenshot(page, "webhook-deliveries", { fullPage: false });
  await deliveries.getByRole("button", { name: "Send now" }).click();
  await expect(page.getByText("The delivery will be sent again in a moment.")).toBeVisible();
  await expect(deliveries.getByRole("table", { name: "Attempts" }).getByRole("row")).toHaveCount(3);
  await deliveries.getByRole("button", { name: "Close" }).click();

  await row.getByRole("button", { name: `Actions for ${URL}` }).click();
  await page.getByRole("menuitem", { name: "Pause" }).click();
  await expect(row).toContainText("paused");
  await row.getByRole("button", { name: `Actions for ${URL}` }).click();
  await page.getByRole("menuitem", { name: "Resume" }).click();
  await expect(row).toContainText("active");
  await expect(page.getByText(`${URL} is active again.`)).toBeVisible();
  // Mantine's toasts close themselves; their close buttons are unnamed, so axe runs once they are gone.
  await expect(page.locator(".mantine-Notification-root")).toHaveCount(0, { timeout: 20_000 });
  await expectAccessible(page);
  await screenshot(page, "webhooks");

  await row.getByRole("button", { name: `Actions for ${URL}` }).click();
  await page.getByRole("menuitem", { name: "Remove" }).click();
  const confirm = page.getByRole("dialog", { name: "Remove this endpoint?" });
  await expect(confirm).toContainText(URL);
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Remove endpoint" }).click();
  await expect(page.getByRole("heading", { name: "No endpoints yet" })).toBeVisible();
});
