import { expect, test, type Page } from "@playwright/test";
import { AdminApi, PracticeApi, addActiveUsers } from "./api.js";
import { expectAccessible, newFirm, screenshot, signUpByApi } from "./helpers.js";

const SHOTS = { dir: "/tmp/shots" };
const DAY = 86_400_000;

async function pickPerson(page: Page, label: string, option: string) {
  await page.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

test("PRC-3 the Matters, Tasks and Calendar pages show who holds the work, a deactivated holder as (Inactive), with filters and paging", async ({ page, playwright }) => {
  test.setTimeout(90_000);
  const baseURL = test.info().project.use.baseURL!;
  const firm = newFirm("prc3");
  const token = await signUpByApi(page.request, firm, { licenses: 6 });
  const admin = new AdminApi(page.request, token);
  const data = new PracticeApi(page.request, token);
  const me = await data.meId();
  const [dana, lee] = (
    await addActiveUsers(admin, () => playwright.request.newContext({ baseURL }), [
      { first_name: "Dana", last_name: "Okoro" },
      { first_name: "Lee", last_name: "Marsh" },
    ])
  ).map((u) => u.id);
  const now = await data.now();

  const lease = await data.matter("2026-0001", "Harbour Holdings: lease of the Bayside warehouse", dana!, me);
  await data.matter("2026-0002", "Bayside Marine v. Harbour Holdings", lee!, dana!, { status: "pending" });
  await data.matter("2026-0003", "Estate of M. Whitfield", dana!, me, { status: "closed" });
  for (let i = 0; i < 50; i++) await data.matter(`2026-1${String(i).padStart(3, "0")}`, `Conveyancing file ${i + 1}`, lee!, me);
  await data.task("Draft the lease", dana!, { matter_id: lease.id, due_at: new Date(now + 3 * DAY).toISOString() });
  await data.task("Send the engagement letter", lee!, { due_at: new Date(now + 5 * DAY).toISOString() });
  await data.event("Signing with Harbour Holdings", dana!, now + 2 * DAY, { matter_id: lease.id, attendee_ids: [lee!] });
  await data.event("Team lunch", lee!, now + 4 * DAY, { attendee_ids: [dana!] });
  await data.deactivate(dana!, { leave_work: true });

  // Matters: the first page, then the next one by cursor.
  await page.goto("/settings/users");
  await page.getByRole("link", { name: "Matters" }).click();
  await expect(page.getByRole("heading", { name: "Matters", level: 1 })).toBeVisible();
  await expect(page.getByTestId("matter-row")).toHaveCount(50);
  await expect(page.getByTestId("list-count")).toHaveText("Showing 50 matters");
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(page.getByTestId("list-count")).toHaveText("Showing 53 matters");
  await expect(page.getByRole("button", { name: "Load more" })).toBeHidden();
  const leaseRow = page.getByTestId("matter-row").filter({ hasText: "2026-0001" });
  await expect(leaseRow.getByTestId("responsible")).toHaveText("(Inactive) Dana Okoro");
  await expect(page.getByTestId("matter-row").filter({ hasText: "2026-0002" })).toContainText("(Inactive) Dana Okoro");
  await expectAccessible(page);

  // Filtered by the deactivated attorney, then by status too.
  await pickPerson(page, "Responsible attorney", "(Inactive) Dana Okoro");
  await expect(page.getByTestId("matter-row")).toHaveCount(2);
  await expect(page).toHaveURL(new RegExp(`responsible_attorney_id=${dana}`));
  await page.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "Closed" }).click();
  await expect(page.getByTestId("matter-row")).toHaveCount(1);
  await expect(page.getByTestId("matter-row")).toContainText("Estate of M. Whitfield");
  await page.getByRole("textbox", { name: "Search" }).fill("no such matter");
  await expect(page.getByRole("heading", { name: "No matching matters" })).toBeVisible();
  await page.getByRole("textbox", { name: "Search" }).fill("");
  await page.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "Open" }).click();
  await expect(page.getByTestId("matter-row")).toHaveCount(1);
  await screenshot(page, "matters-filtered", SHOTS);

  // Tasks: the deactivated assignee reads (Inactive); the assignee filter narrows the list.
  await page.getByRole("link", { name: "Tasks" }).click();
  await expect(page.getByTestId("task-row")).toHaveCount(2);
  await expect(page.getByTestId("task-row").filter({ hasText: "Draft the lease" }).getByTestId("assignee")).toHaveText("(Inactive) Dana Okoro");
  await expect(page.getByTestId("task-row").filter({ hasText: "Draft the lease" })).toContainText("2026-0001");
  await expectAccessible(page);
  await screenshot(page, "tasks", SHOTS);
  await pickPerson(page, "Assignee", "Lee Marsh");
  await expect(page.getByTestId("task-row")).toHaveCount(1);
  await expect(page.getByTestId("task-row")).toContainText("Send the engagement letter");
  await page.getByText("Completed", { exact: true }).click();
  await expect(page.getByRole("heading", { name: "No matching tasks" })).toBeVisible();

  // Calendar: owner and attendees, a deactivated attendee as (Inactive); the events of her own
  // calendar left every list with her (DEA-3).
  await page.getByRole("link", { name: "Calendar" }).click();
  const lunch = page.getByTestId("event-row").filter({ hasText: "Team lunch" });
  await expect(lunch.getByTestId("owner")).toHaveText("Lee Marsh");
  await expect(lunch).toContainText("(Inactive) Dana Okoro");
  await expect(page.getByTestId("event-row")).toHaveCount(1);
  await pickPerson(page, "Owner", "(Inactive) Dana Okoro");
  await expect(page.getByRole("heading", { name: "No matching events" })).toBeVisible();
  await page.getByRole("combobox", { name: "Owner" }).click();
  await page.getByRole("option", { name: "Lee Marsh", exact: true }).click();
  await expect(page.getByTestId("event-row")).toHaveCount(1);
  await expectAccessible(page);

  // PRC-9: a colleague's calendar shown beside one's own, and a deactivated one is not offered.
  const picker = page.getByRole("group", { name: "Show the calendars of" });
  await expect(picker.getByRole("checkbox", { name: /Dana Okoro/ })).toHaveCount(0);
  await picker.getByRole("checkbox", { name: "Lee Marsh" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Your calendar view was saved.")).toBeVisible();
  const calendars = await data.get<{ data: { owner_id: string | null; visible: boolean }[] }>("/calendars");
  expect(calendars.data.find((c) => c.owner_id === lee)?.visible).toBe(true);
  for (const close of await page.locator(".mantine-Notification-closeButton").all()) await close.click();
  await screenshot(page, "calendar", SHOTS);
});
