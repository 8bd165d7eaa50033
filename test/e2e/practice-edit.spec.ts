import { expect, test } from "@playwright/test";
import { AdminApi, PracticeApi, addActiveUsers } from "./api.js";
import { expectAccessible, newFirm, optionsOf, pick, screenshot, signUpByApi } from "./helpers.js";

interface MatterView {
  number: string;
  description: string;
  status: string;
  responsible_attorney: { id: string };
  originating_attorney: { id: string };
  client: { name: string } | null;
  access: { kind: string; group_ids: string[] };
  custom_rates: { user_id: string | null; group_id: string | null; rate_cents: number }[];
}

test("CON-1 PRC-2 GRP-4 an administrator creates and edits a matter in the console: active attorneys only, unarchived groups, a client, custom rates without excluded groups", async ({ page, playwright }) => {
  test.setTimeout(120_000);
  const baseURL = test.info().project.use.baseURL!;
  const firm = newFirm("con1m");
  const token = await signUpByApi(page.request, firm, { licenses: 6 });
  const admin = new AdminApi(page.request, token);
  const data = new PracticeApi(page.request, token);
  const me = await data.meId();
  const [dana, lee, gone] = (
    await addActiveUsers(admin, () => playwright.request.newContext({ baseURL }), [
      { first_name: "Dana", last_name: "Okoro" },
      { first_name: "Lee", last_name: "Marsh" },
      { first_name: "Gus", last_name: "Gone" },
    ])
  ).map((u) => u.id);
  await data.deactivate(gone!, { leave_work: true });
  const litigation = await admin.createGroup("Litigation", { member_ids: [dana!] });
  await admin.createGroup("Interns", { exclude_from_custom_rates: true });
  const old = await admin.createGroup("Old team");
  await data.post(`/groups/${old}/archive`, {}, 200);
  await data.post("/contacts", { name: "Harbour Holdings Ltd", email: "office@harbour.example" });

  await page.goto("/matters");
  await page.getByRole("button", { name: "New matter" }).click();
  const dialog = page.getByRole("dialog", { name: "New matter" });
  await expect(dialog).toBeVisible();
  // PRC-2: the deactivated user is not offered; GRP-4: the excluded group is not offered for rates.
  const attorneys = await optionsOf(page, "Responsible attorney");
  expect(attorneys).toEqual(expect.arrayContaining(["Dana Okoro", "Lee Marsh", "Eleanor Hartley"]));
  expect(attorneys.join()).not.toContain("Gus");
  await dialog.getByLabel("Number").fill("2026-0142");
  await dialog.getByLabel("Description").fill("Harbour Holdings: lease of the Bayside warehouse");
  await pick(page, "Responsible attorney", "Dana Okoro");
  // Access by groups lets in the group's members and the matter's attorneys: she stays one.
  await pick(page, "Originating attorney", "Eleanor Hartley");
  await pick(page, "Client", "Harbour Holdings Ltd");
  await dialog.getByLabel("Chosen groups").check();
  const groupChoices = await optionsOf(page, "Groups");
  expect(groupChoices).toContain("Litigation");
  expect(groupChoices.join()).not.toContain("Old team");
  await pick(page, "Groups", "Litigation");
  await dialog.getByRole("button", { name: "Add a rate" }).click();
  const rateChoices = await optionsOf(page, "Rate 1: person or group");
  expect(rateChoices).toEqual(expect.arrayContaining(["Litigation", "Dana Okoro"]));
  expect(rateChoices.join()).not.toContain("Interns");
  expect(rateChoices.join()).not.toContain("Gus");
  await pick(page, "Rate 1: person or group", "Litigation");
  await dialog.getByLabel("Rate 1: per hour").fill("325");
  await expectAccessible(page);
  await screenshot(page, "matter-new", { fullPage: false });
  await dialog.getByRole("button", { name: "Create matter" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("matter-row").filter({ hasText: "2026-0142" });
  await expect(row.getByTestId("responsible")).toHaveText("Dana Okoro");

  const listed = await data.get<{ data: (MatterView & { id: string })[] }>("/matters?q=2026-0142");
  const created = listed.data[0]!;
  expect(created).toMatchObject({
    description: "Harbour Holdings: lease of the Bayside warehouse",
    status: "open",
    responsible_attorney: { id: dana },
    originating_attorney: { id: me },
    client: { name: "Harbour Holdings Ltd" },
    access: { kind: "groups", group_ids: [litigation] },
    custom_rates: [{ group_id: litigation, rate_cents: 32_500 }],
  });

  // Edit: status, responsible attorney, a person's own rate; then it is there after a reload.
  await row.getByRole("button", { name: "Edit matter 2026-0142" }).click();
  const edit = page.getByRole("dialog", { name: "Edit matter 2026-0142" });
  await expect(edit.getByLabel("Number")).toHaveValue("2026-0142");
  await pick(page, "Status", "Pending");
  await pick(page, "Responsible attorney", "Lee Marsh");
  await edit.getByRole("button", { name: "Add a rate" }).click();
  await pick(page, "Rate 2: person or group", "Dana Okoro");
  await edit.getByLabel("Rate 2: per hour").fill("450.5");
  await expectAccessible(page);
  await edit.getByRole("button", { name: "Save matter" }).click();
  await expect(edit).toBeHidden();
  await expect(row.getByTestId("responsible")).toHaveText("Lee Marsh");
  await expect(row).toContainText("Pending");
  await page.reload();
  await expect(page.getByTestId("matter-row").filter({ hasText: "2026-0142" })).toContainText("Pending");
  const edited = await data.get<MatterView>(`/matters/${created.id}`);
  expect(edited.status).toBe("pending");
  expect(edited.responsible_attorney.id).toBe(lee);
  expect(edited.custom_rates).toEqual(expect.arrayContaining([expect.objectContaining({ user_id: dana, rate_cents: 45_050 }), expect.objectContaining({ group_id: litigation, rate_cents: 32_500 })]));
  await screenshot(page, "matters-after-edit");
});

test("CON-1 PRC-5 PRC-6 tasks and events are created and edited in the console: assignee among active users, marked complete; an event with attendees and a video link", async ({ page, playwright }) => {
  test.setTimeout(120_000);
  const baseURL = test.info().project.use.baseURL!;
  const firm = newFirm("con1t");
  const token = await signUpByApi(page.request, firm, { licenses: 6 });
  const admin = new AdminApi(page.request, token);
  const data = new PracticeApi(page.request, token);
  const me = await data.meId();
  const [dana, gone] = (
    await addActiveUsers(admin, () => playwright.request.newContext({ baseURL }), [
      { first_name: "Dana", last_name: "Okoro" },
      { first_name: "Gus", last_name: "Gone" },
    ])
  ).map((u) => u.id);
  await data.deactivate(gone!, { leave_work: true });
  const matter = await data.matter("2026-0007", "Estate of M. Whitfield", me, me);

  await page.goto("/tasks");
  await page.getByRole("button", { name: "New task" }).click();
  const dialog = page.getByRole("dialog", { name: "New task" });
  await dialog.getByLabel("Name").fill("Draft the will");
  await pick(page, "Matter", "2026-0007 · Estate of M. Whitfield");
  expect((await optionsOf(page, "Assignee")).join()).not.toContain("Gus");
  await pick(page, "Assignee", "Dana Okoro");
  await dialog.getByLabel("Due").fill("2030-05-01T17:00");
  await expectAccessible(page);
  await screenshot(page, "task-new", { fullPage: false });
  await dialog.getByRole("button", { name: "Create task" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("task-row").filter({ hasText: "Draft the will" });
  await expect(row.getByTestId("assignee")).toHaveText("Dana Okoro");
  await expect(row).toContainText("2026-0007");

  await row.getByRole("button", { name: "Edit task Draft the will" }).click();
  const edit = page.getByRole("dialog", { name: "Edit task" });
  await edit.getByLabel("Completed").check();
  await edit.getByRole("button", { name: "Save task" }).click();
  await expect(edit).toBeHidden();
  // The open list no longer shows it; the completed one does, after a reload too.
  await expect(row).toBeHidden();
  await page.goto("/tasks?show=done");
  await expect(page.getByTestId("task-row").filter({ hasText: "Draft the will" })).toContainText("Completed");
  const tasks = await data.get<{ data: { name: string; completed_at: string | null; assignee: { id: string }; matter: { id: string } | null; due_at: string | null }[] }>("/tasks?completed=true");
  expect(tasks.data).toEqual([expect.objectContaining({ name: "Draft the will", assignee: expect.objectContaining({ id: dana }), matter: expect.objectContaining({ id: matter.id }) })]);
  expect(tasks.data[0]!.completed_at).not.toBeNull();
  expect(tasks.data[0]!.due_at).not.toBeNull();

  await page.goto("/calendar");
  await page.getByRole("button", { name: "New event" }).click();
  const ev = page.getByRole("dialog", { name: "New event" });
  await ev.getByLabel("Title").fill("Reading of the will");
  await ev.getByLabel("Starts").fill("2030-05-02T10:00");
  await ev.getByLabel("Ends").fill("2030-05-02T11:00");
  await pick(page, "Matter", "2026-0007 · Estate of M. Whitfield");
  expect((await optionsOf(page, "Attendees")).join()).not.toContain("Gus");
  await pick(page, "Attendees", "Dana Okoro");
  await ev.getByLabel("Video call service").fill("Zoom");
  await ev.getByLabel("Video call link").fill("https://zoom.example/j/81234567890");
  await expectAccessible(page);
  await screenshot(page, "event-new", { fullPage: false });
  await ev.getByRole("button", { name: "Add event" }).click();
  await expect(ev).toBeHidden();
  const evRow = page.getByTestId("event-row").filter({ hasText: "Reading of the will" });
  await expect(evRow).toContainText("Join on Zoom");
  await expect(evRow).toContainText("Dana Okoro");

  await evRow.getByRole("button", { name: "Edit event Reading of the will" }).click();
  const evEdit = page.getByRole("dialog", { name: "Edit event" });
  await evEdit.getByLabel("Title").fill("Reading of the will (moved)");
  await evEdit.getByLabel("Ends").fill("2030-05-02T12:00");
  await evEdit.getByRole("button", { name: "Save event" }).click();
  await expect(evEdit).toBeHidden();
  await page.reload();
  await expect(page.getByTestId("event-row").filter({ hasText: "Reading of the will (moved)" })).toBeVisible();
  const events = await data.get<{ data: { title: string; start_at: string; end_at: string; attendees: { id: string }[]; conference: { url: string } | null; matter: { id: string } | null }[] }>("/calendar-events");
  const saved = events.data.find((e) => e.title === "Reading of the will (moved)")!;
  expect(Date.parse(saved.end_at) - Date.parse(saved.start_at)).toBe(2 * 3_600_000);
  expect(saved.attendees.map((a) => a.id)).toEqual([dana]);
  expect(saved.conference?.url).toBe("https://zoom.example/j/81234567890");
  expect(saved.matter?.id).toBe(matter.id);
  await screenshot(page, "calendar-after-edit");
});
