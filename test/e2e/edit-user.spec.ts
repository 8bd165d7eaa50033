import { expect, test, type Page } from "@playwright/test";
import { AdminApi, acceptInvitation } from "./api.js";
import { newFirm, newInvitee, screenshot, signUpByApi } from "./helpers.js";
import { waitForInvitationLink } from "./mail.js";

const baseURL = () => test.info().project.use.baseURL!;

async function openEditPage(page: Page, name: string) {
  await page.getByTestId("user-row").filter({ hasText: name }).getByRole("link", { name }).click();
  await expect(page).toHaveURL(/\/settings\/users\/[^/?]+$/);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

test("USR-5 edits a user's profile, access and groups; field errors land on their fields and a stale edit is refused", async ({ page }) => {
  const firm = newFirm("usr5");
  const admin = new AdminApi(page.request, await signUpByApi(page.request, firm));
  await admin.createGroup("Litigation");
  const [id] = await admin.inviteMany([{ email: newInvitee("usr5-jordan"), first_name: "Jordan", last_name: "Whitfield" }]);

  await page.goto("/settings/users?status=invited");
  await openEditPage(page, "Jordan Whitfield");
  const save = page.getByRole("button", { name: "Save changes" });
  await expect(save).toBeDisabled(); // nothing changed yet

  // The server judges the fields; its answer lands on each field.
  await page.getByLabel("Initials").fill("J3");
  await page.getByLabel("Phone").fill("call me");
  await save.click();
  await expect(page.getByLabel("Initials")).toHaveAccessibleDescription(/letters only/i);
  await expect(page.getByLabel("Phone")).toHaveAccessibleDescription(/digits/i);

  await page.getByLabel("Initials").fill("JW");
  await page.getByLabel("Phone").fill("+1 (312) 555-0142");
  await page.getByRole("combobox", { name: "Time zone" }).fill("Chicago");
  await page.getByRole("option", { name: "America/Chicago" }).click();
  await page.getByLabel("Address").fill("200 West Madison Street");
  await page.getByLabel("City").fill("Chicago");
  await page.getByLabel("State or region").fill("IL");
  await page.getByLabel("ZIP code").fill("60606");
  await page.getByLabel("Country").fill("United States");
  await page.getByText("Non-attorney", { exact: true }).click();
  await page.getByRole("combobox", { name: "Roles" }).click();
  await page.getByRole("option", { name: "Paralegal", exact: true }).click();
  await page.keyboard.press("Escape");
  await page.getByRole("combobox", { name: "Groups" }).click();
  await page.getByRole("option", { name: "Litigation", exact: true }).click();
  await page.keyboard.press("Escape");
  await screenshot(page, "edit-user");
  await save.click();
  await expect(page.getByText("Changes to Jordan Whitfield were saved.")).toBeVisible();
  await expect(save).toBeDisabled();

  await page.reload();
  await expect(page.getByLabel("Initials")).toHaveValue("JW");
  await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveValue("America/Chicago");
  await expect(page.getByLabel("City")).toHaveValue("Chicago");
  const { user } = await admin.user(id!);
  expect(user.roles.map((r) => r.name).sort()).toEqual(["Attorney", "Paralegal"]);

  // A time zone the server does not know (say, from an outdated browser) comes back on the field.
  await page.route("**/api/v1/users/*", async (route) => {
    if (route.request().method() !== "PATCH") return route.continue();
    await route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), time_zone: "Mars/Olympus_Mons" }) });
  });
  await page.getByLabel("City").fill("Evanston");
  await save.click();
  await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveAccessibleDescription(/IANA time zone/);
  await page.unroute("**/api/v1/users/*");

  // Someone else saves first: the console says so and reloads on request.
  const fresh = await admin.user(id!);
  await admin.patchUser(id!, { city: "Oak Park" }, fresh.etag);
  await save.click();
  const conflict = page.getByTestId("conflict-alert");
  await expect(conflict).toContainText("changed by someone else");
  await conflict.getByRole("button", { name: "Reload" }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByLabel("City")).toHaveValue("Oak Park");
  await page.getByLabel("City").fill("Evanston");
  await save.click();
  await expect(page.getByText("Changes to Jordan Whitfield were saved.").first()).toBeVisible();
  expect((await admin.user(id!)).user.city).toBe("Evanston");
});

test("ACC-4 a second administrator sees the primary subscriber's profile read-only and cannot add roles to them", async ({ page, playwright }) => {
  const firm = newFirm("acc4");
  const request = await playwright.request.newContext({ baseURL: baseURL() });
  const owner = new AdminApi(request, await signUpByApi(request, firm));
  const email = newInvitee("acc4-dana");
  await owner.inviteMany([{ email, first_name: "Dana", last_name: "Okoro" }], "Administrator");
  await owner.inviteMany([{ email: newInvitee("acc4-lee"), first_name: "Lee", last_name: "Marsh" }]);
  const password = "a steady lantern by the quay 8";
  const invitee = await playwright.request.newContext({ baseURL: baseURL() });
  await acceptInvitation(invitee, await waitForInvitationLink(email), { first_name: "Dana", last_name: "Okoro", password });
  await invitee.dispose();
  const signIn = await page.request.post("/api/v1/sessions", { data: { email, password } });
  expect(signIn.status()).toBe(201);

  await page.goto("/settings/users");
  const ownerName = `${firm.firstName} ${firm.lastName}`;
  await openEditPage(page, ownerName);
  await expect(page.getByTestId("read-only-note")).toContainText("Only they can change their profile, login email and roles.");
  for (const label of ["First name", "Last name", "Initials", "Phone", "City"]) await expect(page.getByLabel(label)).toBeDisabled();
  await expect(page.getByRole("combobox", { name: "Time zone" })).toBeDisabled();
  await expect(page.getByRole("combobox", { name: "Roles" })).toBeDisabled();
  await expect(page.getByRole("combobox", { name: "Groups" })).toBeDisabled();
  await expect(page.getByRole("radio", { name: "Non-attorney" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await screenshot(page, "edit-user-read-only");

  // Bulk assignment names the users whose roles this administrator may not change (ACC-4, ROL-7).
  await page.goto("/settings/users?status=all");
  await page.getByRole("checkbox", { name: `Select ${ownerName}` }).check();
  await page.getByRole("checkbox", { name: "Select Dana Okoro" }).check();
  await page.getByRole("checkbox", { name: "Select Lee Marsh" }).check();
  await page.getByRole("button", { name: "Actions", exact: true }).click();
  await page.getByRole("menuitem", { name: "Assign roles" }).click();
  const dialog = page.getByRole("dialog", { name: "Assign roles" });
  await page.getByRole("combobox", { name: "Roles to add" }).click();
  await page.getByRole("option", { name: "Billing", exact: true }).click();
  await page.keyboard.press("Escape");
  await dialog.getByRole("button", { name: "Assign roles" }).click();
  const refusals = dialog.getByTestId("assign-refusals");
  await expect(refusals).toContainText("Nothing was changed");
  await expect(refusals).toContainText(ownerName);
  await expect(refusals).toContainText("Dana Okoro"); // ROL-7: not one's own roles
  await expect(refusals).not.toContainText("Lee Marsh");
  await refusals.getByRole("button", { name: "Leave these users out" }).click();
  await expect(dialog).toContainText("1 selected user (Lee Marsh)");
  await dialog.getByRole("button", { name: "Assign roles" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("user-row").filter({ hasText: "Lee Marsh" })).toContainText("Billing");
  await expect(page.getByTestId("user-row").filter({ hasText: ownerName })).not.toContainText("Billing");
  await request.dispose();
});
