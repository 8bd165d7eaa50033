import { expect, test, type Page } from "@playwright/test";
import { AdminApi, advanceClock } from "./api.js";
import { newFirm, newInvitee, screenshot, signUpByApi } from "./helpers.js";

const SURNAMES = [
  "Abernathy", "Bancroft", "Calloway", "Dempsey", "Ellsworth", "Fairbanks", "Galloway", "Hollister", "Ingram", "Jennings",
  "Kessler", "Lockhart", "Merriweather", "Northcott", "Ogden", "Pemberton", "Quimby", "Radcliffe", "Sinclair", "Thornton",
  "Underwood", "Vaughn", "Whitaker", "Yardley", "Ashford", "Blackwell", "Carmichael", "Drummond", "Eastwood", "Fitzgerald",
  "Gresham", "Holloway", "Irvine", "Jamison", "Kingsley", "Langford", "Montague", "Nash", "Oakley", "Prescott",
  "Quinlan", "Rutherford", "Sterling", "Templeton", "Upton", "Vance", "Winslow", "Yates", "Ainsworth", "Bellamy",
  "Crawford", "Davenport", "Everett", "Forsythe", "Grayson", "Hastings", "Kendall", "Lindqvist", "Zimmerman",
];
const FIRST = ["Avery", "Blake", "Casey", "Devon", "Emerson", "Finley", "Harper", "Jordan", "Morgan", "Riley"];

const rows = (page: Page) => page.getByTestId("user-row");

async function sortBy(page: Page, label: string) {
  await page.getByRole("combobox", { name: "Sort users" }).click();
  await page.getByRole("option", { name: label, exact: true }).click();
}

test("USR-4 searches, sorts both ways by name, email and date added, and pages by cursor through 60 users", async ({ page, playwright }) => {
  test.setTimeout(90_000);
  const firm = newFirm("usr4");
  const clock = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL! });
  const admin = new AdminApi(page.request, await signUpByApi(page.request, firm, { licenses: 80 }));
  await advanceClock(clock, 60);
  // Emails run opposite to names: "00-…" belongs to Zimmerman, "58-…" to Abernathy.
  const tag = newInvitee("x").slice(2, 12);
  const people = SURNAMES.map((last, i) => ({
    first_name: FIRST[i % FIRST.length]!,
    last_name: last,
    email: `${String(SURNAMES.length - 1 - i).padStart(2, "0")}-usr4-${tag}@hartley-stone.example`,
  }));
  const newest = people.find((p) => p.last_name === "Montague")!;
  await admin.inviteMany(people.filter((p) => p !== newest));
  await advanceClock(clock, 60);
  await admin.inviteMany([newest]);
  await clock.dispose();

  await page.goto("/settings/users?status=all");
  await expect(rows(page)).toHaveCount(50);
  await expect(page.getByText("Showing 50 users")).toBeVisible();
  await expect(rows(page).first()).toContainText("Avery Abernathy");
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rows(page)).toHaveCount(60);
  await expect(page.getByText("Showing 60 users")).toBeVisible();
  await expect(page.getByRole("button", { name: "Load more" })).toBeHidden();
  await expect(rows(page).last()).toContainText("Zimmerman");

  await sortBy(page, "Name, Z to A");
  await expect(page).toHaveURL(/sort=-name/);
  await expect(rows(page).first()).toContainText("Zimmerman");
  await expect(rows(page)).toHaveCount(50);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rows(page).last()).toContainText("Abernathy");

  await sortBy(page, "Email, A to Z");
  await expect(rows(page).first()).toContainText(`00-usr4-${tag}`);
  await expect(rows(page).first()).toContainText("Zimmerman");
  await sortBy(page, "Email, Z to A");
  await expect(rows(page).first()).toContainText(firm.email); // "usr4-…" after every "NN-usr4-…"
  await expect(rows(page).nth(1)).toContainText("Abernathy");

  await sortBy(page, "Newest first");
  await expect(rows(page).first()).toContainText(`${newest.first_name} ${newest.last_name}`);
  await sortBy(page, "Oldest first");
  await expect(rows(page).first()).toContainText(`${firm.firstName} ${firm.lastName}`);

  // Search covers names and emails, within the chosen tab; the sort stays.
  const search = page.getByRole("textbox", { name: "Search users" });
  await search.fill("zimmer");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText("Zimmerman");
  await search.fill(`58-usr4-${tag}`);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText("Abernathy");
  await search.fill("nobody-by-this-name");
  await expect(page.getByRole("heading", { name: "No matching users" })).toBeVisible();
  await search.fill("");
  await page.getByRole("tab", { name: "Active" }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(page).toHaveURL(/\/settings\/users\?sort=created_at$/);
});

test("ROL-4 assigns roles to two selected users at once; their other roles stay", async ({ page }) => {
  const firm = newFirm("rol4");
  const admin = new AdminApi(page.request, await signUpByApi(page.request, firm));
  await admin.inviteMany([
    { email: newInvitee("rol4-a"), first_name: "Priya", last_name: "Raman" },
    { email: newInvitee("rol4-b"), first_name: "Tomas", last_name: "Berg" },
    { email: newInvitee("rol4-c"), first_name: "Wen", last_name: "Li" },
  ]);

  await page.goto("/settings/users?status=invited");
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByTestId("bulk-bar")).toBeHidden();
  await page.getByRole("checkbox", { name: "Select Priya Raman" }).check();
  await page.getByRole("checkbox", { name: "Select Tomas Berg" }).check();
  await expect(page.getByTestId("bulk-bar")).toContainText("2 users selected");
  await expect(page.getByRole("checkbox", { name: "Select every user shown" })).toHaveAttribute("data-indeterminate", "true");
  await page.getByRole("button", { name: "Actions", exact: true }).click();
  await expect(page.getByRole("menuitem", { name: "Assign roles" })).toBeVisible();
  await screenshot(page, "users-multiselect");
  await page.getByRole("menuitem", { name: "Assign roles" }).click();

  const dialog = page.getByRole("dialog", { name: "Assign roles" });
  await expect(dialog).toContainText("2 selected users (Priya Raman and Tomas Berg)");
  await dialog.getByRole("button", { name: "Assign roles" }).click();
  await expect(dialog.getByText("Choose at least one role")).toBeVisible();
  await page.getByRole("combobox", { name: "Roles to add" }).click();
  await page.getByRole("option", { name: "Billing", exact: true }).click();
  await page.getByRole("option", { name: "Paralegal", exact: true }).click();
  await page.keyboard.press("Escape");
  await dialog.getByRole("button", { name: "Assign roles" }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByText("Roles added to 2 users.")).toBeVisible();
  await expect(page.getByTestId("bulk-bar")).toBeHidden();
  for (const name of ["Priya Raman", "Tomas Berg"]) {
    const row = rows(page).filter({ hasText: name });
    await expect(row).toContainText("Attorney");
    await expect(row).toContainText("Billing");
    await expect(row).toContainText("Paralegal");
    await expect(row.getByRole("checkbox")).not.toBeChecked();
  }
  const untouched = rows(page).filter({ hasText: "Wen Li" });
  await expect(untouched).toContainText("Attorney");
  await expect(untouched).not.toContainText("Billing");
});
