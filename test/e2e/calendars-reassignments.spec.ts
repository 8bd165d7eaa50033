import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { AdminApi, PracticeApi, addActiveUsers } from "./api.js";
import { expectAccessible, newFirm, screenshot, signUpByApi } from "./helpers.js";

const DAY = 86_400_000;

test("PRC-9 ACC-8 the calendar page shows colleagues' calendars chosen with checkboxes, kept after a reload; the primary subscriber manages the firm calendar", async ({ page, playwright }) => {
  test.setTimeout(120_000);
  const baseURL = test.info().project.use.baseURL!;
  const firm = newFirm("prc9");
  const token = await signUpByApi(page.request, firm);
  const admin = new AdminApi(page.request, token);
  const data = new PracticeApi(page.request, token);
  const [dana, lee] = (
    await addActiveUsers(admin, () => playwright.request.newContext({ baseURL }), [
      { first_name: "Dana", last_name: "Okoro" },
      { first_name: "Lee", last_name: "Marsh" },
    ])
  ).map((u) => u.id);

  await page.goto("/calendar");
  const picker = page.getByRole("group", { name: "Show the calendars of" });
  await expect(picker.getByRole("checkbox", { name: "Dana Okoro" })).not.toBeChecked();
  await expect(picker.getByRole("checkbox", { name: "Lee Marsh" })).not.toBeChecked();
  await expect(page.getByTestId("firm-calendar-note")).toHaveText("The firm calendar is always shown; you manage it.");
  await expectAccessible(page);
  await picker.getByRole("checkbox", { name: "Dana Okoro" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Your calendar view was saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Dana Okoro" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Lee Marsh" })).not.toBeChecked();
  const calendars = await data.get<{ data: { kind: string; owner_id: string | null; visible: boolean }[] }>("/calendars");
  expect(calendars.data.find((c) => c.owner_id === dana)?.visible).toBe(true);
  expect(calendars.data.find((c) => c.owner_id === lee)?.visible).toBe(false);
  await screenshot(page, "calendar-picker");

  // ACC-8: the firm calendar is offered to the primary subscriber for a new event.
  await page.getByRole("button", { name: "New event" }).click();
  const dialog = page.getByRole("dialog", { name: "New event" });
  await dialog.getByRole("combobox", { name: "Calendar", exact: true }).click();
  await expect(page.getByRole("option", { name: "Firm calendar" })).toBeVisible();
  await page.getByRole("option", { name: "Firm calendar" }).click();
  await dialog.getByLabel("Title").fill("Firm retreat");
  const start = new Date(Date.now() + 10 * DAY);
  const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await dialog.getByLabel("Starts").fill(local(start));
  await dialog.getByLabel("Ends").fill(local(new Date(start.getTime() + 3_600_000)));
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Add event" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("event-row").filter({ hasText: "Firm retreat" })).toContainText("Firm calendar");
  const firmEvents = await data.get<{ data: { title: string }[] }>("/calendar-events?calendar=firm");
  expect(firmEvents.data.map((e) => e.title)).toEqual(["Firm retreat"]);
});

test("REA-9 past reassignments are listed with their counts and each one's CSV report downloads, reached from the Reassign work page", async ({ page, playwright }) => {
  test.setTimeout(120_000);
  const baseURL = test.info().project.use.baseURL!;
  const firm = newFirm("rea9");
  const token = await signUpByApi(page.request, firm);
  const admin = new AdminApi(page.request, token);
  const data = new PracticeApi(page.request, token);
  const me = await data.meId();
  const [dana, lee] = (
    await addActiveUsers(admin, () => playwright.request.newContext({ baseURL }), [
      { first_name: "Dana", last_name: "Okoro" },
      { first_name: "Lee", last_name: "Marsh" },
    ])
  ).map((u) => u.id);
  const lease = await data.matter("2026-0001", "Harbour lease", dana!, me);
  await data.matter("2026-0002", "Bayside dispute", dana!, me);
  await data.task("Draft the lease", dana!, { matter_id: lease.id });
  await data.post("/reassignments", { from_user_id: dana, matters_to: lee, tasks_to: lee });

  await page.goto(`/settings/users/${dana}/reassign`);
  await page.getByRole("link", { name: "Past reassignments from Dana Okoro" }).click();
  const row = page.getByTestId("reassignment-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("counts")).toContainText("2 matters");
  await expect(row.getByTestId("counts")).toContainText("1 task");
  await expect(row).toContainText("Lee Marsh");
  await expect(row).toContainText("Eleanor Hartley");
  await expectAccessible(page);
  await screenshot(page, "reassignments");

  const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /Download the report/ }).click()]);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.split("\n")[0]).toContain("kind");
  // The report names a matter by its number.
  expect(csv).toContain(`matter,${lease.id},2026-0001`);
  expect(csv).toContain("Draft the lease");

  // Also in the settings navigation, for those who manage users.
  await page.goto("/settings/users");
  await page.getByRole("link", { name: "Past reassignments" }).click();
  await expect(page.getByTestId("reassignment-row")).toHaveCount(1);
});
