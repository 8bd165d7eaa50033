import { expect, test } from "@playwright/test";
import { AdminApi } from "./api.js";
import { expectAccessible, newFirm, newInvitee, screenshot, signUpByApi } from "./helpers.js";

test.describe.configure({ timeout: 90_000 });

/** A firm with a few changes in its feed: an invitation, a role created, edited and deleted. */
async function firmWithHistory(page: import("@playwright/test").Page, prefix: string) {
  const token = await signUpByApi(page.request, newFirm(prefix));
  const admin = new AdminApi(page.request, token);
  const email = newInvitee(prefix);
  const invited = await admin.invite({ email, first_name: "Noor", last_name: "Haddad" });
  const headers = { Authorization: `Bearer ${token}` };
  const created = await page.request.post("/api/v1/roles", { headers, data: { name: "Intake desk", permissions: ["contacts.edit"] } });
  expect(created.status()).toBe(201);
  const roleId = ((await created.json()) as { id: string }).id;
  expect((await page.request.patch(`/api/v1/roles/${roleId}`, { headers, data: { permissions: ["contacts.edit", "reports.view"] } })).status()).toBe(200);
  expect((await page.request.delete(`/api/v1/roles/${roleId}`, { headers })).status()).toBe(204);
  return { admin, email, invitedId: invited.user_id };
}

test("FEED-2 FEED-5 the firm feed lists changes newest first with before and after, filters by person, kind and deletions, and exports the same as CSV", async ({ page }) => {
  const { email } = await firmWithHistory(page, "feed2");
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Firm feed" }).click();
  await expect(page).toHaveURL(/\/feed$/);
  await expect(page.getByRole("heading", { level: 1, name: "Firm feed" })).toBeVisible();

  const entries = page.getByTestId("activity");
  // Newest first: the deletion, the edit, the creation, the invitation, the firm itself.
  await expect(entries.nth(0)).toHaveAttribute("data-kind", "role.deleted");
  await expect(entries.nth(1)).toHaveAttribute("data-kind", "role.updated");
  await expect(entries.nth(2)).toHaveAttribute("data-kind", "role.created");
  await expect(entries.nth(3)).toHaveAttribute("data-kind", "user.invited");
  await expect(entries.last()).toHaveAttribute("data-kind", "firm.created");
  // The edit reads as a field with its value before and after.
  const edit = entries.nth(1).getByTestId("activity-changes");
  await expect(edit.getByRole("row", { name: /Permissions/ })).toContainText("contacts.edit");
  await expect(edit.getByRole("row", { name: /Permissions/ })).toContainText("contacts.edit, reports.view");
  await expect(entries.nth(1)).toContainText("By Eleanor Hartley");
  await expectAccessible(page);
  await screenshot(page, "feed");

  await page.getByRole("switch", { name: "Deletions only" }).click();
  await expect(page).toHaveURL(/deletions_only=true/);
  await expect(page.getByRole("switch", { name: "Deletions only" })).toBeChecked();
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("Intake desk");
  await expect(entries.first()).toContainText("Deletion");
  await page.getByRole("switch", { name: "Deletions only" }).click();
  await expect(page).not.toHaveURL(/deletions_only/);

  await page.getByRole("combobox", { name: "Kind" }).click();
  await page.getByRole("option", { name: "User invited" }).click();
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText(email);
  await expect(entries.first().getByTestId("activity-changes")).toContainText(email);
  await expectAccessible(page);

  // The export link is the server's CSV with the same filters.
  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(href).toBe("/api/v1/activities.csv?kind=user.invited");
  const csv = await (await page.request.get(href!)).text();
  const lines = csv.trim().split(/\r?\n/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("user.invited");
  expect(lines[1]).toContain(email);

  // By person: every entry shown is the administrator's.
  await page.goto("/feed");
  await page.getByRole("combobox", { name: "Person" }).click();
  await page.getByRole("option", { name: "Eleanor Hartley" }).click();
  await expect(page).toHaveURL(/user_id=/);
  await expect(entries.first()).toBeVisible();
  for (const entry of await entries.all()) await expect(entry).toContainText("By Eleanor Hartley");
  expect(await entries.count()).toBeGreaterThanOrEqual(5);
  await screenshot(page, "feed-filtered", { dir: "/tmp/shots11" });
});

test("FEED-3 a user's page shows what they did and what was done to them", async ({ page }) => {
  const { invitedId } = await firmWithHistory(page, "feed3");
  await page.goto(`/settings/users/${invitedId}`);
  const activity = page.getByTestId("user-activity");
  await expect(activity.getByRole("heading", { name: "Activity" })).toBeVisible();
  await expect(activity.getByTestId("activity")).toHaveCount(1);
  await expect(activity.getByTestId("activity").first()).toHaveAttribute("data-kind", "user.invited");
  await expect(activity).toContainText("By Eleanor Hartley");
  // The role work was the administrator's, not Noor's: it is not on her page.
  await expect(activity).not.toContainText("Intake desk");
  await expectAccessible(page);
  await activity.scrollIntoViewIfNeeded();
  await screenshot(page, "user-activity");
});
