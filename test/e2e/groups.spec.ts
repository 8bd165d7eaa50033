import { expect, test, type Page } from "@playwright/test";
import { AdminApi } from "./api.js";
import { newFirm, newInvitee, screenshot, signUpByApi } from "./helpers.js";

async function addMember(page: Page, name: string) {
  await page.getByRole("combobox", { name: "Members" }).click();
  await page.getByRole("option", { name: `${name} (invited)` }).click();
}

test("GRP-2 creates a group with members, archives it (members kept), finds it under Archived and unarchives it", async ({ page }) => {
  const firm = newFirm("grp2");
  const admin = new AdminApi(page.request, await signUpByApi(page.request, firm, { licenses: 6 }));
  const [, , imani] = await admin.inviteMany([
    { email: newInvitee("grp2-a"), first_name: "Rosa", last_name: "Delgado" },
    { email: newInvitee("grp2-b"), first_name: "Felix", last_name: "Adeyemi" },
    { email: newInvitee("grp2-c"), first_name: "Imani", last_name: "Clarke" },
  ]);

  await page.goto("/settings/users");
  await page.getByRole("link", { name: "Groups" }).click();
  await expect(page.getByRole("heading", { name: "No groups yet" })).toBeVisible();
  await admin.createGroup("Real estate", { description: "Closings, leases and title work.", member_ids: [imani!] });
  await page.reload();
  await expect(page.getByTestId("group-row")).toHaveCount(1);

  await page.getByRole("button", { name: "Create group" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create a group" });
  await dialog.getByLabel("Name").fill("real estate");
  await dialog.getByRole("button", { name: "Create group" }).click();
  await expect(dialog.getByLabel("Name")).toHaveAccessibleDescription("Another group already has this name.");

  await dialog.getByLabel("Name").fill("Litigation");
  await dialog.getByLabel("Description").fill("Trial and appellate work for commercial clients.");
  await dialog.getByLabel("Exclude from custom billing rates").check();
  await addMember(page, "Rosa Delgado");
  await addMember(page, "Felix Adeyemi");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeVisible();
  await screenshot(page, "group-form");
  await dialog.getByRole("button", { name: "Create group" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId("group-row").filter({ hasText: "Litigation" });
  await expect(row.getByTestId("member-count")).toHaveText("2 members");
  await expect(row).toContainText("Excluded");
  await expect(page.getByTestId("group-row").filter({ hasText: "Real estate" }).getByTestId("member-count")).toHaveText("1 member");
  for (const close of await page.locator(".mantine-Notification-closeButton").all()) await close.click();
  await screenshot(page, "groups");

  await row.getByRole("button", { name: "Actions for Litigation" }).click();
  await page.getByRole("menuitem", { name: "Archive" }).click();
  const confirm = page.getByRole("dialog", { name: "Archive Litigation" });
  await expect(confirm).toContainText("Its 2 members stay in it");
  await confirm.getByRole("button", { name: "Archive group" }).click();
  await expect(page.getByText("Litigation was archived. Its members are kept.")).toBeVisible();
  await expect(page.getByTestId("group-row")).toHaveCount(1);

  await page.getByRole("tab", { name: "Archived" }).click();
  const archived = page.getByTestId("group-row").filter({ hasText: "Litigation" });
  await expect(archived.getByTestId("member-count")).toHaveText("2 members");
  expect((await admin.groups(true)).map((g) => g.name)).toEqual(["Litigation"]);
  for (const close of await page.locator(".mantine-Notification-closeButton").all()) await close.click();
  await screenshot(page, "groups-archived");

  // An archived group keeps its name and members until it is unarchived.
  await archived.getByRole("button", { name: "Actions for Litigation" }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Litigation" });
  await expect(edit.getByLabel("Name")).toBeDisabled();
  await expect(edit.getByRole("combobox", { name: "Members" })).toBeDisabled();
  await edit.getByRole("button", { name: "Cancel" }).click();

  await archived.getByRole("button", { name: "Actions for Litigation" }).click();
  await page.getByRole("menuitem", { name: "Unarchive" }).click();
  await page.getByRole("dialog", { name: "Unarchive Litigation" }).getByRole("button", { name: "Unarchive group" }).click();
  await expect(page.getByRole("heading", { name: "No archived groups" })).toBeVisible();
  await page.getByRole("tab", { name: "Active" }).click();
  await expect(page.getByTestId("group-row").filter({ hasText: "Litigation" }).getByTestId("member-count")).toHaveText("2 members");
  const litigation = (await admin.groups()).find((g) => g.name === "Litigation");
  expect(litigation?.member_ids).toHaveLength(2);
  expect(litigation?.exclude_from_custom_rates).toBe(true);
});
