import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { AdminApi, PracticeApi, addActiveUsers } from "./api.js";
import { expectAccessible, newFirm, screenshot, signUpByApi, closeToasts } from "./helpers.js";

const SHOTS = { dir: "/tmp/shots" };
const DIALOG_SHOTS = { ...SHOTS, fullPage: false };
const DAY = 86_400_000;

async function choose(page: Page, scope: Locator, label: string, option: string) {
  await scope.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}


/**
 * A firm whose Dana Okoro holds, besides work that moves (an open matter, a task and an event on
 * it), work that never does (REA-5): a closed matter, a task without a matter, a private matter,
 * and an event of Lee's she only attends.
 */
async function firmWithLeaver(page: Page, newContext: () => Promise<import("@playwright/test").APIRequestContext>, prefix: string) {
  const token = await signUpByApi(page.request, newFirm(prefix), { licenses: 6 });
  const admin = new AdminApi(page.request, token);
  const data = new PracticeApi(page.request, token);
  const me = await data.meId();
  const [dana, lee] = await addActiveUsers(admin, newContext, [
    { first_name: "Dana", last_name: "Okoro" },
    { first_name: "Lee", last_name: "Marsh" },
  ]);
  const now = await data.now();
  const lease = await data.matter("2026-0001", "Harbour Holdings: lease of the Bayside warehouse", dana!.id, me);
  await data.matter("2026-0002", "Estate of M. Whitfield", dana!.id, me, { status: "closed" });
  await new PracticeApi(page.request, dana!.token).matter("2026-0003", "Confidential: partner review", dana!.id, me, { access: { kind: "private" } });
  await data.task("Draft the lease", dana!.id, { matter_id: lease.id, due_at: new Date(now + 3 * DAY).toISOString() });
  await data.task("Renew bar membership", dana!.id, { due_at: new Date(now + 9 * DAY).toISOString() });
  await data.event("Signing with Harbour Holdings", dana!.id, now + 2 * DAY, { matter_id: lease.id });
  await data.event("Site visit", lee!.id, now + 4 * DAY, { matter_id: lease.id, attendee_ids: [dana!.id] });
  return { data, dana: dana!.id, lee: lee!.id };
}

test("DEA-2 deactivating with a reassignment plan shows what the person holds, previews the plan, moves the work, and the Matters page shows it", async ({ page, playwright }) => {
  test.setTimeout(60_000);
  const baseURL = test.info().project.use.baseURL!;
  const { data, dana } = await firmWithLeaver(page, () => playwright.request.newContext({ baseURL }), "dea2");

  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Actions for Dana Okoro" }).click();
  await page.getByRole("menuitem", { name: "Deactivate" }).click();
  const dialog = page.getByRole("dialog", { name: "Deactivate Dana Okoro" });
  await expect(dialog.getByRole("radio", { name: "Now" })).toBeChecked();
  await expectAccessible(page);
  await screenshot(page, "deactivate-dialog", DIALOG_SHOTS);

  // Without a plan the server says what she still holds (DEA-2); private matters only as a count (DEA-5).
  await dialog.getByRole("button", { name: "Deactivate", exact: true }).click();
  await expect(dialog.getByTestId("held-work")).toBeVisible();
  await expect(dialog.getByTestId("held-matters")).toContainText("1");
  await expect(dialog.getByTestId("held-events")).toContainText("1");
  await expect(dialog.getByTestId("held-private_matters")).toContainText("1private matter");
  await expect(dialog).not.toContainText("Confidential");
  await expectAccessible(page);

  // Every kind to Lee; the deactivated and the source are not offered.
  await dialog.getByRole("combobox", { name: "Matters go to" }).click();
  await expect(page.getByRole("option", { name: "Dana Okoro" })).toHaveCount(0);
  await page.getByRole("option", { name: "Lee Marsh", exact: true }).click();
  await choose(page, dialog, "Tasks go to", "Lee Marsh");
  await choose(page, dialog, "Events go to", "Lee Marsh");
  const preview = dialog.getByTestId("reassign-preview");
  await expect(preview.getByTestId("moves-matters")).toContainText("1 matter");
  await expect(preview.getByTestId("moves-matters")).toContainText("2026-0001");
  await expect(preview.getByTestId("moves-tasks")).toContainText("Draft the lease");
  await expect(preview.getByTestId("moves-events")).toContainText("Signing with Harbour Holdings");
  await expect(preview.getByTestId("excluded-closed")).toBeVisible();
  await expect(preview.getByTestId("excluded-no_matter")).toContainText("1 without a matter");
  await expect(preview.getByTestId("excluded-private")).toContainText("1 on private matters");
  await expect(preview.getByTestId("excluded-attendee_only")).toContainText("1 event they only attend");
  await dialog.getByRole("checkbox", { name: "Remove the license at the next bill" }).check();
  await expectAccessible(page);
  await screenshot(page, "deactivate-plan", DIALOG_SHOTS);

  await dialog.getByRole("button", { name: "Deactivate and reassign" }).click();
  const done = dialog.getByTestId("deactivation-done");
  await expect(done).toContainText("Dana Okoro was deactivated.");
  await expect(done).toContainText("Moved 1 matter, 1 task and 1 event.");
  await expect(done).toContainText("1 private matter stays private");
  await closeToasts(page);
  await expectAccessible(page);
  await screenshot(page, "deactivate-done", DIALOG_SHOTS);
  await done.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("user-row").filter({ hasText: "Dana Okoro" })).toHaveCount(0);

  // The open matter is Lee's now; the closed one still names her (REA-5).
  await page.getByRole("link", { name: "Matters" }).click();
  await expect(page.getByTestId("matter-row").filter({ hasText: "2026-0001" }).getByTestId("responsible")).toHaveText("Lee Marsh");
  await expect(page.getByTestId("matter-row").filter({ hasText: "2026-0002" }).getByTestId("responsible")).toHaveText("(Inactive) Dana Okoro");
  await expect(page.getByTestId("matter-row").filter({ hasText: "2026-0003" })).toHaveCount(0);
  await page.getByRole("link", { name: "Tasks" }).click();
  await expect(page.getByTestId("task-row").filter({ hasText: "Draft the lease" }).getByTestId("assignee")).toHaveText("Lee Marsh");
  await expect(page.getByTestId("task-row").filter({ hasText: "Renew bar membership" }).getByTestId("assignee")).toHaveText("(Inactive) Dana Okoro");
  const user = await data.get<{ status: string }>(`/users/${dana}`);
  expect(user.status).toBe("deactivated");
});

test("REA-9 reassigns a deactivated user's work on the Reassign work page, then downloads the report", async ({ page, playwright }) => {
  test.setTimeout(60_000);
  const baseURL = test.info().project.use.baseURL!;
  const { data, dana } = await firmWithLeaver(page, () => playwright.request.newContext({ baseURL }), "rea9");
  await data.deactivate(dana, { leave_work: true });

  await page.goto("/settings/users?status=deactivated");
  await page.getByTestId("user-row").filter({ hasText: "Dana Okoro" }).getByTestId("user-link").click();
  await page.getByRole("link", { name: "Reassign work" }).click();
  await expect(page).toHaveURL(new RegExp(`/settings/users/${dana}/reassign$`));
  await expect(page.getByRole("heading", { name: "Reassign work" })).toBeVisible();
  await expect(page.getByText("Choose who receives at least one kind of work")).toBeVisible();
  await expectAccessible(page);

  await choose(page, page.locator("main"), "Matters go to", "Lee Marsh");
  await choose(page, page.locator("main"), "Events go to", "Lee Marsh");
  const preview = page.getByTestId("reassign-preview");
  await expect(preview.getByTestId("moves-matters")).toContainText("1 matter");
  await expect(preview.getByTestId("moves-events")).toContainText("1 event");
  await expect(preview.getByTestId("moves-tasks")).toHaveCount(0);
  await expect(preview.getByTestId("excluded-private")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "reassign-preview", SHOTS);

  await page.getByRole("button", { name: "Reassign 2 items" }).click();
  const done = page.getByTestId("reassign-done");
  await expect(done).toContainText("Moved 1 matter, 0 tasks and 1 event");
  await closeToasts(page);
  await expectAccessible(page);
  await screenshot(page, "reassign-done", SHOTS);

  const [download] = await Promise.all([page.waitForEvent("download"), done.getByRole("link", { name: "Download the report (CSV)" }).click()]);
  const csv = await readFile((await download.path())!, "utf8");
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  expect(header).toBe("kind,item_id,item,matter,from,to,reassigned_at");
  expect(rows).toHaveLength(2);
  expect(rows.join("\n")).toContain("Lee Marsh");
  expect(rows.join("\n")).toContain("2026-0001");

  await page.getByRole("link", { name: "Matters" }).click();
  await expect(page.getByTestId("matter-row").filter({ hasText: "2026-0001" }).getByTestId("responsible")).toHaveText("Lee Marsh");
});

test("DEA-9 the Deactivate dialog schedules a deactivation on a date", async ({ page, playwright }) => {
  const baseURL = test.info().project.use.baseURL!;
  const token = await signUpByApi(page.request, newFirm("dea9"), { licenses: 4 });
  const [sam] = await addActiveUsers(new AdminApi(page.request, token), () => playwright.request.newContext({ baseURL }), [{ first_name: "Sam", last_name: "Reyes" }]);
  const data = new PracticeApi(page.request, token);
  const later = new Date((await data.now()) + 10 * DAY);
  const local = new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

  await page.goto(`/settings/users/${sam!.id}`);
  await page.getByRole("button", { name: "Actions for Sam Reyes" }).click();
  await page.getByRole("menuitem", { name: "Deactivate" }).click();
  const dialog = page.getByRole("dialog", { name: "Deactivate Sam Reyes" });
  await dialog.getByText("On a date").click();
  await dialog.getByRole("button", { name: "Schedule deactivation" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Choose the date and time");
  await dialog.getByLabel("Deactivate on").fill(local);
  await dialog.getByRole("checkbox", { name: "Remove the license at the next bill" }).check();
  await expectAccessible(page);
  await screenshot(page, "deactivate-schedule", DIALOG_SHOTS);
  await dialog.getByRole("button", { name: "Schedule deactivation" }).click();
  await expect(dialog.getByTestId("deactivation-done")).toContainText("Sam Reyes will be deactivated on");
  await dialog.getByRole("button", { name: "Done" }).click();
  const user = await data.get<{ status: string; scheduled_deactivation_at: string }>(`/users/${sam!.id}`);
  expect(user.status).toBe("active");
  expect(Date.parse(user.scheduled_deactivation_at)).toBe(Date.parse(new Date(local).toISOString()));
});
