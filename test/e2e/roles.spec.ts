import { expect, test, type Locator } from "@playwright/test";
import { AdminApi } from "./api.js";
import { newFirm, newInvitee, screenshot, signUpByApi } from "./helpers.js";

/** Nothing is drawn over the middle of `target`: the frozen column, a toast or anything else. */
async function expectOnTop(target: Locator) {
  expect(
    await target.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return top !== null && el.contains(top);
    }),
  ).toBe(true);
}

test("ROL-2 creates a custom role in the matrix, toggles a permission, renames it and deletes it once no one holds it", async ({ page }) => {
  test.setTimeout(90_000);
  const firm = newFirm("rol2");
  const admin = new AdminApi(page.request, await signUpByApi(page.request, firm));
  const [holder] = await admin.inviteMany([{ email: newInvitee("rol2-kai"), first_name: "Kai", last_name: "Moreno" }]);

  await page.goto("/settings/users");
  await page.getByRole("link", { name: "Roles & permissions" }).click();
  await expect(page.getByRole("heading", { name: "Roles & permissions" })).toBeVisible();
  await expect(page.getByTestId("no-custom-roles")).toContainText("No custom roles yet");
  // ROL-1: the built-in roles are there, read-only.
  await expect(page.getByTestId("role-column")).toHaveCount(5);
  await expect(page.getByRole("img", { name: "Administrator: See reports: granted" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Read only: See reports: not granted" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /^(Administrator|Attorney|Paralegal|Billing|Read only):/ })).toHaveCount(0);
  await screenshot(page, "roles-empty");

  await page.getByTestId("no-custom-roles").getByRole("button", { name: "Create role" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a role" });
  await dialog.getByLabel("Name").fill("paralegal");
  await dialog.getByLabel("See reports").check();
  await dialog.getByRole("button", { name: "Create role" }).click();
  await expect(dialog.getByLabel("Name")).toHaveAccessibleDescription("Another role already has this name.");
  await dialog.getByLabel("Name").fill("Intake coordinator");
  await dialog.getByLabel("Edit contacts").check();
  await dialog.getByRole("button", { name: "Create role" }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId("role-column")).toHaveCount(6);
  await expect(page.getByTestId("no-custom-roles")).toBeHidden();
  const reports = page.getByRole("checkbox", { name: "Intake coordinator: See reports" });
  await expect(reports).toBeChecked();
  await expect(reports).toBeEnabled();
  // CON-3: a ticked box is a draft until "Save changes"; then a toast says what was saved.
  // The pointer rests on the "created" toast, which keeps it open, and the box is ticked from the
  // keyboard: the bar of unsaved changes then sits over the table's frozen first column, next to
  // that toast, and nothing covers its button or its words.
  const created = page.locator(".mantine-Notification-root").filter({ hasText: "Intake coordinator was created." });
  await created.hover();
  await page.getByRole("checkbox", { name: "Intake coordinator: See the firm feed" }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: "Intake coordinator: See the firm feed" })).toBeChecked();
  const unsaved = page.getByTestId("unsaved-roles");
  await expect(unsaved).toContainText("Unsaved changes to Intake coordinator");
  await expect(created).toBeVisible();
  await expectOnTop(unsaved.getByRole("button", { name: "Save changes" }));
  await expectOnTop(unsaved.getByRole("button", { name: "Discard" }));
  await expectOnTop(unsaved.getByText("Unsaved changes to Intake coordinator"));
  expect((await admin.role("Intake coordinator"))?.permissions.sort()).toEqual(["contacts.edit", "reports.view"]);
  // The matrix runs on below the window's bottom edge, so the bar is drawn over its rows.
  const bar = (await unsaved.boundingBox())!;
  expect((await page.getByRole("table", { name: "Permissions by role" }).boundingBox())!.y).toBeLessThan(bar.y);
  expect((await page.getByTestId("permission-row").last().boundingBox())!.y).toBeGreaterThan(bar.y);
  await screenshot(page, "roles-unsaved", { fullPage: false });
  const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/v1/roles/"));
  await page.getByRole("button", { name: "Save changes" }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByText("Intake coordinator now grants 3 permissions (1 added)")).toBeVisible();
  await expect(page.getByTestId("unsaved-roles")).toBeHidden();
  expect((await admin.role("Intake coordinator"))?.permissions.sort()).toEqual(["contacts.edit", "feed.view", "reports.view"]);
  // The toasts close by themselves; the picture is of the matrix alone.
  await expect(page.locator(".mantine-Notification-root")).toHaveCount(0);
  await screenshot(page, "roles-matrix");

  await page.getByRole("button", { name: "Actions for role Intake coordinator" }).click();
  await page.getByRole("menuitem", { name: "Rename" }).click();
  const rename = page.getByRole("dialog", { name: "Rename Intake coordinator" });
  await rename.getByLabel("Name").fill("Intake lead");
  await rename.getByRole("button", { name: "Rename role" }).click();
  await expect(rename).toBeHidden();
  await expect(page.getByRole("checkbox", { name: "Intake lead: See the firm feed" })).toBeChecked();

  // A role someone holds is refused, with how many hold it.
  const role = await admin.role("Intake lead");
  await admin.assignRoles([holder!], [role!.id]);
  await page.reload();
  await expect(page.getByTestId("role-column").filter({ hasText: "Intake lead" })).toContainText("1 holder");
  await page.getByRole("button", { name: "Actions for role Intake lead" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete Intake lead" }).getByRole("button", { name: "Delete role" }).click();
  await expect(page.getByText("Intake lead is still in use")).toBeVisible();
  await expect(page.getByText("1 user holds this role.", { exact: false })).toBeVisible();
  await expect(page.getByTestId("role-column")).toHaveCount(6);

  const { user, etag } = await admin.user(holder!);
  await admin.patchUser(holder!, { role_ids: user.roles.filter((r) => r.id !== role!.id).map((r) => r.id) }, etag);
  await page.getByRole("button", { name: "Actions for role Intake lead" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete Intake lead" }).getByRole("button", { name: "Delete role" }).click();
  await expect(page.getByText("Intake lead was deleted.")).toBeVisible();
  await expect(page.getByTestId("role-column")).toHaveCount(5);
  await expect(page.getByTestId("no-custom-roles")).toBeVisible();
});
