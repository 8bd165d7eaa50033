import { readFile } from "node:fs/promises";
import { expect, test, type Download, type Locator, type Page } from "@playwright/test";
import { AdminApi, PracticeApi, addActiveUsers, money } from "./api.js";
import { expectAccessible, newFirm, newInvitee, screenshot, signUpByApi, closeToasts } from "./helpers.js";

const SHOTS = { dir: "/tmp/shots" };
const DIALOG_SHOTS = { ...SHOTS, fullPage: false };
test.describe.configure({ timeout: 60_000 });

const HEADER = "email,first_name,last_name,initials,time_zone,address,city,state,zip,country,phone,subscription_type";

async function choose(page: Page, scope: Locator, label: string, option: string) {
  await scope.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}


/** A CSV file as a spreadsheet saves it: CRLF, one person a row. */
const csvFile = (name: string, rows: string[]) => ({ name, mimeType: "text/csv", buffer: Buffer.from([HEADER, ...rows].join("\r\n") + "\r\n") });

/** A downloaded file's text, without the byte-order mark spreadsheets want. */
async function textOf(download: Download): Promise<string> {
  return (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
}

async function openImport(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Import users" }).click();
  const dialog = page.getByRole("dialog", { name: "Import users" });
  await expect(dialog.getByLabel("CSV file")).toBeAttached();
  return dialog;
}

test("IMP-1 IMP-3 IMP-4 IMP-5 a file with bad rows imports nobody and comes back with an errors column; fixed, everyone is invited unsent", async ({ page }) => {
  const firm = newFirm("imp4");
  const admin = new AdminApi(page.request, await signUpByApi(page.request, firm, { licenses: 10 }));
  const tag = newInvitee("x").slice(2, 12);
  const email = (who: string) => `${who}-${tag}@hartley-stone.example`;

  await page.goto("/settings/users");
  const dialog = await openImport(page);
  await expectAccessible(page);
  await screenshot(page, "import-form", DIALOG_SHOTS);

  // IMP-1: the template is the header row alone.
  const [template] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("link", { name: "Download the template" }).click()]);
  expect((await textOf(template)).trim()).toBe(HEADER);

  const bad = [
    `${email("rosa")},Rosa,Delgado,RD,America/Chicago,"1 Main St, Suite 2",Chicago,IL,60601,US,,Attorney`,
    `not-an-email,Felix,Adeyemi,FA,,,,,,,,Non-attorney`,
    `${email("imani")},Imani,Clarke,I.C.,Mars/Olympus,,,,,,,attorney`,
    `${email("omar")},Omar,Haddad,OH,,,,,,,,Partner`,
  ];
  await dialog.getByLabel("CSV file").setInputFiles(csvFile("people.csv", bad));
  await expect(dialog.getByTestId("chosen-file")).toContainText("people.csv");
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByText("Choose at least one role.")).toBeVisible();
  await choose(page, dialog, "Roles", "Attorney");
  await page.keyboard.press("Escape");
  await dialog.getByLabel("Create the invitations without sending them").check();
  await dialog.getByRole("button", { name: "Import", exact: true }).click();

  const failed = dialog.getByTestId("import-failed");
  await expect(failed).toContainText("Nothing was imported");
  await expect(failed).toContainText("3 rows of 4 need fixing");
  await expect(failed.getByRole("table", { name: "Problems found" })).toContainText("time_zone");
  await expectAccessible(page);
  await screenshot(page, "import-failed", DIALOG_SHOTS);

  // IMP-4: every row of the file, in order, with what to fix in an `errors` column.
  const [report] = await Promise.all([page.waitForEvent("download"), failed.getByRole("link", { name: "Download and fix" }).click()]);
  const lines = (await textOf(report)).trim().split(/\r?\n/);
  expect(lines[0]).toBe(`${HEADER},errors`);
  expect(lines).toHaveLength(5);
  expect(lines[1]).toMatch(/^rosa-.*,Attorney,$/);
  expect(lines[2]).toContain("not-an-email");
  expect(lines[2]).toMatch(/email: /);
  expect(lines[3]).toMatch(/initials: .*time_zone: /);
  expect(lines[4]).toContain("subscription_type: Use Attorney or Non-attorney.");
  expect((await admin.invited()).map((u) => u.email)).toEqual([]);

  // The report, fixed, goes back in as it is: its `errors` column is ignored.
  const fixed = [
    bad[0]!,
    `${email("felix")},Felix,Adeyemi,FA,,,,,,,,Non-attorney`,
    `${email("imani")},Imani,Clarke,IC,America/New_York,,,,,,,attorney`,
    `${email("omar")},Omar,Haddad,OH,,,,,,,,Non-attorney`,
  ];
  await failed.getByRole("button", { name: "Upload the fixed file" }).click();
  await dialog.getByLabel("CSV file").setInputFiles(csvFile("people-fixed.csv", fixed));
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  const completed = dialog.getByTestId("import-completed");
  await expect(completed).toContainText("4 people imported");
  await expect(completed).toContainText("send them from the Invited tab");
  await expectAccessible(page);
  await screenshot(page, "import-completed", DIALOG_SHOTS);

  // IMP-5: they are invited, their invitations created and not sent.
  await completed.getByRole("button", { name: "Show invited users" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/status=invited/);
  const rows = page.getByTestId("user-row");
  await expect(rows).toHaveCount(4);
  for (const name of ["Rosa Delgado", "Felix Adeyemi", "Imani Clarke", "Omar Haddad"]) {
    await expect(rows.filter({ hasText: name }).getByTestId("unsent-badge")).toHaveText("Not sent");
  }
  await expect(page.getByTestId("license-summary")).toHaveText("5 of 10 licenses available");
  await closeToasts(page);
  await screenshot(page, "import-invited", SHOTS);

  // USR-6: the subscription type each row gave, as a filter kept in the address bar.
  await choose(page, page.locator("body"), "Filter by subscription type", "Non-attorney");
  await expect(page).toHaveURL(/status=invited.*subscription_type=non_attorney/);
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Felix Adeyemi" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Omar Haddad" })).toHaveCount(1);
  expect((await admin.invited()).map((u) => u.email).sort()).toEqual(["felix", "imani", "omar", "rosa"].map(email));
});

test("IMP-6 IMP-8 LIC-7 CON-3 short of licenses, the import shows their price, buys them once confirmed and shows its progress", async ({ page }) => {
  const firm = newFirm("imp8");
  const token = await signUpByApi(page.request, firm, { licenses: 1 });
  const quote = await new PracticeApi(page.request, token).post<{ amount_cents: number }>("/licenses/quote", { count: 3 }, 200);
  const tag = newInvitee("x").slice(2, 12);
  const people = ["ada", "ben", "cy"].map((who, i) => `${who}-${tag}@hartley-stone.example,${who.toUpperCase()},Example${i},,,,,,,,,Attorney`);

  await page.goto("/settings/users");
  const dialog = await openImport(page);
  await dialog.getByLabel("CSV file").setInputFiles(csvFile("three.csv", people));
  await choose(page, dialog, "Roles", "Paralegal");
  await page.keyboard.press("Escape");
  await dialog.getByRole("button", { name: "Import", exact: true }).click();

  // CON-3: the amount first, nothing bought until confirmed.
  const notice = dialog.getByTestId("import-quote");
  await expect(notice).toContainText(`3 licenses will be bought now for ${money(quote.amount_cents)}`);
  await expectAccessible(page);
  await screenshot(page, "import-quote", DIALOG_SHOTS);

  // IMP-8: the progress stream says one of three is in, and the import is held there until
  // the test lets it be read; then it ends as the server has it.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/v1/imports/*/progress", (route) =>
    route.fulfill({ status: 200, contentType: "text/event-stream", body: 'retry: 600000\nevent: progress\ndata: {"processed":1,"rows":3}\n\n' }),
  );
  await page.route("**/api/v1/imports/*", async (route) => {
    if (route.request().method() === "GET") await held;
    await route.continue();
  });
  await dialog.getByRole("button", { name: "Confirm purchase and import" }).click();
  const bar = dialog.getByRole("progressbar", { name: "Import progress" });
  await expect(bar).toHaveAttribute("aria-valuenow", "33");
  await expect(dialog.getByTestId("import-progress")).toContainText("1 of 3 people");
  await expectAccessible(page);
  await screenshot(page, "import-progress", DIALOG_SHOTS);
  release();

  const completed = dialog.getByTestId("import-completed");
  await expect(completed).toContainText("3 people imported");
  await expect(completed).toContainText(`3 licenses bought for ${money(quote.amount_cents)}.`);
  await expect(completed).toContainText("Each of them was sent an invitation");
  await expect(page.getByTestId("license-summary")).toHaveText("0 of 4 licenses available");
  await completed.getByRole("button", { name: "Show invited users" }).click();
  await expect(page.getByTestId("user-row")).toHaveCount(3);
  await expect(page.getByTestId("user-row").first()).toContainText("Paralegal");
});

test("USR-7 USR-6 adds selected users to a group and names the one refused; the list filters by group and exports what it shows", async ({ page, playwright }) => {
  const baseURL = test.info().project.use.baseURL!;
  const token = await signUpByApi(page.request, newFirm("usr7"), { licenses: 6 });
  const admin = new AdminApi(page.request, token);
  const [rosa, felix] = await admin.inviteMany([
    { email: newInvitee("usr7-rosa"), first_name: "Rosa", last_name: "Delgado" },
    { email: newInvitee("usr7-felix"), first_name: "Felix", last_name: "Adeyemi" },
  ]);
  const [dana] = await addActiveUsers(admin, () => playwright.request.newContext({ baseURL }), [{ first_name: "Dana", last_name: "Okoro" }]);
  await new PracticeApi(page.request, token).deactivate(dana!.id, {});
  await admin.createGroup("Litigation");

  await page.goto("/settings/users?status=all");
  for (const name of ["Rosa Delgado", "Felix Adeyemi", "Dana Okoro"]) await page.getByRole("checkbox", { name: `Select ${name}` }).check();
  await expect(page.getByTestId("bulk-bar")).toContainText("3 users selected");
  await page.getByTestId("bulk-bar").getByRole("button", { name: "Actions" }).click();
  await screenshot(page, "bulk-menu", DIALOG_SHOTS);
  await page.getByRole("menuitem", { name: "Add to a group" }).click();
  const dialog = page.getByRole("dialog", { name: "Add to a group" });
  await choose(page, dialog, "Group", "Litigation");
  await expectAccessible(page);
  await screenshot(page, "bulk-group-form", DIALOG_SHOTS);
  await dialog.getByRole("button", { name: "Add to group" }).click();

  const outcome = dialog.getByTestId("bulk-outcome");
  await expect(outcome).toContainText("2 users added to Litigation.");
  await expect(outcome.getByTestId("bulk-refusals")).toContainText("Refused for 1 user");
  await expect(outcome.getByTestId("bulk-refusals")).toContainText("Dana Okoro: Deactivated users cannot join groups.");
  await expectAccessible(page);
  await screenshot(page, "bulk-refused", DIALOG_SHOTS);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("bulk-bar")).toContainText("1 user selected");
  await expect(page.getByTestId("user-row").filter({ hasText: "Rosa Delgado" })).toBeVisible();

  // USR-6: the group's members, in the list and in the address bar.
  await choose(page, page.locator("body"), "Filter by group", "Litigation");
  await expect(page).toHaveURL(/group_id=/);
  const rows = page.getByTestId("user-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Rosa Delgado" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Felix Adeyemi" })).toHaveCount(1);
  await page.getByRole("button", { name: "Clear selection" }).click();
  await closeToasts(page);
  await screenshot(page, "users-filtered", SHOTS);
  await page.reload();
  await expect(rows).toHaveCount(2);

  const [exported] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const lines = (await textOf(exported)).trim().split(/\r?\n/);
  expect(lines).toHaveLength(3);
  expect(lines.slice(1).join("\n")).toContain("Rosa");
  expect(lines.slice(1).join("\n")).not.toContain("Dana");

  const litigation = (await admin.groups()).find((g) => g.name === "Litigation");
  expect(litigation?.member_ids.sort()).toEqual([rosa, felix].sort());
  await page.getByRole("link", { name: "Groups" }).click();
  await expect(page.getByTestId("group-row").filter({ hasText: "Litigation" }).getByTestId("member-count")).toHaveText("2 members");
});
